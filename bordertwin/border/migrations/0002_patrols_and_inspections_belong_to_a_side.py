"""Patrols and inspections belong to a side: a patrol to its one unit's side (both sides' with a unit of each),
else to the side of whoever recorded it; an inspection to the side that recorded it."""

from django.db import migrations, models


def assign_sides(apps, schema_editor):
    Patrol = apps.get_model("border", "Patrol")
    MarkerInspection = apps.get_model("border", "MarkerInspection")
    Patrol.objects.filter(vn_unit__isnull=False, la_unit__isnull=True).update(owning_side="VN")
    Patrol.objects.filter(vn_unit__isnull=True, la_unit__isnull=False).update(owning_side="LA")
    for side in ("VN", "LA"):
        Patrol.objects.filter(vn_unit__isnull=True, la_unit__isnull=True, created_by__side=side).update(owning_side=side)
        MarkerInspection.objects.filter(created_by__side=side).update(recorded_by_side=side)


class Migration(migrations.Migration):

    dependencies = [
        ('border', '0001_border_segments_markers_patrols_incidents'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmarkerinspection',
            name='recorded_by_side',
            field=models.CharField(blank=True, choices=[('VN', 'Vietnam'), ('LA', 'Laos')], editable=False, max_length=2, verbose_name='recorded by'),
        ),
        migrations.AddField(
            model_name='historicalpatrol',
            name='owning_side',
            field=models.CharField(blank=True, choices=[('VN', 'Vietnam'), ('LA', 'Laos')], editable=False, help_text="The side whose patrol it is; empty for a joint patrol, which is both sides'.", max_length=2, verbose_name='side'),
        ),
        migrations.AddField(
            model_name='historicalpatrol',
            name='shared_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='shared'),
        ),
        migrations.AddField(
            model_name='markerinspection',
            name='recorded_by_side',
            field=models.CharField(blank=True, choices=[('VN', 'Vietnam'), ('LA', 'Laos')], editable=False, max_length=2, verbose_name='recorded by'),
        ),
        migrations.AddField(
            model_name='patrol',
            name='owning_side',
            field=models.CharField(blank=True, choices=[('VN', 'Vietnam'), ('LA', 'Laos')], editable=False, help_text="The side whose patrol it is; empty for a joint patrol, which is both sides'.", max_length=2, verbose_name='side'),
        ),
        migrations.AddField(
            model_name='patrol',
            name='shared_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='shared'),
        ),
        migrations.RunPython(assign_sides, migrations.RunPython.noop),
    ]
