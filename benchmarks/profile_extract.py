"""Where ``parley extract`` spends its time: a cProfile of one run, summed by module.

Run with ``.venv/bin/python benchmarks/profile_extract.py [INPUT.jsonl]`` (default: the
TempEval-3 corpus in ``../shared``). Prints the import time of the command's modules,
then the extraction run's own time (tottime) summed per source file, built-in calls
(regex, str methods, json) charged to the module that made them, so that the table
says which module to work on. cProfile roughly doubles the run time; the shares, not
the seconds, are the figures to compare.
"""

from __future__ import annotations

import collections
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "te3_news.jsonl"
ROWS = 20


def _module(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if filename.startswith("~") or filename.startswith("<"):
        return filename
    path = Path(filename)
    if path.parent.name == "re":
        return "re (compiling patterns)"
    return f"{path.parent.name}/{path.name}" if path.name == "__init__.py" else path.name


def by_module(stats: pstats.Stats) -> collections.Counter[str]:
    """Own time per module; a built-in's time goes to the modules of its callers."""
    totals: collections.Counter[str] = collections.Counter()
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename != "~" or not callers:
            totals[_module(filename)] += tottime
            continue
        # a built-in: share its time among its callers in proportion to their calls
        calls = {caller: entry[0] for caller, entry in callers.items()}
        n = sum(calls.values()) or 1
        for (caller_file, _, _), c in calls.items():
            totals[_module(caller_file)] += tottime * c / n
    return totals


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    if not source.exists():
        print(f"{source} not found", file=sys.stderr)
        return 2
    start = time.perf_counter()
    from helpers.pipeline import extract_to_parquet

    imported = time.perf_counter() - start
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        profile.enable()
        counts = extract_to_parquet([source], Path(tmp) / "out.parquet")
        profile.disable()
    totals = by_module(pstats.Stats(profile))
    total = sum(totals.values())
    print(f"import of helpers.pipeline: {imported:.2f} s")
    print(f"{counts['documents']} documents, profiled run {total:.2f} s "
          f"({counts['documents'] / total:.0f} docs/s under cProfile)")
    for name, seconds in totals.most_common(ROWS):
        print(f"{seconds:8.2f} s {100 * seconds / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
