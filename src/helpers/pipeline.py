"""Pipeline: documents in, the three tables out, in batches, on one process or on Dask.

This module owns the extraction run over many documents: reading them in batches
(:mod:`helpers.ingest`), extracting and merging each document's mentions
(:mod:`helpers.extraction`, :mod:`helpers.merge`), and writing Parquet in row groups so
that a corpus of any size streams through in bounded memory. Writes go to a temporary
file that is validated (schema, row count) before it replaces the target, so a failed
run leaves the last good table in place.

With ``engine="dask"`` the batches are mapped over ``dask.distributed`` workers (a
LocalCluster when no scheduler address is given) and the engagements are also written
as a Parquet dataset partitioned by year; the per-document results are the same as the
local engine's, row for row.

Per batch, the rows go straight from plain dicts to Arrow tables of the schema
(:func:`helpers.schema.rows_table`): no pandas frame on the way to the file, one
validation per table per batch on the Arrow table, and the row groups written as they
come. This module imports pandas only in the functions that hand frames to people
(notebooks, tests): writing the tables does not use it.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from helpers import schema
from helpers.extraction import extract_mentions
from helpers.ingest import Document, documents_frame, documents_table, iter_batches
from helpers.merge import (
    engagement_rows,
    mention_rows,
    merge_across_documents,
    merge_document,
    rows_frame,
)

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("parley")


@dataclass(frozen=True, slots=True)
class Tables:
    documents: pd.DataFrame
    mentions: pd.DataFrame
    engagements: pd.DataFrame


def extract_document(doc: Document) -> tuple[list[dict], list[dict]]:
    """(mention rows, engagement rows) of one document; none for documents not ``ok``."""
    if doc.status != "ok" or not doc.text:
        return [], []
    mentions = extract_mentions(doc.doc_id, doc.text, doc.published)
    pairs = merge_document(mentions)
    return mention_rows(pairs, mentions), engagement_rows(pairs)


def _batch_rows(docs: Sequence[Document]) -> tuple[list[dict], list[dict]]:
    mentions: list[dict] = []
    engagements: list[dict] = []
    for doc in docs:
        m, e = extract_document(doc)
        mentions += m
        engagements += e
    return mentions, engagements


def extract_batch(docs: Sequence[Document]) -> Tables:
    """The three tables for a batch of documents as DataFrames (pure: no I/O).

    Rows are gathered as plain dicts and made into one frame per table per batch: a
    frame per document would cost more than the extraction itself.
    """
    mentions, engagements = _batch_rows(docs)
    return Tables(
        documents=documents_frame(docs),
        mentions=rows_frame(mentions, "mentions"),
        engagements=rows_frame(engagements, "engagements"),
    )


@dataclass(frozen=True, slots=True)
class _BatchResult:
    """What :func:`extract_to_parquet` needs of a batch: Arrow tables and counts."""

    tables: dict[str, pa.Table]
    statuses: dict[str, int]
    n_mentions: int
    n_engagements: int


def _extract_batch_arrow(docs: Sequence[Document], names: Sequence[str]) -> _BatchResult:
    """The tables ``names`` of a batch as Arrow tables of their schemas (pure: no I/O).

    What the writers need, built from the rows directly: converting through pandas
    cost as much as writing the file.
    """
    mentions, engagements = _batch_rows(docs)
    builders = {
        "documents": lambda: documents_table(docs),
        "mentions": lambda: schema.rows_table(mentions, "mentions"),
        "engagements": lambda: schema.rows_table(engagements, "engagements"),
    }
    return _BatchResult(tables={name: builders[name]() for name in names},
                        statuses=dict(Counter(doc.status for doc in docs)),
                        n_mentions=len(mentions), n_engagements=len(engagements))


class _AtomicParquet:
    """A Parquet file written row group by row group, moved into place on success."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = Path(path), name
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                   dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        self.writer = pq.ParquetWriter(self.tmp, schema.SCHEMAS[name])
        self.rows = 0

    def write(self, table: pa.Table | pd.DataFrame) -> None:
        if not isinstance(table, pa.Table):
            table = schema.to_arrow(table, self.name)
        # Once per batch, on the Arrow table about to be written: types, required
        # values and domains (a few vectorised passes, no Python loop over rows).
        schema.validate(table, self.name, str(self.path))
        if table.num_rows:
            self.writer.write_table(table)
            self.rows += table.num_rows

    def commit(self) -> Path:
        self.writer.close()
        meta = pq.read_metadata(self.tmp)
        if meta.num_rows != self.rows:
            raise schema.SchemaError(
                f"{self.path}: wrote {self.rows} rows but the file holds {meta.num_rows}")
        # The file's schema, as an empty table made without Schema.empty_table (which
        # converts Python lists, and so imports pandas: half a second of start-up).
        schema.validate(pa.Table.from_batches([], schema=pq.read_schema(self.tmp)), self.name,
                        str(self.path))
        schema.publishable(self.tmp)
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def extract_to_parquet(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    published: dt.date | None = None,
    documents: str | Path | None = None,
    mentions: str | Path | None = None,
    batch_size: int = 1000,
    engine: str = "local",
    scheduler: str | None = None,
    partition_dir: str | Path | None = None,
) -> dict[str, int]:
    """Extract engagements from files and folders into Parquet.

    Args:
        paths: raw files or folders (.txt/.md, .html, .jsonl).
        output: the engagements Parquet file (one row per engagement per document).
        published: publication date for documents that carry none.
        documents, mentions: optional paths for the other two tables.
        batch_size: documents per batch (and per Dask task).
        engine: "local" (this process) or "dask" (dask.distributed).
        scheduler: address of an existing Dask scheduler; a LocalCluster when None.
        partition_dir: with the Dask engine, also write engagements partitioned by year.

    Returns:
        Counts: documents, ok, rejected, duplicate, mentions, engagements.
    """
    writers = {"engagements": _AtomicParquet(Path(output), "engagements")}
    if documents:
        writers["documents"] = _AtomicParquet(Path(documents), "documents")
    if mentions:
        writers["mentions"] = _AtomicParquet(Path(mentions), "mentions")
    counts = {"documents": 0, "ok": 0, "rejected": 0, "duplicate": 0, "mentions": 0,
              "engagements": 0}
    batches = iter_batches(paths, published=published, batch_size=batch_size)
    names = list(writers)  # only the tables that are written are built
    results = (_dask_results(batches, scheduler, names) if engine == "dask"
               else _extract_local(batches, names))
    try:
        for result in results:
            for name, writer in writers.items():
                writer.write(result.tables[name])
            for status, n in result.statuses.items():
                counts["documents"] += n
                counts[status] += n
            counts["mentions"] += result.n_mentions
            counts["engagements"] += result.n_engagements
            log.info("extracted %d documents, %d engagements so far", counts["documents"],
                     counts["engagements"])
        for writer in writers.values():
            writer.commit()
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    finally:
        results.close()  # now, not when a traceback lets go of it: settings, clients
    if engine == "dask" and partition_dir:
        write_partitioned(schema.read_table(output, "engagements"), partition_dir)
    return counts


