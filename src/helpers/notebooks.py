"""Notebook hygiene: committed notebooks carry no outputs except the checked ones.

This module owns the project's choice for reviewable notebooks: ``.ipynb`` files are
committed *stripped* (no outputs, no execution counts, no run metadata), except cells that
start with ``# NBVAL_CHECK_OUTPUT``: nbval compares their stored output on every test run
(``--nbval-lax`` runs everything else without comparing), so those keep a small, stable
output. ``python -m helpers.notebooks strip FILE...`` applies it; ``check`` reports files
that are not stripped (the tests call :func:`unstripped_cells`).

Hand-written rather than nbstripout because nbstripout cannot keep the outputs of cells
selected by nbval's marker, and the rule is a dozen lines.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

CHECK_MARKER = "# NBVAL_CHECK_OUTPUT"
_RUN_METADATA = ("papermill", "execution", "widgets")


def is_checked(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and cell.get("source", "").startswith(CHECK_MARKER)


def strip(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without outputs (checked cells excepted) or run metadata."""
    for key in _RUN_METADATA:
        notebook.metadata.pop(key, None)
    for cell in notebook.cells:
        for key in _RUN_METADATA + ("collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            # nbval refuses stored outputs of a cell that looks unrun; a fixed count keeps
            # diffs quiet.
            cell.execution_count = 1 if cell.outputs else None
        else:
            cell.execution_count = None
            cell.outputs = []
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = None
    return notebook


def unstripped_cells(path: Path) -> list[int]:
    """Indexes of cells that carry outputs or counts they should not."""
    notebook = nbformat.read(path, as_version=4)
    return [
        i for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and not is_checked(cell) and (
            cell.execution_count is not None or cell.outputs
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in {"strip", "check"}:
        print("usage: python -m helpers.notebooks strip|check NOTEBOOK...", file=sys.stderr)
        return 2
    command, paths = args[0], [Path(p) for p in args[1:]]
    bad = 0
    for path in paths:
        if command == "strip":
            nbformat.write(strip(nbformat.read(path, as_version=4)), path)
        elif unstripped_cells(path):
            print(f"{path}: outputs in cells {unstripped_cells(path)}", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
