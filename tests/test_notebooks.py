"""The notebooks stay thin and reviewable: stripped, parameterised, no parsing logic."""

import ast

import nbformat
import pytest

from conftest import PROJECT_ROOT
from helpers.notebooks import CHECK_MARKER, strip, unstripped_cells

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_the_five_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["00_explore", "01_clean", "02_sequence",
                                           "03_report", "04_evaluate"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_stripped_except_checked_cells(path):
    assert unstripped_cells(path) == [], "run `make strip` before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_holds_literals_only(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    for node in ast.parse(tagged[0].source).body:
        assert isinstance(node, ast.Assign), ast.dump(node)
        ast.literal_eval(node.value)  # papermill recomputes nothing: literals only


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_parsing_logic_in_notebooks(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, ast.FunctionDef | ast.ClassDef), cell.source
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names]
                module = getattr(node, "module", None) or names[0]
                assert module.split(".")[0] not in {"re", "spacy", "dateparser"}, cell.source


def test_strip_keeps_only_the_checked_outputs():
    nb = nbformat.v4.new_notebook()
    kept = nbformat.v4.new_code_cell(f"{CHECK_MARKER}\nprint(1)")
    kept.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    dropped = nbformat.v4.new_code_cell("print(2)", execution_count=3)
    dropped.outputs = [nbformat.v4.new_output("stream", text="2\n")]
    nb.cells = [kept, dropped]
    nb.metadata["papermill"] = {"duration": 1.0}
    stripped = strip(nb)
    assert stripped.cells[0].outputs and stripped.cells[0].execution_count == 1
    assert stripped.cells[1].outputs == [] and stripped.cells[1].execution_count is None
    assert "papermill" not in stripped.metadata
