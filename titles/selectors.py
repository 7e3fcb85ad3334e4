"""Reads of the titles app, always through the scoping mechanism."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from khuyenhoc.core.access.scope import communes_for, get_commune_or_404, is_reviewer
from khuyenhoc.core.numbers import rate
from khuyenhoc.core.text import fold
from khuyenhoc.core.web import params
from khuyenhoc.figures import selectors as figures_api
from khuyenhoc.figures.indicators import source_of

from .metrics import TITLES, title_metric
from .models import SUBJECT_MODELS, RecognitionList, Registration
from .models.registrations import SUBJECT_FIELDS, VILLAGE_TITLES, subject_label

SUBJECT_RELATIONS = ["citizen", "household", "clan", "village", "unit", "commune"]


def commune_and_title(user, code, title, year):
    """The commune of a list's address, once its title and year are known; else a 404."""
    commune = get_commune_or_404(user, code)
    if title not in TITLES:
        raise Http404("Không có danh hiệu này.")
    params.url_year(year)
    return commune


def registration_or_404(user, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.for_user(user).select_related("commune", *SUBJECT_RELATIONS[:-1]),
        pk=pk,
    )


def registrations_of(commune, year, title, *, text="", state="", village=None):
    """The staff list of one commune, year and title, in the order of its subjects'
    names, narrowed by the list's search: `text` matches a name with or without
    diacritics, or is a registration code."""
    field = SUBJECT_FIELDS[title]
    entries = Registration.objects.filter(commune=commune, year=year, title=title)
    if state:
        entries = entries.filter(state=state)
    if village is not None:
        entries = entries.filter(**{f"{field}__village": village})
    folded = fold("".join(ch for ch in text if ch.isprintable()))
    if folded:
        # The subject's commune is the registration's (a composite key says so); naming
        # it lets PostgreSQL read only this commune's names through their search index:
        # 70 ms instead of 280 in a ward of 14,000 citizens among 2.6 million.
        in_commune = {f"{field}__commune": commune} if field else {}
        matches = (
            Q(**{f"{field}__name_folded__contains": folded}, **in_commune)
            if field
            else Q(pk__in=[])
        )
        code = params.whole(folded.removeprefix("ma "))
        if code is not None:
            matches |= Q(pk=code)
        entries = entries.filter(matches)
    order = [f"{field}__name_folded", "id"] if field else ["id"]
    return entries.select_related(*SUBJECT_RELATIONS[:-1], "evaluation").order_by(*order)


def list_of(registration) -> RecognitionList | None:
    """The recognition list the registration belongs to, if one was made yet."""
    return RecognitionList.objects.filter(
        commune=registration.commune_id, year=registration.year, title=registration.title
    ).first()


def list_or_blank(commune, year, title) -> RecognitionList:
    """The commune's list for the title and year, or an open one that is not saved: a
    page only reads, and the first write creates the list (services.recognition_list)."""
    found = RecognitionList.objects.filter(commune=commune, year=year, title=title).first()
    return found or RecognitionList(commune=commune, year=year, title=title)


def years_of(registration) -> list[Registration]:
    """The subject's registrations for the title that were not withdrawn, newest year
    first, with their evaluations: what staff see of a household's past years. Not the
    withdrawn ones: those are outside the (subject, year) index, whose condition this
    query repeats so that a province of millions of registrations is not read whole."""
    field = SUBJECT_FIELDS[registration.title]
    return list(
        Registration.objects.filter(**{field: getattr(registration, f"{field}_id")})
        .exclude(state=Registration.State.WITHDRAWN)
        .select_related("evaluation")
        .order_by("-year")
    )


def reviewer_or_404(user):
    if not is_reviewer(user):
        raise Http404("Trang dành cho cán bộ Hội tỉnh.")


