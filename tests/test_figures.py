"""Tests of helpers.figures: fixed size, what is drawn where, empty input, alt text."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from helpers import figures

LUKA, PUTIN = "Alexander Lukashenko", "Vladimir Putin"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def num(text: str) -> float:
    return float(mdates.date2num(np.datetime64(text)))


def engagements() -> pd.DataFrame:
    """Six engagements like the seed article's, plus one undated."""
    rows = [
        ("e1", "meeting", "scheduled", [LUKA, PUTIN], "2021-09-09", "2021-09-09"),
        ("e2", "call", "occurred", [PUTIN, LUKA], "2021-08-30", "2021-08-30"),
        ("e3", "summit", "scheduled", ["CSTO", "SCO"], "2021-09-11", "2021-09-20"),
        ("e4", "meeting", "occurred", [LUKA, PUTIN], "2021-05-21", "2021-05-31"),
        ("e5", "meeting", "occurred", [LUKA, PUTIN], "2021-07-01", "2021-07-31"),
        ("e6", "call", "cancelled", [LUKA, PUTIN], "2021-08-23", "2021-08-23"),
        ("e7", "meeting", "proposed", ["Xi Jinping", PUTIN], None, None),
    ]
    return pd.DataFrame(
        [
            {
                "engagement_id": eid,
                "kind": kind,
                "status": status,
                "participants": people,
                "date_start": day(start) if start else None,
                "date_end": day(end) if end else None,
            }
            for eid, kind, status, people, start, end in rows
        ]
    )


def artist(fig: Figure, gid: str):
    [found] = [a for a in fig.axes[0].get_children() if a.get_gid() == gid]
    return found


