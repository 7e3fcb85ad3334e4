"""What a job of each kind runs. An import page registers its `run` here, and calls
the same function itself for a small sheet: one path for the page and the job.

Each app's AppConfig.ready() imports the modules that register, so every process (a web
worker, the jobs' worker, a command) knows every kind from its start, and a job row,
which names only its kind, never makes a process import anything."""

from dataclasses import dataclass

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
    return _RUNNERS[kind]


def find(kind: str) -> Runner | None:
    """The runner of a job's kind; None for a kind no app registers (any more)."""
    return _RUNNERS.get(kind)
