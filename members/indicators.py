"""What members states about an area and year (khuyenhoc.core.registry): its
grassroots branches by kind, with the labels of the model's own choices, and its members
through the year, counted against the population."""

from khuyenhoc.areas.metrics import POPULATION
from khuyenhoc.core.numbers import number
from khuyenhoc.core.registry import DECIMAL, Indicator, register, register_headline

from . import metrics as m
from .models import Branch

BRANCHES_PREFIX = m.BRANCHES_GRASSROOTS + "."


def _headline(value, area, _figures):
    """The annual report's opening words on the association."""
    if value("branches") is None:
        return []
    return [
        f"Toàn {area} có {number(value('branches'))} chi hội và Ban khuyến học "
        f"với {number(value('members.end'))} hội viên"
    ]


def register_indicators():
    register_headline("members", 10, _headline)
    register(
        Indicator(
            key="branches",
            label="Chi hội và Ban khuyến học",
            section="to-chuc",
            metrics=(m.BRANCHES_GRASSROOTS,),
            order=10,
            # a kind written before the model's choices label it still shows, by its code
            others=(BRANCHES_PREFIX, "branches."),
        ),
        *(
            Indicator(
                key=f"branches.{kind.value}",
                label=kind.label,
                section="to-chuc",
                metrics=(m.branch_kind_metric(kind.value),),
                level=1,
                order=11 + index,
            )
            for index, kind in enumerate(Branch.GRASSROOTS)
        ),
        Indicator(
            key="population",
            label="Dân số",
            section="hoi-vien",
            metrics=(POPULATION,),
            summary="population",
            order=10,
            column="Dân số",
            column_order=0,
        ),
        Indicator(
            key="members.start",
            label="Hội viên đầu năm",
            section="hoi-vien",
            metrics=(m.MEMBERS_START,),
            order=20,
        ),
        Indicator(
            key="members.joined",
            label="Kết nạp trong năm",
            section="hoi-vien",
            metrics=(m.MEMBERS_JOINED,),
            level=1,
            order=30,
        ),
        Indicator(
            key="members.left",
            label="Ra khỏi hội trong năm",
            section="hoi-vien",
            metrics=(m.MEMBERS_LEFT,),
            level=1,
            order=40,
        ),
        Indicator(
            key="members.end",
            label="Hội viên cuối năm",
            section="hoi-vien",
            metrics=(m.MEMBERS_END,),
            summary="members",
            order=50,
            column="Hội viên cuối năm",
            column_order=70,
        ),
        Indicator(
            key="members.per100",
            label="Hội viên trên 100 dân",
            section="hoi-vien",
            metrics=(m.MEMBERS_END, POPULATION),
            app="members",
            unit=DECIMAL,
            summary="members_per_100",
            order=60,
            column="Hội viên trên 100 dân",
            column_order=80,
        ),
    )
