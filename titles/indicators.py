"""What titles states about an area and year (khuyenhoc.core.registry): each learning
title's registrations and recognitions against its denominator, and the groups of people
of Công dân học tập."""

from khuyenhoc.areas import metrics as m
from khuyenhoc.areas.indicators import SHORT, SLUGS
from khuyenhoc.core.registry import Indicator, register

from .metrics import CITIZEN_GROUPS

# Section and place of each title in the report, and its place in the downloads.
PLACES = {
    "citizen": ("cong-dan", 10, 10),
    "household": ("danh-hieu", 10, 20),
    "clan": ("danh-hieu", 20, 30),
    "village": ("danh-hieu", 30, 40),
    "commune": ("danh-hieu", 35, 60),
    "unit": ("danh-hieu", 40, 50),
}


def _title(code):
    name, denominator = m.TITLES[code]
    section, order, column_order = PLACES[code]
    stages = (m.title_metric(code, "registered"), m.title_metric(code, "recognised"))
    return Indicator(
        key=code,
        label=name,
        section=section,
        metrics=stages + ((denominator,) if denominator else ()),
        app="titles",
        order=order,
        title=code,
        denominator=denominator or "",
        # Cộng đồng học tập cấp xã is the commune's own: counted against the communes
        per_commune=denominator is None,
        column=name,
        column_order=column_order,
        slug=SLUGS.get(code, ""),
        short=SHORT.get(code, ""),
    )


def register_indicators():
    register(*(_title(code) for code in m.TITLES))
    register(
        *(
            Indicator(
                key=f"citizen.g{group}",
                label=f"Nhóm {group}: {label}",
                section="cong-dan",
                metrics=(
                    m.citizen_group_metric(group, "registered"),
                    m.citizen_group_metric(group, "recognised"),
                ),
                level=1,
                order=10 + group,
                stages=True,
                short=label,
            )
            for group, label in CITIZEN_GROUPS.items()
        )
    )