def _extract_local(batches: Iterable[list[Document]], names: Sequence[str]
                   ) -> Iterator[_BatchResult]:
    with _few_collections():
        for batch in batches:
            yield _extract_batch_arrow(batch, names)


@contextmanager
def _few_collections() -> Iterator[None]:
    """The cyclic garbage collector tuned for a long extraction, restored after it.

    Extraction allocates millions of short-lived tuples and lists that reference counting
    frees; the collector's default (a pass every 700 allocations, and full passes over the
    whole heap, gazetteer and compiled patterns included) cost about 2% of a run over the
    ten-copy corpus. Objects alive before the run are frozen out of the collector's walks,
    and passes are rarer: time in the collector, measured with gc.callbacks on that run,
    fell by three quarters (0.96 s to 0.26 s). Cycles are still collected, in larger batches.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _dask_results(batches: Iterator[list[Document]], scheduler: str | None,
                  names: Sequence[str]) -> Iterator[_BatchResult]:
    """Map the batch extraction over Dask workers, yielding results in input order."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # One single-threaded worker process per core: extraction is pure Python, and
        # threads would share one interpreter lock.
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        # A bounded window of futures keeps memory flat however long the input is; two
        # batches a worker thread keep every worker busy while results come back in order.
        in_flight = 2 * max(1, sum(client.nthreads().values()))
        window: list = []
        for batch in batches:
            window.append(client.submit(_extract_batch_arrow, batch, names, pure=False))
            if len(window) >= in_flight:
                yield window.pop(0).result()
        for future in window:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_partitioned(engagements: pd.DataFrame, folder: str | Path) -> Path:
    """Write engagements as a Parquet dataset partitioned by year (``year=2021/``...)."""
    import pandas as pd

    folder = Path(folder)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        years = pd.to_datetime(engagements["date_start"]).dt.year
        table = schema.to_arrow(engagements, "engagements")
        table = table.append_column("year", pa.array(
            [str(int(y)) if pd.notna(y) else "undated" for y in years], pa.string()))
        pq.write_to_dataset(table, staging, partition_cols=["year"])
        if folder.exists():
            old = folder.with_name(folder.name + ".old")
            os.replace(folder, old)
            os.replace(staging, folder)
            _remove_tree(old)
        else:
            os.replace(staging, folder)
    except BaseException:
        _remove_tree(staging)
        raise
    return folder


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def add_duplicate_reports(engagements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """List a duplicate document among the reports of its original's engagements.

    A text that repeats an earlier one is extracted once; the documents that repeat it
    still report the same engagements, so their ids join ``doc_ids``.
    """
    copies = documents.loc[documents["status"] == "duplicate", ["doc_id", "duplicate_of"]]
    if copies.empty or engagements.empty:
        return engagements
    by_original: dict[str, list[str]] = {}
    for doc_id, original in copies.itertuples(index=False):
        by_original.setdefault(original, []).append(doc_id)
    engagements = engagements.copy()
    engagements["doc_ids"] = [
        list(ids) + [c for d in ids for c in by_original.get(d, []) if c not in ids]
        for ids in engagements["doc_ids"]
    ]
    return engagements


def extract_frames(docs: Iterable[Document]) -> Tables:
    """All three tables for documents already read (small inputs, notebooks, tests)."""
    return extract_batch(list(docs))


def clean(
    sources: Sequence[str | Path],
    processed: str | Path,
    *,
    published: dt.date | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 1000,
) -> dict[str, int]:
    """Raw sources to the three published tables in ``processed`` (what ``01_clean`` runs).

    Per-document engagements are extracted first, then reports of the same encounter in
    several documents are merged into one row (:func:`helpers.merge.merge_across_documents`).
    Each table is written atomically; the counts say how many rows each has.
    """
    processed = Path(processed)
    processed.mkdir(parents=True, exist_ok=True)
    per_document = processed / ".engagements_by_document.parquet"
    counts = extract_to_parquet(
        sources, per_document, published=published,
        documents=processed / "documents.parquet", mentions=processed / "mentions.parquet",
        batch_size=batch_size, engine=engine, scheduler=scheduler,
    )
    try:
        by_document = schema.read_table(per_document, "engagements")
        documents = schema.read_table(processed / "documents.parquet", "documents")
        merged = add_duplicate_reports(merge_across_documents(by_document), documents)
        schema.write_table(merged, processed / "engagements.parquet", "engagements")
    finally:
        per_document.unlink(missing_ok=True)
    counts["engagements"] = len(merged)
    return counts


def load_tables(processed: str | Path | None = None, *, build_sample: bool = True) -> Tables:
    """The three published tables of ``processed`` (default: the project's), validated.

    With ``build_sample`` and no tables there yet (a fresh checkout opened in JupyterLab),
    they are first built from the shipped sample in ``data/raw``, so exploring works at once.
    """
    from helpers import config

    processed = Path(processed) if processed else config.processed_dir()
    paths = {name: processed / f"{name}.parquet" for name in ("documents", "mentions",
                                                              "engagements")}
    if build_sample and not all(p.exists() for p in paths.values()):
        log.info("no tables in %s yet: building them from %s", processed, config.raw_dir())
        clean([config.raw_dir()], processed)
    return Tables(**{name: schema.read_table(path, name) for name, path in paths.items()})
