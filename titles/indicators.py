"""What titles states about an area and year (khuyenhoc.core.registry): each learning
title's registrations and recognitions against its denominator, and the groups of people
of Công dân học tập."""

from functools import partial

from khuyenhoc.core.numbers import number
from khuyenhoc.core.registry import Indicator, register, register_headline

from . import metrics as m
from .metrics import CITIZEN_GROUPS, SHORT, SLUGS

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
        stage_metrics=tuple(m.title_metric(code, stage) for stage in m.TITLE_STAGES),
        declared=m.declared_metric(code, "registered"),
        decisions=(m.title_metric(code, "recognised"), m.title_metric(code, "not_recognised")),
        target=partial(m.target_for, code) if code in m.RATE_TITLES else None,
    )


def _headline(value, _area, _figures):
    """The annual report's opening words on the learning titles."""
    if value("household") is None:
        return []
    return [
        f"{number(value('household'))} hộ đạt Gia đình học tập, "
        f"{number(value('clan'))} dòng họ học tập, "
        f"{number(value('village'))} thôn, tổ dân phố đạt Cộng đồng học tập "
        f"và {number(value('unit'))} Đơn vị học tập"
    ]


def register_indicators():
    register_headline("titles", 20, _headline)
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