def texts(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def png_size(fig: Figure) -> tuple[int, int]:
    data = figures.png_bytes(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def assert_fixed_size(fig: Figure) -> None:
    assert tuple(fig.get_size_inches()) == figures.FIGSIZE
    assert fig.dpi == figures.DPI
    expected = tuple(round(v * figures.DPI) for v in figures.FIGSIZE)
    assert png_size(fig) == expected


# --------------------------------------------------------------------------- timeline


def test_timeline_has_the_fixed_size_and_one_row_per_group() -> None:
    fig = figures.timeline(engagements(), title="Seed article")
    assert_fixed_size(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # Rows in order of their first engagement; the undated pair (Xi, Putin) has no row.
    assert labels == [f"{LUKA} – {PUTIN} (5)", "CSTO – SCO (1)"]
    assert "Seed article" in texts(fig)


def test_an_uncertain_date_is_a_bar_spanning_its_interval() -> None:
    fig = figures.timeline(engagements())
    bar = artist(fig, "interval:e4")
    assert isinstance(bar, Rectangle)
    box = bar.get_bbox()  # data coordinates
    assert box.x0 == pytest.approx(num("2021-05-21"))
    assert box.x1 == pytest.approx(num("2021-05-31"))
    assert (box.y0 + box.y1) / 2 == pytest.approx(0)  # on the Lukashenko–Putin row
    summit = artist(fig, "interval:e3").get_bbox()
    assert (summit.x0, summit.x1) == pytest.approx((num("2021-09-11"), num("2021-09-20")))
    assert (summit.y0 + summit.y1) / 2 == pytest.approx(1)
    # The kind's marker sits at the middle of the bar.
    mid = artist(fig, "mid:e4")
    assert mid.get_xdata()[0] == pytest.approx((num("2021-05-21") + num("2021-05-31")) / 2)


def test_an_exact_day_is_a_marker_shaped_by_kind_and_coloured_by_status() -> None:
    fig = figures.timeline(engagements())
    call = artist(fig, "day:e2")
    assert isinstance(call, Line2D)
    assert call.get_xdata()[0] == pytest.approx(num("2021-08-30"))
    assert call.get_marker() == figures.KIND_MARKERS["call"]
    assert call.get_markeredgecolor() == figures.STATUS_COLOURS["occurred"]
    assert call.get_markerfacecolor() == figures.STATUS_COLOURS["occurred"]  # filled: happened
    meeting = artist(fig, "day:e1")
    assert meeting.get_marker() == figures.KIND_MARKERS["meeting"]
    assert meeting.get_markerfacecolor() == "white"  # hollow: scheduled
    assert meeting.get_markeredgecolor() == figures.STATUS_COLOURS["scheduled"]
    # No artist for the undated engagement; the caption counts it.
    assert not [a for a in fig.axes[0].get_children() if (a.get_gid() or "").endswith(":e7")]
    assert "1 undated engagement not drawn" in texts(fig)


def test_timeline_legend_and_dates_are_readable() -> None:
    fig = figures.timeline(engagements())
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["meeting", "call", "summit", "occurred", "scheduled", "cancelled",
                      "date range (uncertain)"]  # fmt: skip
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert "Jun" in ticks and "Sep" in ticks  # month names, not date numbers


def test_many_engagements_are_capped_to_readable_rows() -> None:
    rng = np.random.default_rng(1)
    people = [f"Leader {i:02d}" for i in range(40)]
    rows = []
    for i in range(300):
        a, b = rng.choice(len(people), size=2, replace=False)
        start = dt.date(2021, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        rows.append({"engagement_id": f"x{i}", "kind": "meeting", "status": "occurred",
                     "participants": [people[a], people[b]], "date_start": start,
                     "date_end": start + dt.timedelta(days=int(rng.integers(0, 3)))})  # fmt: skip
    fig = figures.timeline(pd.DataFrame(rows))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == figures.MAX_TIMELINE_ROWS
    assert re.fullmatch(r"Other groups \(\d+\)", labels[-1])
    assert "share the last row" in texts(fig)
    assert_fixed_size(fig)


def test_figures_are_deterministic() -> None:
    first = figures.png_bytes(figures.timeline(engagements()))
    second = figures.png_bytes(figures.timeline(engagements().iloc[::-1]))
    assert first == second


@pytest.mark.parametrize(
    "frame",
    [pd.DataFrame(), engagements().head(0), engagements().tail(1)],
    ids=["no-columns", "no-rows", "undated-only"],
)
def test_timeline_with_nothing_to_draw(frame: pd.DataFrame) -> None:
    fig = figures.timeline(frame)
    assert_fixed_size(fig)
    assert "Nothing to show" in texts(fig)


def test_timeline_names_missing_columns() -> None:
    with pytest.raises(ValueError, match="date_start"):
        figures.timeline(engagements().drop(columns="date_start"))


# --------------------------------------------------------------------------- other charts


def test_gaps_chart_draws_ranges_and_exact_gaps() -> None:
    gaps = pd.DataFrame({"from_id": ["e4", "e5", "e2"], "to_id": ["e5", "e2", "e1"],
                         "gap_min_days": [31, 30, 10], "gap_max_days": [71, 60, 10]})  # fmt: skip
    fig = figures.gaps_chart(gaps, title="Gaps")
    assert_fixed_size(fig)
    box = artist(fig, "gap:0").get_bbox()
    assert (box.y0, box.y1) == pytest.approx((31, 71))
    assert (box.x0 + box.x1) / 2 == pytest.approx(1)
    exact = artist(fig, "gap:2")
    assert isinstance(exact, Line2D) and exact.get_ydata()[0] == 10
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["e4 → e5", "e5 → e2", "e2 → e1"]
    assert "median" in texts(fig)
    # With helpers.sequence.gaps's dates, ticks name the next engagement's start.
    dated = gaps.assign(to_start=[day("2021-07-01"), day("2021-08-30"), day("2021-09-09")])
    labels = [t.get_text() for t in figures.gaps_chart(dated).axes[0].get_xticklabels()]
    assert labels == ["to 2021-07-01", "to 2021-08-30", "to 2021-09-09"]


def test_network_matrix_is_symmetric_and_limited_to_top_actors() -> None:
    edges = pd.DataFrame({"actor_a": ["A", "B", "A", "C", "D"],
                          "actor_b": ["B", "A", "C", "D", "D"],
                          "engagements": [2, 3, 1, 4, 9]})  # fmt: skip
    fig = figures.network_matrix(edges, top_n=3)
    assert_fixed_size(fig)
    [image] = fig.axes[0].get_images()
    matrix = np.ma.filled(image.get_array(), 0)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["A", "B", "C"]  # totals A 6, B 5, C 5, D 4 (the self-pair is ignored)
    assert matrix[0, 1] == matrix[1, 0] == 5  # A-B and B-A summed
    assert matrix[0, 2] == 1 and matrix[1, 2] == 0
    assert "3 most active of 4 actors" in texts(fig)


def test_topics_over_time_orders_periods_and_accepts_sequence_output() -> None:
    long = pd.DataFrame({"topic": ["gas", "gas", "security", "trade"],
                         "period": ["2021Q3", "2021Q1", "2021Q1", "2021Q2"],
                         "count": [3, 1, 2, 1]})  # fmt: skip
    fig = figures.topics_over_time(long)
    assert_fixed_size(fig)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2021Q1", "2021Q2", "2021Q3"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["gas", "security", "trade"]
    # helpers.sequence.topics_over_time names the count "engagements" (may be fractional).
    seq = long.rename(columns={"count": "engagements"}).assign(engagements=[2.5, 1, 2, 1])
    assert "2.5" in texts(figures.topics_over_time(seq))


@pytest.mark.parametrize(
    ("draw", "columns"),
    [
        (figures.gaps_chart, ["from_id", "to_id", "gap_min_days", "gap_max_days"]),
        (figures.network_matrix, ["actor_a", "actor_b", "engagements"]),
        (figures.topics_over_time, ["topic", "period", "count"]),
    ],
)
def test_empty_inputs_give_a_nothing_to_show_figure(draw, columns) -> None:
    for frame in (pd.DataFrame(), pd.DataFrame(columns=columns)):
        fig = draw(frame)
        assert_fixed_size(fig)
        assert "Nothing to show" in texts(fig)


# --------------------------------------------------------------------------- display


def test_figure_html_carries_escaped_alt_text_and_a_png() -> None:
    fig = figures.timeline(engagements())
    out = figures.figure_html(fig, 'Timeline of "seed" <engagements>')
    assert 'alt="Timeline of &quot;seed&quot; &lt;engagements&gt;"' in out
    assert 'width="1100" height="616"' in out
    payload = re.search(r'src="data:image/png;base64,([^"]+)"', out).group(1)
    assert base64.b64decode(payload)[:4] == b"\x89PNG"
    data, meta = out._repr_mimebundle_()
    assert meta == {"parley": {"escaped": True}} and data["text/plain"].startswith("Timeline")


def test_show_needs_alt_text_and_closes_the_figure(capsys) -> None:
    import matplotlib.pyplot as plt

    with pytest.raises(ValueError, match="alt text"):
        figures.figure_html(figures.timeline(engagements()), "  ")
    fig = plt.figure()
    number = fig.number
    figures.show(fig, "An empty pyplot figure")
    assert not plt.fignum_exists(number)
    capsys.readouterr()  # outside IPython, display() prints the text/plain form


def test_png_is_small() -> None:
    buffer = io.BytesIO(figures.png_bytes(figures.timeline(engagements())))
    assert len(buffer.getvalue()) < 150_000
