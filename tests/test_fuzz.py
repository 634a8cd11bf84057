"""Random bytes and random text through ingest and extraction: nothing escapes, nothing is lost."""

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import pipeline, schema
from helpers.ingest import iter_documents

# Words that make the extractor work hard: triggers, titles, names, dates, places.
NEWS_WORDS = st.sampled_from([
    "met", "talks", "visit", "summit", "called", "telephone", "spoke", "with", "President",
    "Prime Minister", "Vladimir Putin", "Hu", "the", "in", "Moscow", "on", "Friday",
    "September 9", "late May", "next week", "will", "cancelled", "CSTO", "said", ",", ".",
    "\n\n", "they", "his", "counterpart", "here", "(AFP) --", "WASHINGTON", "'s", "-",
])
NEWSY_TEXT = st.lists(NEWS_WORDS, max_size=60).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY_TEXT)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=4),
       published=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))))
def test_extraction_of_any_text_raises_nothing_and_keeps_offsets_true(texts, published):
    from helpers.ingest import Document

    docs = [Document(doc_id=f"d{i}", text=t, published=published, title=None, source=None,
                     source_path="fuzz", source_line=i + 1, sha256="0" * 64, status="ok",
                     reason=None) for i, t in enumerate(texts)]
    tables = pipeline.extract_batch(docs)
    assert len(tables.documents) == len(docs)
    schema.validate(schema.to_arrow(tables.engagements, "engagements"), "engagements")
    schema.validate(schema.to_arrow(tables.mentions, "mentions"), "mentions")
    by_id = {d.doc_id: d.text for d in docs}
    for row in tables.mentions.itertuples():
        text = by_id[row.doc_id]
        assert 0 <= row.evidence_start <= row.evidence_end <= len(text)
        assert text[row.trigger_start:row.trigger_end] == row.trigger


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(contents=st.lists(st.one_of(st.binary(max_size=300),
                                   ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
                         min_size=1, max_size=5),
       suffixes=st.lists(st.sampled_from([".txt", ".md", ".html", ".jsonl", ".bin"]),
                         min_size=5, max_size=5))
@example(contents=[b"\x00\n\x00"], suffixes=[".jsonl"] * 5)  # refused whole: binary-looking
def test_random_files_each_get_their_row_and_the_run_completes(tmp_path_factory, contents,
                                                               suffixes):
    raw = tmp_path_factory.mktemp("raw")
    for i, data in enumerate(contents):
        (raw / f"f{i}{suffixes[i]}").write_bytes(data)
    out = raw.parent / f"{raw.name}-e.parquet"
    docs_path = raw.parent / f"{raw.name}-d.parquet"
    pipeline.extract_to_parquet([raw], out, documents=docs_path)
    documents = schema.read_table(docs_path, "documents")

    def expected(i: int, data: bytes) -> int:
        if suffixes[i] != ".jsonl":
            return 1
        rows = documents[documents["source_path"].str.endswith(f"f{i}.jsonl")]
        if len(rows) == 1 and rows["source_line"].isna().all():
            return 1  # refused as a whole (empty, blank or binary-looking), with its reason
        return max(1, len([line for line in data.split(b"\n") if line.strip(b" \t\r\n")]))

    expected_rows = sum(expected(i, data) for i, data in enumerate(contents))
    assert len(documents) == expected_rows
    assert set(documents["status"]) <= {"ok", "rejected", "duplicate"}
    assert documents.loc[documents["status"] != "ok", "reason"].notna().all()
    assert len(list(iter_documents([raw]))) == expected_rows
