from django.core.management.base import BaseCommand

from khuyenhoc.areas.units import load_units


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính chính thức (mới, cũ và bảng chuyển đổi) từ vietnam-provinces."

    def handle(self, *args, **options):
        counts = load_units()
        self.stdout.write(
            "Đã nạp {provinces} tỉnh, {communes} xã/phường/đặc khu; đơn vị cũ: "
            "{legacy_provinces} tỉnh, {legacy_districts} huyện, {legacy_communes} xã; "
            "{legacy_mappings} cặp chuyển đổi cũ → mới.".format(**counts)
        )