def stage_counts(commune, year) -> dict[str, dict[str, int]]:
    """{title: {state: n}} for one commune and year."""
    counts: dict[str, dict[str, int]] = {t: {} for t in TITLES}
    rows = (
        Registration.objects.filter(commune=commune, year=year)
        .values("title", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["title"]][row["state"]] = row["n"]
    return counts


def lists_of(commune, year) -> dict[str, RecognitionList]:
    return {r.title: r for r in RecognitionList.objects.filter(commune=commune, year=year)}


def awaiting_review(user):
    """The proposed lists the user may review, oldest proposal first."""
    return (
        RecognitionList.objects.for_user(user)
        .filter(state=RecognitionList.State.PROPOSED)
        .select_related("commune")
        .order_by("proposed_at", "id")
    )


def waiting_by_title(waiting) -> dict[str, int]:
    """{title: lists awaiting review}, in one query."""
    return dict(waiting.order_by().values_list("title").annotate(n=Count("id")))


def with_entry_counts(lists) -> list[RecognitionList]:
    """The lists, each with `counts`: its proposed entries and how many pass; one query
    for a page of lists, which reads only their communes' entries."""
    lists = list(lists)
    rows = (
        Registration.objects.filter(
            state=Registration.State.PROPOSED,
            commune__in={r.commune_id for r in lists},
            year__in={r.year for r in lists},
            title__in={r.title for r in lists},
        )
        .values("commune_id", "year", "title")
        .annotate(total=Count("id"), passed=Count("id", filter=Q(evaluation__passed=True)))
        .order_by()
    )
    counts = {(r["commune_id"], r["year"], r["title"]): r for r in rows}
    for rlist in lists:
        found = counts.get((rlist.commune_id, rlist.year, rlist.title), {})
        rlist.counts = {"total": found.get("total", 0), "passed": found.get("passed", 0)}
    return lists


@dataclass
class Progress:
    """Where one commune stands on one title in a year: its counts from the summary
    table, the year's denominator and its list. A row of the commune's titles page and
    of the comparison of communes."""

    commune: object
    title: str
    registered: int
    evaluated: int
    recognised: int
    denominator: int | None
    rlist: RecognitionList | None

    @classmethod
    def of(cls, commune, title, figures, rlist):
        """From the commune's summary figures of the year ({metric: value}); a title
        registered without a denominator of areas is counted alone."""
        denominator = TITLES.get(title, ("", None))[1]
        return cls(
            commune=commune,
            title=title,
            registered=figures.get(title_metric(title, "registered"), 0),
            evaluated=figures.get(title_metric(title, "evaluated"), 0),
            recognised=figures.get(title_metric(title, "recognised"), 0),
            denominator=figures.get(denominator) if denominator else None,
            rlist=rlist,
            source=source_of(figures, title),
        )

    source: str = ""

    @property
    def title_name(self):
        return TITLES[self.title][0]

    @property
    def counted_against_a_denominator(self):
        return TITLES[self.title][1] is not None

    @property
    def registered_rate(self):
        return rate(self.registered, self.denominator)

    @property
    def recognised_rate(self):
        return rate(self.recognised, self.denominator)


def progress_by_title(commune, year) -> list[Progress]:
    """Each title of one commune in a year: two queries."""
    figures = figures_api.of_commune(commune.code, year)
    lists = lists_of(commune, year)
    return [Progress.of(commune, title, figures, lists.get(title)) for title in TITLES]


def progress_by_commune(user, year, title) -> list[Progress]:
    """Every commune the user may see, with its figures for one year and title: three
    queries whatever the number of communes."""
    communes = list(communes_for(user).order_by("name"))
    figures = figures_api.of_communes(year=year, communes=[c.code for c in communes])
    lists = {
        r.commune_id: r
        for r in RecognitionList.objects.for_user(user).filter(year=year, title=title)
    }
    return [
        Progress.of(commune, title, figures.get(commune.code, {}), lists.get(commune.code))
        for commune in communes
    ]


# Existing subjects ------------------------------------------------------------------

MATCHES_SHOWN = 20


@dataclass
class Match:
    """An existing subject with the years it registered (withdrawals left out)."""

    subject: object
    name: str
    years: list[tuple[int, bool]] = field(default_factory=list)  # (year, recognised)
    registered: bool = False  # for the year of the page


def subjects_of(user, commune, title):
    queryset = SUBJECT_MODELS[title].objects.for_user(user).filter(commune=commune)
    if title in VILLAGE_TITLES:
        return queryset.select_related("village")
    if title == "clan":
        return queryset.prefetch_related("villages")
    return queryset


def subject_or_404(user, commune, title, pk):
    """The subject of `title` with this id, if it belongs to this commune and the user
    may work there; a stranger's id is a 404, never a registration."""
    if title not in SUBJECT_MODELS:
        raise Http404("Danh hiệu này không chọn đối tượng có sẵn.")
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("Mã đối tượng không hợp lệ.") from exc
    return get_object_or_404(subjects_of(user, commune, title), pk=pk)


def subject_search(user, commune, title, text, year) -> tuple[list[Match], bool]:
    """Subjects whose name contains `text`, with or without diacritics; the flag says
    more matched than are shown."""
    # a NUL or other control character is typing noise, and PostgreSQL refuses NUL
    folded = fold("".join(ch for ch in text if ch.isprintable()))
    if not folded:
        return [], False
    found = list(
        subjects_of(user, commune, title)
        .filter(name_folded__contains=folded)
        .order_by("name_folded", "id")[: MATCHES_SHOWN + 1]
    )
    return _matches(title, found[:MATCHES_SHOWN], year), len(found) > MATCHES_SHOWN


def namesakes(user, commune, title, data, year) -> list[Match]:
    """Existing subjects a new one would duplicate by the identity an Excel import uses:
    the same name, and for people and households the same village (and birth year)."""
    queryset = subjects_of(user, commune, title).filter(
        name_folded=fold(data[SUBJECT_MODELS[title].NAME_FIELD])
    )
    if title in VILLAGE_TITLES:
        queryset = queryset.filter(village=data["village"])
    if title == "citizen":
        queryset = queryset.filter(birth_year=data["birth_year"])
    return _matches(title, list(queryset.order_by("id")[:MATCHES_SHOWN]), year)


def _matches(title, subjects, year) -> list[Match]:
    if not subjects:
        return []
    column = SUBJECT_FIELDS[title]
    years = defaultdict(list)
    rows = (
        Registration.objects.filter(**{f"{column}__in": subjects})
        .exclude(state=Registration.State.WITHDRAWN)
        .values_list(f"{column}_id", "year", "state")
        .order_by("year")
    )
    for subject_id, registered_year, state in rows:
        years[subject_id].append((registered_year, state == Registration.State.RECOGNISED))
    return [
        Match(
            subject=s,
            name=subject_label(title, s),
            years=years[s.pk],
            registered=any(y == year for y, _ in years[s.pk]),
        )
        for s in subjects
    ]


def list_submissions(*, year, communes) -> dict[tuple[int, str], tuple[str, object]]:
    """{(commune code, title): (list state, proposed at)} of a year's lists with at least
    one registration: what the completeness page (khuyenhoc.quality) reads through
    TitlesConfig.list_submissions. Two queries."""
    lists = {
        (code, title): (state, proposed_at)
        for code, title, state, proposed_at in RecognitionList.objects.filter(
            year=year, commune__in=communes
        ).values_list("commune_id", "title", "state", "proposed_at")
    }
    registered = (
        Registration.objects.filter(year=year, commune__in=communes)
        .exclude(state=Registration.State.WITHDRAWN)
        .values_list("commune_id", "title")
        .distinct()
        .order_by()
    )
    return {key: lists.get(key, (RecognitionList.State.OPEN, None)) for key in registered}


def inbox(*, user, communes) -> list[dict]:
    """The staff home's inbox (TitlesConfig.inbox): lists the reviewer returned, with the
    reason; for a reviewer, the lists awaiting review."""
    from django.urls import reverse

    out = []
    if is_reviewer(user):
        waiting = RecognitionList.objects.filter(
            state=RecognitionList.State.PROPOSED, commune__in=communes_for(user)
        ).count()
        if waiting:
            out.append(
                {
                    "kind": "Chờ thẩm định",
                    "text": f"{waiting} danh sách đề nghị công nhận đang chờ thẩm định.",
                    "when": None,
                    "url": reverse("titles:queue"),
                }
            )
        return out
    returned = (
        RecognitionList.objects.for_user(user)
        .filter(state=RecognitionList.State.RETURNED)
        .select_related("commune")
        .order_by("-year")[:20]
    )
    for rlist in returned:
        out.append(
            {
                "kind": "Danh sách bị trả lại",
                "text": f"{rlist.commune.name}: {rlist.get_title_display()} {rlist.year}. "
                f"Lý do: {rlist.return_reason}",
                "when": rlist.proposed_at,
                "url": reverse("titles:list", args=[rlist.commune_id, rlist.year, rlist.title]),
            }
        )
    return out
