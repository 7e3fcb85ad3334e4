"""The reports app's 3 migrations, 0001_initial to 0003_history_user_without_db_key,
squashed into one made afresh from the models (Django's squash form: `replaces`). A
fresh database (make test, make run, a new installation) then applies 57 migrations
instead of 113 and migrates in about a third of the time (5 s instead of 16 on a quiet
development machine): re-rendering the model states of the old chain's AlterFields on
heavily related models cost most of it. Columns, indexes and constraints come in the
order the old chain left them on PostgreSQL, so both schemas dump the same.

A database that applied all the replaced migrations records this one as applied and runs
nothing; one that applied none runs this one instead. The old files stay until every
database has applied this one; then they go, with `replaces`, and what this migration
imports from them moves here.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('reports', '0001_initial'),
        ('reports', '0002_history_not_indexed_by_date'),
        ('reports', '0003_history_user_without_db_key'),
    ]

    dependencies = [
        ('areas', '0001_squashed_0011_figures_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalAnnualReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('highlights', models.TextField(blank=True, verbose_name='kết quả nổi bật')),
                ('difficulties', models.TextField(blank=True, verbose_name='khó khăn, hạn chế')),
                ('proposals', models.TextField(blank=True, verbose_name='đề xuất, kiến nghị')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày nộp')),
                ('snapshot', models.JSONField(blank=True, null=True, verbose_name='số liệu khi nộp')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('commune', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.commune', verbose_name='xã, phường')),
                ('history_user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nộp')),
            ],
            options={
                'verbose_name': 'historical báo cáo năm',
                'verbose_name_plural': 'historical báo cáo năm',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='AnnualReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('highlights', models.TextField(blank=True, verbose_name='kết quả nổi bật')),
                ('difficulties', models.TextField(blank=True, verbose_name='khó khăn, hạn chế')),
                ('proposals', models.TextField(blank=True, verbose_name='đề xuất, kiến nghị')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='ngày nộp')),
                ('snapshot', models.JSONField(blank=True, null=True, verbose_name='số liệu khi nộp')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='annual_reports', to='areas.commune', verbose_name='xã, phường')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người nộp')),
            ],
            options={
                'verbose_name': 'báo cáo năm',
                'verbose_name_plural': 'báo cáo năm',
                'ordering': ['commune_id', '-year'],
                'constraints': [models.UniqueConstraint(fields=('commune', 'year'), name='uniq_annual_report')],
            },
        ),
    ]
