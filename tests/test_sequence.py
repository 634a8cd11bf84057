"""Tests of helpers.sequence on small hand-built engagements tables."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from helpers import sequence as sq
from helpers.schema import ENGAGEMENTS, empty_frame, read_table, to_arrow, write_table

D = dt.date


def make_engagements(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """An engagements table from partial rows, defaults filled, checked against the schema.

    Dates may be given as ISO strings; ``date_end`` defaults to ``date_start``; ids default
    to e1, e2...
    """
    records = []
    for i, row in enumerate(rows, start=1):
        start = row.get("date_start")
        end = row.get("date_end", start)
        start = D.fromisoformat(start) if isinstance(start, str) else start
        end = D.fromisoformat(end) if isinstance(end, str) else end
        doc_id = row.get("doc_id", f"d{i}")
        record = {
            "engagement_id": f"e{i}",
            "doc_id": doc_id,
            "doc_ids": [doc_id],
            "n_mentions": 1,
            "kind": "meeting",
            "mode": "in_person",
            "status": "occurred",
            "participants": [],
            "initiator": None,
            "location": None,
            "country": None,
            "date_precision": "day" if start else "unknown",
            "topics": [],
            "evidence": "",
            "evidence_start": 0,
            "evidence_end": 0,
            "cameo": None,
            "plover": None,
            "conflict": None,
            **row,
            "date_start": start,
            "date_end": end,
        }
        records.append(record)
    frame = (
        pd.DataFrame(records, columns=ENGAGEMENTS.names) if records else empty_frame("engagements")
    )
    to_arrow(frame, "engagements")  # raises SchemaError if the fixture drifts from the schema
    return frame


PUTIN, LUKA = "Vladimir Putin", "Alexander Lukashenko"


@pytest.fixture
def seed() -> pd.DataFrame:
    """The six engagements of the spec's worked example (engagements.md), in its order."""
    return make_engagements(
        [
            dict(
                status="scheduled",
                participants=[LUKA, PUTIN],
                initiator=LUKA,
                location="Moscow",
                country="Russia",
                date_start="2021-09-09",
                topics=["Gas pricing", "integration"],
                n_mentions=3,
                doc_ids=["d1", "d7"],
            ),
            dict(
                kind="call",
                mode="phone",
                participants=[PUTIN, LUKA],
                initiator=PUTIN,
                date_start="2021-08-30",
                topics=["gas  pricing "],
            ),
            dict(
                kind="summit",
                status="scheduled",
                participants=["CSTO", "SCO"],
                location="Dushanbe",
                country="Tajikistan",
                date_start="2021-09-11",
                date_end="2021-09-20",
                date_precision="part_of_month",
                topics=["Afghanistan"],
            ),
            dict(
                participants=[LUKA, PUTIN],
                location="Sochi",
                country="Russia",
                date_start="2021-05-21",
                date_end="2021-05-31",
                date_precision="part_of_month",
            ),
            dict(
                participants=[LUKA, PUTIN],
                location="Saint Petersburg",
                country="Russia",
                date_start="2021-07-01",
                date_end="2021-07-31",
                date_precision="month",
            ),
            dict(
                kind="call",
                mode="unspecified",
                participants=[LUKA, PUTIN],
                date_start="2021-08-23",
            ),
        ]
    )


# ------------------------------------------------------------------------------ selection


def test_involving_matches_surnames_as_whole_words_only() -> None:
    df = make_engagements(
        [
            dict(participants=[PUTIN, LUKA]),
            dict(participants=["Anna Putinova", LUKA]),
            dict(participants=["vladimir  PUTIN", "Recep Tayyip Erdoğan"]),
            dict(participants=["Xi Jinping", PUTIN]),
            dict(participants=[]),
        ]
    )
    assert sq.involving(df, "Putin")["engagement_id"].tolist() == ["e1", "e3", "e4"]
    assert sq.involving(df, ["Putinova"])["engagement_id"].tolist() == ["e2"]
    assert sq.involving(df, ["putin", "Lukashenko"])["engagement_id"].tolist() == ["e1"]
    assert sq.involving(df, ["Vladimir Putin", "Erdogan"])["engagement_id"].tolist() == ["e3"]
    any_of = sq.involving(df, ["Xi", "Putinova"], all_of=False)
    assert any_of["engagement_id"].tolist() == ["e2", "e4"]
    # the index is kept, so the result aligns with the input
    assert any_of.index.tolist() == [1, 3]
    with pytest.raises(ValueError):
        sq.involving(df, [])
    with pytest.raises(ValueError):
        sq.involving(df, ["  "])


