"""The report figures: static PNGs of fixed size and DPI, each shown with alt text.

This module owns how parley draws engagements: the timeline, the gaps between engagements,
who meets whom, and topics over time, plus :func:`show`, which puts a figure in a notebook as
an ``<img>`` with alt text that survives nbconvert (interactive plotting libraries would add
megabytes to every report and need scripts the reports do not load).

Determinism: figures are plain :class:`matplotlib.figure.Figure` objects on an Agg canvas,
never pyplot-managed, so neither the notebook's backend nor global pyplot state matters;
styles are set through a fixed ``rc_context``; inputs are sorted before drawing; the PNG is
written without the Matplotlib version in its metadata. Every function accepts an empty frame
and then returns a "nothing to show" figure of the same size.

Inputs (plain DataFrames; extra columns are ignored):

* :func:`timeline`: ENGAGEMENTS rows (:mod:`helpers.schema`): ``participants``, ``kind``,
  ``status``, ``date_start``, ``date_end``; ``engagement_id`` used when present.
* :func:`gaps_chart`: ``from_id``, ``to_id``, ``gap_min_days``, ``gap_max_days``; optional
  ``label`` (the x tick label; default "to <to_start>" when :func:`helpers.sequence.gaps`'s
  ``to_start`` is there, else ``"from_id → to_id"``), in sequence order.
* :func:`network_matrix`: ``actor_a``, ``actor_b``, ``engagements`` (a count per pair, either
  order; repeated pairs are summed).
* :func:`topics_over_time`: long format ``topic``, ``period``, ``count``.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .report import SafeHTML, to_date, to_list

#: Every figure's size in inches and its resolution: 1100 x 616 pixels, about 50-90 kB as PNG.
FIGSIZE = (10.0, 5.6)
DPI = 110

#: Colour by status (Okabe-Ito, colour-blind safe); the report CSS uses the same hues.
STATUS_COLOURS = {
    "occurred": "#0072B2",
    "scheduled": "#E69F00",
    "proposed": "#CC79A7",
    "cancelled": "#7A7A7A",
}
#: Filled marker = it happened; hollow = scheduled, proposed or cancelled.
FILLED_STATUSES = frozenset({"occurred"})
#: Marker shape by kind.
KIND_MARKERS = {"meeting": "o", "call": "^", "summit": "s"}

#: The timeline draws at most this many rows; the least active groups share one "Other" row.
MAX_TIMELINE_ROWS = 20

_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.edgecolor": "#8a94a0",
    "axes.labelcolor": "#333a44",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": "#333a44",
    "ytick.color": "#333a44",
    "legend.frameon": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "image.interpolation": "nearest",
}
_FALLBACK_MARKER = "D"
_FALLBACK_COLOUR = "#444444"


@contextmanager
def _style() -> Iterator[None]:
    with mpl.rc_context(_RC):
        yield


def _figure() -> Figure:
    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)  # an Agg canvas of its own: no pyplot, no notebook backend involved
    return fig


def _nothing(message: str, title: str | None = None) -> Figure:
    """The figure every function returns for empty input (same size as the real ones)."""
    with _style():
        fig = _figure()
        ax = fig.add_subplot()
        ax.set_axis_off()
        _title(fig, title)
        ax.text(
            0.5, 0.5, f"Nothing to show: {message}", ha="center", va="center",
            fontsize=13, color="#5b6675", transform=ax.transAxes,
        )  # fmt: skip
    return fig


def _title(fig: Figure, title: str | None) -> None:
    """Titles go above everything (the timeline's legend included), flush left."""
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")


def _caption(fig: Figure, text: str) -> None:
    """A note under the figure, wrapped to the figure's width."""
    fig.supxlabel(textwrap.fill(text, width=150), x=0.01, ha="left", fontsize=8.5, color="#5b6675")


def _count_label(value: float) -> str:
    """Cell labels: whole counts as integers, fractional ones (spread over periods) to 0.1."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _require(df: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _shorten(text: str, width: int = 42) -> str:
    return textwrap.shorten(text, width=width, placeholder="…") if len(text) > width else text


def _num(day: date) -> float:
    """Matplotlib's date number of midnight at the start of ``day``."""
    return float(mdates.date2num(np.datetime64(day.isoformat(), "D")))


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class _Item:
    start: date
    end: date
    kind: str
    status: str
    group: str
    eid: str


def _group_label(participants: list[str]) -> str:
    names = sorted(set(participants))
    if not names:
        return "(no participant named)"
    if len(names) <= 2:
        return _shorten(" – ".join(names))
    shown = ", ".join(names[:2])
    return _shorten(f"{shown} +{len(names) - 2}")


def timeline(df: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Engagements over time, one row per group of participants.

    A row is a participant set ("Alexander Lukashenko – Vladimir Putin"), so repeated
    encounters of the same people line up; rows are ordered by their first engagement, and
    labelled with how many engagements they hold. An exact day is a marker; an uncertain
    date is a bar from ``date_start`` to ``date_end`` (both as midnight on the axis) with the
    kind's marker at its middle. Marker shape = kind, colour = status, filled = occurred.
    With more than :data:`MAX_TIMELINE_ROWS` groups, the most active ones keep their rows and
    the rest share an "Other groups" row at the bottom. Undated engagements are counted in
    the caption, not drawn.

    Artists carry ``gid`` ``"interval:<engagement_id>"`` (bars) and ``"day:<id>"`` or
    ``"mid:<id>"`` (markers) so tests and callers can find them.
    """
    if df.empty:
        return _nothing("no engagements", title)
    _require(df, ("participants", "kind", "status", "date_start", "date_end"), "timeline")

    items: list[_Item] = []
    undated = 0
    for i, row in enumerate(df.to_dict("records")):
        start, end = to_date(row["date_start"]), to_date(row["date_end"])
        if start is None and end is None:
            undated += 1
            continue
        start = start or end
        end = end or start
        assert start is not None and end is not None
        if end < start:
            start, end = end, start
        eid = str(row.get("engagement_id") or f"row{i}")
        items.append(
            _Item(start, end, str(row["kind"]), str(row["status"]),
                  _group_label(to_list(row["participants"])), eid)
        )  # fmt: skip
    undated_note = (
        f"{undated} undated engagement{'s' if undated != 1 else ''} not drawn." if undated else ""
    )
    if not items:
        return _nothing(f"no dated engagements ({undated_note.rstrip('.')})", title)
    items.sort(key=lambda it: (it.start, it.end, it.group, it.eid))

    # Rows: participant groups; keep the most active when there are too many.
    counts: dict[str, int] = {}
    first: dict[str, date] = {}
    for it in items:
        counts[it.group] = counts.get(it.group, 0) + 1
        first.setdefault(it.group, it.start)
    groups = sorted(counts, key=lambda g: (-counts[g], first[g], g))
    other_label = None
    pooled_note = ""
    if len(groups) > MAX_TIMELINE_ROWS:
        kept, rest = groups[: MAX_TIMELINE_ROWS - 1], groups[MAX_TIMELINE_ROWS - 1 :]
        n_rest = sum(counts[g] for g in rest)
        other_label = f"Other groups ({len(rest)})"
        pooled_note = (
            f"The {len(rest)} least active groups ({n_rest} engagements) share the last row."
        )
        groups = kept
    rows = sorted(groups, key=lambda g: (first[g], g))
    labels = [f"{g} ({counts[g]})" for g in rows]
    row_of = {g: i for i, g in enumerate(rows)}
    if other_label:
        labels.append(other_label)

    with _style():
        fig = _figure()
        ax = fig.add_subplot()
        for it in items:
            y = row_of.get(it.group, len(rows))
            colour = STATUS_COLOURS.get(it.status, _FALLBACK_COLOUR)
            filled = it.status in FILLED_STATUSES
            marker = KIND_MARKERS.get(it.kind, _FALLBACK_MARKER)
            face = colour if filled else "white"
            if it.start == it.end:
                (point,) = ax.plot(
                    [_num(it.start)], [y], linestyle="none", marker=marker, markersize=8.5,
                    markerfacecolor=face, markeredgecolor=colour, markeredgewidth=1.6, zorder=3,
                )  # fmt: skip
                point.set_gid(f"day:{it.eid}")
                continue
            left, right = _num(it.start), _num(it.end)
            # Filled statuses get a light tint of their colour (the marker stays readable on
            # it); the face alpha is set in the colour, not as the artist's alpha, which
            # would fade the edge too.
            bars = ax.barh(
                [y], [right - left], left=[left], height=0.4,
                color=mpl.colors.to_rgba(colour, 0.3) if filled else "white",
                edgecolor=colour, linewidth=1.3, zorder=2,
            )  # fmt: skip
            bars.patches[0].set_gid(f"interval:{it.eid}")
            (mid,) = ax.plot(
                [(left + right) / 2], [y], linestyle="none", marker=marker, markersize=6,
                markerfacecolor=face, markeredgecolor=colour, markeredgewidth=1.3, zorder=3,
            )  # fmt: skip
            mid.set_gid(f"mid:{it.eid}")

        ax.set_yticks(range(len(labels)), labels)
        # First row at the top. A few rows are centred in at least 6 row-heights, so bars
        # keep a sensible thickness in the fixed-size figure instead of becoming slabs.
        extra = (max(len(labels), 6) - len(labels)) / 2
        ax.set_ylim(len(labels) - 0.5 + extra, -0.5 - extra)
        ax.tick_params(axis="y", length=0)
        for y in range(len(labels)):
            ax.axhline(y, color="#eef1f4", linewidth=0.8, zorder=0)
        lo = min(it.start for it in items)
        hi = max(it.end for it in items)
        pad = max(timedelta(days=3), (hi - lo) * 0.04)
        ax.set_xlim(_num(lo - pad), _num(hi + pad))
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#e3e7ec", linewidth=0.8)
        ax.set_axisbelow(True)
        _title(fig, title)

        kinds = [k for k in KIND_MARKERS if any(it.kind == k for it in items)]
        statuses = [s for s in STATUS_COLOURS if any(it.status == s for it in items)]
        handles: list[Any] = [
            Line2D([], [], linestyle="none", marker=KIND_MARKERS[k], markersize=7,
                   markerfacecolor="#8a94a0", markeredgecolor="#5b6675", label=k)
            for k in kinds
        ]  # fmt: skip
        handles += [
            Line2D([], [], linestyle="none", marker="o", markersize=7.5,
                   markerfacecolor=STATUS_COLOURS[s] if s in FILLED_STATUSES else "white",
                   markeredgecolor=STATUS_COLOURS[s], markeredgewidth=1.6, label=s)
            for s in statuses
        ]  # fmt: skip
        if any(it.start != it.end for it in items):
            handles.append(
                Patch(facecolor="#d7dde4", edgecolor="#8a94a0", label="date range (uncertain)")
            )
        # An axes legend just above the axes: constrained layout counts it as part of the
        # axes, so it never collides with the title (a figure legend "outside" does). Two
        # rows keep it narrower than the axes, which would otherwise shrink to its width.
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.01),
                  ncol=(len(handles) + 1) // 2, fontsize=9, handletextpad=0.4,
                  columnspacing=1.4, borderaxespad=0.2)  # fmt: skip
        caption = " ".join(
            s for s in (
                f"{len(items)} dated engagement{'s' if len(items) != 1 else ''}; "
                "rows are groups of participants (engagements per row).",
                pooled_note, undated_note,
            ) if s
        )  # fmt: skip
        _caption(fig, caption)
    return fig


# --------------------------------------------------------------------------- gaps


def gaps_chart(gaps_df: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Days between consecutive engagements, in sequence order.

    Each gap is a vertical bar from ``gap_min_days`` to ``gap_max_days`` (the range the
    uncertain dates allow; ``gid`` ``"gap:<i>"``) or a dot when both are equal. A dashed line
    marks the median of the gaps' midpoints. Tick labels (``label``, else the next
    engagement's start date, else ``from_id → to_id``) are shown for at most 24 gaps.
    """
    if gaps_df.empty:
        return _nothing("no gaps (fewer than two dated engagements)", title)
    _require(gaps_df, ("from_id", "to_id", "gap_min_days", "gap_max_days"), "gaps_chart")
    frame = gaps_df.reset_index(drop=True)
    lo = pd.to_numeric(frame["gap_min_days"], errors="coerce")
    hi = pd.to_numeric(frame["gap_max_days"], errors="coerce")
    lo, hi = lo.fillna(hi), hi.fillna(lo)
    ok = lo.notna() & hi.notna()
    skipped = int((~ok).sum())
    if not ok.any():
        return _nothing("no gap has a length", title)
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    if "label" in frame.columns:
        names = [str(v) for v in frame["label"]]
    elif "to_start" in frame.columns:
        # Dates say more to a reader than engagement ids: "to 2021-09-09".
        names = [
            f"to {d.isoformat()}" if (d := to_date(v)) else f"to {t}"
            for v, t in zip(frame["to_start"], frame["to_id"], strict=True)
        ]
    else:
        names = [f"{a} → {b}" for a, b in zip(frame["from_id"], frame["to_id"], strict=True)]

    with _style():
        fig = _figure()
        ax = fig.add_subplot()
        xs = np.arange(1, len(frame) + 1)
        colour = STATUS_COLOURS["occurred"]
        for i in np.flatnonzero(ok.to_numpy()):
            if hi[i] > lo[i]:
                bar = ax.bar(xs[i], hi[i] - lo[i], bottom=lo[i], width=0.6, color=colour,
                             alpha=0.35, edgecolor=colour, linewidth=1.0)  # fmt: skip
                bar.patches[0].set_gid(f"gap:{i}")
            else:
                (dot,) = ax.plot([xs[i]], [lo[i]], linestyle="none", marker="o", markersize=6,
                                 color=colour)  # fmt: skip
                dot.set_gid(f"gap:{i}")
        median = float(np.median(((lo + hi) / 2)[ok]))
        ax.axhline(median, color="#5b6675", linestyle="--", linewidth=1)
        ax.annotate(
            f"median {median:.0f} days", xy=(1.0, median), xycoords=("axes fraction", "data"),
            xytext=(-4, 4), textcoords="offset points", ha="right", fontsize=8.5, color="#5b6675",
        )  # fmt: skip
        ax.set_ylim(min(0.0, float(lo[ok].min())), float(hi[ok].max()) * 1.08 + 1)
        ax.set_xlim(0.3, len(frame) + 0.7)
        ax.set_ylabel("days between engagements")
        if len(frame) <= 24:
            ax.set_xticks(xs, [_shorten(n, 28) for n in names], rotation=35, ha="right",
                          fontsize=8.5)  # fmt: skip
        else:
            ax.set_xlabel("gap number, in sequence order")
        ax.grid(axis="y", color="#e3e7ec", linewidth=0.8)
        ax.set_axisbelow(True)
        _title(fig, title)
        note = "Bars: the range the uncertain dates allow; dots: exact gaps."
        if skipped:
            note += f" {skipped} gap{'s' if skipped != 1 else ''} without a length not drawn."
        _caption(fig, note)
    return fig


# --------------------------------------------------------------------------- network


def network_matrix(edges_df: pd.DataFrame, *, top_n: int = 15, title: str | None = None) -> Figure:
    """Who meets whom: a symmetric heatmap of engagement counts among the ``top_n`` actors.

    Actors are ranked by their total engagements (ties alphabetically); pairs are unordered
    (``A,B`` and ``B,A`` are summed); self-pairs are ignored. Counts are written in the cells.
    """
    if edges_df.empty:
        return _nothing("no pairs of actors", title)
    _require(edges_df, ("actor_a", "actor_b", "engagements"), "network_matrix")
    pairs: dict[tuple[str, str], float] = {}
    for a, b, n in edges_df[["actor_a", "actor_b", "engagements"]].itertuples(index=False):
        if pd.isna(a) or pd.isna(b) or pd.isna(n) or str(a) == str(b):
            continue
        key = tuple(sorted((str(a), str(b))))
        pairs[key] = pairs.get(key, 0.0) + float(n)  # type: ignore[index]
    pairs = {k: v for k, v in pairs.items() if v > 0}
    if not pairs:
        return _nothing("no pairs of actors", title)
    totals: dict[str, float] = {}
    for (a, b), n in pairs.items():
        totals[a] = totals.get(a, 0.0) + n
        totals[b] = totals.get(b, 0.0) + n
    actors = sorted(totals, key=lambda x: (-totals[x], x))[:top_n]
    index = {name: i for i, name in enumerate(actors)}
    matrix = np.zeros((len(actors), len(actors)))
    for (a, b), n in pairs.items():
        if a in index and b in index:
            matrix[index[a], index[b]] = matrix[index[b], index[a]] = n

    with _style():
        fig = _figure()
        ax = fig.add_subplot()
        shown = np.ma.masked_equal(matrix, 0)
        image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=max(matrix.max(), 1), aspect="equal")
        names = [_shorten(a, 26) for a in actors]
        ax.set_xticks(range(len(actors)), names, rotation=40, ha="right", fontsize=8.5)
        ax.set_yticks(range(len(actors)), names, fontsize=8.5)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, len(actors)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(actors)), minor=True)
        ax.grid(which="minor", color="#e3e7ec", linewidth=0.8)
        ax.tick_params(which="minor", length=0)
        threshold = matrix.max() * 0.6
        for i in range(len(actors)):
            for j in range(len(actors)):
                if matrix[i, j]:
                    ax.text(j, i, _count_label(matrix[i, j]), ha="center", va="center", fontsize=8,
                            color="white" if matrix[i, j] > threshold else "#1d2530")  # fmt: skip
        image.set_gid("matrix")
        _title(fig, title)
        note = "Cells: engagements between the two actors."
        if len(totals) > len(actors):
            note += f" The {len(actors)} most active of {len(totals)} actors."
        _caption(fig, note)
    return fig


