"""The notebook runner behind ``parley run``: papermill, fingerprints, a lock, safe publishing.

This module owns regeneration. It runs the notebooks in ``notebooks/`` in order with
papermill (explicit kernel, a per-cell execution timeout), keeps every executed notebook
under ``reports/_runs/<run>/`` for debugging, and publishes only what succeeded:

* ``01_clean`` writes the three Parquet tables into a staging folder; they are validated
  (schema, row counts) and moved over ``data/processed/`` one by one with ``os.replace``.
* ``02_sequence`` and ``03_report`` are executed and exported to HTML in the staging
  folder, then moved into ``reports/``. ``03_report`` runs once for the overview and once
  per report listed in the parameters (an actor, a pair, a group).
* A failed notebook is copied to ``reports/_failed/`` and the run stops with
  :class:`RunError` naming the notebook and the cell; nothing already published is
  touched, so the last good Parquet and HTML stay in place.

Each stage is fingerprinted (its inputs' content, its parameters, the package version
and the notebook's own source); a stage whose fingerprint is unchanged since its last
success is skipped, so a run with nothing changed starts no kernel at all. A file lock
on the processed folder keeps two runs from interleaving their writes.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filelock

import helpers
from helpers import config, schema

log = logging.getLogger("parley")

KERNEL = "python3"
CELL_TIMEOUT_S = 600
_TABLES = ("documents", "mentions", "engagements")
_STATE_FILE = ".parley-state.json"
_LOCK_FILE = ".parley.lock"


KNOWN_PARAMETERS = frozenset({"sources", "published", "actors", "reports", "title", "gold",
                              "engine", "scheduler", "batch_size"})


class RunError(RuntimeError):
    """A notebook failed; the message names it and the cell."""


class LockedError(RuntimeError):
    """Another ``parley run`` holds the lock on the processed folder."""


@dataclass(frozen=True)
class ReportSpec:
    """One HTML report of ``03_report``: the overview, or a report on some actors."""

    name: str
    actors: tuple[str, ...] = ()
    title: str | None = None

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "report"


@dataclass
class RunSettings:
    """Everything a run depends on; built from the command line and a params file."""

    sources: list[Path]
    processed: Path
    reports: Path
    published: str | None = None
    reports_wanted: list[ReportSpec] = field(default_factory=lambda: [ReportSpec("overview")])
    engine: str = "local"
    scheduler: str | None = None
    batch_size: int = 1000
    timeout: int = CELL_TIMEOUT_S
    force: bool = False
    gold: Path | None = None


@dataclass
class RunResult:
    run_dir: Path | None
    executed: list[str]
    skipped: list[str]
    reports: list[Path]
    seconds: float


def settings_from(params: dict[str, Any], *, raw: Sequence[str | Path] | None = None,
                  processed: str | Path | None = None, reports: str | Path | None = None,
                  force: bool = False, timeout: int | None = None) -> RunSettings:
    """Build run settings from parameters (``-p`` and ``-f``) and the folder options.

    Recognised parameters: ``sources`` (extra raw files or folders, added to ``--raw``),
    ``published`` (default publication date), ``actors`` (one report on these actors),
    ``reports`` (a list of ``{name, actors, title}``), ``title``, ``gold`` (a gold file:
    adds the evaluation report), ``engine``, ``scheduler``, ``batch_size``. Any other name
    is refused: papermill would only warn about it and run with the defaults.
    """
    params = dict(params)
    unknown = sorted(set(params) - KNOWN_PARAMETERS)
    if unknown:
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(KNOWN_PARAMETERS))}")
    gold = params.pop("gold", None)
    sources = [config.resolve(p) for p in (raw or [config.raw_dir()])]
    extra_sources = params.pop("sources", []) or []
    if isinstance(extra_sources, str):
        extra_sources = [extra_sources]
    sources += [config.resolve(p) for p in extra_sources]
    wanted = [ReportSpec("overview")]
    actors = params.pop("actors", None)
    title = params.pop("title", None)
    if actors:
        if isinstance(actors, str):
            actors = [actors]
        wanted.append(ReportSpec(" - ".join(actors), tuple(actors), title))
    for spec in params.pop("reports", []) or []:
        if isinstance(spec, dict):
            wanted.append(ReportSpec(spec.get("name") or " - ".join(spec.get("actors", [])),
                                     tuple(spec.get("actors", [])), spec.get("title")))
    seen: dict[str, ReportSpec] = {}
    for spec in wanted:
        seen.setdefault(spec.slug, spec)
    settings = RunSettings(
        sources=sources,
        processed=config.resolve(processed) if processed else config.processed_dir(),
        reports=config.resolve(reports) if reports else config.reports_dir(),
        published=str(params.pop("published")) if params.get("published") else None,
        reports_wanted=list(seen.values()),
        engine=str(params.pop("engine", "local")),
        scheduler=params.pop("scheduler", None),
        batch_size=int(params.pop("batch_size", 1000)),
        timeout=timeout or CELL_TIMEOUT_S,
        force=force,
        gold=config.resolve(gold) if gold else None,
    )
    if settings.gold is not None and not settings.gold.exists():
        raise FileNotFoundError(f"gold file {settings.gold} does not exist")
    for path in settings.sources:
        if not path.exists():
            raise FileNotFoundError(f"raw source {path} does not exist")
    return settings


# --------------------------------------------------------------------------- fingerprints


def _hash_paths(paths: Iterable[Path], digest: Any) -> None:
    for path in sorted(paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            parts = f.relative_to(path.parent).parts
            # Hidden files and byte-code caches are not inputs: Python rewrites caches
            # whenever it likes, which would make every run look changed.
            if any(part.startswith(".") or part == "__pycache__" for part in parts):
                continue
            digest.update(str(f).encode())
            with open(f, "rb") as fh:
                for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    digest.update(chunk)


def _code_digest() -> str:
    digest = hashlib.sha256(helpers.__version__.encode())
    package = Path(helpers.__file__).resolve().parent
    _hash_paths([package], digest)
    return digest.hexdigest()


def fingerprint(*, paths: Iterable[Path] = (), params: dict | None = None,
                notebook: Path | None = None, code: str = "") -> str:
    """A digest of what a stage depends on: input content, parameters, code, notebook."""
    digest = hashlib.sha256()
    digest.update(code.encode())
    digest.update(json.dumps(params or {}, sort_keys=True, default=str).encode())
    if notebook is not None:
        digest.update(notebook.read_bytes())
    _hash_paths(paths, digest)
    return digest.hexdigest()


def _load_state(processed: Path) -> dict[str, str]:
    try:
        return json.loads((processed / _STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def _save_state(processed: Path, state: dict[str, str]) -> None:
    tmp = processed / (_STATE_FILE + ".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
    os.replace(tmp, processed / _STATE_FILE)


# --------------------------------------------------------------------------- running


def run(settings: RunSettings) -> RunResult:
    """Run the notebooks, publish what succeeded, skip what has not changed."""
    started = time.perf_counter()
    _skip_slow_optional_imports()  # before anything imports papermill or nbconvert
    settings.processed.mkdir(parents=True, exist_ok=True)
    settings.reports.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(settings.processed / _LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout as exc:
        raise LockedError(
            f"another parley run is using {settings.processed} "
            f"(lock file {settings.processed / _LOCK_FILE}); try again when it has finished"
        ) from exc
    try:
        return _run_locked(settings, started)
    finally:
        lock.release()


def _run_locked(settings: RunSettings, started: float) -> RunResult:
    state = {} if settings.force else _load_state(settings.processed)
    code = _code_digest()
    executed: list[str] = []
    skipped: list[str] = []
    published_reports: list[Path] = []
    run_dir: Path | None = None

    def new_run_dir() -> Path:
        nonlocal run_dir
        if run_dir is None:
            stamp = time.strftime("%Y%m%dT%H%M%S")
            run_dir = settings.reports / "_runs" / f"{stamp}-{os.getpid()}"
            run_dir.mkdir(parents=True, exist_ok=True)
            _prune_runs(settings.reports / "_runs", keep=5)
        return run_dir

    clean_params = {
        "raw_paths": [str(p) for p in settings.sources],
        "published": settings.published,
        "engine": settings.engine,
        "scheduler": settings.scheduler,
        "batch_size": settings.batch_size,
    }
    nb_clean = config.NOTEBOOKS / "01_clean.ipynb"
    fp_clean = fingerprint(paths=settings.sources, params=clean_params, notebook=nb_clean,
                           code=code)
    tables = [settings.processed / f"{name}.parquet" for name in _TABLES]
    kernels = _KernelPool()
    try:
        if state.get("01_clean") == fp_clean and all(t.exists() for t in tables):
            skipped.append("01_clean")
        else:
            # New tables mean new reports: their kernels start while 01_clean runs.
            n_reports = sum(len(specs) for *_, specs in _report_stages(settings))
            kernels.start(1, min(n_reports, _report_workers(n_reports)))
            threading.Thread(target=_import_exporter, daemon=True).start()
            staging = new_run_dir() / "processed"
            staging.mkdir(exist_ok=True)
            _execute(nb_clean, new_run_dir() / "01_clean.ipynb",
                     {**clean_params, "processed_dir": str(staging)}, settings, kernels.take())
            _publish_tables(staging, settings.processed)
            state["01_clean"] = fp_clean
            _save_state(settings.processed, state)
            executed.append("01_clean")
        _run_reports(settings, state, tables, code, new_run_dir, kernels, executed, skipped,
                     published_reports)
    finally:
        kernels.close()
    seconds = time.perf_counter() - started
    log.info("run finished in %.1f s: %d executed, %d unchanged", seconds, len(executed),
             len(skipped))
    return RunResult(run_dir, executed, skipped, published_reports, seconds)


def _import_exporter() -> None:
    """Import nbconvert while 01_clean runs: 1-2 s the first export would otherwise wait."""
    import nbconvert  # noqa: F401
    import nbconvert.filters.markdown_mistune  # noqa: F401

    from helpers import report  # noqa: F401


def _report_workers(n_jobs: int) -> int:
    return max(1, min(n_jobs, os.cpu_count() or 1))


def _run_reports(settings: RunSettings, state: dict[str, str], tables: list[Path], code: str,
                 new_run_dir, kernels: _KernelPool, executed: list[str], skipped: list[str],
                 published_reports: list[Path]) -> None:
    """Run the report notebooks whose inputs changed, side by side, and publish them."""
    jobs = []
    for stage, notebook, specs in _report_stages(settings):
        for spec in specs:
            inputs = list(tables)
            if stage == "04_evaluate":
                params = {"gold_path": str(settings.gold),
                          "predictions_path": str(settings.processed / "engagements.parquet")}
                inputs.append(settings.gold)
            else:
                params = {"processed_dir": str(settings.processed),
                          "actors": list(spec.actors), "title": spec.title or ""}
            html_name = (f"{spec.slug}.html" if stage != "02_sequence" else "sequence.html")
            key = f"{stage}:{html_name}"
            fp = fingerprint(paths=inputs, params=params, notebook=notebook, code=code)
            target = settings.reports / html_name
            if state.get(key) == fp and target.exists():
                skipped.append(key)
                continue
            jobs.append((key, fp, stage, notebook, spec, params, target))
    if jobs:
        folder = new_run_dir()
        # Report notebooks only read the published tables, so they run side by side: most
        # of their time is a kernel starting and importing, which overlaps well.
        with concurrent.futures.ThreadPoolExecutor(_report_workers(len(jobs))) as pool:
            futures = {pool.submit(_report, folder, job, tables, settings, kernels): job
                       for job in jobs}
            failure: RunError | None = None
            for future in concurrent.futures.as_completed(futures):
                key, fp, *_, target = futures[future]
                try:
                    future.result()
                except RunError as exc:
                    failure = failure or exc
                    continue
                published_reports.append(target)
                state[key] = fp
                executed.append(key)
        _save_state(settings.processed, state)
        if failure is not None:
            raise failure


def _report(folder: Path, job: tuple, tables: Sequence[Path], settings: RunSettings,
            kernels: _KernelPool) -> None:
    """Run one report notebook, export it, and move the page into place."""
    _key, _fp, stage, notebook, spec, params, target = job
    executed_nb = folder / f"{stage}-{spec.slug}.ipynb"
    _execute(notebook, executed_nb, params, settings, kernels.take())
    staged_html = folder / target.name
    _export(executed_nb, staged_html, params, tables, spec)
    os.replace(staged_html, target)


def _report_stages(settings: RunSettings):
    yield ("02_sequence", config.NOTEBOOKS / "02_sequence.ipynb", [ReportSpec("overview")])
    yield ("03_report", config.NOTEBOOKS / "03_report.ipynb", settings.reports_wanted)
    if settings.gold is not None:
        yield ("04_evaluate", config.NOTEBOOKS / "04_evaluate.ipynb",
               [ReportSpec("evaluation", title="Evaluation against " + settings.gold.name)])


def _ipc_kernel_manager():
    """A kernel manager whose kernels talk over Unix sockets instead of TCP ports.

    With TCP, jupyter_client picks free ports and binds them later; two kernels started
    at once (the report notebooks run side by side) can pick the same port and one dies
    with "Address already in use". Each kernel gets its own socket prefix in a private
    temporary folder, so two kernels cannot collide there either.
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(Path(tempfile.gettempdir()) /
                                        f"parley-kernel-{uuid.uuid4().hex}"))
            super().__init__(**kwargs)
            self.parley_clients: list[Any] = []

        def client(self, **kwargs: Any) -> Any:
            # Remembered so that _shutdown can stop their channels: nbclient leaves that
            # to whoever owns a kernel it was handed, and a client collected with open
            # channels logs "Could not destroy zmq context".
            kc = super().client(**kwargs)
            self.parley_clients.append(kc)
            return kc

    return IPCKernelManager


