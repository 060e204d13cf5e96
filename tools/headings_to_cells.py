"""Move headings out of what code cells print and into markdown cells of their own.

In JupyterLab, ``jupyterlab-myst`` renders a Markdown result (``say(...)``,
``Markdown(...)``) that contains a heading with that heading twice: once as a title
block, once as the heading. A heading belongs in a markdown cell. This script finds code
cells whose source holds the heading as a string literal line of its own, at the start
of what the cell prints::

    say(
        "## What this means for your profit\\n\\n"
        f"- ..."
    )

removes that line, puts ``## What this means for your profit`` in a new markdown cell
just above the code cell (a heading that ends what a cell prints, such as
``"## Self-check"`` as the call's last line, goes to a new cell just below it), and
takes the heading off the saved output too (so the notebook's outputs stay what a
re-run produces and nbval stays green without re-executing). Cells it cannot change
safely (the heading inside an f-string with fields, not at the start of the output, or
the only text of the call) are listed for a person to change.

Idempotent: a second run finds nothing to do. ::

    python tools/headings_to_cells.py                    # every notebook under notebooks/
    python tools/headings_to_cells.py notebooks/03_pricing --check   # report only
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
#: A source line that is only a string literal holding a heading and a blank line.
HEADING_LINE = re.compile(r'^\s*f?"(?P<heading>#{1,6} [^"\\{}]+?)\\n\\n"\s*$')
#: The last string literal line of a call holding only a heading (``"## Self-check"``).
HEADING_LAST = re.compile(r'^\s*f?"(?P<heading>#{1,6} [^"\\{}]+?)"\s*$')
#: A heading anywhere in printed Markdown.
PRINTED_HEADING = re.compile(r"^\s{0,3}#{1,6}\s", re.M)


def _markdown_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if "text/markdown" in o.get("data", {})]


def _strip_heading(text: str, heading: str) -> str | None:
    """``text`` without its leading ``heading`` and the blank line after it, or None."""
    for sep in ("\n\n", "\n"):
        if text.startswith(heading + sep):
            return text[len(heading) + len(sep) :]
    return None


def _move_last_heading(cell) -> str | None:
    """Take a heading printed at the very end off ``cell`` (source and output); return it."""
    outputs = _markdown_outputs(cell)
    lines = cell.source.rstrip("\n").split("\n")
    if len(outputs) != 1 or len(lines) < 3:
        return None
    if lines[-1].strip() == ")":  # the heading on its own line, then the closing paren
        match, keep = HEADING_LAST.match(lines[-2]), lines[:-2] + lines[-1:]
    else:  # the heading and the closing paren on the last line
        match = HEADING_LAST.match(lines[-1].rstrip().removesuffix(")"))
        keep = lines[:-2] + [lines[-2] + ")"]
    data = outputs[0]["data"]
    text = data["text/markdown"]
    if not match or not text.rstrip("\n").endswith("\n" + match["heading"]):
        return None
    heading = match["heading"]
    stripped = text.rstrip("\n")[: -len(heading)]
    if data.get("text/plain") == text:
        data["text/plain"] = stripped
    data["text/markdown"] = stripped
    cell.source = "\n".join(keep)
    return heading


def move_headings(nb) -> tuple[int, list[str]]:
    """Change ``nb`` in place; (headings moved, cells a person must change)."""
    moved, manual = 0, []
    cells = []
    for index, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        last = _move_last_heading(cell)
        after = []
        if last:
            after = [nbformat.v4.new_markdown_cell(last)]
            after[0].id = f"{cell.get('id', index)}-t"[:64]
            moved += 1
        outputs = _markdown_outputs(cell)
        printed = [o for o in outputs if PRINTED_HEADING.search(o["data"]["text/markdown"])]
        lines = cell.source.split("\n")
        found = [(i, m) for i, line in enumerate(lines) if (m := HEADING_LINE.match(line))]
        if not found:
            if printed:
                manual.append(f"cell {index}: prints a heading its source does not hold alone")
            cells += [cell, *after]
            continue
        i, match = found[0]
        heading = match["heading"]
        rest = "\n".join(lines[i + 1 :])
        if len(outputs) != 1 or '"' not in rest:
            manual.append(f"cell {index}: {heading!r} is not the start of one printed text")
            cells += [cell, *after]
            continue
        stripped = _strip_heading(outputs[0]["data"]["text/markdown"], heading)
        if stripped is None:
            manual.append(f"cell {index}: {heading!r} is not at the start of what it prints")
            cells += [cell, *after]
            continue
        data = outputs[0]["data"]
        if data.get("text/plain") == data["text/markdown"]:  # a say(...) result: same text
            data["text/plain"] = stripped
        data["text/markdown"] = stripped
        cell.source = "\n".join(lines[:i] + lines[i + 1 :])
        new = nbformat.v4.new_markdown_cell(heading)
        new.id = f"{cell.get('id', index)}-h"[:64]
        cells += [new, cell, *after]
        moved += 1
    nb.cells = cells
    return moved, manual


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "notebooks")])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    files = []
    for p in map(Path, args.paths):
        files += sorted(p.rglob("*.ipynb")) if p.is_dir() else [p]
    files = [f for f in files if ".ipynb_checkpoints" not in f.parts]
    total, todo = 0, []
    for path in files:
        nb = nbformat.read(path, as_version=4)
        moved, manual = move_headings(nb)
        total += moved
        todo += [f"{path}: {m}" for m in manual]
        if moved and not args.check:
            nbformat.write(nb, path)
        if moved:
            print(f"{path}: {moved} heading(s) {'to move' if args.check else 'moved'}")
    print(f"{total} heading(s) {'to move' if args.check else 'moved'} in {len(files)} notebooks")
    for line in todo:
        print("change by hand:", line)
    return 1 if (args.check and total) or todo else 0


if __name__ == "__main__":
    sys.exit(main())