# --------------------------------------------------------------------------- topics


def _period_order(values: Sequence[Any]) -> list[Any]:
    """Periods in time order when they parse as dates or pandas Periods, else as text."""
    unique = list(dict.fromkeys(values))
    try:
        keys = [pd.Period(v).start_time if not isinstance(v, pd.Period) else v.start_time
                for v in unique]  # fmt: skip
        return [v for _, v in sorted(zip(keys, unique, strict=True), key=lambda kv: kv[0])]
    except (TypeError, ValueError):
        return sorted(unique, key=str)


def _period_label(value: Any) -> str:
    if isinstance(value, (pd.Timestamp, date)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return str(value)


def topics_over_time(long_df: pd.DataFrame, *, top_n: int = 12, title: str | None = None) -> Figure:
    """A heatmap of how often each topic comes up per period (the ``top_n`` commonest topics).

    Rows are topics by total count (ties alphabetically), columns periods in time order
    (labels such as "2021-05", "2021Q2", "2021" or dates); counts are written in the cells
    when the grid is small enough to read them. The count column is ``count``, or
    ``engagements`` as :func:`helpers.sequence.topics_over_time` names it.
    """
    if long_df.empty:
        return _nothing("no topics recorded", title)
    value = "count" if "count" in long_df.columns else "engagements"
    _require(long_df, ("topic", "period", value), "topics_over_time")
    frame = long_df[["topic", "period", value]].rename(columns={value: "count"})
    frame = frame.dropna(subset=["topic", "period"])
    frame = frame.assign(
        topic=frame["topic"].astype(str),
        count=pd.to_numeric(frame["count"], errors="coerce").fillna(0),
    )
    frame = frame[frame["count"] > 0]
    if frame.empty:
        return _nothing("no topics recorded", title)
    periods = _period_order(list(frame["period"]))
    totals = frame.groupby("topic")["count"].sum()
    topics = sorted(totals.index, key=lambda t: (-totals[t], t))[:top_n]
    t_index = {t: i for i, t in enumerate(topics)}
    p_index = {p: j for j, p in enumerate(periods)}
    matrix = np.zeros((len(topics), len(periods)))
    for topic, period, count in frame.itertuples(index=False):
        if topic in t_index:
            matrix[t_index[topic], p_index[period]] += count

    with _style():
        fig = _figure()
        ax = fig.add_subplot()
        ax.imshow(np.ma.masked_equal(matrix, 0), cmap="YlOrBr", vmin=0,
                  vmax=max(matrix.max(), 1), aspect="auto")  # fmt: skip
        step = max(1, int(np.ceil(len(periods) / 18)))
        ticks = list(range(0, len(periods), step))
        ax.set_xticks(ticks, [_period_label(periods[j]) for j in ticks], rotation=40, ha="right",
                      fontsize=8.5)  # fmt: skip
        ax.set_yticks(range(len(topics)), [_shorten(t, 34) for t in topics], fontsize=8.5)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if matrix.size <= 300:
            threshold = matrix.max() * 0.6
            for i in range(len(topics)):
                for j in range(len(periods)):
                    if matrix[i, j]:
                        ink = "white" if matrix[i, j] > threshold else "#1d2530"
                        ax.text(j, i, _count_label(matrix[i, j]), ha="center", va="center",
                                fontsize=8, color=ink)  # fmt: skip
        _title(fig, title)
        note = "Cells: engagements mentioning the topic in the period."
        if len(totals) > len(topics):
            note += f" The {len(topics)} commonest of {len(totals)} topics."
        _caption(fig, note)
    return fig


# --------------------------------------------------------------------------- display


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG at :data:`DPI` (no software version in the metadata: reproducible)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def figure_html(fig: Figure, alt: str) -> SafeHTML:
    """``<img>`` markup for ``fig`` with escaped alt text, as a marked :class:`SafeHTML`."""
    if not alt or not alt.strip():
        raise ValueError("every figure needs alt text: say what it shows")
    import html

    payload = base64.b64encode(png_bytes(fig)).decode("ascii")
    width, height = (int(round(v * DPI)) for v in fig.get_size_inches())
    markup = (
        f'<figure class="output-image"><img src="data:image/png;base64,{payload}" '
        f'alt="{html.escape(alt.strip(), quote=True)}" width="{width}" height="{height}">'
        "</figure>"
    )
    return SafeHTML(markup, alt.strip())


def show(fig: Figure, alt: str) -> None:
    """Display ``fig`` in the notebook as a PNG ``<img>`` with ``alt`` text, then close it.

    The output is ``text/html`` marked as built here, so the report template keeps the alt
    text (nbconvert's own image output has none) and JupyterLab shows the same image. Raises
    ``ValueError`` for empty alt text: every figure must say what it shows.
    """
    from IPython.display import display

    try:
        display(figure_html(fig, alt))
    finally:
        # Not pyplot-managed when made here; close it anyway in case a caller passes one.
        import matplotlib.pyplot as plt

        plt.close(fig)


__all__ = [
    "DPI",
    "FIGSIZE",
    "KIND_MARKERS",
    "STATUS_COLOURS",
    "figure_html",
    "gaps_chart",
    "network_matrix",
    "png_bytes",
    "show",
    "timeline",
    "topics_over_time",
]


# --------------------------------------------------------------------------- alt text
# Each figure's alt text says in words what the picture shows, for readers who cannot
# see it; the numbers come from the same frame the figure is drawn from.


def _dated(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty or "date_start" not in df:
        return df.iloc[0:0]
    return df[df["date_start"].map(to_date).notna()]


def timeline_alt(df: pd.DataFrame) -> str:
    """Alt text for :func:`timeline`."""
    dated = _dated(df)
    if dated.empty:
        return "Timeline: no dated engagement to show."
    starts = [to_date(v) for v in dated["date_start"]]
    uncertain = int(sum(to_date(a) != to_date(b)
                        for a, b in zip(dated["date_start"], dated["date_end"], strict=True)))
    return (f"Timeline of {len(dated)} dated engagements from {min(starts)} to {max(starts)}; "
            f"{uncertain} of them are known only to an interval, drawn as bars; "
            f"{len(df) - len(dated)} undated engagements are not drawn.")


def gaps_alt(gaps_df: pd.DataFrame) -> str:
    """Alt text for :func:`gaps_chart`."""
    if gaps_df.empty:
        return "Gaps between engagements: fewer than two dated engagements, nothing to show."
    return (f"{len(gaps_df)} gaps between consecutive engagements, each drawn from its least "
            f"to its most possible days: least {int(gaps_df['gap_min_days'].min())}, most "
            f"{int(gaps_df['gap_max_days'].max())}, median of the least "
            f"{float(gaps_df['gap_min_days'].median()):.0f} days.")


def network_alt(edges_df: pd.DataFrame) -> str:
    """Alt text for :func:`network_matrix`."""
    if edges_df.empty:
        return "Who meets whom: no engagement between two named participants."
    top = edges_df.sort_values("engagements", ascending=False).iloc[0]
    actors = len(set(edges_df["actor_a"]) | set(edges_df["actor_b"]))
    return (f"Matrix of who meets whom among {actors} actors; the most frequent pair is "
            f"{top['actor_a']} and {top['actor_b']} with {int(top['engagements'])} "
            f"engagements.")


def topics_alt(long_df: pd.DataFrame) -> str:
    """Alt text for :func:`topics_over_time`."""
    if long_df.empty:
        return "Topics over time: no engagement with a reported topic."
    count = "count" if "count" in long_df else "engagements"
    totals = long_df.groupby("topic")[count].sum().sort_values(ascending=False)
    names = ", ".join(str(t) for t in totals.index[:3])
    return (f"Heat map of {len(totals)} topics over {long_df['period'].nunique()} periods; "
            f"the most frequent: {names}.")