def test_in_period_overlap_versus_certain(seed: pd.DataFrame) -> None:
    late_may = seed.iloc[[3]]
    assert len(sq.in_period(late_may, "2021-05-25", "2021-06-05")) == 1
    assert len(sq.in_period(late_may, "2021-05-25", "2021-06-05", certain=True)) == 0
    assert len(sq.in_period(late_may, "2021-05-01", "2021-05-31", certain=True)) == 1
    assert len(sq.in_period(late_may, "2021-06-01")) == 0
    assert len(sq.in_period(late_may, end=D(2021, 5, 21))) == 1
    august = sq.in_period(seed, "2021-08-01", "2021-08-31")
    assert sorted(august["engagement_id"]) == ["e2", "e6"]
    with pytest.raises(ValueError):
        sq.in_period(seed, "2021-09-01", "2021-08-01")


def test_in_period_undated_only_without_bounds() -> None:
    df = make_engagements([dict(date_start="2021-01-05"), dict()])
    assert len(sq.in_period(df)) == 2
    assert sq.in_period(df, certain=True)["engagement_id"].tolist() == ["e1"]
    assert sq.in_period(df, "2000-01-01")["engagement_id"].tolist() == ["e1"]


# ------------------------------------------------------------------------------ sequence


def test_order_of_the_seed_is_chronological_and_certain(seed: pd.DataFrame) -> None:
    ordered = sq.order(seed)
    assert ordered["engagement_id"].tolist() == ["e4", "e5", "e6", "e2", "e1", "e3"]
    assert ordered["position"].tolist() == [1, 2, 3, 4, 5, 6]
    assert ordered["order_certain"].all()
    assert all(v == [] for v in ordered["overlaps_with"])
    assert list(ordered.columns[:2]) == ["position", "engagement_id"]


def test_order_flags_overlaps_including_non_adjacent_ones() -> None:
    df = make_engagements(
        [
            dict(date_start="2021-06-05"),  # e1: after everything in May
            dict(),  # e2: undated -> last
            dict(date_start="2021-05-25"),  # e3: overlaps only e4, which is two places away
            dict(date_start="2021-05-01", date_end="2021-05-31", date_precision="month"),  # e4
            dict(date_start="2021-05-02"),  # e5: inside e4
            dict(date_start="2021-05-02"),  # e6: same day as e5 (tie keeps input order)
        ]
    )
    ordered = sq.order(df)
    assert ordered["engagement_id"].tolist() == ["e4", "e5", "e6", "e3", "e1", "e2"]
    certain = dict(zip(ordered["engagement_id"], ordered["order_certain"], strict=True))
    assert certain == {"e4": False, "e5": False, "e6": False, "e3": False, "e1": True, "e2": False}
    overlaps = dict(zip(ordered["engagement_id"], ordered["overlaps_with"], strict=True))
    assert overlaps["e4"] == ["e5", "e6", "e3"]
    assert overlaps["e5"] == ["e4", "e6"]
    assert overlaps["e3"] == ["e4"]
    assert overlaps["e1"] == [] and overlaps["e2"] == []


def test_order_sorts_by_end_when_starts_tie() -> None:
    df = make_engagements(
        [
            dict(date_start="2021-03-01", date_end="2021-03-31"),
            dict(date_start="2021-03-01", date_end="2021-03-10"),
        ]
    )
    assert sq.order(df)["engagement_id"].tolist() == ["e2", "e1"]


