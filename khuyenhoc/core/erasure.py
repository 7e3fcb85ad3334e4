"""An erasure on request leaves no copy of the person's name (Luật Bảo vệ dữ liệu cá nhân).

The services that blank a person's own fields (members.services.member_erase,
titles.corrections.person_erase) call mentions_erase() in their transaction; the
latter also deletes what the person sent from a phone (titles.selfservice). It takes
every name the person was ever stored under out of

- the admin's "recent actions" (LogEntry's object_repr and change_message) about the
  person and about the records whose description names them (a registration, its
  evaluation), and out of any other entry that names them (a record deleted since);
- the change reasons of those records' history rows;
- the text people type, wherever an app lists it in its AppConfig's `free_texts`
  ({model name: [fields]}; its history rows too): a reviewer's reason for returning a
  list, a fund's note, a report's narrative. Only rows of the person's commune
  and of the province itself (no commune) are read, so a namesake in another commune
  keeps the notes about him. A fund's donor and beneficiary names are no mention but
  a person's record of its own, maybe a namesake's: they stay.

A mention of a name of two words or more is found with or without diacritics and in any
case ("LO THI HOA" too), and replaced by ERASED. Nothing here is counted by the figures,
so every year's figures stay."""

import functools
import json
import operator
import re

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction

from khuyenhoc.core.text import fold

ERASED = "(đã xoá thông tin cá nhân)"

# Every Vietnamese letter with a mark, both cases: what a name folds from. The database
# is asked for these spellings of a name; the matching itself (Mentions.replace) folds.
_MARKED = "àáâãèéêìíòóôõùúýăđĩũơư" + "".join(map(chr, range(0x1EA0, 0x1EFA)))
_SPELLINGS = {}
for _ch in _MARKED + _MARKED.upper():
    _SPELLINGS.setdefault(fold(_ch), set()).add(_ch)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return " " if ch.isspace() else fold(ch)


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """fold(text) character by character, and for each folded character the index of
    the character of `text` it comes from: a match in one is a span of the other."""
    folded, origin = [], []
    for index, ch in enumerate(text):
        part = _fold_char(ch)
        folded.append(part)
        origin.extend([index] * len(part))
    return "".join(folded), origin


class Mentions:
    """A person's names as they may be written in a text."""

    def __init__(self, names):
        spelled = {}
        for name in names:
            text = " ".join((name or "").split())
            folded, origin = _folded_with_origin(text)
            key = " ".join(folded.split())
            if len(key.split()) >= 2:  # "Hoa" alone is also a flower: no name to look for
                # a name's own letters count too (a "ç" is no Vietnamese letter)
                own = {i: text[origin[i]] for i in range(len(folded))} if key == folded else {}
                spelled[key] = own
        # the longest first: "Lò Thị Hoa" inside "Lò Thị Hoa Mai" is that longer name
        self.names = sorted(spelled, key=len, reverse=True)
        self._own = spelled
        self._patterns = [
            re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)")
            for name in self.names
        ]

    def __bool__(self):
        return bool(self.names)

    def sql_pattern(self, *, json_escaped=False) -> str:
        """A regular expression for `__iregex` (PostgreSQL and SQLite alike) matching the
        names in any Vietnamese spelling: the rows worth reading with replace(). With
        `json_escaped`, also their \\uXXXX form from json.dumps, the way Django's admin
        log stores its change messages."""
        alternatives = []
        for name in self.names:
            own = self._own[name]
            parts = []
            for index, letter in enumerate(name):
                if letter == " ":
                    parts.append(r"\s+")
                    continue
                if not letter.isalpha():
                    parts.append(re.escape(letter))
                    continue
                spellings = {letter, own.get(index, letter)} | _SPELLINGS.get(letter, set())
                part = "[" + "".join(sorted(re.escape(s) for s in spellings)) + "]"
                escaped = sorted(f"{ord(s):04x}" for s in spellings if not s.isascii())
                if json_escaped and escaped:
                    part = rf"(?:{part}|\\u(?:{'|'.join(escaped)}))"
                parts.append(part)
            alternatives.append("".join(parts))
        return "|".join(alternatives)

    def replace(self, text: str) -> str:
        """`text` with each mention of a name replaced by ERASED."""
        if not text or not self:
            return text
        folded, origin = _folded_with_origin(text)
        spans = []
        for pattern in self._patterns:
            for match in pattern.finditer(folded):
                end = origin[match.end() - 1] + 1
                while end < len(text) and not _fold_char(text[end]):
                    end += 1  # the marks of a decomposed last letter go with it
                spans.append((origin[match.start()], end))
        if not spans:
            return text
        pieces, done = [], 0
        for start, end in sorted(spans):
            if start >= done:
                pieces += [text[done:start], ERASED]
                done = end
            else:  # overlaps the span before
                done = max(done, end)
        return "".join(pieces) + text[done:]

    def replace_in_json(self, text: str) -> str:
        """The same in a JSON document's strings (an admin change message), or in the
        text itself if it is not JSON."""
        try:
            document = json.loads(text)
        except (TypeError, ValueError):
            return self.replace(text)
        if not isinstance(document, (list, dict)):
            return self.replace(text)
        return json.dumps(self._in_document(document))

    def _in_document(self, value):
        if isinstance(value, str):
            return self.replace(value)
        if isinstance(value, list):
            return [self._in_document(v) for v in value]
        if isinstance(value, dict):
            return {k: self._in_document(v) for k, v in value.items()}
        return value


