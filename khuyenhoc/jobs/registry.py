"""What a job of each kind runs. An import page registers its `run` here, and calls
the same function itself for a small sheet: one path for the page and the job.

A job names its kind and the module that registers it, so that a worker that has not
imported the page's module yet finds the function."""

from dataclasses import dataclass
from importlib import import_module

_RUNNERS: dict[str, "Runner"] = {}


@dataclass(frozen=True)
class Runner:
    kind: str
    module: str
    function: object


def registers(kind: str):
    """Decorator: `function(data, *, user, commune, params, skip_existing)` for an
    import, `function(*, job)` for another job."""

    def decorate(function):
        _RUNNERS[kind] = Runner(kind, function.__module__, function)
        return function

    return decorate


def runner(kind: str) -> Runner:
    """The runner of a kind, from whatever door (a page, a command, the shell)."""
    if kind not in _RUNNERS:
        for module in sorted(ALLOWED_MODULES):
            import_module(module)
    return _RUNNERS[kind]


def find(kind: str, module: str) -> Runner | None:
    if kind not in _RUNNERS and module in ALLOWED_MODULES:
        import_module(module)
    return _RUNNERS.get(kind)


# the modules a job may name: a job row never makes the worker import anything else
ALLOWED_MODULES = {
    "members.views_excel",
    "titles.views_excel",
    "funds.views",
    "khuyenhoc.areas.views_villages",
    "khuyenhoc.reports.views",
    "khuyenhoc.jobs.backup",
}
