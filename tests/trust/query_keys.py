"""What a page reads from its query string, found by asking it: while a request runs,
every key a view looks up in a QueryDict (get, getlist, [key], `key in`) is recorded.
Shared by the tests that send hostile values to every key of every page."""

from contextlib import contextmanager

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# Keys the project's pages read on some paths only (a legacy year's ?xem=, a bound
# filter form's fields) and the usual suspects of other projects: sent to every page
# even when its first request did not read them.
COMMON_KEYS = (
    "nam",
    "year",
    "q",
    "tim",
    "page",
    "trang",
    "sort",
    "sap_xep",
    "xep",
    "loai",
    "xem",
    "danhhieu",
    "ketqua",
    "state",
    "status",
    "branch",
    "village",
    "next",
)


@contextmanager
def recording():
    """Yields the set that collects every key looked up in a QueryDict meanwhile."""
    keys = set()
    names = ("get", "getlist", "__getitem__", "__contains__")
    own = {name: MultiValueDict.__dict__[name] for name in names if name in MultiValueDict.__dict__}
    originals = {name: getattr(MultiValueDict, name) for name in names}

    def recorder(name):
        original = originals[name]

        def record(self, key, *args, **kwargs):
            if isinstance(self, QueryDict) and isinstance(key, str):
                keys.add(key)
            return original(self, key, *args, **kwargs)

        return record

    try:
        for name in originals:
            setattr(MultiValueDict, name, recorder(name))
        yield keys
    finally:
        for name in names:  # `in` is dict's own: the class gets back no copy of it
            if name in own:
                setattr(MultiValueDict, name, own[name])
            else:
                delattr(MultiValueDict, name)
