"""Every write of the counts declared without a named list: the staff form and the Excel
import both call declared_counts_save's checks, so a count is refused the same way
whatever the door. A declared count is never above its denominator: recognised ≤
registered in each village, at most one village per village for "Cộng đồng học tập cấp
thôn", and the commune's whole figure (named lists plus the declared counts in use) at
most the year's denominator (areas.Denominator)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from khuyenhoc.areas import summaries
from khuyenhoc.areas.models import Denominator, Village
from khuyenhoc.areas.reform import REFORM_YEAR, is_legacy_year
from khuyenhoc.areas.within import STAGE_WORDS, denominator_field, denominator_words, excesses
from khuyenhoc.core.access.scope import require_writable
from khuyenhoc.core.numbers import number
from khuyenhoc.core.text import fold

from . import figures
from .metrics import TITLES
from .models import DECLARABLE, DeclaredCount
from .services import check_year

RECOGNISED_ABOVE = "số được công nhận ({rec}) lớn hơn số đăng ký ({reg})."
LEGACY_YEAR = (
    f"Năm trước {REFORM_YEAR} thuộc các đơn vị hành chính cũ: số lượng của năm ấy được nhập "
    "theo xã cũ (số liệu các năm trước sáp nhập), không theo thôn của xã, phường hiện nay."
)
ONE_VILLAGE = (
    "một thôn chỉ đăng ký và được công nhận Cộng đồng học tập cấp thôn một lần (0 hoặc 1)."
)


@dataclass(frozen=True)
class Count:
    registered: int
    recognised: int


def check_declarable_year(year):
    check_year(year)
    if is_legacy_year(year):
        raise ValidationError(LEGACY_YEAR)


def count_problem(title, registered, recognised) -> str:
    """Why one village's count cannot be, or "": the checks of a single line, shared by
    the form and the import so that both say the same words."""
    if registered < 0 or recognised < 0:
        return "số không được âm."
    if recognised > registered:
        return RECOGNISED_ABOVE.format(rec=number(recognised), reg=number(registered))
    if title == "village" and registered > 1:
        return ONE_VILLAGE
    return ""


def _denominators(commune, year, titles) -> dict[str, int]:
    row = Denominator.objects.filter(commune=commune, year=year).first()
    found = {}
    for title in titles:
        value = getattr(row, denominator_field(title), None) if row else None
        if value is None:
            raise ValidationError(
                f"Chưa có số liệu nền năm {year} (số {denominator_words(title)}) của "
                f"{commune.name}: hãy nhập số liệu nền trước khi khai báo số lượng."
            )
        found[title] = value
    return found


def _check_within_denominators(commune, year, titles):
    """After the write, inside its transaction: the commune's figures as the summary
    table will hold them (named lists and the declared counts in use) against the year's
    denominators (areas.within, the rule denominator_save checks from the other side).
    Raising rolls the write back."""
    limits = _denominators(commune, year, titles)
    computed = figures.compute(communes=[commune.code], years=[year]).get((commune.code, year), {})
    problems = [
        f"{TITLES[e.title][0]}: tổng số {STAGE_WORDS[e.stage]} năm {year} sẽ là "
        f"{number(e.count)}, lớn hơn số {denominator_words(e.title)} "
        f"({number(e.denominator)}) của số liệu nền. Hãy kiểm tra lại số lượng hoặc số liệu nền."
        for e in excesses(computed, limits, titles)
    ]
    if problems:
        raise ValidationError(problems)


def _villages_of(commune, ids) -> dict[int, Village]:
    found = {v.pk: v for v in Village.objects.filter(commune=commune, pk__in=list(ids))}
    if len(found) != len(set(ids)):
        raise ValidationError("Thôn, bản, tổ dân phố này thuộc xã, phường khác.")
    return found


def _write(*, user, commune, year, title, village, count: Count | None) -> bool:
    """One village's count: set, changed, or removed (None); True when anything changed."""
    row = (
        DeclaredCount.objects.select_for_update()
        .filter(village=village, year=year, title=title)
        .first()
    )
    actor = user if user is not None and user.is_authenticated else None
    if count is None:
        if row is None:
            return False
        row._history_user = actor
        row.delete()
        return True
    if row is not None and (row.registered, row.recognised) == (
        count.registered,
        count.recognised,
    ):
        return False
    if row is None:
        row = DeclaredCount(commune=commune, village=village, year=year, title=title)
    row.registered, row.recognised = count.registered, count.recognised
    row.updated_by = actor
    row._history_user = actor
    row.save()
    return True


@transaction.atomic
def declared_counts_save(
    *, user, commune, year: int, title: str, counts: dict[int, Count | None]
) -> int:
    """Sets the declared counts of one title and year, {village id: Count, or None to
    remove the village's count}; returns how many villages changed."""
    require_writable(user, commune)
    check_declarable_year(year)
    if title not in DECLARABLE:
        raise ValidationError("Danh hiệu này không khai báo theo số lượng.")
    villages = _villages_of(commune, counts)
    problems = []
    for village_id, count in counts.items():
        problem = count and count_problem(title, count.registered, count.recognised)
        if problem:
            problems.append(f"{villages[village_id].name}: {problem}")
    if problems:
        raise ValidationError(problems)
    changed = sum(
        _write(user=user, commune=commune, year=year, title=title, village=villages[v], count=c)
        for v, c in counts.items()
    )
    if changed:
        _check_within_denominators(commune, year, [title])
        summaries.refresh(figures, commune=commune, year=year)
    return changed