def test_gaps_are_ranges_of_days(seed: pd.DataFrame) -> None:
    df = make_engagements(
        [
            dict(date_start="2021-06-02"),
            dict(date_start="2021-05-21", date_end="2021-05-31"),
        ]
    )
    gap = sq.gaps(df)
    assert gap[["from_id", "to_id"]].values.tolist() == [["e2", "e1"]]
    assert (gap.loc[0, "gap_min_days"], gap.loc[0, "gap_max_days"]) == (2, 12)
    assert gap.loc[0, "from_end"] == D(2021, 5, 31) and gap.loc[0, "to_start"] == D(2021, 6, 2)

    pair = sq.gaps(seed, ["Putin", "Lukashenko"])  # the CSTO/SCO summit drops out
    assert pair["to_id"].tolist() == ["e5", "e6", "e2", "e1"]
    assert pair["gap_min_days"].tolist() == [31, 23, 7, 10]
    assert pair["gap_max_days"].tolist() == [71, 53, 7, 10]
    everything = sq.gaps(seed)
    assert everything.iloc[-1][["from_id", "to_id", "gap_min_days", "gap_max_days"]].tolist() == [
        "e1",
        "e3",
        2,
        11,
    ]


def test_gaps_of_overlapping_intervals_start_at_zero() -> None:
    df = make_engagements(
        [
            dict(date_start="2021-05-01", date_end="2021-05-31"),
            dict(date_start="2021-05-10"),
            dict(date_start="2021-05-10"),
        ]
    )
    gap = sq.gaps(df)
    assert gap["gap_min_days"].tolist() == [0, 0]
    assert gap["gap_max_days"].tolist() == [9, 0]


def test_places_in_sequence(seed: pd.DataFrame) -> None:
    where = sq.places(seed)
    assert where["location"].tolist() == ["Sochi", "Saint Petersburg", "Moscow", "Dushanbe"]
    assert where["position"].tolist() == [1, 2, 3, 4]
    assert where["order_certain"].all()
    assert where["kind"].tolist() == ["meeting", "meeting", "meeting", "summit"]


# ---------------------------------------------------------------------------- over time


def test_cadence_counts_spanning_intervals_fractionally() -> None:
    df = make_engagements(
        [
            dict(date_start="2021-05-25", date_end="2021-06-03"),  # 7 days in May, 3 in June
            dict(date_start="2021-05-02"),
            dict(date_start="2021-08-15"),
            dict(),  # undated: not counted
        ]
    )
    monthly = sq.cadence(df, "M")
    assert monthly["period"].tolist() == ["2021-05", "2021-06", "2021-07", "2021-08"]
    assert monthly["engagements"].tolist() == pytest.approx([1.7, 0.3, 0.0, 1.0])
    assert monthly["certain"].tolist() == [1, 0, 0, 1]
    assert monthly["possible"].tolist() == [2, 1, 0, 1]
    assert monthly["engagements"].sum() == pytest.approx(3.0)
    assert monthly.loc[1, "period_start"] == D(2021, 6, 1)
    assert monthly.loc[1, "period_end"] == D(2021, 6, 30)
    assert sq.cadence(df, "ME").equals(monthly)

    quarterly = sq.cadence(df, "Q")
    assert quarterly["period"].tolist() == ["2021Q2", "2021Q3"]
    assert quarterly["engagements"].tolist() == pytest.approx([2.0, 1.0])
    assert quarterly["certain"].tolist() == [2, 1]
    assert quarterly.loc[0, "period_end"] == D(2021, 6, 30)

    with pytest.raises(ValueError):
        sq.cadence(df, "W")


