"""Re-execute the course notebooks in place, saving outputs and widget state.

Used by ``make notebooks``. The book is built with ``execute_notebooks: off`` from the
outputs committed in the notebooks, and nbval checks those outputs, so this is the
one place notebooks are run for real::

    python tools/run_notebooks.py                      # every notebook under notebooks/
    python tools/run_notebooks.py notebooks/03_pricing # only some (files or folders)

Each notebook runs with nbclient on the ``python3`` kernel, its own folder as the
working directory and a 600 s timeout per cell, and is written back with its outputs
and the ipywidgets state in its metadata (``store_widget_state``), so calculators show
their initial state in the static book.

The result is deterministic: run it twice and the files are byte-identical. Widget
model ids (random UUIDs in the kernel) are renamed to ids derived from the
notebook's path and the order the widgets were created in; timing metadata is not
recorded; the kernel gets ``PYTHONHASHSEED=0`` and ``SOURCE_DATE_EPOCH=0``. A
notebook that fails is reported and left untouched; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "python3"
TIMEOUT = 600
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Namespace of the deterministic widget model ids (uuid5 of path and position).
ID_NAMESPACE = uuid.UUID("6f1c2a52-3b1e-5d4c-9a57-5a1e5b0c0a11")


def find_notebooks(paths: list[str] | None = None) -> list[Path]:
    """The notebooks to run: every ``*.ipynb`` under the given files or folders.

    With no paths, every notebook under ``notebooks/``. Checkpoint folders are skipped.
    """
    targets = [Path(p) for p in paths] if paths else [NOTEBOOKS]
    found: list[Path] = []
    for target in targets:
        target = target.resolve()
        if target.is_dir():
            found.extend(p for p in target.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif target.is_file() and target.suffix == ".ipynb":
            found.append(target)
        else:
            raise FileNotFoundError(f"not a notebook or a folder of notebooks: {target}")
    return sorted(dict.fromkeys(found))


def _label(path: Path) -> str:
    """The notebook's name for messages and for seeding its widget ids."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _clean(nb: nbformat.NotebookNode) -> None:
    """Drop what a previous run left that this run may not replace."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def _model_ids(nb: nbformat.NotebookNode) -> list[str]:
    """Widget model ids in creation order, then any only seen in outputs."""
    ids = list(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}))
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") and view["model_id"] not in ids:
                ids.append(view["model_id"])
    return ids


def stabilise_widget_ids(nb: nbformat.NotebookNode, label: str) -> nbformat.NotebookNode:
    """Rename random widget model ids to ids derived from ``label`` and creation order.

    The ids appear as state keys, ``IPY_MODEL_<id>`` references between models and
    ``model_id`` in widget-view outputs; a textual replacement covers all of them.
    """
    ids = _model_ids(nb)
    if not ids:
        return nb
    text = json.dumps(nb, ensure_ascii=False)
    for index, old in enumerate(ids):
        new = uuid.uuid5(ID_NAMESPACE, f"{label}#{index}").hex
        text = text.replace(old, new)
    return nbformat.from_dict(json.loads(text))


def run_notebook(path: Path, timeout: int = TIMEOUT, kernel: str = KERNEL) -> float:
    """Execute one notebook in place; return the seconds it took."""
    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    _clean(nb)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
        allow_errors=False,
    )
    client.execute()
    nb = stabilise_widget_ids(nb, _label(path))
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Re-execute notebooks in place, saving outputs and widget state."
    )
    parser.add_argument(
        "paths", nargs="*", help="notebooks or folders (default: every notebook under notebooks/)"
    )
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per cell")
    parser.add_argument("--kernel", default=KERNEL, help="kernel name")
    args = parser.parse_args(argv)

    # Inherited by the kernel: stable hashing, and no "now" in figure metadata.
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

    try:
        notebooks = find_notebooks(args.paths)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 0

    failed: list[str] = []
    total = time.perf_counter()
    for path in notebooks:
        label = _label(path)
        try:
            seconds = run_notebook(path, timeout=args.timeout, kernel=args.kernel)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            failed.append(label)
            print(f"FAILED  {label}\n{exc}", file=sys.stderr)
            continue
        print(f"ok {seconds:6.1f} s  {label}", flush=True)
    elapsed = time.perf_counter() - total
    print(f"{len(notebooks) - len(failed)}/{len(notebooks)} notebooks executed in {elapsed:.1f} s")
    if failed:
        print("failed (left unchanged): " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
