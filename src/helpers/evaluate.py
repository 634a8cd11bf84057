"""Evaluation: extracted engagements against a sample annotated by hand.

This module owns the project's own measure of the extractor, so that analysts can score
it on documents they annotated themselves (``parley evaluate GOLD PRED``, and the
``04_evaluate`` notebook that renders it). Gold is JSONL with one line per document
(``doc_id``, ``published``, ``engagements``: a list of records of the spec's fields);
predictions are the engagements table (Parquet, or JSONL with ``doc_id`` or ``doc_ids``).

Matching, per document: a gold and a predicted engagement can pair when they share a
participant (surnames and acronyms compare, so "Putin" meets "Vladimir Putin"), their
kinds agree (a meeting and a summit may pair: annotators differ on where one ends), and
their dates do not lie more than a month apart. Pairs are taken best first (shared
participants, then date agreement, then kind), each engagement at most once. Precision,
recall and F1 count pairs; ``strict`` counts pairs that also agree on kind, exact dates,
the exact participant set, location and status; per-field accuracy is over pairs.

The referee scorer in ``../shared/tools`` defines the official figures; this one follows
the same contract but is written for this project (its report lists each miss and each
spurious row with the document text's evidence), so small differences are expected.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.schema import is_missing

FIELDS = ("kind", "mode", "status", "dates", "precision", "participants", "location",
          "country")
_STRICT = ("kind", "dates", "participants", "location", "status")
_HONORIFICS = frozenset(
    "the of and mr mrs ms dr president prime minister foreign secretary general chancellor "
    "king queen premier vice state leader his her".split())
_MAX_DATE_GAP_DAYS = 31


@dataclass
class Evaluation:
    """The figures, and the rows behind them."""

    figures: dict[str, Any]
    pairs: list[tuple[str, dict, dict, list[str]]] = field(default_factory=list)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    spurious: list[tuple[str, dict]] = field(default_factory=list)

    def misses_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"doc_id": d, **_brief(e)} for d, e in self.misses])

    def spurious_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"doc_id": d, **_brief(e)} for d, e in self.spurious])

    def wrong_fields_frame(self) -> pd.DataFrame:
        rows = []
        for doc_id, gold, pred, wrong in self.pairs:
            for name in wrong:
                rows.append({"doc_id": doc_id, "field": name, "gold": _show(gold, name),
                             "extracted": _show(pred, name)})
        return pd.DataFrame(rows, columns=["doc_id", "field", "gold", "extracted"])


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    """Gold engagements by document id (every gold document, including those with none)."""
    gold: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                gold[record["doc_id"]] = list(record.get("engagements") or [])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a gold record ({exc})") from exc
    return gold


def load_predictions(path: str | Path) -> dict[str, list[dict]]:
    """Predicted engagements by document id, from Parquet or JSONL."""
    path = Path(path)
    if path.suffix == ".parquet" or path.is_dir():
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    else:
        with open(path, encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
    predictions: dict[str, list[dict]] = {}
    for row in rows:
        if "engagements" in row and "doc_id" in row:  # the gold file's own shape
            predictions.setdefault(row["doc_id"], []).extend(row["engagements"])
            continue
        for doc_id in _as_list(row.get("doc_ids")) or _as_list(row.get("doc_id")):
            predictions.setdefault(doc_id, []).append(row)
    return predictions


# --------------------------------------------------------------------------- matching


def _as_list(value: Any) -> list:
    if is_missing(value):
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _fold(text: Any) -> str:
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", ascii_text.lower()).split())


def name_keys(name: str) -> frozenset[str]:
    """What two spellings of one participant share: the surname, the full name, acronyms."""
    folded = _fold(name)
    words = [w for w in folded.split() if w not in _HONORIFICS]
    keys = set()
    if words:
        keys |= {words[-1], " ".join(words)}
        if len(words) > 1:
            keys.add("".join(w[0] for w in words))
    compact = folded.replace(" ", "")
    if compact and len(compact) <= 6 and " " not in folded:
        keys.add(compact)
    return frozenset(keys)


def _date(value: Any) -> dt.date | None:
    if is_missing(value) or value in ("", "NaT"):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _interval(e: Mapping) -> tuple[dt.date | None, dt.date | None]:
    return _date(e.get("date_start")), _date(e.get("date_end"))


def matched_participants(gold: Iterable[str], pred: Iterable[str]) -> int:
    """How many gold participants find a distinct predicted one with a shared key."""
    remaining = [name_keys(p) for p in pred]
    count = 0
    for g in gold:
        keys = name_keys(g)
        for i, candidate in enumerate(remaining):
            if keys & candidate:
                del remaining[i]
                count += 1
                break
    return count


def _date_agreement(g: Mapping, p: Mapping) -> float | None:
    """1 when the intervals overlap, 0 when apart, None when either is undated."""
    (gs, ge), (ps, pe) = _interval(g), _interval(p)
    if None in (gs, ge, ps, pe):
        return None
    if ge < ps or pe < gs:
        return 0.0 if max((ps - ge).days, (gs - pe).days) <= _MAX_DATE_GAP_DAYS else -1.0
    return 1.0


def pair_score(g: Mapping, p: Mapping) -> float | None:
    """How well a predicted engagement fits a gold one; None when they cannot pair."""
    gold_people, pred_people = _as_list(g.get("participants")), _as_list(p.get("participants"))
    shared = matched_participants(gold_people, pred_people)
    if not shared:
        return None
    dates = _date_agreement(g, p)
    if dates is not None and dates < 0:
        return None
    kinds = {g.get("kind"), p.get("kind")}
    if len(kinds) > 1 and kinds != {"meeting", "summit"}:
        return None
    overlap = 2 * shared / (len(gold_people) + len(pred_people))
    return overlap + (0.4 if dates is None else dates) + (0.5 if len(kinds) == 1 else 0.0)


def _locations_agree(a: Any, b: Any) -> bool:
    a, b = (_fold(x).replace("st ", "saint ") if x else "" for x in (a, b))
    return a == b or bool(a and b and (a in b or b in a))


def field_agreement(g: Mapping, p: Mapping) -> dict[str, bool]:
    gold_people, pred_people = _as_list(g.get("participants")), _as_list(p.get("participants"))
    return {
        "kind": g.get("kind") == p.get("kind"),
        "mode": g.get("mode") == p.get("mode"),
        "status": g.get("status") == p.get("status"),
        "dates": _interval(g) == _interval(p),
        "precision": g.get("date_precision") == p.get("date_precision"),
        "participants": len(gold_people) == len(pred_people)
        == matched_participants(gold_people, pred_people),
        "location": _locations_agree(g.get("location"), p.get("location")),
        "country": _locations_agree(g.get("country"), p.get("country")),
    }


def _topic_recall(gold_topics: Sequence[str], pred_topics: Sequence[str]) -> float | None:
    gold_topics = _as_list(gold_topics)
    if not gold_topics:
        return None
    pred_words = [set(_fold(t).split()) for t in _as_list(pred_topics)]
    found = 0
    for topic in gold_topics:
        words = set(_fold(topic).split()) - _HONORIFICS
        if words and any(len(words & p) * 2 >= len(words) for p in pred_words):
            found += 1
    return found / len(gold_topics)


def evaluate(gold: Mapping[str, list[dict]], predictions: Mapping[str, list[dict]]
             ) -> Evaluation:
    """Score ``predictions`` on the documents of ``gold`` (other documents are ignored)."""
    result = Evaluation(figures={})
    agree = {name: 0 for name in FIELDS}
    strict = 0
    topic_scores: list[float] = []
    n_pred = 0
    for doc_id, golds in gold.items():
        preds = list(predictions.get(doc_id, []))
        n_pred += len(preds)
        candidates = sorted(
            ((score, i, j) for i, g in enumerate(golds) for j, p in enumerate(preds)
             if (score := pair_score(g, p)) is not None),
            reverse=True)
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in candidates:
            if i in used_gold or j in used_pred:
                continue
            used_gold.add(i)
            used_pred.add(j)
            fields = field_agreement(golds[i], preds[j])
            for name, ok in fields.items():
                agree[name] += ok
            strict += all(fields[name] for name in _STRICT)
            recall = _topic_recall(golds[i].get("topics"), preds[j].get("topics"))
            if recall is not None:
                topic_scores.append(recall)
            result.pairs.append((doc_id, golds[i], preds[j],
                                 [n for n, ok in fields.items() if not ok]))
        result.misses += [(doc_id, g) for i, g in enumerate(golds) if i not in used_gold]
        result.spurious += [(doc_id, p) for j, p in enumerate(preds) if j not in used_pred]
    n_gold = sum(len(v) for v in gold.values())
    matched = len(result.pairs)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures: dict[str, Any] = {
        "documents": len(gold), "gold": n_gold, "extracted": n_pred, "matched": matched,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "strict_f1": round(2 * strict / (n_gold + n_pred), 3) if n_gold + n_pred else 0.0,
    }
    for name in FIELDS:
        figures[f"{name}_accuracy"] = round(agree[name] / matched, 3) if matched else None
    figures["topic_recall"] = (round(sum(topic_scores) / len(topic_scores), 3)
                               if topic_scores else None)
    result.figures = figures
    return result


def evaluate_files(gold_path: str | Path, predictions_path: str | Path) -> Evaluation:
    return evaluate(load_gold(gold_path), load_predictions(predictions_path))


# --------------------------------------------------------------------------- reporting


def _show(e: Mapping, name: str) -> str:
    if name == "dates":
        start, end = _interval(e)
        return f"{start}..{end}" if start != end else str(start)
    if name == "participants":
        return ", ".join(_as_list(e.get("participants")))
    if name == "precision":
        return str(e.get("date_precision"))
    return str(e.get(name))


def _brief(e: Mapping) -> dict[str, str]:
    return {"kind": str(e.get("kind")), "status": str(e.get("status")),
            "participants": _show(e, "participants"), "dates": _show(e, "dates"),
            "location": str(e.get("location") or ""),
            "evidence": str(e.get("evidence") or "")[:160]}


def format_report(result: Evaluation, *, details: bool = False) -> str:
    """A plain-text report: the figures, and with ``details`` every miss and spurious row."""
    f = result.figures
    lines = [
        f"documents {f['documents']}: gold {f['gold']}, extracted {f['extracted']}, "
        f"matched {f['matched']}",
        f"precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}  "
        f"strict F1 {f['strict_f1']:.3f}",
        "per-field accuracy over matched pairs:",
    ]
    for name in FIELDS:
        value = f[f"{name}_accuracy"]
        lines.append(f"  {name:<13}{'-' if value is None else f'{value:.3f}'}")
    if f["topic_recall"] is not None:
        lines.append(f"  {'topics':<13}{f['topic_recall']:.3f} (recall)")
    if details:
        for doc_id, e in result.misses:
            b = _brief(e)
            lines.append(f"MISSED   {doc_id}: {b['kind']} [{b['participants']}] {b['dates']}"
                         f" @ {b['location']}")
        for doc_id, e in result.spurious:
            b = _brief(e)
            lines.append(f"SPURIOUS {doc_id}: {b['kind']} [{b['participants']}] {b['dates']}"
                         f" @ {b['location']}")
        for doc_id, gold, pred, wrong in result.pairs:
            for name in wrong:
                lines.append(f"WRONG    {doc_id}: {name}: gold {_show(gold, name)!r}, "
                             f"extracted {_show(pred, name)!r}")
    return "\n".join(lines)


def figures_frame(result: Evaluation) -> pd.DataFrame:
    """The figures as a two-column table (measure, value) for a report."""
    labels = {"documents": "documents", "gold": "engagements annotated",
              "extracted": "engagements extracted", "matched": "matched",
              "precision": "precision", "recall": "recall", "f1": "F1",
              "strict_f1": "strict F1", "topic_recall": "topic recall"}
    labels |= {f"{name}_accuracy": f"{name} accuracy" for name in FIELDS}
    return pd.DataFrame([{"measure": labels.get(k, k), "value": v}
                         for k, v in result.figures.items()])
