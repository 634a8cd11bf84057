"""Paths and defaults, resolved from the package's location, never from the working directory.

The project's folders (``data/raw``, ``data/processed``, ``reports``, ``notebooks``) are
found relative to this file, so a notebook opened anywhere in JupyterLab, a scheduled
run from cron and the tests all agree. Environment variables override them for runs
that must not touch the project's own outputs (the tests, a scheduler's work folder).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = PROJECT_ROOT / "notebooks"


def _dir(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


def raw_dir() -> Path:
    """Where raw articles live (``PARLEY_RAW_DIR`` overrides ``data/raw``)."""
    return _dir("PARLEY_RAW_DIR", PROJECT_ROOT / "data" / "raw")


def processed_dir() -> Path:
    """Where the Parquet tables go (``PARLEY_PROCESSED_DIR`` overrides ``data/processed``)."""
    return _dir("PARLEY_PROCESSED_DIR", PROJECT_ROOT / "data" / "processed")


def reports_dir() -> Path:
    """Where HTML reports go (``PARLEY_REPORTS_DIR`` overrides ``reports``)."""
    return _dir("PARLEY_REPORTS_DIR", PROJECT_ROOT / "reports")


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (corpus, gold, referee scorers), if present."""
    path = _dir("PARLEY_SHARED_DIR", PROJECT_ROOT.parent / "shared")
    return path if path.is_dir() else None


def resolve(path: str | Path, base: Path = PROJECT_ROOT) -> Path:
    """A path from a parameter: absolute as given, relative to the project root otherwise."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else (base / path).resolve()