def _skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax``, which papermill never needs.

    papermill and nbconvert import nbformat, which imports jsonschema; jsonschema then
    imports ``rfc3987_syntax`` if it is installed (jupyter-events pulls it in) to check
    the "iri" string format, and that module compiles a Lark grammar at import: 2.1 s of
    the 4.9 s ``import papermill`` took here, paid by every ``parley run``. Notebook
    schemas never use that format. ``None`` in ``sys.modules`` is Python's documented way
    to make an import fail, and jsonschema treats the failure as "format not checked".
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class _KernelPool:
    """Kernels started ahead of need, so notebooks do not wait for one.

    A kernel takes about 1.5 s to start (a Python process importing ipykernel). The
    kernel of ``01_clean`` starts while this process is still importing papermill; the
    report notebooks can only run once ``01_clean`` has published the tables, but their
    kernels start while it runs, on the core it leaves idle. A notebook that finds no
    started kernel left starts its own, as papermill always does. Each kernel serves one
    notebook and is shut down after it, so no state passes between notebooks.
    """

    def __init__(self) -> None:
        self._ready: list[Any] = []
        self._done = False
        self._changed = threading.Condition()
        self._starter: threading.Thread | None = None

    def start(self, first: int, then: int = 0) -> None:
        """Start ``first`` kernels, and once they are ready, ``then`` more."""
        if first + then <= 0:
            return
        self._starter = threading.Thread(target=self._start, args=(first, then), daemon=True)
        self._starter.start()

    def _start(self, first: int, then: int) -> None:
        import asyncio

        async def one():
            km = _ipc_kernel_manager()(kernel_name=KERNEL)
            await km.start_kernel(cwd=str(config.NOTEBOOKS))
            return km

        async def batches():
            for n in (first, then):
                started = await asyncio.gather(*(one() for _ in range(n)),
                                               return_exceptions=True)
                with self._changed:
                    for km in started:
                        if isinstance(km, BaseException):
                            # The notebook starts its own kernel and reports a real problem.
                            log.debug("could not start a kernel ahead: %s", km)
                        else:
                            self._ready.append(km)
                    self._changed.notify_all()

        try:
            asyncio.run(batches())
        finally:
            with self._changed:
                self._done = True
                self._changed.notify_all()

    def take(self) -> Any | None:
        """The oldest started kernel; waits while one is starting; None when none is left."""
        if self._starter is None:
            return None
        with self._changed:
            self._changed.wait_for(lambda: self._ready or self._done)
            return self._ready.pop(0) if self._ready else None

    def close(self) -> None:
        if self._starter is not None:
            self._starter.join()
        with self._changed:
            left, self._ready = self._ready, []
        for km in left:
            _shutdown(km)


