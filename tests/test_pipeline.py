import datetime as dt
import gc
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from helpers import pipeline, schema
from helpers.ingest import iter_documents

SECOND_REPORT = """---
id: second_report
published: 2021-09-10
---
Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in Moscow
on September 9, the Kremlin said.
"""


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def seed_copies(path, seed_path, n):
    """A JSONL of ``n`` copies of the seed's text, each made distinct (not duplicates)."""
    body = seed_path.read_text().split("---\n", 2)[2]
    return write_jsonl(path, [{"id": f"doc{i}", "published": "2021-09-01",
                               "text": body + f"Copy {i}."} for i in range(n)])


def test_extract_to_parquet_writes_every_table_with_its_schema(tmp_path, seed_path):
    out = tmp_path / "e.parquet"
    counts = pipeline.extract_to_parquet(
        [seed_path], out, documents=tmp_path / "d.parquet", mentions=tmp_path / "m.parquet"
    )
    assert counts["documents"] == counts["ok"] == 1
    engagements = schema.read_table(out, "engagements")
    mentions = schema.read_table(tmp_path / "m.parquet", "mentions")
    assert len(engagements) == counts["engagements"] == 6
    assert set(engagements["engagement_id"]) <= set(mentions["engagement_id"])
    # evidence offsets point into the document's text
    text = schema.read_table(tmp_path / "d.parquet", "documents").loc[0, "text"]
    for row in engagements.itertuples():
        assert text[row.evidence_start : row.evidence_end] == row.evidence


def test_batches_are_written_as_row_groups_and_ids_are_stable(tmp_path, seed_path):
    source = seed_copies(tmp_path / "in.jsonl", seed_path, 3)
    pipeline.extract_to_parquet([source], tmp_path / "a.parquet", batch_size=1)
    pipeline.extract_to_parquet([source], tmp_path / "b.parquet", batch_size=2)
    assert pq.ParquetFile(tmp_path / "a.parquet").num_row_groups == 3
    a = schema.read_table(tmp_path / "a.parquet", "engagements")
    b = schema.read_table(tmp_path / "b.parquet", "engagements")
    assert a["engagement_id"].tolist() == b["engagement_id"].tolist()
    assert len(a) == 18


def test_a_failed_extraction_leaves_the_previous_output_in_place(tmp_path, seed_path, monkeypatch):
    out = tmp_path / "e.parquet"
    pipeline.extract_to_parquet([seed_path], out)
    before = out.read_bytes()

    def broken(doc):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "extract_document", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        pipeline.extract_to_parquet([seed_path], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.parquet"]


def test_an_extraction_leaves_the_garbage_collector_as_it_found_it(tmp_path, seed_path,
                                                                   monkeypatch):
    # The local engine tunes the collector for the run (fewer passes, startup objects
    # frozen): a caller, a notebook's kernel say, gets its own settings back, failed run or not.
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    seen = []

    def spy(doc):
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return real(doc)

    real = pipeline.extract_document
    monkeypatch.setattr(pipeline, "extract_document", spy)
    pipeline.extract_to_parquet([seed_path], tmp_path / "e.parquet")
    assert seen and seen[0][0] != threshold and seen[0][1] > frozen
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)

    monkeypatch.setattr(pipeline, "extract_document", real)
    monkeypatch.setattr(pipeline._AtomicParquet, "write", lambda self, table: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # a failure outside the extraction itself
        pipeline.extract_to_parquet([seed_path], tmp_path / "e.parquet")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)


def test_clean_merges_reports_of_one_encounter_across_documents(tmp_path, seed_path):
    second = tmp_path / "raw" / "second_report.txt"
    second.parent.mkdir()
    second.write_text(SECOND_REPORT, encoding="utf-8")
    counts = pipeline.clean([seed_path, second], tmp_path / "processed")
    engagements = schema.read_table(tmp_path / "processed" / "engagements.parquet", "engagements")
    assert counts["engagements"] == len(engagements) == 6
    sept9 = engagements[engagements["date_start"] == dt.date(2021, 9, 9)]
    assert len(sept9) == 1
    row = sept9.iloc[0]
    assert sorted(row["doc_ids"]) == ["lukashenko_putin_visit", "second_report"]
    assert row["n_mentions"] >= 4
    assert pd.isna(row["conflict"])


def test_rejected_documents_yield_no_engagements_but_keep_their_row(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "x", "published": "2021-01-01"}])
    tables = pipeline.extract_frames(iter_documents([source]))
    assert tables.documents["status"].tolist() == ["rejected"]
    assert tables.engagements.empty and tables.mentions.empty


@pytest.mark.slow
def test_dask_engine_gives_the_local_output_row_for_row(tmp_path, seed_path):
    source = seed_copies(tmp_path / "in.jsonl", seed_path, 5)
    pipeline.extract_to_parquet([source], tmp_path / "local.parquet", batch_size=2)
    pipeline.extract_to_parquet(
        [source],
        tmp_path / "dask.parquet",
        batch_size=2,
        engine="dask",
        partition_dir=tmp_path / "by_year",
    )
    local = pq.read_table(tmp_path / "local.parquet").to_pylist()
    dask = pq.read_table(tmp_path / "dask.parquet").to_pylist()
    assert len(local) == 30
    assert local == dask
    assert sorted(p.name for p in (tmp_path / "by_year").iterdir()) == ["year=2021"]
    assert len(schema.read_table(tmp_path / "by_year", "engagements")) == 30


def test_a_duplicate_document_is_extracted_once_and_listed_as_a_report(tmp_path, seed_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(seed_path.read_bytes())
    (raw / "b_copy.txt").write_text(seed_path.read_text().replace(
        "id: lukashenko_putin_visit", "id: copy"), encoding="utf-8")
    pipeline.clean([raw], tmp_path / "processed")
    documents = schema.read_table(tmp_path / "processed" / "documents.parquet", "documents")
    assert documents.set_index("doc_id").loc["copy", "duplicate_of"] == "lukashenko_putin_visit"
    engagements = schema.read_table(tmp_path / "processed" / "engagements.parquet",
                                    "engagements")
    assert len(engagements) == 6
    assert all(list(ids) == ["lukashenko_putin_visit", "copy"] for ids in engagements["doc_ids"])


def test_without_a_publication_date_relative_dates_stay_unresolved(tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("Chinese Foreign Minister Wang Yi met his Japanese counterpart Toshimitsu "
                      "Motegi in Paris on Friday.", encoding="utf-8")
    tables = pipeline.extract_frames(iter_documents([source]))
    assert tables.documents.loc[0, "published"] is None or pd.isna(
        tables.documents.loc[0, "published"])
    [row] = tables.engagements.to_dict("records")
    assert row["date_start"] is None and row["date_precision"] == "unknown"
    assert row["location"] == "Paris"


def test_extraction_does_not_import_pandas(tmp_path, seed_path):
    """pandas is half a second of start-up: writing the tables must not need it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import helpers

    out = {name: str(tmp_path / f"{name}.parquet") for name in ("e", "d", "m")}
    code = ("import sys; from helpers import pipeline; "
            f"pipeline.extract_to_parquet([{str(seed_path)!r}], {out['e']!r}, "
            f"documents={out['d']!r}, mentions={out['m']!r}); "
            "assert 'pandas' not in sys.modules, 'pandas was imported'")
    src = str(Path(helpers.__file__).parents[1])
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": src})
