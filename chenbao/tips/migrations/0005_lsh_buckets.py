"""The near-duplicate lookup's LSH band keys, stored with each tip (docs/decisions/0018).

Adds `Tip.lsh_keys` and fills it for every tip from its stored MinHash signature (or its
text, where the signature is unusable), so that a process starting after the migration
builds its index from stored keys.
"""

from django.db import migrations, models


def fill(apps, schema_editor):
    from chenbao.tips import lsh, similarity  # pure modules; the bands are the ones in use

    Tip = apps.get_model("tips", "Tip")
    changed = []
    for tip in Tip.objects.only("pk", "text", "minhash").iterator(chunk_size=500):
        sig = tip.minhash
        if not isinstance(sig, list) or len(sig) != similarity.NUM_PERM:
            sig = similarity.signature(tip.text)
        tip.lsh_keys = lsh.keys_bytes(lsh.band_keys(sig))
        changed.append(tip)
        if len(changed) == 500:
            Tip.objects.bulk_update(changed, ["lsh_keys"])
            changed.clear()
    Tip.objects.bulk_update(changed, ["lsh_keys"])


class Migration(migrations.Migration):
    dependencies = [("tips", "0004_rate_bucket")]

    operations = [
        migrations.AddField(
            model_name="tip",
            name="lsh_keys",
            field=models.BinaryField(default=b"", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