# The import: one row per village, two columns per title ----------------------------------

VILLAGE_HEADER = "Thôn, bản, tổ dân phố"


def sheet_headers() -> dict[str, str]:
    headers = {"village": VILLAGE_HEADER}
    for title in DECLARABLE:
        for stage, words in STAGE_WORDS.items():
            headers[f"{title}.{stage}"] = f"{TITLES[title][0]}: {words}"
    return headers


SAME_COUNT = (
    "thôn đã có số lượng khai báo trong năm cho ít nhất một danh hiệu có số ở dòng này "
    "(tên thôn so không kể dấu và chữ hoa)."
)


def _read_row(number_, cells, headers, errors) -> dict[str, Count]:
    from khuyenhoc.core.sheets.spreadsheets import RowError, parse_int

    counts = {}
    for title in DECLARABLE:
        values = {}
        for stage in STAGE_WORDS:
            key = f"{title}.{stage}"
            try:
                values[stage] = parse_int(cells[key], minimum=0, maximum=10_000_000)
            except ValueError as exc:
                errors.append(RowError(number_, f"{exc}.", headers[key]))
                values[stage] = None
        registered, recognised = values["registered"], values["recognised"]
        if registered is None and recognised is None:
            continue
        if registered is None or recognised is None:
            missing = "registered" if registered is None else "recognised"
            errors.append(
                RowError(
                    number_,
                    "cần cả số đăng ký và số được công nhận.",
                    headers[f"{title}.{missing}"],
                )
            )
            continue
        problem = count_problem(title, registered, recognised)
        if problem:
            errors.append(RowError(number_, problem, headers[f"{title}.recognised"]))
            continue
        counts[title] = Count(registered, recognised)
    return counts


def _describe(name, counts: dict[str, Count]) -> str:
    parts = [
        f"{TITLES[t][0]} {number(c.registered)}/{number(c.recognised)}" for t, c in counts.items()
    ]
    return f"{name}: " + "; ".join(parts)


@transaction.atomic
def declared_counts_import(*, user, commune, year: int, data: bytes, skip_existing=False):
    """The counts of a sheet, one row per village: every row checked first, all rows or
    none. Rows of villages that already declared one of the row's titles this year
    raise ImportNeedsChoice with the preview, unless skip_existing: then those rows are
    left as they are (a count is changed on the form)."""
    from khuyenhoc.core.sheets.spreadsheets import ImportRejected, RowError, clean_text, read_sheet
    from khuyenhoc.submissions.previews import (
        DuplicateRow,
        ImportNeedsChoice,
        ImportOutcome,
        Preview,
    )

    require_writable(user, commune)
    check_declarable_year(year)
    headers = sheet_headers()
    rows = read_sheet(data, headers=headers)
    villages = {v.name_folded: v for v in Village.objects.filter(commune=commune, is_active=True)}
    stored = {
        (village, title): (registered, recognised)
        for village, title, registered, recognised in DeclaredCount.objects.filter(
            commune=commune, year=year
        ).values_list("village_id", "title", "registered", "recognised")
    }
    errors, seen, writes = [], {}, []
    preview = Preview(SAME_COUNT)
    for number_, cells in rows:
        try:
            name = clean_text(cells["village"], max_length=120)
        except ValueError as exc:
            errors.append(RowError(number_, f"{exc}.", VILLAGE_HEADER))
            continue
        village = villages.get(fold(name)) if name else None
        if village is None:
            message = (
                "thiếu tên thôn." if not name else f"xã không có thôn «{name}» đang hoạt động."
            )
            errors.append(RowError(number_, message, VILLAGE_HEADER))
            continue
        counts = _read_row(number_, cells, headers, errors)
        if village.pk in seen:
            errors.append(
                DuplicateRow(number_, village.name, VILLAGE_HEADER, first=seen[village.pk])
            )
            continue
        seen[village.pk] = number_
        if not counts:
            continue
        text = _describe(village.name, counts)
        before = {t: stored[village.pk, t] for t in counts if (village.pk, t) in stored}
        if before:
            differs = ", ".join(
                TITLES[t][0]
                for t, old in before.items()
                if old != (counts[t].registered, counts[t].recognised)
            )
            preview.add("changed" if differs else "same", number_, text, differs)
            continue
        preview.add("new", number_, text)
        writes.append((village, counts))
    if errors:
        raise ImportRejected(errors)
    if preview.already and not skip_existing:
        raise ImportNeedsChoice(preview)
    titles = set()
    for village, counts in writes:
        for title, count in counts.items():
            _write(user=user, commune=commune, year=year, title=title, village=village, count=count)
            titles.add(title)
    if titles:
        try:
            _check_within_denominators(commune, year, sorted(titles, key=DECLARABLE.index))
        except ValidationError as exc:
            raise ImportRejected([RowError(0, message) for message in exc.messages]) from exc
        summaries.refresh(figures, commune=commune, year=year)
    return ImportOutcome(created=len(writes), skipped=preview.already)
