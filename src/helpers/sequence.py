"""The sequence of engagements: who meets whom, when, where, how often and about what.

This module owns the analytical questions asked of the engagements table
(:data:`helpers.schema.ENGAGEMENTS`, fields explained in ``../shared/spec/engagements.md``):
selecting engagements (:func:`involving`, :func:`in_period`), putting them in order
(:func:`order`, :func:`gaps`, :func:`places`), counting them over time (:func:`cadence`,
:func:`topics_over_time`), describing them (:func:`mix`, :func:`topic_counts`,
:func:`summary`), and the actor network (:func:`travel`, :func:`calls`,
:func:`reciprocity`, :func:`network`, :func:`actors`).

Every function is pure: it takes an engagements DataFrame (as read by
``helpers.schema.read_table(path, "engagements")`` or built by hand), never modifies it,
does no I/O and no plotting, and returns a new DataFrame (or a dict of plain Python values
for :func:`summary`). An empty input gives an empty output with the documented columns.

Conventions shared by all functions:

* **Dates are intervals.** An engagement happened on some day in
  ``[date_start, date_end]`` (both inclusive). A missing ``date_end`` means the single day
  ``date_start``; a missing ``date_start`` makes the engagement *undated* (a bare upper
  bound does not place it in a sequence); a reversed interval is read the right way round.
  Date cells may be ``datetime.date``, ``Timestamp``, ISO strings, ``None`` or ``NaT``.
* **Status is never filtered implicitly.** Proposed, scheduled and cancelled engagements
  are counted like occurred ones; filter first (``df[df["status"] == "occurred"]``) when
  only what happened should count.
* **Names** are matched by :func:`involving` (and when finding the initiator among the
  participants) case- and accent-insensitively on whole words: ``"Putin"`` matches
  ``"Vladimir Putin"`` but not ``"Putinova"``. Elsewhere participants are taken as
  written (trimmed), since the extractor writes canonical full names.
* **List cells** (``participants``, ``topics``, ``doc_ids``) may be lists, tuples, numpy
  arrays or missing. List columns produced here hold Python lists; date columns produced
  here hold ``datetime.date`` or ``None``, like the table itself.
* Filters (:func:`involving`, :func:`in_period`) keep the input's index and columns;
  every other table has a fresh ``RangeIndex``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from helpers.schema import KINDS, MODES, PRECISIONS, STATUSES, is_missing

__all__ = [
    "actors",
    "cadence",
    "calls",
    "gaps",
    "in_period",
    "involving",
    "mix",
    "network",
    "order",
    "places",
    "reciprocity",
    "summary",
    "topic_counts",
    "topics_over_time",
    "travel",
]

DateLike = dt.date | str | pd.Timestamp | np.datetime64 | None

# Columns with a closed set of values: tables broken down by them list every allowed value
# (with zeros), so charts built from different subsets share their categories and colours.
_DOMAINS: dict[str, tuple[str, ...]] = {
    "kind": KINDS,
    "mode": MODES,
    "status": STATUSES,
    "date_precision": PRECISIONS,
}

# Pandas renamed its offset aliases ("M" -> "ME", "A" -> "YE"); accept both spellings and
# do the period arithmetic in numpy so that no pandas offset alias is ever needed.
_FREQ_UNITS = {
    "M": "M", "ME": "M", "MS": "M", "MONTH": "M",
    "Q": "Q", "QE": "Q", "QS": "Q", "QUARTER": "Q",
    "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y", "YEAR": "Y",
}  # fmt: skip
_MONTHS_PER_UNIT = {"M": 1, "Q": 3, "Y": 12}


# Output columns and their dtypes ("str" is object in pandas 2 and the string dtype in 3,
# like the columns of the table as read).
ORDER_COLUMNS = ("position", "order_certain", "overlaps_with")
_GAPS = {
    "from_id": "str",
    "to_id": "str",
    "from_start": "object",
    "from_end": "object",
    "to_start": "object",
    "to_end": "object",
    "gap_min_days": "int64",
    "gap_max_days": "int64",
}
_PERIODS = {"period": "str", "period_start": "object", "period_end": "object"}
_COUNTS = {"engagements": "float64", "certain": "int64", "possible": "int64"}
_TOPICS = {"topic": "str", "engagements": "int64", "first": "object", "last": "object"}
_NETWORK = {
    "actor_a": "str",
    "actor_b": "str",
    "engagements": "int64",
    "first": "object",
    "last": "object",
    "kinds": "object",
}
_ACTORS = {
    "actor": "str",
    "engagements": "int64",
    "first": "object",
    "last": "object",
    "counterparts": "int64",
}
_RECIPROCITY = {
    "actor_a": "str",
    "actor_b": "str",
    "a_to_b": "int64",
    "b_to_a": "int64",
    "total": "int64",
    "balance": "float64",
    "ratio": "float64",
}
_PLACES = [
    "position",
    "engagement_id",
    "date_start",
    "date_end",
    "date_precision",
    "kind",
    "mode",
    "status",
    "location",
    "country",
    "participants",
    "initiator",
    "order_certain",
]


# --------------------------------------------------------------------------- cell helpers


def _text(value: Any) -> str | None:
    """A scalar cell as trimmed text with single spaces, or None when missing or blank."""
    if not isinstance(value, str):  # the common case skips the costlier missing-value test
        if is_missing(value):
            return None
        value = str(value)
    text = " ".join(value.split())
    return text or None


def _as_list(value: Any) -> list[str]:
    """A list cell as a list of distinct trimmed strings, in their order."""
    if isinstance(value, str):
        items: Iterable[Any] = [value]
    elif isinstance(value, Iterable):
        items = value
    else:  # None, NaN, pd.NA
        return []
    out: list[str] = []
    for item in items:
        text = _text(item)
        if text is not None and text not in out:
            out.append(text)
    return out


def _lists(df: pd.DataFrame, column: str) -> list[list[str]]:
    return [_as_list(v) for v in df[column].to_numpy(dtype=object)]


def _texts(df: pd.DataFrame, column: str) -> list[str | None]:
    return [_text(v) for v in df[column].to_numpy(dtype=object)]


def _days(values: Any) -> np.ndarray:
    """Date-like cells as a ``datetime64[D]`` array, NaT where missing or unparseable."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if len(series) == 0:
        return np.array([], dtype="datetime64[D]")
    parsed = pd.to_datetime(series, errors="coerce")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    return parsed.to_numpy().astype("datetime64[D]")


