from django.db import migrations

DEFAULT_TIERS = [("线索奖", 50), ("采用奖", 100), ("好线索", 200), ("独家奖", 500), ("重大独家", 1000)]


def create_tiers(apps, schema_editor):
    RewardTier = apps.get_model("rewards", "RewardTier")
    if not RewardTier.objects.exists():
        for i, (label, amount) in enumerate(DEFAULT_TIERS):
            RewardTier.objects.create(label=label, amount=amount, sort_order=i)


class Migration(migrations.Migration):
    dependencies = [("rewards", "0002_initial")]
    operations = [migrations.RunPython(create_tiers, migrations.RunPython.noop)]
