"""Where written figures meet the validation rules, without the writers importing them.

The services that write a commune's figures (denominators, imports, a list proposed, a
report submitted) call `check_figures` after refreshing the summary table, inside their
transaction. The rules live in khuyenhoc.quality, which registers its checker here at
start-up (AppConfig.ready), the way apps register their admin: areas and titles import
core only. A checker raises ValidationError for a blocking rule (the caller's transaction
then writes nothing) and returns the Vietnamese warnings of the others.
"""

from collections.abc import Callable

_checkers: list[Callable] = []

# When a rule is checked: data entered on a form, rows imported, a list or report sent up.
ENTRY, IMPORT, SUBMISSION = "entry", "import", "submission"


def register(checker: Callable) -> None:
    if checker not in _checkers:
        _checkers.append(checker)


def check_figures(*, commune, year, stage, titles=None) -> list[str]:
    """Runs every registered checker on one commune and year; `titles` limits the
    title rules (a list of one title proposed). Returns the warnings."""
    warnings: list[str] = []
    for checker in _checkers:
        warnings += checker(commune=commune, year=year, stage=stage, titles=titles)
    return warnings