def test_cadence_long_intervals_sum_to_the_number_dated() -> None:
    df = make_engagements(
        [
            dict(date_start="2020-12-01", date_end="2021-02-28", date_precision="season"),
            dict(date_start="2021-01-01", date_end="2021-12-31", date_precision="year"),
            dict(date_start="2021-02-10"),
        ]
    )
    monthly = sq.cadence(df, "M")
    assert monthly["engagements"].sum() == pytest.approx(3.0)
    assert len(monthly) == 13  # December 2020 to December 2021, empty months included
    winter = monthly.set_index("period").loc["2020-12", "engagements"]
    assert winter == pytest.approx(31 / 90)
    yearly = sq.cadence(df, "Y")
    assert yearly["period"].tolist() == ["2020", "2021"]
    assert yearly["certain"].tolist() == [0, 2]


def test_cadence_by_kind_lists_every_kind(seed: pd.DataFrame) -> None:
    by_kind = sq.cadence(seed, "Q", by="kind")
    assert by_kind["kind"].tolist() == ["meeting", "call", "summit"] * 2
    q3 = by_kind[by_kind["period"] == "2021Q3"].set_index("kind")["engagements"]
    assert q3.to_dict() == pytest.approx({"meeting": 2.0, "call": 2.0, "summit": 1.0})
    q2 = by_kind[by_kind["period"] == "2021Q2"].set_index("kind")["engagements"]
    assert q2.to_dict() == pytest.approx({"meeting": 1.0, "call": 0.0, "summit": 0.0})


def test_topics_are_normalized_and_counted_per_period(seed: pd.DataFrame) -> None:
    topics = sq.topics_over_time(seed, "Q")
    rows = {(p, t): n for p, t, n in topics[["period", "topic", "engagements"]].values}
    assert rows == {
        ("2021Q3", "gas pricing"): 2.0,
        ("2021Q3", "afghanistan"): 1.0,
        ("2021Q3", "integration"): 1.0,
    }
    assert topics["topic"].tolist()[0] == "gas pricing"  # most discussed first
    overall = sq.topic_counts(seed)
    assert overall.loc[0, "topic"] == "gas pricing" and overall.loc[0, "engagements"] == 2
    assert overall.loc[0, "first"] == D(2021, 8, 30) and overall.loc[0, "last"] == D(2021, 9, 9)


def test_topics_of_a_spanning_engagement_are_split() -> None:
    df = make_engagements(
        [dict(date_start="2021-06-21", date_end="2021-07-10", topics=["Energy", "energy"])]
    )
    topics = sq.topics_over_time(df, "Q")
    assert topics["period"].tolist() == ["2021Q2", "2021Q3"]
    assert topics["engagements"].tolist() == pytest.approx([0.5, 0.5])
    assert topics["certain"].tolist() == [0, 0]


# -------------------------------------------------------------------------------- mix


