"""Recompute every tip's MinHash signature with the SHAKE-128 hash family.

The signature's hash functions changed (docs/decisions/0012), so signatures stored before
cannot be compared with new ones; the tip text is kept in the row, so each is recomputed.
"""

from django.db import migrations


def recompute(apps, schema_editor):
    from chenbao.tips import similarity  # pure module; the function is the one in use

    Tip = apps.get_model("tips", "Tip")
    changed = []
    for tip in Tip.objects.only("pk", "text", "minhash").iterator(chunk_size=500):
        tip.minhash = similarity.signature(tip.text)
        changed.append(tip)
        if len(changed) == 500:
            Tip.objects.bulk_update(changed, ["minhash"])
            changed.clear()
    Tip.objects.bulk_update(changed, ["minhash"])


class Migration(migrations.Migration):
    dependencies = [("tips", "0002_desk_admin_access")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
