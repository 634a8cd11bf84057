import json
import subprocess
import sys

import pytest

from helpers import evaluate

MEETING = {"kind": "meeting", "mode": "in_person", "status": "occurred",
           "participants": ["Jacques Chirac", "Jalal Talabani"], "location": "Paris",
           "country": "France", "date_start": "2006-11-02", "date_end": "2006-11-02",
           "date_precision": "day", "topics": ["situation in Iraq"]}
CALL = {"kind": "call", "mode": "phone", "status": "occurred",
        "participants": ["Vladimir Putin", "Alexander Lukashenko"], "location": None,
        "country": None, "date_start": "2021-08-30", "date_end": "2021-08-30",
        "date_precision": "day", "topics": []}


def test_a_perfect_extraction_scores_one_everywhere():
    result = evaluate.evaluate({"d": [MEETING, CALL]}, {"d": [CALL, MEETING]})
    assert result.figures["f1"] == result.figures["strict_f1"] == 1.0
    assert all(result.figures[f"{name}_accuracy"] == 1.0 for name in evaluate.FIELDS)


def test_surnames_match_full_names_but_a_wrong_date_is_not_exact():
    short = {**MEETING, "participants": ["Chirac", "Talabani"], "date_start": "2006-11-01"}
    result = evaluate.evaluate({"d": [MEETING]}, {"d": [short]})
    assert result.figures["f1"] == 1.0
    assert result.figures["dates_accuracy"] == 0.0
    assert result.figures["participants_accuracy"] == 1.0
    assert result.figures["strict_f1"] == 0.0
    assert result.pairs[0][3] == ["dates"]


def test_misses_and_spurious_rows_are_listed():
    stranger = {**CALL, "participants": ["Someone Else", "Another Person"]}
    result = evaluate.evaluate({"d": [MEETING, CALL], "e": []}, {"d": [stranger]})
    assert (result.figures["precision"], result.figures["recall"]) == (0.0, 0.0)
    assert len(result.misses) == 2 and len(result.spurious) == 1
    assert "MISSED" in evaluate.format_report(result, details=True)


def test_dates_a_month_apart_or_other_kinds_cannot_pair():
    later = {**MEETING, "date_start": "2007-01-15", "date_end": "2007-01-15"}
    as_call = {**MEETING, "kind": "call"}
    assert evaluate.pair_score(MEETING, later) is None
    assert evaluate.pair_score(MEETING, as_call) is None
    assert evaluate.pair_score(MEETING, {**MEETING, "kind": "summit"}) is not None


def test_predictions_from_parquet_count_for_every_reporting_document(tmp_path):
    import pandas as pd

    path = tmp_path / "p.parquet"
    pd.DataFrame([{**MEETING, "doc_ids": ["a", "b"]}]).to_parquet(path)
    assert set(evaluate.load_predictions(path)) == {"a", "b"}


@pytest.mark.parametrize("gold_name", ["seed.jsonl", "dev.jsonl"])
def test_agrees_with_the_referee_on_the_shared_gold(shared, tmp_path, gold_name):
    """Same contract, separate code: the figures should agree with the referee's."""
    from helpers.pipeline import extract_to_parquet

    gold_path = shared / "gold" / gold_name
    ids = set(evaluate.load_gold(gold_path))
    corpus = tmp_path / "docs.jsonl"
    if gold_name == "seed.jsonl":
        from conftest import SEED

        sources = [SEED]
    else:
        with open(shared / "corpus" / "te3_news.jsonl", encoding="utf-8") as src, \
                open(corpus, "w", encoding="utf-8") as out:
            out.writelines(line for line in src if json.loads(line)["id"] in ids)
        sources = [corpus]
    predictions = tmp_path / "e.parquet"
    extract_to_parquet(sources, predictions)
    ours = evaluate.evaluate_files(gold_path, predictions).figures
    referee = json.loads(subprocess.run(
        [sys.executable, str(shared / "tools" / "score_engagements.py"), str(gold_path),
         str(predictions)], capture_output=True, text=True, check=True).stdout.splitlines()[-1])
    for name, theirs in [("f1", "f1"), ("precision", "precision"), ("recall", "recall"),
                         ("strict_f1", "strict_f1"), ("dates_accuracy", "date_exact_acc"),
                         ("status_accuracy", "status_acc")]:
        assert ours[name] == pytest.approx(referee[theirs], abs=0.02), name
