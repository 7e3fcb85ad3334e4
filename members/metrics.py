"""Members' vocabulary in the summary table (members/figures.py writes these names,
members/indicators.py registers them). Changing a name here is a data change."""

MEMBERS_START = "members.start_of_year"
MEMBERS_END = "members.end_of_year"
MEMBERS_JOINED = "members.joined"
MEMBERS_LEFT = "members.left"
BRANCHES_GRASSROOTS = "members.branches"  # chi hội and Ban khuyến học active at year end


def branch_kind_metric(kind: str) -> str:
    return f"members.branches.{kind}"


def every_metric(branch_kinds=()) -> list[str]:
    """Every metric name members writes, in a stable order; the codes of branch kinds
    are the model's (Branch.GRASSROOTS), passed in."""
    names = [MEMBERS_START, MEMBERS_END, MEMBERS_JOINED, MEMBERS_LEFT, BRANCHES_GRASSROOTS]
    return names + [branch_kind_metric(kind) for kind in branch_kinds]
