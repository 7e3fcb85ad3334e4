"""Ships the criteria sets known today. Later versions are added in the admin."""

import datetime

from django.db import migrations

CITIZEN = {
    "title": "citizen",
    "version": 1,
    "name": "Tiêu chí Công dân học tập",
    "decision_reference": "Quyết định 324/QĐ-KHVN ngày 25/10/2023 của Hội Khuyến học Việt Nam",
    "effective_from": datetime.date(2023, 10, 25),
    "pass_mark": 80,
    "pass_mark_disadvantaged": 70,
    "min_per_indicator": 5,
    "to_be_checked": False,
    "notes": "Áp dụng cho 4 nhóm đối tượng; 3 năng lực cốt lõi, 10 chỉ số, mỗi chỉ số tối đa "
    "10 điểm. Đạt: từ 80 điểm (70 điểm ở vùng sâu, vùng xa, vùng đặc biệt khó khăn, vùng đồng "
    "bào dân tộc thiểu số), không chỉ số nào dưới 5 điểm. Nội dung chỉ số theo dự thảo 2020 "
    "(4 + 4 + 2); cần đối chiếu lời văn với văn bản gốc.",
    "groups": [
        (
            "Năng lực tự học và học tập suốt đời",
            [
                "Đọc sách, báo, cập nhật thông tin thường xuyên",
                "Có kế hoạch học tập của bản thân",
                "Tham gia sinh hoạt tại nhà văn hóa, câu lạc bộ, thư viện, trung tâm học tập cộng đồng",
                "Động viên, khuyến khích người khác học tập",
            ],
        ),
        (
            "Năng lực sử dụng công cụ học tập, làm việc",
            [
                "Sử dụng công nghệ thông tin trong công việc",
                "Sử dụng ngoại ngữ phục vụ công việc",
                "Vận dụng kiến thức tính toán để nâng cao năng suất",
                "Tư duy phản biện trong công việc",
            ],
        ),
        (
            "Năng lực xây dựng và thực hiện các mối quan hệ xã hội",
            [
                "Quan hệ thân thiện, tránh xung đột",
                "Hợp tác, chia sẻ trong công việc và cộng đồng",
            ],
        ),
    ],
}

REF_448 = "Quyết định 448/QĐ-KHVN ngày 01/12/2015 của Hội Khuyến học Việt Nam"
TO_CHECK = "Khung 100 điểm; điểm từng tiêu chí và ngưỡng đạt cần đối chiếu với văn bản gốc."

HOUSEHOLD_GROUPS = [
    (
        "Học tập của trẻ em trong gia đình (30 điểm)",
        [
            ("Trẻ em trong độ tuổi phổ cập đều đi học và hoàn thành chương trình", 10),
            ("Kết quả học tập từ trung bình, hạnh kiểm từ khá trở lên", 10),
            ("Trung thực, lễ phép, tích cực tham gia hoạt động ở địa phương", 10),
        ],
    ),
    (
        "Học tập của người lớn trong gia đình (30 điểm)",
        [
            ("Người lớn từ 19 đến 60 tuổi biết chữ mức độ 1 trở lên", 10),
            ("Người lớn học ít nhất một chuyên đề mỗi năm", 10),
            ("Người lớn tham gia sinh hoạt học tập ở cộng đồng", 10),
        ],
    ),
    (
        "Điều kiện học tập của gia đình (20 điểm)",
        [
            ("Có góc học tập, sách báo, phương tiện học tập", 10),
            ("Dành thời gian và kinh phí cho học tập", 10),
        ],
    ),
    (
        "Tác dụng của học tập đối với đời sống gia đình (20 điểm)",
        [
            ("Kinh tế gia đình ổn định, cải thiện nhờ học tập", 10),
            ("Gia đình hòa thuận, thực hiện tốt quy định của địa phương", 10),
        ],
    ),
]


def generic_groups(subject):
    return [
        (
            f"Phong trào học tập của {subject} (30 điểm)",
            [(f"Tổ chức, tham gia học tập của {subject}", 15), ("Kết quả học tập", 15)],
        ),
        (
            "Điều kiện bảo đảm cho học tập (30 điểm)",
            [("Cơ sở vật chất, tài liệu học tập", 15), ("Kinh phí, khuyến học, khuyến tài", 15)],
        ),
        (
            "Tác dụng của học tập (40 điểm)",
            [
                ("Đời sống, thu nhập được cải thiện", 20),
                ("Thực hiện tốt chủ trương, chính sách, quy định", 20),
            ],
        ),
    ]


OTHERS = [
    ("household", "Tiêu chí Gia đình học tập", REF_448, HOUSEHOLD_GROUPS),
    ("clan", "Tiêu chí Dòng họ học tập", REF_448, generic_groups("dòng họ")),
    ("village", "Tiêu chí Cộng đồng học tập cấp thôn", REF_448, generic_groups("thôn, bản, tổ")),
    ("unit", "Tiêu chí Đơn vị học tập", REF_448, generic_groups("đơn vị")),
    (
        "commune",
        "Tiêu chí Cộng đồng học tập cấp xã",
        "Thông tư 44/2014/TT-BGDĐT ngày 12/12/2014 của Bộ Giáo dục và Đào tạo",
        generic_groups("xã"),
    ),
]


def ship(apps, schema_editor):
    CriteriaSet = apps.get_model("titles", "CriteriaSet")
    CriteriaGroup = apps.get_model("titles", "CriteriaGroup")
    Indicator = apps.get_model("titles", "Indicator")

    def create(spec, groups):
        cset = CriteriaSet.objects.create(**spec)
        for order, (group_name, indicators) in enumerate(groups, start=1):
            group = CriteriaGroup.objects.create(criteria_set=cset, order=order, name=group_name)
            for sub, (name, points) in enumerate(indicators, start=1):
                Indicator.objects.create(
                    group=group, order=sub, code=f"{order}.{sub}", name=name, max_points=points
                )

    citizen = dict(CITIZEN)
    groups = [(g, [(n, 10) for n in names]) for g, names in citizen.pop("groups")]
    create(citizen, groups)
    for title, name, reference, groups in OTHERS:
        spec = {
            "title": title,
            "version": 1,
            "name": name,
            "decision_reference": reference,
            "effective_from": datetime.date(2016, 1, 1)
            if title != "commune"
            else datetime.date(2015, 1, 26),
            "pass_mark": 80,
            "pass_mark_disadvantaged": None,
            "min_per_indicator": None,
            "to_be_checked": True,
            "notes": TO_CHECK,
        }
        create(spec, groups)


def unship(apps, schema_editor):
    apps.get_model("titles", "CriteriaSet").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("titles", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
