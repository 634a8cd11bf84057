"""End to end: ``parley run`` executes the notebooks with papermill into temporary folders."""

import os
import subprocess
import sys
import time

import filelock
import pytest

from helpers import schema
from helpers.cli import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, main

pytestmark = pytest.mark.slow


@pytest.fixture
def folders(tmp_path):
    return {"processed": tmp_path / "processed", "reports": tmp_path / "reports"}


def run(folders, *extra):
    return main(["run", "--processed", str(folders["processed"]),
                 "--reports", str(folders["reports"]), *extra])


def test_run_writes_the_tables_and_reports_then_skips_what_has_not_changed(folders):
    assert run(folders) == EXIT_OK
    processed, reports = folders["processed"], folders["reports"]
    for name in ("documents", "mentions", "engagements"):
        table = schema.read_table(processed / f"{name}.parquet", name)
        assert len(table) > 0
    assert len(schema.read_table(processed / "engagements.parquet", "engagements")) == 6
    overview = (reports / "overview.html").read_text(encoding="utf-8")
    assert "Lukashenko" in overview and "<script src=" not in overview
    assert (reports / "sequence.html").exists()
    assert any((reports / "_runs").iterdir())  # executed notebooks kept for debugging

    stamp = (reports / "overview.html").stat().st_mtime_ns
    runs = sorted((reports / "_runs").iterdir())
    assert run(folders) == EXIT_OK
    # nothing changed: no notebook ran (no new run folder), nothing was rewritten
    assert sorted((reports / "_runs").iterdir()) == runs
    assert (reports / "overview.html").stat().st_mtime_ns == stamp

    # a new report re-runs only the report stage
    assert run(folders, "-p", "actors", '["Putin", "Lukashenko"]') == EXIT_OK
    assert (reports / "putin-lukashenko.html").exists()
    assert (reports / "overview.html").stat().st_mtime_ns == stamp


def test_a_failing_notebook_names_the_cell_and_keeps_the_last_good_outputs(folders, caplog):
    assert run(folders) == EXIT_OK
    before = {p.name: p.read_bytes()
              for p in [*folders["processed"].glob("*.parquet"),
                        *folders["reports"].glob("*.html")]}
    assert run(folders, "-p", "engine", "warp-drive") == EXIT_FAILED
    assert "01_clean.ipynb failed in cell" in caplog.text
    assert "engine must be 'local' or 'dask'" in caplog.text
    assert (folders["reports"] / "_failed" / "01_clean.ipynb").exists()
    after = {p.name: p.read_bytes()
             for p in [*folders["processed"].glob("*.parquet"),
                       *folders["reports"].glob("*.html")]}
    assert after == before


def test_a_second_run_at_the_same_time_is_refused_with_a_clear_message(folders, caplog):
    folders["processed"].mkdir(parents=True)
    with filelock.FileLock(str(folders["processed"] / ".parley.lock")):
        assert run(folders) == EXIT_LOCKED
    assert "another parley run is using" in caplog.text
    assert not os.path.exists(folders["processed"] / "engagements.parquet")


def test_a_run_killed_midway_leaves_the_last_good_outputs_readable(folders):
    import signal
    import subprocess
    import sys

    assert run(folders) == EXIT_OK
    published = [*folders["processed"].glob("*.parquet"), *folders["reports"].glob("*.html")]
    before = {p: p.read_bytes() for p in published}
    runs = folders["reports"] / "_runs"
    known = set(runs.iterdir())
    command = [sys.executable, "-m", "helpers.cli", "run", "--force",
               "--processed", str(folders["processed"]), "--reports", str(folders["reports"])]
    proc = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        # kill -9 once the run is under way: its executed notebook has started to appear
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            fresh = set(runs.iterdir()) - known
            if fresh and any(next(iter(fresh)).glob("*.ipynb")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert {p: p.read_bytes() for p in published} == before
    assert len(schema.read_table(folders["processed"] / "engagements.parquet",
                                 "engagements")) == 6
    assert run(folders, "--force") == EXIT_OK  # the lock died with the process


def test_a_gold_file_adds_an_evaluation_report(folders, tmp_path):
    import json

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "lukashenko_putin_visit", "published": "2021-09-01",
                                "engagements": [{
                                    "kind": "meeting", "mode": "in_person",
                                    "status": "occurred",
                                    "participants": ["Alexander Lukashenko", "Vladimir Putin"],
                                    "location": "Sochi", "country": "Russia",
                                    "date_start": "2021-05-21", "date_end": "2021-05-31",
                                    "date_precision": "part_of_month"}]}) + "\n")
    assert run(folders, "-p", "gold", str(gold)) == EXIT_OK
    page = (folders["reports"] / "evaluation.html").read_text(encoding="utf-8")
    assert "Evaluation against gold.jsonl" in page
    # one annotated engagement, six extracted: precision 1/6, recall 1
    assert "0.167" in page and "strict F1" in page


def test_an_unknown_parameter_is_refused_before_anything_runs(folders, caplog):
    from helpers.cli import EXIT_USAGE

    assert run(folders, "-p", "colour", "blue") == EXIT_USAGE
    assert "unknown parameter(s) colour" in caplog.text
    assert not folders["processed"].exists()


def test_papermill_loads_without_the_slow_iri_grammar_and_still_validates_notebooks():
    # Runs in a fresh interpreter: this test process may have imported jsonschema already.
    code = (
        "import sys\n"
        "from helpers import runner\n"
        "runner._skip_slow_optional_imports()\n"
        "import papermill, nbformat\n"
        "assert sys.modules.get('rfc3987_syntax') is None, 'the Lark grammar was loaded'\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1 + 1')])\n"
        "nbformat.validate(nb)\n"
        "nb.cells[0]['outputs'] = 'not a list'\n"
        "try:\n"
        "    nbformat.validate(nb)\n"
        "except nbformat.ValidationError:\n"
        "    print('still validates')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "still validates"


def test_kernels_started_ahead_are_handed_out_once_and_shut_down_on_close():
    import asyncio

    from helpers.runner import _KernelPool, _shutdown

    pool = _KernelPool()
    pool.start(2)
    taken = pool.take()
    assert taken is not None and asyncio.run(taken.is_alive())
    left = pool._ready[0]
    pool.close()  # shuts down the kernel nobody took
    assert not left.has_kernel
    assert pool.take() is None
    assert asyncio.run(taken.is_alive())  # the notebook that took it still has it
    _shutdown(taken)
    assert not taken.has_kernel
