"""Proof rounds (三校) and print releases (付印) belong to the printed page: they move to
editions (editions 0004 takes them over, tables and permissions included)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stories", "0004_print_release")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PrintRelease"),
                migrations.DeleteModel(name="ProofRound"),
            ],
            database_operations=[],
        )
    ]
