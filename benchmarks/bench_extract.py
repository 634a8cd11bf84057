"""Extraction speed and memory: ``parley extract`` end to end, and dateparser as a peer.

Run with ``make bench`` (needs ``../shared``). For each input, one warm-up run, then the
median of three timed runs of the real command in a fresh process (start-up included),
with the peak resident memory of that process. Inputs: the TempEval-3 corpus (2,708
documents) and ten copies of it with unique ids (27,080 documents, written to a
temporary folder). The ten copies run once more with ``--engine dask`` (a LocalCluster
with one worker process per core): not the one-process figure the target is about,
but what spreading over this machine's cores gives. The peer,
``dateparser.search_dates``, runs on a sample in this process. Figures go to stdout and
to ``benchmarks/results/extract.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "te3_news.jsonl"
PARLEY = Path(sys.executable).parent / "parley"
RESULTS = ROOT / "benchmarks" / "results"
RUNS = 3
PEER_SAMPLE = 200

# Runs a command and reports its wall time and its peak memory (children's max RSS).
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(command: list[str]) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, check=True).stdout.split()
    elapsed, max_rss_kib, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return elapsed, max_rss_kib * 1024


def bench_extract(source: Path, n_docs: int, work: Path, engine: str = "local") -> dict:
    command = [str(PARLEY), "extract", str(source), "--output", str(work / "out.parquet"),
               "--engine", engine]
    measure(command)  # warm-up: file cache, byte-code
    runs = [measure(command) for _ in range(RUNS)]
    seconds = statistics.median(t for t, _ in runs)
    size_mb = source.stat().st_size / 1e6
    return {
        "input": source.name, "engine": engine, "documents": n_docs,
        "megabytes": round(size_mb, 2),
        "seconds_median": round(seconds, 2), "seconds_runs": [round(t, 2) for t, _ in runs],
        "docs_per_s": round(n_docs / seconds), "mb_per_s": round(size_mb / seconds, 2),
        "peak_memory_mib": round(max(m for _, m in runs) / 2**20),
    }


def bench_startup(work: Path) -> float:
    empty = work / "empty.jsonl"
    empty.write_text("")
    command = [str(PARLEY), "extract", str(empty), "--output", str(work / "empty.parquet")]
    measure(command)
    return statistics.median(measure(command)[0] for _ in range(RUNS))


def ten_copies(work: Path) -> tuple[Path, int]:
    target = work / "te3_news_x10.jsonl"
    n = 0
    with open(CORPUS, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as out:
        lines = src.readlines()
        for copy in range(10):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record['id']}#{copy}"
                # a marker keeps each copy's text distinct, or ingest would see duplicates
                record["text"] = record["text"] + f"\n\n(copy {copy})"
                out.write(json.dumps(record) + "\n")
                n += 1
    return target, n


def bench_dateparser() -> dict:
    from dateparser.search import search_dates

    docs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    docs = docs[:PEER_SAMPLE]
    # English only, as parley is: without it dateparser guesses the language of every
    # text, which makes it some twenty times slower still and would be an unfair peer.
    search_dates("warm up on Friday", languages=["en"])
    start = time.perf_counter()
    for doc in docs:
        search_dates(doc["text"], languages=["en"],
                     settings={"RELATIVE_BASE": _published(doc)})
    seconds = time.perf_counter() - start
    size_mb = sum(len(d["text"].encode()) for d in docs) / 1e6
    return {"documents": len(docs), "seconds": round(seconds, 2),
            "docs_per_s": round(len(docs) / seconds, 1),
            "mb_per_s": round(size_mb / seconds, 3)}


def _published(doc: dict):
    import datetime as dt

    return dt.datetime.fromisoformat(doc["published"])


def main() -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} not found: the benchmark needs ../shared", file=sys.stderr)
        return 2
    n_corpus = len(CORPUS.read_text(encoding="utf-8").splitlines())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        startup = bench_startup(work)
        corpus = bench_extract(CORPUS, n_corpus, work)
        big, n_big = ten_copies(work)
        copies = bench_extract(big, n_big, work)
        # Not the target's figure (that is one process): what the machine's cores give,
        # LocalCluster start-up and worker memory included (peak is the parent's only).
        spread = bench_extract(big, n_big, work, engine="dask")
    peer = bench_dateparser()
    result = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    # which build: the interpreter's build options move the figures by a third
                    "interpreter": os.path.realpath(sys.executable)},
        "startup_seconds": round(startup, 2),
        "parley_extract": [corpus, copies],
        "parley_extract_dask": spread,
        "dateparser_search_dates": peer,
        "speedup_vs_dateparser": round(copies["docs_per_s"] / peer["docs_per_s"], 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps(result, indent=2))
    print(f"python {result['machine']['python']} ({result['machine']['interpreter']}), "
          f"{result['machine']['cpus']} cpus")
    print(f"start-up (empty input): {startup:.2f} s")
    print(f"{'input':<24}{'engine':>7}{'docs':>8}{'MB':>8}{'s (median)':>12}{'docs/s':>9}"
          f"{'MB/s':>7}{'peak MiB':>10}")
    for row in (corpus, copies, spread):
        print(f"{row['input']:<24}{row['engine']:>7}{row['documents']:>8}{row['megabytes']:>8}"
              f"{row['seconds_median']:>12}{row['docs_per_s']:>9}{row['mb_per_s']:>7}"
              f"{row['peak_memory_mib']:>10}")
    print(f"dateparser.search_dates on {peer['documents']} documents: {peer['docs_per_s']} "
          f"docs/s, {peer['mb_per_s']} MB/s; parley is {result['speedup_vs_dateparser']}x "
          f"faster end to end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
