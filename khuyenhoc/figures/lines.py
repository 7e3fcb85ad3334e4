"""The lines an area's year states, section by section: every indicator the apps
registered (khuyenhoc.core.registry), read from the area's {metric: value} under the
summary tables' rule (a missing figure is zero where its app wrote anything, "no data"
otherwise). The annual report writes every section; the public commune page writes the
organisation's, the members' and the funds'. Both take their lines from here, so they
state the same lines, in the same words, with the same numbers.

Pure functions, no database."""

from khuyenhoc.core import registry

from .indicators import summarise


def line(indicator, figures, summary, *, communes=1) -> dict:
    """One indicator's line: its key, label, unit and level, and what registry.read
    states (value, registered, rates, target…)."""
    found = {
        "key": indicator.key,
        "label": indicator.label,
        "unit": indicator.unit,
        "level": indicator.level,
    }
    found.update(registry.read(indicator, figures, summary, communes=communes))
    return found


def section_lines(section, figures, summary, *, communes=1) -> list[dict]:
    """The lines of one section (a key of registry.SECTIONS), unnamed codes included."""
    return [
        line(indicator, figures, summary, communes=communes)
        for indicator in registry.with_others(registry.indicators(section), figures)
    ]


def sections(figures, year, *, communes=1, only=None) -> list[dict]:
    """[{key, title, rows}] for every section, or for the keys in `only`, in report
    order; `communes` is the denominator of the titles counted per commune (1 for a
    commune, the number of communes for the province)."""
    summary = summarise(figures, year)
    return [
        {
            "key": key,
            "title": title,
            "rows": section_lines(key, figures, summary, communes=communes),
        }
        for key, title in registry.SECTIONS.items()
        if only is None or key in only
    ]