def _intervals(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The (start, end) days of every engagement; both NaT for undated ones."""
    start = _days(df["date_start"])
    end = _days(df["date_end"])
    end = np.where(np.isnat(end), start, end)
    lo = np.minimum(start, end)  # NaT propagates, so an undated row stays NaT on both sides
    hi = np.maximum(start, end)
    return lo, hi


def _dates(days: np.ndarray) -> list[dt.date | None]:
    """``datetime64`` values as ``datetime.date`` objects (None for NaT)."""
    return list(np.asarray(days).astype("datetime64[D]").astype(object))


def _bound(value: DateLike) -> np.datetime64 | None:
    if value is None:
        return None
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return None
    return np.datetime64(stamp.date(), "D")


def _frame(data: dict[str, Any], spec: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly the columns and dtypes of ``spec``, empty when data is."""
    return pd.DataFrame(
        {name: pd.Series(data.get(name, []), dtype=dtype) for name, dtype in spec.items()}
    )


def _name_key(name: str) -> str:
    """A name as ' word word ' (casefolded, accents removed) for whole-word matching."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", text)
    return f" {' '.join(words)} " if words else ""


def _freq_unit(freq: str) -> str:
    unit = _FREQ_UNITS.get(str(freq).upper())
    if unit is None:
        raise ValueError(f"freq must be 'M' (month), 'Q' (quarter) or 'Y' (year), not {freq!r}")
    return unit


def _group_values(values: Iterable[Any], column: str) -> tuple[list[Any], np.ndarray]:
    """The ordered categories of a scalar column and each value's index among them.

    Domain columns (kind, mode, status, date_precision) list every allowed value first,
    in the schema's order; other values follow sorted; a missing value (None) comes last.
    """
    clean = [_text(v) for v in values]
    seen = set(clean)
    domain = list(_DOMAINS.get(column, ()))
    extra = sorted(v for v in seen if v is not None and v not in domain)
    groups: list[Any] = domain + extra + ([None] if None in seen else [])
    index = {g: i for i, g in enumerate(groups)}
    return groups, np.array([index[v] for v in clean], dtype=np.int64)


# ------------------------------------------------------------------------------ selection


def involving(
    df: pd.DataFrame, actors: str | Sequence[str], *, all_of: bool = True
) -> pd.DataFrame:
    """Engagements whose participants include all (or any) of ``actors``.

    A name matches a participant when its words occur, in order and as whole words, in the
    participant's name, ignoring case and accents: ``"Putin"`` and ``"vladimir putin"``
    match ``"Vladimir Putin"``; ``"Putin"`` does not match ``"Putinova"``; ``"Erdogan"``
    matches ``"Recep Tayyip Erdoğan"``; ``"Xi"`` matches ``"Xi Jinping"``. A given name
    alone also matches (``"Vladimir"``), so pass surnames or full names.

    Args:
        df: Engagements table.
        actors: One name or several.
        all_of: True to require every actor among the participants, False for any.

    Returns:
        The matching rows of ``df`` (same columns, same index, input order).

    Raises:
        ValueError: When no actor is given or a name has no letters or digits.
    """
    names = [actors] if isinstance(actors, str) else list(actors)
    keys = [_name_key(str(name)) for name in names]
    if not keys or not all(keys):
        raise ValueError(f"involving() needs at least one non-blank actor name, got {actors!r}")
    cache: dict[str, str] = {}
    mask = np.zeros(len(df), dtype=bool)
    for row, participants in enumerate(_lists(df, "participants")):
        pkeys = [
            cache[p] if p in cache else cache.setdefault(p, _name_key(p)) for p in participants
        ]
        hits = (any(key in pkey for pkey in pkeys) for key in keys)
        mask[row] = all(hits) if all_of else any(hits)
    return df.loc[mask].copy()


def in_period(
    df: pd.DataFrame,
    start: DateLike = None,
    end: DateLike = None,
    *,
    certain: bool = False,
) -> pd.DataFrame:
    """Engagements whose date interval overlaps (or lies within) a period.

    Args:
        df: Engagements table.
        start: First day of the period (inclusive); None for no lower bound. Anything
            ``pd.Timestamp`` accepts: ``"2021-05-01"``, a ``datetime.date``...
        end: Last day of the period (inclusive); None for no upper bound.
        certain: False (default) keeps every engagement that may have taken place in the
            period (its interval overlaps it); True keeps only those that certainly did
            (the whole interval lies within the period).

    Returns:
        The matching rows of ``df`` (same columns, same index, input order). Undated
        engagements are kept only when there is no bound and ``certain`` is False.

    Raises:
        ValueError: When ``start`` is after ``end``.
    """
    lo, hi = _bound(start), _bound(end)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"in_period(): start {start!r} is after end {end!r}")
    if lo is None and hi is None and not certain:
        return df.copy()
    s, e = _intervals(df)
    mask = ~np.isnat(s)
    if lo is not None:
        mask &= (s >= lo) if certain else (e >= lo)
    if hi is not None:
        mask &= (e <= hi) if certain else (s <= hi)
    return df.loc[mask].copy()


# ------------------------------------------------------------------------------- sequence


def _sort_index(s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Positions sorting by start, then end, dated first, ties in input order."""
    dated = ~np.isnat(s)
    si = np.where(dated, s.astype(np.int64), 0)
    ei = np.where(dated, e.astype(np.int64), 0)
    return np.lexsort((np.arange(len(s)), ei, si, ~dated))


def _overlap_lists(s: np.ndarray, e: np.ndarray) -> list[np.ndarray]:
    """For intervals sorted by start, the positions of the other intervals each overlaps."""
    n = len(s)
    if n == 0:
        return []
    # Sorted by start, a later interval j overlaps i exactly when s[j] <= e[i], so i's later
    # partners are a contiguous run ending at searchsorted(s, e[i]); earlier partners are
    # found by mirroring the pairs.
    stop = np.searchsorted(s, e, side="right")
    k = stop - np.arange(n) - 1
    first = np.repeat(np.arange(n), k)
    second = first + 1 + (np.arange(int(k.sum())) - np.repeat(np.cumsum(k) - k, k))
    a = np.concatenate([first, second])
    b = np.concatenate([second, first])
    by_a = np.lexsort((b, a))
    counts = np.bincount(a, minlength=n)
    return np.split(b[by_a], np.cumsum(counts)[:-1])


def order(df: pd.DataFrame) -> pd.DataFrame:
    """Engagements in chronological order, with how certain each one's place is.

    Rows are sorted by earliest possible date (``date_start``), then latest possible date
    (``date_end``); ties keep their input order; undated engagements come last, in input
    order. An engagement's place is certain when its interval overlaps no other dated
    engagement's interval (not only its neighbours': a month-long interval can overlap an
    engagement two places away). Two engagements on the same day overlap.

    Args:
        df: Engagements table.

    Returns:
        A copy of ``df`` in that order (fresh index) with ``position`` (1..n) inserted as
        the first column and two columns appended: ``order_certain`` (bool; False for
        undated rows) and ``overlaps_with`` (list of the ``engagement_id`` of every dated
        engagement it could swap places with; empty for undated rows, which could be
        anywhere).
    """
    s, e = _intervals(df)
    idx = _sort_index(s, e)
    out = df.iloc[idx].reset_index(drop=True).copy()
    out = out.drop(columns=[c for c in ORDER_COLUMNS if c in out.columns])
    n = len(out)
    n_dated = int((~np.isnat(s)).sum())
    partners = _overlap_lists(s[idx][:n_dated], e[idx][:n_dated])
    ids = out["engagement_id"].to_numpy(dtype=object)
    overlaps = [ids[p].tolist() for p in partners] + [[] for _ in range(n - n_dated)]
    certain = np.array([len(p) == 0 for p in partners] + [False] * (n - n_dated), dtype=bool)
    out.insert(0, "position", np.arange(1, n + 1, dtype=np.int64))
    out["order_certain"] = certain
    out["overlaps_with"] = pd.Series(overlaps, index=out.index, dtype=object)
    return out


def gaps(
    df: pd.DataFrame,
    actors: str | Sequence[str] | None = None,
    *,
    all_of: bool = True,
) -> pd.DataFrame:
    """The time between consecutive dated engagements, as a [min, max] range of days.

    Engagements are taken in the order of :func:`order` (undated ones are skipped). For
    each consecutive pair ``prev -> next`` the gap is at least
    ``max(0, next.start - prev.end)`` and at most ``next.end - prev.start`` days: late May
    (21-31) then June 2 gives [2, 12]; the same day twice gives [0, 0].

    Args:
        df: Engagements table.
        actors: When given, only engagements :func:`involving` these actors count.
        all_of: With ``actors``: require all of them (default) or any.

    Returns:
        One row per consecutive pair: ``from_id``, ``to_id``, ``from_start``,
        ``from_end``, ``to_start``, ``to_end`` (dates), ``gap_min_days``,
        ``gap_max_days`` (int).
    """
    frame = df if actors is None else involving(df, actors, all_of=all_of)
    s, e = _intervals(frame)
    dated = ~np.isnat(s)
    idx = _sort_index(s, e)[: int(dated.sum())]
    if len(idx) < 2:
        return _frame({}, _GAPS)
    s, e = s[idx], e[idx]
    ids = frame["engagement_id"].to_numpy(dtype=object)[idx]
    gap_min = np.maximum(0, (s[1:] - e[:-1]).astype(np.int64))
    gap_max = (e[1:] - s[:-1]).astype(np.int64)
    data = {
        "from_id": ids[:-1],
        "to_id": ids[1:],
        "from_start": _dates(s[:-1]),
        "from_end": _dates(e[:-1]),
        "to_start": _dates(s[1:]),
        "to_end": _dates(e[1:]),
        "gap_min_days": gap_min,
        "gap_max_days": gap_max,
    }
    return _frame(data, _GAPS)


def places(df: pd.DataFrame) -> pd.DataFrame:
    """The places where engagements were held, in chronological order.

    Only engagements with a ``location`` or a ``country`` are listed (calls have neither).
    Order and certainty are those of :func:`order` applied to these engagements alone, so
    ``order_certain`` says whether the sequence of *places* is certain at that step.

    Args:
        df: Engagements table.

    Returns:
        ``position``, ``engagement_id``, ``date_start``, ``date_end``,
        ``date_precision``, ``kind``, ``mode``, ``status``, ``location``, ``country``,
        ``participants``, ``initiator``, ``order_certain``.
    """
    located = np.array(
        [
            loc is not None or ctry is not None
            for loc, ctry in zip(_texts(df, "location"), _texts(df, "country"), strict=True)
        ],
        dtype=bool,
    )
    ordered = order(df.loc[located])
    return ordered[_PLACES].copy()


# ---------------------------------------------------------------------------- over time


def _allocate(
    s: np.ndarray, e: np.ndarray, unit: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split dated intervals over calendar periods.

    Returns, for every (interval, period it touches) pair: the interval's position, the
    period code (months, quarters or years since 1970), the share of the interval's days
    that fall in the period, and whether the interval lies entirely in that period.
    """
    step = _MONTHS_PER_UNIT[unit]
    first = s.astype("datetime64[M]").astype(np.int64) // step
    last = e.astype("datetime64[M]").astype(np.int64) // step
    n_periods = last - first + 1
    item = np.repeat(np.arange(len(s)), n_periods)
    offset = np.arange(int(n_periods.sum())) - np.repeat(
        np.cumsum(n_periods) - n_periods, n_periods
    )
    code = first[item] + offset
    p_start, p_end = _period_bounds(code, unit)
    overlap = (np.minimum(e[item], p_end) - np.maximum(s[item], p_start)).astype(np.int64) + 1
    length = (e - s).astype(np.int64) + 1
    return item, code, overlap / length[item], n_periods[item] == 1


def _period_bounds(code: np.ndarray, unit: str) -> tuple[np.ndarray, np.ndarray]:
    step = _MONTHS_PER_UNIT[unit]
    start = (code * step).astype("datetime64[M]").astype("datetime64[D]")
    end = ((code + 1) * step).astype("datetime64[M]").astype("datetime64[D]")
    return start, end - np.timedelta64(1, "D")


def _period_labels(code: np.ndarray, unit: str) -> list[str]:
    """Labels as pandas prints Periods: '2021-05', '2021Q2', '2021'."""
    months = np.asarray(code, dtype=np.int64) * _MONTHS_PER_UNIT[unit]
    years, month0 = np.divmod(months, 12)
    years = years + 1970
    if unit == "M":
        return [f"{y:04d}-{m + 1:02d}" for y, m in zip(years, month0, strict=True)]
    if unit == "Q":
        return [f"{y:04d}Q{m // 3 + 1}" for y, m in zip(years, month0, strict=True)]
    return [f"{y:04d}" for y in years]


def _tabulate(
    code: np.ndarray,
    group: np.ndarray,
    weight: np.ndarray,
    certain: np.ndarray,
    n_groups: int,
    *,
    dense: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sum allocations per (period, group): codes, groups, weights, certain, possible.

    Dense output has every period from the first to the last for every group (zeros
    included), so time axes have no holes; sparse output only the cells with something.
    """
    if dense:
        low = int(code.min())
        n_cells = (int(code.max()) - low + 1) * n_groups
        key = (code - low) * n_groups + group
        cells = np.arange(n_cells)
        codes, groups = cells // n_groups + low, cells % n_groups
        inverse = key
    else:
        key = code * n_groups + group
        cells, inverse = np.unique(key, return_inverse=True)
        n_cells = len(cells)
        codes, groups = cells // n_groups, cells % n_groups
    weights = np.bincount(inverse, weights=weight, minlength=n_cells)
    n_certain = np.bincount(inverse, weights=certain.astype(np.float64), minlength=n_cells)
    possible = np.bincount(inverse, minlength=n_cells)
    return codes, groups, weights, n_certain.astype(np.int64), possible.astype(np.int64)


def _period_frame(
    codes: np.ndarray,
    unit: str,
    extra: dict[str, Any],
    spec_extra: dict[str, str],
    counts: tuple[np.ndarray, np.ndarray, np.ndarray],
    count_dtypes: dict[str, str] | None = None,
) -> pd.DataFrame:
    start, end = _period_bounds(codes, unit)
    data = {
        "period": _period_labels(codes, unit),
        "period_start": _dates(start),
        "period_end": _dates(end),
        **extra,
        "engagements": counts[0],
        "certain": counts[1],
        "possible": counts[2],
    }
    return _frame(data, {**_PERIODS, **spec_extra, **(count_dtypes or _COUNTS)})


def cadence(df: pd.DataFrame, freq: str = "M", *, by: str | None = None) -> pd.DataFrame:
    """How many engagements took place per month, quarter or year.

    An engagement known only to an interval that spans several periods is counted
    **fractionally**: each period gets the share of the interval's days that fall in it
    (late May to early June, 2021-05-25..2021-06-03, counts 0.7 in May and 0.3 in June), so
    ``engagements`` sums to the number of dated engagements. ``certain`` counts only the
    engagements whose whole interval lies in the period and ``possible`` every engagement
    whose interval touches it, so ``certain <= engagements <= possible`` bound the count.
    Undated engagements are not counted.

    Args:
        df: Engagements table.
        freq: ``"M"`` (month), ``"Q"`` (quarter) or ``"Y"`` (year); pandas' newer
            ``"ME"``/``"QE"``/``"YE"`` are accepted too.
        by: Optionally a scalar column (``"kind"``, ``"mode"``, ``"status"``,
            ``"country"``...) to count separately per value; for kind, mode, status and
            date_precision every allowed value is listed, with zeros.

    Returns:
        One row per period (per ``by`` value), every period from the first to the last
        included: ``period`` (label such as ``"2021-05"``, ``"2021Q2"``, ``"2021"``),
        ``period_start``, ``period_end`` (dates), [``by``], ``engagements`` (float),
        ``certain`` (int), ``possible`` (int).
    """
    unit = _freq_unit(freq)
    spec_extra = {by: "object"} if by else {}
    s, e = _intervals(df)
    dated = ~np.isnat(s)
    if not dated.any():
        return _frame({}, {**_PERIODS, **spec_extra, **_COUNTS})
    item, code, weight, certain = _allocate(s[dated], e[dated], unit)
    if by:
        groups, group_index = _group_values(df[by].to_numpy(dtype=object)[dated], by)
        group = group_index[item]
    else:
        groups, group = [None], np.zeros(len(item), dtype=np.int64)
    codes, gidx, *counts = _tabulate(code, group, weight, certain, len(groups), dense=True)
    extra = {by: [groups[g] for g in gidx]} if by else {}
    return _period_frame(codes, unit, extra, spec_extra, tuple(counts))


def _topic_rows(df: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """(row position, normalized topic) for every distinct topic of every engagement."""
    rows: list[int] = []
    topics: list[str] = []
    for row, items in enumerate(_lists(df, "topics")):
        for topic in dict.fromkeys(t.lower() for t in items):
            rows.append(row)
            topics.append(topic)
    return np.array(rows, dtype=np.int64), topics


def topics_over_time(df: pd.DataFrame, freq: str = "Q") -> pd.DataFrame:
    """How often each topic was discussed per period, in long format.

    Topics are normalized (lower-case, trimmed, inner spaces collapsed) and counted once
    per engagement. Engagements spanning several periods are counted fractionally as in
    :func:`cadence`, with the same ``certain`` and ``possible`` bounds. Undated engagements
    are not counted.

    Args:
        df: Engagements table.
        freq: ``"M"``, ``"Q"`` (default) or ``"Y"`` (or ``"ME"``/``"QE"``/``"YE"``).

    Returns:
        One row per (period, topic) with at least one possible engagement, sorted by period
        then by count (descending) then topic: ``period``, ``period_start``, ``period_end``,
        ``topic``, ``engagements`` (float), ``certain`` (int), ``possible`` (int).
    """
    unit = _freq_unit(freq)
    spec_extra = {"topic": "str"}
    s, e = _intervals(df)
    rows, topics = _topic_rows(df)
    keep = ~np.isnat(s[rows]) if len(rows) else np.zeros(0, dtype=bool)
    if not keep.any():
        return _frame({}, {**_PERIODS, **spec_extra, **_COUNTS})
    rows = rows[keep]
    names, topic_index = np.unique(np.array(topics, dtype=object)[keep], return_inverse=True)
    item, code, weight, certain = _allocate(s[rows], e[rows], unit)
    codes, gidx, *counts = _tabulate(
        code, topic_index[item], weight, certain, len(names), dense=False
    )
    out = _period_frame(codes, unit, {"topic": names[gidx]}, spec_extra, tuple(counts))
    out = out.sort_values(
        ["period_start", "engagements", "topic"], ascending=[True, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def topic_counts(df: pd.DataFrame) -> pd.DataFrame:
    """What engagements were about, overall: each normalized topic with its count and span.

    Args:
        df: Engagements table.

    Returns:
        ``topic``, ``engagements`` (number of engagements naming it), ``first`` (earliest
        ``date_start``), ``last`` (latest ``date_end``); most frequent first, then by topic.
    """
    rows, topics = _topic_rows(df)
    if not len(rows):
        return _frame({}, _TOPICS)
    s, e = _intervals(df)
    long = pd.DataFrame({"topic": topics, "start": s[rows], "end": e[rows]})
    agg = long.groupby("topic", sort=True).agg(
        engagements=("start", "size"), first=("start", "min"), last=("end", "max")
    )
    agg = agg.sort_values("engagements", ascending=False, kind="stable")
    data = {
        "topic": agg.index.to_numpy(dtype=object),
        "engagements": agg["engagements"].to_numpy(),
        "first": _dates(agg["first"].to_numpy()),
        "last": _dates(agg["last"].to_numpy()),
    }
    return _frame(data, _TOPICS)


# -------------------------------------------------------------------------------- mix


def mix(df: pd.DataFrame, by: str = "kind", *, within: str | None = None) -> pd.DataFrame:
    """Counts and shares of the values of one column (kind, mode, status...).

    Args:
        df: Engagements table.
        by: The scalar column to break down: ``"kind"``, ``"mode"``, ``"status"``,
            ``"date_precision"`` (every allowed value listed, with zeros) or any other
            scalar column (observed values; a missing value is listed as None).
        within: Optionally a second scalar column: shares are then computed within each
            of its observed values (e.g. ``mix(df, "mode", within="kind")`` gives the
            share of phone calls among calls).

    Returns:
        [``within``], ``by`` (named after the column), ``engagements`` (int), ``share``
        (float in [0, 1]; shares sum to 1 per ``within`` value).
    """
    spec = ({within: "object"} if within else {}) | {by: "object"}
    spec |= {"engagements": "int64", "share": "float64"}
    if len(df) == 0:
        return _frame({}, spec)
    groups, gidx = _group_values(df[by].to_numpy(dtype=object), by)
    if within:
        outer, oidx = _group_values(df[within].to_numpy(dtype=object), within)
        present = np.unique(oidx)  # only the observed values: an empty group has no shares
    else:
        outer, oidx, present = [None], np.zeros(len(df), dtype=np.int64), np.array([0])
    counts = np.bincount(oidx * len(groups) + gidx, minlength=len(outer) * len(groups))
    counts = counts.reshape(len(outer), len(groups))[present]
    shares = counts / counts.sum(axis=1, keepdims=True)
    data: dict[str, Any] = {
        by: groups * len(present),
        "engagements": counts.ravel(),
        "share": shares.ravel(),
    }
    if within:
        data[within] = [outer[o] for o in present for _ in groups]
    return _frame(data, spec)


# ---------------------------------------------------------------------------- network


def _directed_rows(df: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """(source, target, engagement, start, end) for engagements with an initiator.

    The source is the participant the initiator names (its full spelling), or the
    initiator as written when it is not among the participants; targets are the other
    participants. Engagements whose participants are all the initiator give no row.
    """
    s, e = _intervals(df)
    initiators = _texts(df, "initiator")
    participants = _lists(df, "participants")
    ids = df["engagement_id"].to_numpy(dtype=object)
    keys: dict[str, str] = {}

    def key(name: str) -> str:
        if name not in keys:
            keys[name] = _name_key(name)
        return keys[name]

    out: dict[str, list[Any]] = {"source": [], "target": [], "id": [], "start": [], "end": []}
    for row in np.flatnonzero(mask):
        initiator = initiators[row]
        if initiator is None:
            continue
        ikey = key(initiator)
        names = participants[row]
        is_source = [bool(ikey) and (ikey in key(p) or key(p) in ikey) for p in names]
        source = next((p for p, hit in zip(names, is_source, strict=True) if hit), initiator)
        for target, hit in zip(names, is_source, strict=True):
            if not hit:
                out["source"].append(source)
                out["target"].append(target)
                out["id"].append(ids[row])
                out["start"].append(s[row])
                out["end"].append(e[row])
    return pd.DataFrame(
        {
            "source": pd.Series(out["source"], dtype="str"),
            "target": pd.Series(out["target"], dtype="str"),
            "id": pd.Series(out["id"], dtype="str"),
            "start": np.array(out["start"], dtype="datetime64[D]"),
            "end": np.array(out["end"], dtype="datetime64[D]"),
        }
    )


def _directed_counts(rows: pd.DataFrame, names: tuple[str, str, str]) -> pd.DataFrame:
    source, target, count = names
    spec = {
        source: "str",
        target: "str",
        count: "int64",
        "first": "object",
        "last": "object",
        "engagement_ids": "object",
    }
    if rows.empty:
        return _frame({}, spec)
    grouped = rows.groupby(["source", "target"], sort=True)
    agg = grouped.agg(n=("id", "size"), first=("start", "min"), last=("end", "max"))
    id_lists = grouped["id"].agg(list)
    agg = agg.sort_values("n", ascending=False, kind="stable")
    id_lists = id_lists.loc[agg.index]
    data = {
        source: agg.index.get_level_values(0).to_numpy(dtype=object),
        target: agg.index.get_level_values(1).to_numpy(dtype=object),
        count: agg["n"].to_numpy(),
        "first": _dates(agg["first"].to_numpy()),
        "last": _dates(agg["last"].to_numpy()),
        "engagement_ids": [list(v) for v in id_lists],
    }
    return _frame(data, spec)


def _visit_mask(df: pd.DataFrame) -> np.ndarray:
    kind = np.array(_texts(df, "kind"), dtype=object)
    mode = np.array(_texts(df, "mode"), dtype=object)
    return (kind == "meeting") & (mode == "in_person")


def _call_mask(df: pd.DataFrame) -> np.ndarray:
    return np.array(_texts(df, "kind"), dtype=object) == "call"


def travel(df: pd.DataFrame) -> pd.DataFrame:
    """Who travels to whom: visits by guest and host.

    A visit is an in-person meeting (``kind == "meeting"``, ``mode == "in_person"``) with an
    ``initiator``: the initiator is the guest and every other participant a host (one row
    per host). The initiator is found among the participants by whole-word name matching
    (``"Lukashenko"`` is ``"Alexander Lukashenko"``) and reported by the participant's
    spelling. Meetings with no initiator are not visits (who travelled is unknown).

    Args:
        df: Engagements table (filter on ``status`` first to count only visits made).

    Returns:
        ``guest``, ``host``, ``visits`` (int), ``first`` (earliest ``date_start``), ``last``
        (latest ``date_end``), ``engagement_ids`` (list); most visits first, then by name.
    """
    rows = _directed_rows(df, _visit_mask(df))
    return _directed_counts(rows, ("guest", "host", "visits"))


def calls(df: pd.DataFrame) -> pd.DataFrame:
    """Who calls whom: calls by caller (the ``initiator``) and callee (other participants).

    Args:
        df: Engagements table.

    Returns:
        ``caller``, ``callee``, ``calls`` (int), ``first``, ``last``, ``engagement_ids``;
        most calls first, then by name.
    """
    rows = _directed_rows(df, _call_mask(df))
    return _directed_counts(rows, ("caller", "callee", "calls"))


def reciprocity(df: pd.DataFrame, *, of: str = "visits") -> pd.DataFrame:
    """Whether visits (or calls) between two actors go both ways.

    Args:
        df: Engagements table.
        of: ``"visits"`` (as in :func:`travel`) or ``"calls"`` (as in :func:`calls`).

    Returns:
        One row per unordered pair (``actor_a`` < ``actor_b``): ``a_to_b`` (visits of a to
        b, or calls from a to b), ``b_to_a``, ``total``, ``balance`` (``(a_to_b -
        b_to_a) / total``, from -1 = only b travels/calls to +1 = only a does, 0 =
        balanced), ``ratio`` (``a_to_b / b_to_a``; ``inf`` when b never did); most
        exchanges first.

    Raises:
        ValueError: When ``of`` is neither "visits" nor "calls".
    """
    if of not in ("visits", "calls"):
        raise ValueError(f"reciprocity(of=...) must be 'visits' or 'calls', not {of!r}")
    mask = _visit_mask(df) if of == "visits" else _call_mask(df)
    rows = _directed_rows(df, mask)
    if rows.empty:
        return _frame({}, _RECIPROCITY)
    src = rows["source"].to_numpy(dtype=object)
    dst = rows["target"].to_numpy(dtype=object)
    forward = src <= dst
    pairs = pd.DataFrame(
        {
            "actor_a": np.where(forward, src, dst),
            "actor_b": np.where(forward, dst, src),
            "a_to_b": forward.astype(np.int64),
            "b_to_a": (~forward).astype(np.int64),
        }
    )
    agg = pairs.groupby(["actor_a", "actor_b"], sort=True)[["a_to_b", "b_to_a"]].sum()
    a_to_b = agg["a_to_b"].to_numpy()
    b_to_a = agg["b_to_a"].to_numpy()
    total = a_to_b + b_to_a
    with np.errstate(divide="ignore"):
        ratio = np.where(b_to_a > 0, a_to_b / np.maximum(b_to_a, 1), np.inf)
    data = {
        "actor_a": agg.index.get_level_values(0).to_numpy(dtype=object),
        "actor_b": agg.index.get_level_values(1).to_numpy(dtype=object),
        "a_to_b": a_to_b,
        "b_to_a": b_to_a,
        "total": total,
        "balance": (a_to_b - b_to_a) / total,
        "ratio": ratio,
    }
    out = _frame(data, _RECIPROCITY)
    return out.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)


def _pair_rows(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (engagement, unordered pair of its distinct participants)."""
    s, e = _intervals(df)
    kinds = _texts(df, "kind")
    rows: list[int] = []
    first: list[str] = []
    second: list[str] = []
    for row, names in enumerate(_lists(df, "participants")):
        for a, b in combinations(sorted(names), 2):
            rows.append(row)
            first.append(a)
            second.append(b)
    idx = np.array(rows, dtype=np.int64)
    return pd.DataFrame(
        {
            "actor_a": pd.Series(first, dtype="str"),
            "actor_b": pd.Series(second, dtype="str"),
            "row": idx,
            "start": s[idx],
            "end": e[idx],
            "kind": pd.Series([kinds[i] for i in idx], dtype="object"),
        }
    )


def network(df: pd.DataFrame) -> pd.DataFrame:
    """The edges of the actor network: every pair of participants of every engagement.

    A summit of n participants contributes n(n-1)/2 edges. Names are taken as written.

    Args:
        df: Engagements table.

    Returns:
        ``actor_a``, ``actor_b`` (``actor_a`` < ``actor_b``), ``engagements`` (int),
        ``first`` (earliest ``date_start``), ``last`` (latest ``date_end``; None when no
        engagement of the pair is dated), ``kinds`` (sorted list of distinct kinds); most
        engagements first, then by names.
    """
    pairs = _pair_rows(df)
    if pairs.empty:
        return _frame({}, _NETWORK)
    grouped = pairs.groupby(["actor_a", "actor_b"], sort=True)
    agg = grouped.agg(n=("row", "size"), first=("start", "min"), last=("end", "max"))
    # Distinct kinds per pair without a Python call per group: one row per (pair, kind),
    # then a table of which kinds each pair has.
    has_kind = (
        pairs.dropna(subset=["kind"])
        .groupby(["actor_a", "actor_b", "kind"], sort=True)
        .size()
        .unstack(fill_value=0)
        .reindex(agg.index, fill_value=0)
    )
    kind_names = np.array(has_kind.columns, dtype=object)
    kinds = [kind_names[m].tolist() for m in has_kind.to_numpy() > 0]
    data = {
        "actor_a": agg.index.get_level_values(0).to_numpy(dtype=object),
        "actor_b": agg.index.get_level_values(1).to_numpy(dtype=object),
        "engagements": agg["n"].to_numpy(),
        "first": _dates(agg["first"].to_numpy()),
        "last": _dates(agg["last"].to_numpy()),
        "kinds": kinds,
    }
    out = _frame(data, _NETWORK)
    return out.sort_values("engagements", ascending=False, kind="stable").reset_index(drop=True)


def actors(df: pd.DataFrame) -> pd.DataFrame:
    """Every participant with how often, when, and with how many others it engaged.

    Args:
        df: Engagements table.

    Returns:
        ``actor``, ``engagements`` (int), ``first`` (earliest ``date_start``), ``last``
        (latest ``date_end``), ``counterparts`` (number of distinct other participants it
        shared an engagement with); most engagements first, then by name.
    """
    s, e = _intervals(df)
    rows: list[int] = []
    names: list[str] = []
    for row, participants in enumerate(_lists(df, "participants")):
        rows.extend([row] * len(participants))
        names.extend(participants)
    if not rows:
        return _frame({}, _ACTORS)
    idx = np.array(rows, dtype=np.int64)
    long = pd.DataFrame({"actor": names, "start": s[idx], "end": e[idx]})
    agg = long.groupby("actor", sort=True).agg(
        n=("start", "size"), first=("start", "min"), last=("end", "max")
    )
    pairs = _pair_rows(df)
    both = pd.concat(
        [
            pairs[["actor_a", "actor_b"]].set_axis(["actor", "other"], axis=1),
            pairs[["actor_b", "actor_a"]].set_axis(["actor", "other"], axis=1),
        ],
        ignore_index=True,
    )
    counterparts = both.groupby("actor")["other"].nunique().reindex(agg.index, fill_value=0)
    data = {
        "actor": agg.index.to_numpy(dtype=object),
        "engagements": agg["n"].to_numpy(),
        "first": _dates(agg["first"].to_numpy()),
        "last": _dates(agg["last"].to_numpy()),
        "counterparts": counterparts.to_numpy(dtype=np.int64),
    }
    out = _frame(data, _ACTORS)
    return out.sort_values("engagements", ascending=False, kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------- summary


def _plain(value: Any) -> Any:
    """numpy scalars as Python ones, so the summary prints and serializes cleanly."""
    return value.item() if isinstance(value, np.generic) else value


def summary(df: pd.DataFrame) -> dict[str, Any]:
    """The headline numbers of an engagements table, as plain Python values for prose.

    Args:
        df: Engagements table.

    Returns:
        A dict with: ``n_engagements``, ``n_dated``, ``n_undated``, ``n_order_certain``
        (dated engagements whose place in the sequence is certain), ``first``, ``last``
        (``datetime.date`` or None: earliest start, latest end), ``span_days``,
        ``n_documents`` (distinct ``doc_id``/``doc_ids``), ``n_mentions``,
        ``n_conflicts`` (engagements whose reports disagree), ``by_kind``, ``by_mode``,
        ``by_status`` (dicts value -> count, every allowed value), ``n_actors``,
        ``top_actor``, ``top_actor_engagements``, ``top_pair`` (list of two names or None),
        ``top_pair_engagements``, ``median_gap_min_days``, ``median_gap_max_days`` (float
        or None, over consecutive dated engagements), ``n_places`` (distinct locations),
        ``top_topics`` (up to five ``[topic, count]``).
    """
    s, e = _intervals(df)
    dated = ~np.isnat(s)
    ordered = order(df)
    documents: set[str] = {d for d in _texts(df, "doc_id") if d is not None}
    if "doc_ids" in df.columns:
        for ids in _lists(df, "doc_ids"):
            documents.update(ids)
    n_mentions = 0
    if "n_mentions" in df.columns and len(df):
        n_mentions = int(pd.to_numeric(df["n_mentions"], errors="coerce").fillna(0).sum())
    conflicts = sum(c is not None for c in _texts(df, "conflict")) if "conflict" in df else 0
    first = _dates(s[dated].min(keepdims=True))[0] if dated.any() else None
    last = _dates(e[dated].max(keepdims=True))[0] if dated.any() else None
    people = actors(df)
    edges = network(df)
    gap = gaps(df)
    topics = topic_counts(df)

    def breakdown(column: str) -> dict[str, int]:
        table = mix(df, column)
        return {str(k): int(v) for k, v in zip(table[column], table["engagements"], strict=True)}

    result: dict[str, Any] = {
        "n_engagements": len(df),
        "n_dated": int(dated.sum()),
        "n_undated": int((~dated).sum()),
        "n_order_certain": int(ordered["order_certain"].sum()) if len(df) else 0,
        "first": first,
        "last": last,
        "span_days": (last - first).days + 1 if first and last else None,
        "n_documents": len(documents),
        "n_mentions": n_mentions,
        "n_conflicts": int(conflicts),
        "by_kind": breakdown("kind") if len(df) else {k: 0 for k in KINDS},
        "by_mode": breakdown("mode") if len(df) else {k: 0 for k in MODES},
        "by_status": breakdown("status") if len(df) else {k: 0 for k in STATUSES},
        "n_actors": len(people),
        "top_actor": people["actor"].iloc[0] if len(people) else None,
        "top_actor_engagements": int(people["engagements"].iloc[0]) if len(people) else 0,
        "top_pair": [edges["actor_a"].iloc[0], edges["actor_b"].iloc[0]] if len(edges) else None,
        "top_pair_engagements": int(edges["engagements"].iloc[0]) if len(edges) else 0,
        "median_gap_min_days": float(gap["gap_min_days"].median()) if len(gap) else None,
        "median_gap_max_days": float(gap["gap_max_days"].median()) if len(gap) else None,
        "n_places": len({loc for loc in _texts(df, "location") if loc is not None}),
        "top_topics": [
            [str(t), int(n)]
            for t, n in zip(topics["topic"][:5], topics["engagements"][:5], strict=True)
        ],
    }
    return {k: _plain(v) for k, v in result.items()}