def _shutdown(km: Any) -> None:
    import asyncio

    for kc in getattr(km, "parley_clients", ()):
        kc.stop_channels()
    try:
        asyncio.run(km.shutdown_kernel(now=True))
    except Exception as exc:  # a kernel that is already gone needs no shutting down
        log.debug("kernel shutdown: %s", exc)


def _execute(notebook: Path, output: Path, params: dict, settings: RunSettings,
             km: Any | None = None) -> None:
    import papermill as pm

    log.info("running %s -> %s", notebook.name, output)
    started = time.perf_counter()
    kernel = ({"km": km} if km is not None
              else {"kernel_manager_class": _ipc_kernel_manager()})
    try:
        pm.execute_notebook(
            str(notebook), str(output), parameters=params, kernel_name=KERNEL,
            execution_timeout=settings.timeout,
            # a bar per notebook on a terminal; a scheduler's log gets the lines above
            progress_bar=sys.stderr.isatty(), log_output=False,
            cwd=str(config.NOTEBOOKS), **kernel,
        )
    except Exception as exc:  # papermill raises several types; all end the run the same way
        failed_dir = settings.reports / "_failed"
        failed_dir.mkdir(parents=True, exist_ok=True)
        kept = failed_dir / output.name
        if output.exists():
            shutil.copyfile(output, kept)
        raise RunError(_describe_failure(notebook, output, exc, kept)) from exc
    finally:
        if km is not None:  # papermill shuts down only the kernels it started
            _shutdown(km)
    log.info("%s ran in %.1f s", notebook.name, time.perf_counter() - started)


