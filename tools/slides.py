"""Presenter mode: a lab as slides with live calculators (JupyterLab + jupyterlab-rise).

A lab notebook is written to be read, not projected. This makes a slide copy of one
(or of every lab in a chapter folder) in ``_build/slides/`` (outside git; the lab
itself is not changed):

- every heading cell (``#`` or ``##``) starts a new slide; ``###`` starts a sub-slide;
- every other cell continues the slide before it, so a calculator appears on the slide
  of the text that introduces it, live (the kernel runs it when the slide is shown);
- hidden set-up cells (tag ``remove-input``) keep running but are hidden, and cells
  tagged ``solution`` or holding ``show_solution()`` are skipped (not shown to the room).

Then open the copy in JupyterLab (``make lab``), run all cells, and start the
slideshow with the RISE button in the notebook toolbar or Alt+R::

    python tools/slides.py notebooks/03_pricing                 # every lab of chapter 3
    python tools/slides.py notebooks/03_pricing/01_margin_and_discounts.ipynb
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "slides"


def slide_type(cell) -> str:
    source = cell.source.lstrip()
    tags = set(cell.metadata.get("tags", []))
    if cell.cell_type == "code" and ("solution" in tags or "show_solution(" in cell.source):
        return "skip"
    if cell.cell_type == "markdown":
        if source.startswith(("# ", "## ")):
            return "slide"
        if source.startswith("### "):
            return "subslide"
    return "-"


def to_slides(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with RISE slide metadata (a copy; ``nb`` is not changed)."""
    nb = nbformat.from_dict(nb)
    first = True
    for cell in nb.cells:
        kind = slide_type(cell)
        if first and kind == "-" and cell.cell_type == "markdown":
            kind = "slide"
        if cell.cell_type == "markdown" or kind in ("slide", "subslide"):
            first = False
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.metadata["rise"] = {
        "autolaunch": False,
        "scroll": True,
        "enable_chalkboard": False,
        "transition": "none",
        "theme": "simple",
    }
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Slide copies of labs for RISE.")
    parser.add_argument("paths", nargs="+", help="lab notebooks or chapter folders")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tools"))
    from run_notebooks import find_notebooks

    for path in find_notebooks(args.paths):
        try:
            relative = path.relative_to(ROOT / "notebooks")
        except ValueError:
            relative = Path(path.name)
        target = args.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(to_slides(nbformat.read(path, as_version=4)), target)
        print(f"slides: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    print("Open them in JupyterLab (make lab), run all cells, then press Alt+R (RISE).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