def test_mix_counts_and_shares(seed: pd.DataFrame) -> None:
    kinds = sq.mix(seed, "kind")
    assert kinds["kind"].tolist() == ["meeting", "call", "summit"]
    assert kinds["engagements"].tolist() == [3, 2, 1]
    assert kinds["share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
    modes = sq.mix(seed, "mode")
    assert dict(zip(modes["mode"], modes["engagements"], strict=True)) == {
        "in_person": 4,
        "phone": 1,
        "video": 0,
        "unspecified": 1,
    }
    calls_by_mode = sq.mix(seed, "mode", within="kind").query("kind == 'call'")
    assert calls_by_mode["share"].tolist() == pytest.approx([0, 0.5, 0, 0.5])
    assert (
        sq.mix(seed, "mode", within="kind").groupby("kind")["share"].sum().tolist()
        == [pytest.approx(1.0)] * 3
    )
    countries = sq.mix(seed, "country")
    assert countries["country"].tolist() == ["Russia", "Tajikistan", None]
    assert countries["engagements"].tolist() == [3, 1, 2]


# ---------------------------------------------------------------------------- network


@pytest.fixture
def visits() -> pd.DataFrame:
    return make_engagements(
        [
            dict(participants=[LUKA, PUTIN], initiator="Lukashenko", date_start="2021-01-10"),
            dict(participants=[PUTIN, LUKA], initiator=LUKA, date_start="2021-03-10"),
            dict(participants=[LUKA, PUTIN], initiator=PUTIN, date_start="2021-02-10"),
            dict(participants=[LUKA, PUTIN], date_start="2021-04-10"),  # who travelled: unknown
            dict(  # a call is not a visit
                kind="call", mode="phone", participants=[LUKA, PUTIN], initiator=PUTIN
            ),
            dict(  # a video meeting is not a visit either
                mode="video", participants=[LUKA, PUTIN], initiator=LUKA
            ),
            dict(participants=["Emmanuel Macron", PUTIN, "Olaf Scholz"], initiator="Macron"),
        ]
    )


def test_travel_counts_guest_to_host(visits: pd.DataFrame) -> None:
    trips = sq.travel(visits)
    rows = {(g, h): n for g, h, n in trips[["guest", "host", "visits"]].values}
    assert rows == {
        (LUKA, PUTIN): 2,
        (PUTIN, LUKA): 1,
        ("Emmanuel Macron", PUTIN): 1,
        ("Emmanuel Macron", "Olaf Scholz"): 1,
    }
    first = trips.iloc[0]
    assert (first["guest"], first["host"]) == (LUKA, PUTIN)
    assert first["engagement_ids"] == ["e1", "e2"]
    assert (first["first"], first["last"]) == (D(2021, 1, 10), D(2021, 3, 10))
    called = sq.calls(visits)
    assert called[["caller", "callee", "calls"]].values.tolist() == [[PUTIN, LUKA, 1]]


def test_reciprocity_of_visits(visits: pd.DataFrame) -> None:
    recip = sq.reciprocity(visits)
    top = recip.iloc[0]
    assert (top["actor_a"], top["actor_b"]) == (LUKA, PUTIN)
    assert (top["a_to_b"], top["b_to_a"], top["total"]) == (2, 1, 3)
    assert top["balance"] == pytest.approx(1 / 3)
    assert top["ratio"] == pytest.approx(2.0)
    one_way = recip.set_index(["actor_a", "actor_b"]).loc[("Emmanuel Macron", "Olaf Scholz")]
    assert (one_way["a_to_b"], one_way["b_to_a"], one_way["balance"]) == (1, 0, 1.0)
    assert math.isinf(one_way["ratio"])
    reverse = recip.set_index(["actor_a", "actor_b"]).loc[("Emmanuel Macron", PUTIN)]
    assert reverse["a_to_b"] == 1
    recip_calls = sq.reciprocity(visits, of="calls")
    assert recip_calls[["a_to_b", "b_to_a"]].values.tolist() == [[0, 1]]
    with pytest.raises(ValueError):
        sq.reciprocity(visits, of="letters")


def test_network_and_actors(seed: pd.DataFrame) -> None:
    df = pd.concat(
        [
            seed,
            make_engagements(
                [
                    dict(
                        kind="summit",
                        participants=[PUTIN, LUKA, "Kassym-Jomart Tokayev", PUTIN],
                        date_start="2021-10-01",
                        date_end="2021-10-31",
                    )
                ]
            ).assign(engagement_id="e7"),
        ],
        ignore_index=True,
    )
    edges = sq.network(df)
    top = edges.iloc[0]
    assert (top["actor_a"], top["actor_b"], top["engagements"]) == (LUKA, PUTIN, 6)
    assert (top["first"], top["last"]) == (D(2021, 5, 21), D(2021, 10, 31))
    assert top["kinds"] == ["call", "meeting", "summit"]
    assert len(edges) == 4  # Luka-Putin, CSTO-SCO, Tokayev with each of the two
    csto = edges[edges["actor_a"] == "CSTO"].iloc[0]
    assert (csto["actor_b"], csto["engagements"], csto["kinds"]) == ("SCO", 1, ["summit"])

    people = sq.actors(df).set_index("actor")
    assert people.loc[PUTIN, "engagements"] == 6  # the repeated name counts once
    assert people.loc[PUTIN, "counterparts"] == 2
    assert people.loc["CSTO", "counterparts"] == 1
    assert people.loc["Kassym-Jomart Tokayev", "first"] == D(2021, 10, 1)
    assert sq.actors(df).iloc[0]["actor"] in {LUKA, PUTIN}


def test_summary_of_the_seed(seed: pd.DataFrame) -> None:
    facts = sq.summary(seed)
    assert facts["n_engagements"] == 6 and facts["n_dated"] == 6
    assert facts["first"] == D(2021, 5, 21) and facts["last"] == D(2021, 9, 20)
    assert facts["span_days"] == 123
    assert facts["n_documents"] == 7  # d1..d6 plus d7, a second report of e1
    assert facts["n_mentions"] == 8
    assert facts["by_kind"] == {"meeting": 3, "call": 2, "summit": 1}
    assert facts["by_status"]["scheduled"] == 2
    assert facts["top_pair"] == [LUKA, PUTIN] and facts["top_pair_engagements"] == 5
    assert facts["n_actors"] == 4
    assert facts["n_places"] == 4
    assert facts["top_topics"][0] == ["gas pricing", 2]
    assert facts["median_gap_min_days"] == 10.0
    assert all(not isinstance(v, np.generic) for v in facts.values())


# ------------------------------------------------------------------------ robustness


ALL_TABLES = [
    sq.order,
    sq.gaps,
    sq.places,
    sq.cadence,
    sq.topics_over_time,
    sq.topic_counts,
    sq.mix,
    sq.travel,
    sq.calls,
    sq.reciprocity,
    sq.network,
    sq.actors,
]


@pytest.mark.parametrize("func", ALL_TABLES, ids=lambda f: f.__name__)
def test_functions_do_not_mutate_their_input(func: Any, seed: pd.DataFrame) -> None:
    before = seed.copy(deep=True)
    func(seed)
    sq.involving(seed, "Putin")
    sq.in_period(seed, "2021-06-01")
    pd.testing.assert_frame_equal(seed, before)


@pytest.mark.parametrize("func", ALL_TABLES, ids=lambda f: f.__name__)
def test_empty_input_gives_empty_output_with_columns(func: Any, seed: pd.DataFrame) -> None:
    empty = func(empty_frame("engagements"))
    assert len(empty) == 0
    assert list(empty.columns) == list(func(seed).columns)


def test_summary_of_nothing() -> None:
    facts = sq.summary(empty_frame("engagements"))
    assert facts["n_engagements"] == 0 and facts["first"] is None and facts["top_pair"] is None


def test_results_are_the_same_after_a_parquet_round_trip(seed: pd.DataFrame, tmp_path) -> None:
    # read_table gives numpy arrays in list columns: results must not depend on that
    path = write_table(seed, tmp_path / "engagements.parquet", "engagements")
    read = read_table(path, "engagements")
    assert isinstance(read["participants"].iloc[0], np.ndarray)
    # order() and places() pass the input's own columns through; compare what they add
    own = ["position", "engagement_id", "order_certain"]
    for func in ALL_TABLES:
        left, right = func(read), func(seed)
        if func in (sq.order, sq.places):
            left, right = left[own], right[own]
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=func.__name__)
    assert sq.order(read)["overlaps_with"].tolist() == sq.order(seed)["overlaps_with"].tolist()
    assert sq.summary(read) == sq.summary(seed)
    assert sq.involving(read, "Putin").index.tolist() == [0, 1, 3, 4, 5]


def test_missing_end_and_reversed_intervals_are_read_sensibly() -> None:
    df = make_engagements([dict(date_start="2021-05-10", date_end=None)])
    df = pd.concat(
        [df, df.assign(engagement_id="e2", date_start=D(2021, 5, 20), date_end=D(2021, 5, 12))],
        ignore_index=True,
    )
    gap = sq.gaps(df)
    assert gap[["gap_min_days", "gap_max_days"]].values.tolist() == [[2, 10]]
    assert gap.loc[0, "to_start"] == D(2021, 5, 12)