def names_in_history(record, field: str) -> set[str]:
    """Every value `field` of `record` ever had: its value now and in its history rows
    (a name corrected since, an import's spelling)."""
    names = {getattr(record, field)}
    names.update(record.history.order_by().values_list(field, flat=True).distinct())
    return {n for n in names if n}


def _history_model(model):
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def _any_field(fields, pattern) -> models.Q:
    return functools.reduce(operator.or_, (models.Q(**{f"{f}__iregex": pattern}) for f in fields))


def _rewrite(rows, fields, change):
    """Saves `change(value)` of each field of each row where it differs, cut to the
    column's length, bypassing save(): the scrub is no edit of the record."""
    for row in rows:
        model = type(row)
        values = {}
        for name in fields:
            old = getattr(row, name)
            new = change(old)
            limit = model._meta.get_field(name).max_length
            if new != old:
                values[name] = new[:limit] if limit else new
        if values:
            model._base_manager.filter(pk=row.pk).update(**values)


def _admin_log(records, mentions):
    """Entries about the records take the records' present description. Any other entry
    naming the person loses the name, unless it is about a record that still bears it
    (a namesake's)."""
    wanted = models.Q(pk__in=[])
    described = set()
    for model, pks in records:
        content_type = ContentType.objects.get_for_model(model)
        ids = [str(pk) for pk in pks]
        wanted |= models.Q(content_type=content_type, object_id__in=ids)
        described.update((content_type.pk, i) for i in ids)
    if mentions:
        pattern = mentions.sql_pattern(json_escaped=True)
        wanted |= models.Q(object_repr__iregex=pattern) | models.Q(change_message__iregex=pattern)
    entries = LogEntry.objects.filter(wanted).select_related("content_type")
    for entry in entries:
        record = _edited(entry)
        if (entry.content_type_id, entry.object_id) in described and record is not None:
            description = str(record)
        elif record is not None and mentions.replace(str(record)) != str(record):
            description = entry.object_repr  # a namesake's record: the name is his
        else:
            description = mentions.replace(entry.object_repr)
        message = mentions.replace_in_json(entry.change_message)
        if (description, message) != (entry.object_repr, entry.change_message):
            LogEntry.objects.filter(pk=entry.pk).update(
                object_repr=description[:200], change_message=message
            )


def _edited(entry):
    """The record an admin log entry is about, if it still exists."""
    try:
        return entry.get_edited_object()
    except (ObjectDoesNotExist, AttributeError, ValueError, ValidationError):
        return None


def _history_reasons(records, mentions):
    pattern = mentions.sql_pattern()
    for model, pks in records:
        history = _history_model(model)
        if history is not None:
            rows = history._base_manager.filter(
                id__in=pks, history_change_reason__iregex=pattern
            ).only("pk", "history_change_reason")
            _rewrite(rows, ["history_change_reason"], mentions.replace)


def free_text_places():
    """(model, fields, commune path, province path) of every text an app lists in its
    AppConfig's `free_texts`, and of its history rows, which copy it."""
    for config in apps.get_app_configs():
        for name, fields in getattr(config, "free_texts", {}).items():
            model = config.get_model(name)
            queryset = model._default_manager.get_queryset()
            paths = (queryset.commune_path, queryset.province_path)
            yield model, list(fields), *paths
            history = _history_model(model)
            if history is not None:
                yield history, [*fields, "history_change_reason"], *paths


def _free_texts(commune, mentions):
    pattern = mentions.sql_pattern()
    for model, fields, commune_path, province_path in free_text_places():
        place = models.Q(**{commune_path: commune.pk})
        if province_path:
            place |= models.Q(
                **{f"{commune_path}__isnull": True, province_path: commune.province_id}
            )
        rows = model._base_manager.filter(place).filter(_any_field(fields, pattern))
        _rewrite(rows.only("pk", *fields), fields, mentions.replace)


@transaction.atomic
def mentions_erase(*, names, commune, records=()):
    """Takes `names` (every spelling the person was stored under) out of the admin log,
    out of the history reasons of `records` ([(model, pks)]: the person's own record and
    those whose description names them) and out of the free texts of `commune`. The
    erasing service has checked the user's scope; the records' own admin log entries are
    described anew even for a name of one word, which is looked for nowhere else."""
    mentions = Mentions(names)
    _admin_log(records, mentions)
    if mentions:
        _history_reasons(records, mentions)
        _free_texts(commune, mentions)
