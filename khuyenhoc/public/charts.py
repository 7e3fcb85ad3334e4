"""Trend charts drawn on the server as inline SVG: readable without JavaScript, styled by
public.css (classes, no style attributes), with <title>/<desc> for screen readers and a
data table next to each chart as the text alternative."""

from itertools import count

from django.utils.html import escape
from django.utils.safestring import mark_safe

from khuyenhoc.core.numbers import decimal, percent

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 28, 14, 30
_ids = count(1)


def _scale(values, target, unit):
    known = [float(v) for v in values if v is not None]
    top = max(known + [float(target or 0), 1.0])
    if unit == "%":
        return 100.0 if top <= 100 else top * 1.1
    return top * 1.25


def line_chart(*, title, desc, labels, series, target=None, unit="%"):
    """series: [(label, [value or None per label], css class)]; unit "%" draws 0–100 %.
    target: one value for every label, or a list of the target in force at each label
    (a past year is drawn against its own target, not today's)."""
    ident = f"bieu-do-{next(_ids)}"
    targets = target if isinstance(target, list) else [target] * len(labels)
    known_targets = [t for t in targets if t is not None]
    top = _scale(
        [v for _l, values, _c in series for v in values],
        max(known_targets) if known_targets else None,
        unit,
    )
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i):
        return LEFT + (i * step if len(labels) > 1 else plot_w / 2)

    def y(v):
        return TOP + plot_h - float(v) / top * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    for tick in (0, top / 2, top):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="axis" x="{LEFT - 4}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{decimal(tick, 0 if top >= 10 else 1)}{unit}</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text class="axis" x="{x(i):.1f}" y="{HEIGHT - 10}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts += _target_steps(targets, x, y, step if len(labels) > 1 else plot_w)
    for _label, values, css in series:
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline class="line {css}" points="{path}"/>')
        for px, py in points:
            parts.append(f'<circle class="dot {css}" cx="{px:.1f}" cy="{py:.1f}" r="3.5"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _target_steps(targets, x, y, step):
    """The target as steps: each label's target drawn across its own half-steps, so a
    change of target (2025 → 2030) shows where it happened."""
    parts = []
    half = step / 2
    for i, value in enumerate(targets):
        if value is None:
            continue
        left, right = max(LEFT, x(i) - half), min(WIDTH - RIGHT, x(i) + half)
        parts.append(
            f'<line class="target" x1="{left:.1f}" x2="{right:.1f}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}"/>'
        )
    shown = [(i, v) for i, v in enumerate(targets) if v is not None]
    if shown:
        i, value = shown[-1]
        parts.append(
            f'<text class="axis target-label" x="{WIDTH - RIGHT}" y="{y(value) - 4:.1f}" '
            f'text-anchor="end">chỉ tiêu {value}%</text>'
        )
    return parts


BAR_LABEL, BAR_H, BAR_GAP = 124, 14, 4


def bar_chart(*, title, desc, bars, target=None, unit="%"):
    """Horizontal bars, one per (label, value, is_below), in the order given, with the
    target as a vertical dashed line: the communes' rates at a glance, no JavaScript."""
    ident = f"bieu-do-{next(_ids)}"
    top = _scale([v for _l, v, _b in bars], target, unit)
    plot_w = WIDTH - BAR_LABEL - RIGHT
    height = TOP + len(bars) * (BAR_H + BAR_GAP) + BOTTOM

    def x(v):
        return BAR_LABEL + float(v) / top * plot_w

    parts = [
        f'<svg class="chart bars communes" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]
    for index, (label, value, below) in enumerate(bars):
        top_y = TOP + index * (BAR_H + BAR_GAP)
        text = label if len(label) <= 22 else label[:21] + "…"
        parts.append(
            f'<text class="axis bar-label" x="{BAR_LABEL - 4}" y="{top_y + BAR_H - 2}" '
            f'text-anchor="end">{escape(text)}</text>'
            f'<rect class="bar{" below" if below else ""}" x="{BAR_LABEL}" y="{top_y}" '
            f'width="{max(x(value) - BAR_LABEL, 0.5):.1f}" height="{BAR_H}"/>'
            f'<text class="axis" x="{min(x(value) + 3, WIDTH - 2):.1f}" y="{top_y + BAR_H - 2}"'
            f">{decimal(value)}</text>"
        )
    bottom = TOP + len(bars) * (BAR_H + BAR_GAP)
    for tick in (0, top / 2, top):
        parts.append(
            f'<text class="axis" x="{x(tick):.1f}" y="{bottom + 14}" text-anchor="middle">'
            f"{decimal(tick, 0)}{unit}</text>"
        )
    if target is not None:
        parts.append(
            f'<line class="target" x1="{x(target):.1f}" x2="{x(target):.1f}" y1="{TOP - 4}" '
            f'y2="{bottom}"/><text class="axis target-label" x="{x(target):.1f}" '
            f'y="{bottom + 26}" text-anchor="middle">chỉ tiêu {target}%</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def describe(labels, series, unit="%"):
    """A one-sentence summary of the series for <desc>."""
    sentences = []
    for label, values, _css in series:
        known = [(y, v) for y, v in zip(labels, values, strict=True) if v is not None]
        if known:
            show = percent if unit == "%" else decimal
            text = ", ".join(f"{y}: {show(v)}" for y, v in known)
            sentences.append(f"{label}: {text}.")
    return " ".join(sentences) or "Chưa có số liệu."