def _describe_failure(notebook: Path, output: Path, exc: Exception, kept: Path) -> str:
    cell = None
    if output.exists():
        import nbformat

        nb = nbformat.read(output, as_version=4)
        for index, c in enumerate(nb.cells):
            if c.get("cell_type") == "code" and any(
                o.get("output_type") == "error" for o in c.get("outputs", [])
            ):
                cell = index
                break
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc).strip().splitlines()[-1] if str(exc) else "")
    where = f"cell {cell}" if cell is not None else "before any cell ran"
    return (f"{notebook.name} failed in {where}: {ename}: {evalue} "
            f"(executed notebook kept at {kept})")


def _publish_tables(staging: Path, processed: Path) -> None:
    """Validate every staged table, then move each over the published one."""
    for name in _TABLES:
        staged = staging / f"{name}.parquet"
        if not staged.exists():
            raise RunError(f"01_clean did not write {name}.parquet")
        schema.read_table(staged, name)  # raises SchemaError naming the column
    for name in _TABLES:
        os.replace(staging / f"{name}.parquet", processed / f"{name}.parquet")


def _export(executed_nb: Path, html: Path, params: dict, tables: Sequence[Path],
            spec: ReportSpec) -> None:
    from helpers import report

    started = time.perf_counter()
    prov = report.provenance(params, tables)
    report.export_html(executed_nb, html, provenance=prov,
                       title=spec.title or (None if not spec.actors else spec.name))
    log.info("%s exported in %.1f s", html.name, time.perf_counter() - started)


def _prune_runs(folder: Path, keep: int) -> None:
    runs = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: p.name)
    for old in runs[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
