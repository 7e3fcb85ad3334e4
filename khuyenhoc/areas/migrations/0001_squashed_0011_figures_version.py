"""The areas app's 13 migrations, 0001_initial to 0011_figures_version, squashed into one
made afresh from the models (Django's squash form: `replaces`). A fresh database (make
test, make run, a new installation) then applies 57 migrations instead of 113 and
migrates in about a third of the time (5 s instead of 16 on a quiet development
machine): re-rendering the model states of the old chain's AlterFields on heavily
related models cost most of it. Columns, indexes and constraints come in the order the
old chain left them on PostgreSQL, so both schemas dump the same.

What the models do not express comes from the old migrations' own functions: the
figures' version sequence of 0011 (PostgreSQL only).

A database that applied all the replaced migrations records this one as applied and runs
nothing; one that applied none runs this one instead. The old files stay until every
database has applied this one; then they go, with `replaces`, and what this migration
imports from them moves here.
"""

from importlib import import_module

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


FIGURES_VERSION = import_module("khuyenhoc.areas.migrations.0011_figures_version")


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('areas', '0001_initial'),
        ('areas', '0002_history'),
        ('areas', '0003_names_folded_composed'),
        ('areas', '0004_history_not_indexed_by_date'),
        ('areas', '0005_history_user_without_db_key'),
        ('areas', '0006_village_id_commune_unique'),
        ('areas', '0007_province_figure'),
        ('areas', '0008_commune_groups'),
        ('areas', '0008_legacy_reports'),
        ('areas', '0008_province_staff_role'),
        ('areas', '0009_merge_0008_commune_groups_0008_legacy_reports'),
        ('areas', '0010_merge_province_staff_role'),
        ('areas', '0011_figures_version'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Province',
            fields=[
                ('code', models.PositiveIntegerField(primary_key=True, serialize=False, verbose_name='mã')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
                ('kind', models.CharField(max_length=40, verbose_name='loại')),
                ('codename', models.SlugField(max_length=100, verbose_name='mã chữ')),
            ],
            options={
                'verbose_name': 'tỉnh, thành phố',
                'verbose_name_plural': 'tỉnh, thành phố (từ 01/7/2025)',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='Commune',
            fields=[
                ('code', models.PositiveIntegerField(primary_key=True, serialize=False, verbose_name='mã')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
                ('kind', models.CharField(max_length=40, verbose_name='loại')),
                ('codename', models.SlugField(max_length=100, verbose_name='mã chữ')),
                ('is_disadvantaged', models.BooleanField(default=False, help_text='Vùng sâu, vùng xa, vùng đặc biệt khó khăn hoặc vùng đồng bào dân tộc thiểu số: ngưỡng đạt danh hiệu thấp hơn.', verbose_name='vùng khó khăn')),
                ('province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='communes', to='areas.province', verbose_name='tỉnh')),
            ],
            options={
                'verbose_name': 'xã, phường, đặc khu',
                'verbose_name_plural': 'xã, phường, đặc khu (từ 01/7/2025)',
                'ordering': ['province_id', 'name'],
            },
        ),
        migrations.CreateModel(
            name='LegacyProvince',
            fields=[
                ('code', models.PositiveIntegerField(primary_key=True, serialize=False, verbose_name='mã')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
                ('kind', models.CharField(max_length=40, verbose_name='loại')),
            ],
            options={
                'verbose_name': 'tỉnh cũ',
                'verbose_name_plural': 'tỉnh cũ (trước 01/7/2025)',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='LegacyDistrict',
            fields=[
                ('code', models.PositiveIntegerField(primary_key=True, serialize=False, verbose_name='mã')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
                ('kind', models.CharField(max_length=40, verbose_name='loại')),
                ('province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='districts', to='areas.legacyprovince', verbose_name='tỉnh cũ')),
            ],
            options={
                'verbose_name': 'huyện cũ',
                'verbose_name_plural': 'huyện cũ (trước 01/7/2025)',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='LegacyCommune',
            fields=[
                ('code', models.PositiveIntegerField(primary_key=True, serialize=False, verbose_name='mã')),
                ('name', models.CharField(max_length=100, verbose_name='tên')),
                ('kind', models.CharField(max_length=40, verbose_name='loại')),
                ('district', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='communes', to='areas.legacydistrict', verbose_name='huyện cũ')),
            ],
            options={
                'verbose_name': 'xã cũ',
                'verbose_name_plural': 'xã cũ (trước 01/7/2025)',
                'ordering': ['code'],
            },
        ),
        migrations.CreateModel(
            name='CommuneGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=150, verbose_name='tên nhóm')),
                ('description', models.TextField(blank=True, help_text='Hiện trên trang công khai của nhóm.', verbose_name='giới thiệu')),
                ('communes', models.ManyToManyField(related_name='groups', to='areas.commune', verbose_name='xã, phường trong nhóm')),
                ('province', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='groups', to='areas.province', verbose_name='tỉnh')),
            ],
            options={
                'verbose_name': 'nhóm xã, phường',
                'verbose_name_plural': 'nhóm xã, phường (cụm thi đua, thành phố cũ…)',
                'ordering': ['province_id', 'name'],
                'constraints': [models.UniqueConstraint(fields=('province', 'name'), name='uniq_commune_group_name', violation_error_message='Tỉnh đã có nhóm mang tên này.')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCommuneGroup',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=150, verbose_name='tên nhóm')),
                ('description', models.TextField(blank=True, help_text='Hiện trên trang công khai của nhóm.', verbose_name='giới thiệu')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('province', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.province', verbose_name='tỉnh')),
            ],
            options={
                'verbose_name': 'historical nhóm xã, phường',
                'verbose_name_plural': 'historical nhóm xã, phường (cụm thi đua, thành phố cũ…)',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCommuneGroup_communes',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('commune', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.commune')),
                ('communegroup', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.communegroup')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='areas.historicalcommunegroup')),
            ],
            options={
                'verbose_name': 'HistoricalCommuneGroup_communes',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDenominator',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='dân số')),
                ('adults', models.PositiveIntegerField(blank=True, null=True, verbose_name='người trưởng thành')),
                ('households', models.PositiveIntegerField(blank=True, null=True, verbose_name='hộ gia đình')),
                ('clans', models.PositiveIntegerField(blank=True, null=True, verbose_name='dòng họ')),
                ('villages', models.PositiveIntegerField(blank=True, null=True, verbose_name='thôn, bản, tổ dân phố')),
                ('units', models.PositiveIntegerField(blank=True, null=True, verbose_name='cơ quan, đơn vị')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('commune', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.commune', verbose_name='xã, phường')),
                ('history_user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'historical số liệu nền',
                'verbose_name_plural': 'historical số liệu nền theo năm',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalLegacyReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dân số')),
                ('adults', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dân số trong độ tuổi')),
                ('households', models.PositiveIntegerField(blank=True, null=True, verbose_name='Hộ gia đình')),
                ('clans', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ')),
                ('villages', models.PositiveIntegerField(blank=True, null=True, verbose_name='Thôn, bản, tổ dân phố')),
                ('units', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cơ quan, đơn vị')),
                ('citizen_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Công dân học tập: đăng ký')),
                ('citizen_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Công dân học tập: được công nhận')),
                ('household_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Gia đình học tập: đăng ký')),
                ('household_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Gia đình học tập: được công nhận')),
                ('clan_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ học tập: đăng ký')),
                ('clan_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ học tập: được công nhận')),
                ('village_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp thôn: đăng ký')),
                ('village_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp thôn: được công nhận')),
                ('commune_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp xã: đăng ký')),
                ('commune_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp xã: được công nhận')),
                ('unit_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Đơn vị học tập: đăng ký')),
                ('unit_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Đơn vị học tập: được công nhận')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('legacy_commune', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.legacycommune', verbose_name='xã cũ')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'historical báo cáo năm của xã cũ',
                'verbose_name_plural': 'historical báo cáo năm của xã cũ (trước 01/7/2025)',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='LegacyMapping',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_partly_merged', models.BooleanField(help_text='Xã cũ bị chia cho nhiều xã mới.', verbose_name='sáp nhập một phần')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='legacy_mappings', to='areas.commune', verbose_name='xã mới')),
                ('legacy_commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mappings', to='areas.legacycommune', verbose_name='xã cũ')),
            ],
            options={
                'verbose_name': 'chuyển đổi cũ → mới',
                'verbose_name_plural': 'bảng chuyển đổi cũ → mới',
                'constraints': [models.UniqueConstraint(fields=('legacy_commune', 'commune'), name='uniq_legacy_pair')],
            },
        ),
        migrations.AddField(
            model_name='legacycommune',
            name='new_communes',
            field=models.ManyToManyField(related_name='legacy_sources', through='areas.LegacyMapping', to='areas.commune', verbose_name='xã mới'),
        ),
        migrations.CreateModel(
            name='LegacyReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dân số')),
                ('adults', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dân số trong độ tuổi')),
                ('households', models.PositiveIntegerField(blank=True, null=True, verbose_name='Hộ gia đình')),
                ('clans', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ')),
                ('villages', models.PositiveIntegerField(blank=True, null=True, verbose_name='Thôn, bản, tổ dân phố')),
                ('units', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cơ quan, đơn vị')),
                ('citizen_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Công dân học tập: đăng ký')),
                ('citizen_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Công dân học tập: được công nhận')),
                ('household_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Gia đình học tập: đăng ký')),
                ('household_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Gia đình học tập: được công nhận')),
                ('clan_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ học tập: đăng ký')),
                ('clan_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Dòng họ học tập: được công nhận')),
                ('village_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp thôn: đăng ký')),
                ('village_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp thôn: được công nhận')),
                ('commune_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp xã: đăng ký')),
                ('commune_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Cộng đồng học tập cấp xã: được công nhận')),
                ('unit_registered', models.PositiveIntegerField(blank=True, null=True, verbose_name='Đơn vị học tập: đăng ký')),
                ('unit_recognised', models.PositiveIntegerField(blank=True, null=True, verbose_name='Đơn vị học tập: được công nhận')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
                ('legacy_commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='areas.legacycommune', verbose_name='xã cũ')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'báo cáo năm của xã cũ',
                'verbose_name_plural': 'báo cáo năm của xã cũ (trước 01/7/2025)',
                'ordering': ['legacy_commune_id', '-year'],
                'constraints': [models.UniqueConstraint(fields=('legacy_commune', 'year'), name='uniq_legacy_report'), models.CheckConstraint(condition=models.Q(('year__lt', 2025)), name='legacy_report_before_reform')],
            },
        ),
        migrations.CreateModel(
            name='ProvinceFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('metric', models.CharField(max_length=60, verbose_name='chỉ tiêu')),
                ('value', models.BigIntegerField(verbose_name='giá trị')),
                ('province', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='areas.province', verbose_name='tỉnh')),
            ],
            options={
                'verbose_name': 'số liệu tổng hợp của Hội tỉnh',
                'verbose_name_plural': 'số liệu tổng hợp của Hội tỉnh',
                'constraints': [models.UniqueConstraint(fields=('province', 'year', 'metric'), name='uniq_province_figure')],
            },
        ),
        migrations.CreateModel(
            name='StaffProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('commune_staff', 'Cán bộ khuyến học xã, phường'), ('reviewer', 'Cán bộ Hội tỉnh (thẩm định)'), ('administrator', 'Quản trị'), ('province_staff', 'Cán bộ văn phòng Hội tỉnh (quỹ Hội tỉnh)')], max_length=20, verbose_name='vai trò')),
                ('communes', models.ManyToManyField(blank=True, related_name='staff_profiles', to='areas.commune', verbose_name='xã, phường phụ trách')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='staff_profile', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản')),
            ],
            options={
                'verbose_name': 'phân quyền cán bộ',
                'verbose_name_plural': 'phân quyền cán bộ',
            },
        ),
        migrations.CreateModel(
            name='Village',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='tên')),
                ('name_folded', models.CharField(db_index=True, editable=False, max_length=120)),
                ('kind', models.CharField(choices=[('thon', 'Thôn'), ('ban', 'Bản'), ('to', 'Tổ dân phố'), ('khac', 'Khác (ấp, khu phố, tiểu khu…)')], default='thon', max_length=8, verbose_name='loại')),
                ('is_active', models.BooleanField(default=True, verbose_name='đang hoạt động')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='villages', to='areas.commune', verbose_name='xã, phường')),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='merged_from', to='areas.village', verbose_name='đã sáp nhập vào')),
            ],
            options={
                'verbose_name': 'thôn, bản, tổ dân phố',
                'verbose_name_plural': 'thôn, bản, tổ dân phố',
                'ordering': ['commune_id', 'name'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_active', True)), fields=('commune', 'name_folded'), name='uniq_active_village_name', violation_error_message='Xã đã có thôn, bản, tổ dân phố mang tên này.'), models.UniqueConstraint(fields=('id', 'commune'), name='village_in_commune')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalVillage',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='tên')),
                ('name_folded', models.CharField(db_index=True, editable=False, max_length=120)),
                ('kind', models.CharField(choices=[('thon', 'Thôn'), ('ban', 'Bản'), ('to', 'Tổ dân phố'), ('khac', 'Khác (ấp, khu phố, tiểu khu…)')], default='thon', max_length=8, verbose_name='loại')),
                ('is_active', models.BooleanField(default=True, verbose_name='đang hoạt động')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField()),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('commune', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.commune', verbose_name='xã, phường')),
                ('history_user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('merged_into', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='areas.village', verbose_name='đã sáp nhập vào')),
            ],
            options={
                'verbose_name': 'historical thôn, bản, tổ dân phố',
                'verbose_name_plural': 'historical thôn, bản, tổ dân phố',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Denominator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='dân số')),
                ('adults', models.PositiveIntegerField(blank=True, null=True, verbose_name='người trưởng thành')),
                ('households', models.PositiveIntegerField(blank=True, null=True, verbose_name='hộ gia đình')),
                ('clans', models.PositiveIntegerField(blank=True, null=True, verbose_name='dòng họ')),
                ('villages', models.PositiveIntegerField(blank=True, null=True, verbose_name='thôn, bản, tổ dân phố')),
                ('units', models.PositiveIntegerField(blank=True, null=True, verbose_name='cơ quan, đơn vị')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='denominators', to='areas.commune', verbose_name='xã, phường')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cập nhật')),
            ],
            options={
                'verbose_name': 'số liệu nền',
                'verbose_name_plural': 'số liệu nền theo năm',
                'ordering': ['commune_id', '-year'],
                'constraints': [models.UniqueConstraint(fields=('commune', 'year'), name='uniq_denominator_year'), models.CheckConstraint(condition=models.Q(('adults__isnull', True), ('population__isnull', True), ('adults__lte', models.F('population')), _connector='OR'), name='adults_within_population'), models.CheckConstraint(condition=models.Q(('households__isnull', True), ('population__isnull', True), ('households__lte', models.F('population')), _connector='OR'), name='households_within_population')],
            },
        ),
        migrations.CreateModel(
            name='Figure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('metric', models.CharField(max_length=60, verbose_name='chỉ tiêu')),
                ('value', models.BigIntegerField(verbose_name='giá trị')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='areas.commune', verbose_name='xã, phường')),
            ],
            options={
                'verbose_name': 'số liệu tổng hợp',
                'verbose_name_plural': 'số liệu tổng hợp',
                'indexes': [models.Index(fields=['year', 'metric'], name='figure_year_metric')],
                'constraints': [models.UniqueConstraint(fields=('commune', 'year', 'metric'), name='uniq_figure')],
            },
        ),
        migrations.CreateModel(
            name='LegacyFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('metric', models.CharField(max_length=60, verbose_name='chỉ tiêu')),
                ('value', models.BigIntegerField(verbose_name='giá trị')),
                ('legacy_commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='areas.legacycommune', verbose_name='xã cũ')),
            ],
            options={
                'verbose_name': 'số liệu tổng hợp (đơn vị cũ)',
                'verbose_name_plural': 'số liệu tổng hợp (đơn vị cũ)',
                'constraints': [models.UniqueConstraint(fields=('legacy_commune', 'year', 'metric'), name='uniq_legacy_figure'), models.CheckConstraint(condition=models.Q(('year__lte', 2025)), name='legacy_figure_before_reform')],
            },
        ),
        migrations.RunPython(FIGURES_VERSION.create, FIGURES_VERSION.drop, elidable=False),
    ]
