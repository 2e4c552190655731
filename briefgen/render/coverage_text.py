"""Coverage in words and bars: "4 outlets · 1 wire (AP), 3 national (…) · US 4", the bar's segments
for HTML (inline styles, so the newsletter keeps them) and a bar of block characters for text.

The templates call these as filters (registered in `briefgen.render.briefing`); the wording lives here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Briefing, Coverage, ValueCount
from ..provenance import UNKNOWN

# Readable labels for the registry's kinds, singular and plural.
KIND_LABELS = {
    "wire": ("wire", "wire"),
    "national": ("national", "national"),
    "local": ("local", "local"),
    "magazine": ("magazine", "magazines"),
    "digital": ("digital-native", "digital-native"),
    "trade": ("trade", "trade"),
    "blog": ("blog", "blogs"),
    "broadcaster": ("broadcaster", "broadcasters"),
    UNKNOWN: ("unknown", "unknown"),
}
# Okabe–Ito colours (told apart with the common colour-vision deficiencies); unknown is grey.
KIND_COLOURS = {
    "wire": "#0072B2",
    "national": "#E69F00",
    "local": "#009E73",
    "magazine": "#CC79A7",
    "digital": "#56B4E9",
    "trade": "#D55E00",
    "blog": "#F0E442",
    "broadcaster": "#444444",
}
OTHER_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#444444")
UNKNOWN_COLOUR = "#BBBBBB"
TEXT_BAR_CELLS = 20


def value_label(value: str, key: str, count: int = 1) -> str:
    if key == "kind" and value in KIND_LABELS:
        singular, plural = KIND_LABELS[value]
        return singular if count == 1 else plural
    return value


def key_label(key: str) -> str:
    return "kind of outlet" if key == "kind" else key


def _names(vc: ValueCount, briefing: Briefing) -> str:
    short = dict(briefing.short_names)
    return ", ".join(short.get(n, n) for n in vc.outlets)


def _part(coverage: Coverage, key: str, briefing: Briefing) -> str:
    """"1 wire (AP), 3 national (…)" for kinds; "US 4" for countries; "leaning: 2 center (…)" else."""
    counts = coverage.counts(key)
    if key == "country":
        return ", ".join(f"{vc.value} {vc.count}" for vc in counts)
    part = ", ".join(f"{vc.count} {value_label(vc.value, key, vc.count)} ({_names(vc, briefing)})" for vc in counts)
    return part if key == "kind" else f"{key}: {part}"


def coverage_line(coverage: Coverage | None, briefing: Briefing) -> str:
    """One line: how many outlets, by kind with their names, by country; the briefing's coverage
    key when it is another; and which outlets counted once for sharing an owner."""
    if coverage is None or not coverage.outlets:
        return ""
    n = len(coverage.outlets)
    parts = [f"{n} outlet{'s' if n != 1 else ''}", _part(coverage, "kind", briefing), _part(coverage, "country", briefing)]
    if briefing.coverage_by not in ("kind", "country"):
        parts.append(_part(coverage, briefing.coverage_by, briefing))
    for owner, outlets in coverage.shared_owners:
        parts.append(f"{_and(outlets)} count once (same owner: {owner})")
    return " · ".join(parts)


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def coverage_summary(coverage: Coverage | None, briefing: Briefing) -> str:
    """The split by the coverage key alone, without names: "1 wire · 2 national"."""
    if coverage is None:
        return ""
    key = briefing.coverage_by
    return " · ".join(f"{vc.count} {value_label(vc.value, key, vc.count)}" for vc in coverage.counts(key))


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    percent: int  # of the bar's width; a briefing's segments add up to 100
    colour: str


def colours(briefing: Briefing) -> dict[str, str]:
    """Value of the coverage key → its colour, the same in every story of the briefing: kinds have
    their own; other values take the palette in order of how many stories' outlets have them."""
    key = briefing.coverage_by
    if key == "kind":
        return dict(KIND_COLOURS)
    totals: dict[str, int] = {}
    for story in briefing.stories:
        for vc in story.coverage.counts(key) if story.coverage else ():
            if vc.value != UNKNOWN:
                totals[vc.value] = totals.get(vc.value, 0) + vc.count
    ranked = sorted(totals, key=lambda v: (-totals[v], v))
    return {v: OTHER_COLOURS[i % len(OTHER_COLOURS)] for i, v in enumerate(ranked)}


def bar_segments(coverage: Coverage | None, briefing: Briefing, palette: dict[str, str]) -> list[Segment]:
    """The bar for the briefing's coverage key: one segment per value, as wide as its count, in the
    colour `palette` (from `colours`) gives the value."""
    if coverage is None:
        return []
    key = briefing.coverage_by
    counts = coverage.counts(key)
    widths = _apportion([vc.count for vc in counts], 100)
    return [
        Segment(value_label(vc.value, key, vc.count), vc.count, width, palette.get(vc.value, UNKNOWN_COLOUR))
        for vc, width in zip(counts, widths)
    ]


def text_bar(coverage: Coverage | None, briefing: Briefing) -> str:
    """The bar in text: "kind of outlet: wire █████ national ███████████████" (20 cells in all)."""
    if coverage is None:
        return ""
    key = briefing.coverage_by
    counts = coverage.counts(key)
    cells = _apportion([vc.count for vc in counts], TEXT_BAR_CELLS)
    runs = " ".join(f"{value_label(vc.value, key, vc.count)} {'█' * c}" for vc, c in zip(counts, cells))
    return f"{key_label(key)}: {runs}"


def _apportion(counts: list[int], total: int) -> list[int]:
    """`total` shared in proportion to `counts` (largest remainder; ties to the earlier value), each
    count that is not zero getting at least one."""
    whole = sum(counts)
    if not whole:
        return [0] * len(counts)
    exact = [c * total / whole for c in counts]
    shares = [max(1, int(e)) if c else 0 for c, e in zip(counts, exact)]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - int(exact[i])), i))
    i = 0
    while sum(shares) < total and by_remainder:
        shares[by_remainder[i % len(by_remainder)]] += 1
        i += 1
    while sum(shares) > total:  # the minimum of one pushed past the total: take from the widest
        widest = max(range(len(shares)), key=lambda j: (shares[j], -j))
        shares[widest] -= 1
    return shares


def blindspot_heading(briefing: Briefing) -> str:
    return f"Covered only by one {key_label(briefing.coverage_by)}"


def blindspot_note(blindspot, briefing: Briefing) -> str:
    """"only national outlets (The Hill, NBC News)"; "only outlets whose leaning is center (…)"."""
    short = dict(briefing.short_names)
    names = ", ".join(short.get(n, n) for n in blindspot.outlets)
    if blindspot.key == "kind":
        return f"only {value_label(blindspot.value, 'kind', 2)} outlets ({names})"
    return f"only outlets whose {blindspot.key} is {blindspot.value} ({names})"
