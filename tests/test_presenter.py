"""Presenter mode: jupyterlab-rise is enabled in the course's JupyterLab, tools/slides.py
makes slide copies of a lab, and the welcome notebook says how to present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402


def test_rise_is_enabled_in_jupyterlab():
    run = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    line = next(
        (ln for ln in (run.stdout + run.stderr).splitlines() if "jupyterlab-rise" in ln), ""
    )
    assert "enabled" in line and "OK" in line, run.stdout + run.stderr
    import jupyterlab

    assert jupyterlab.__version__ == "4.6.6"


def test_slides_start_at_headings_and_skip_solutions(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import x", metadata={"tags": ["remove-input"]}),
            nbformat.v4.new_markdown_cell("# Title\n\ntext"),
            nbformat.v4.new_markdown_cell("more text"),
            nbformat.v4.new_code_cell("calc()"),
            nbformat.v4.new_markdown_cell("## The idea"),
            nbformat.v4.new_markdown_cell("### Detail"),
            nbformat.v4.new_code_cell("exercise.show_solution()"),
        ]
    )
    out = slides.to_slides(nb)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in out.cells]
    assert kinds == ["-", "slide", "-", "-", "slide", "subslide", "skip"]
    assert "slideshow" not in nb.cells[1].metadata  # the lab itself is not changed
    assert out.metadata["rise"]["autolaunch"] is False


def test_slides_tool_writes_copies_outside_the_labs(tmp_path):
    labs = sorted((ROOT / "notebooks" / "03_pricing").glob("*.ipynb"))
    before = [p.read_bytes() for p in labs]
    assert slides.main([str(ROOT / "notebooks" / "03_pricing"), "--out", str(tmp_path)]) == 0
    made = sorted((tmp_path / "03_pricing").glob("*.ipynb"))
    assert [p.name for p in made] == [p.name for p in labs]
    kinds = [
        c["metadata"]["slideshow"]["slide_type"] for c in json.loads(made[0].read_text())["cells"]
    ]
    assert kinds.count("slide") >= 3
    assert [p.read_bytes() for p in labs] == before


def test_welcome_notebook_says_how_to_present():
    nb = nbformat.read(ROOT / "notebooks" / "00_welcome.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Presenting to a room" in text and "Alt+R" in text and "tools/slides.py" in text
    assert "make app" in text
    assert any(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
