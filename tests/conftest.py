"""Shared fixtures: the project's paths, ../shared when present, isolated output folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
SEED = PROJECT_ROOT / "data" / "raw" / "lukashenko_putin_visit.txt"


def pytest_configure(config: pytest.Config) -> None:
    # Notebooks under nbval and every test write their tables and reports here, never
    # into the project's own data/processed and reports/.
    work = Path(tempfile.mkdtemp(prefix="parley-tests-"))
    os.environ.setdefault("PARLEY_PROCESSED_DIR", str(work / "processed"))
    os.environ.setdefault("PARLEY_REPORTS_DIR", str(work / "reports"))
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpus, gold, referee scorers); tests that need it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside the checkout (corpus and gold live there)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED
