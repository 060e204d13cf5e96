"""The calculator gallery: every calculator of the course in Voilà, code hidden, offline.

Used by ``make app``. The gallery is generated, not written by hand, so a calculator
added to the library shows up without touching this file:

- every module of ``salesprofit.ui`` (``pkgutil`` over the package) is imported, and
  every function named ``*_calculator`` defined in it that can be called with no
  arguments is a calculator; so is a builder that needs data when
  :mod:`salesprofit.ui.samples` says how its lab opens it on the sample company;
- ``index.ipynb`` is the trainer's console (:mod:`salesprofit.ui.console`): every
  calculator in one page and one kernel, grouped by chapter (the chapter is read from the
  module's docstring, "Chapter 3 calculators: ..."; its title from ``book/NN_*.md``), so a
  click shows a live calculator at once; ``?projector=1`` opens it in large type and
  ``?calc=<slug>`` on a given calculator. It also links one small page per calculator,
  titled with the first line of the builder's docstring. All of it is written to
  ``_build/app/`` (outside git, rebuilt each start);
  the template goes to ``_build/app-share/``;
- Voilà serves that folder on 127.0.0.1 only, with a token, using a copy of its ``lab``
  template without the two Font Awesome stylesheets it loads from jsdelivr, so no
  request leaves the machine::

    python tools/app.py                  # build, then serve at http://127.0.0.1:8866/...
    python tools/app.py --port 9000      # another port
    python tools/app.py --build-only     # only write _build/app/
    python tools/app.py --list           # print the calculators found

Voilà prints nothing useful about the token, so this script prints the address to open
(token included). Set ``VOILA_TOKEN`` to choose the token; otherwise a fresh one is
drawn each start. Under CI (``CI`` set) no browser is opened. Voilà, unlike JupyterLab,
does not refuse to run as root, so no ``--allow-root`` is needed.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import re
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "app"
TEMPLATE = "salesprofit"
#: Modules of ``salesprofit.ui`` that hold shared machinery, not calculators.
NOT_CALCULATORS = {"base", "console", "samples"}
CHAPTER = re.compile(r"\bChapter\s+(\d+)\b", re.I)
CDN_LINK = re.compile(r"^[ \t]*<link[^>\n]*https?://[^>\n]*>[ \t]*\n", re.M)


@dataclass(frozen=True)
class CalculatorInfo:
    """One calculator of the gallery."""

    module: str  # "pricing" (in salesprofit.ui)
    name: str  # "breakeven_calculator"
    title: str  # first line of the builder's docstring
    chapter: int | None  # 3, or None for modules outside the chapters (role-play kits)
    group: str  # heading of its group in the index

    @property
    def slug(self) -> str:
        return f"{self.module}-{self.name.removesuffix('_calculator')}".replace("_", "-")

    @property
    def notebook(self) -> str:
        return f"{self.slug}.ipynb"

    @property
    def call(self) -> str:
        return (
            "from salesprofit.ui.console import Entry\n"
            f"Entry({self.group!r}, {self.module!r}, {self.name!r}, {self.title!r}).build()"
        )


def _first_line(doc: str | None) -> str:
    lines = [line.strip() for line in (doc or "").strip().splitlines()]
    return lines[0] if lines and lines[0] else ""


def chapter_title(number: int) -> str:
    """The chapter's title from its book page ("3. Price wisely (合理定价)")."""
    for page in sorted((ROOT / "book").glob(f"{number:02d}_*.md")):
        for line in page.read_text(encoding="utf8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return f"Chapter {number}"


def no_argument_call(fn) -> bool:
    """True if ``fn()`` is a valid call (every parameter has a default or is *args/**kw)."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return False
    return all(
        p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in sig.parameters.values()
    )


def discover() -> tuple[list[CalculatorInfo], dict[str, str]]:
    """Every calculator in ``salesprofit.ui``, in gallery order, and the modules that
    failed to import (name -> error), which the gallery skips and the tests report."""
    import salesprofit.ui as ui
    from salesprofit.ui import samples

    found: list[CalculatorInfo] = []
    broken: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(ui.__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in NOT_CALCULATORS:
            continue
        qualified = f"{ui.__name__}.{info.name}"
        try:
            module = importlib.import_module(qualified)
        except Exception as exc:  # noqa: BLE001 (any import failure is reported, not fatal)
            broken[info.name] = f"{type(exc).__name__}: {exc}"
            continue
        match = CHAPTER.search(module.__doc__ or "")
        chapter = int(match.group(1)) if match else None
        group = (
            chapter_title(chapter)
            if chapter is not None
            else _first_line(module.__doc__).split(":")[0].rstrip(".") or info.name
        )
        for name, fn in vars(module).items():
            if (
                name.endswith(("_calculator", "_explorer"))
                and inspect.isfunction(fn)
                and fn.__module__ == qualified
                and (no_argument_call(fn) or samples.needs_data(info.name, name))
            ):
                title = samples.title(info.name, name, fn.__doc__)
                found.append(CalculatorInfo(info.name, name, title, chapter, group))
    # chapters in order, then the rest (role-play kits ...) by module; within a module,
    # the order the builders are defined in
    found.sort(key=lambda c: (c.chapter is None, c.chapter or 0, c.module))
    return found, broken


# --------------------------------------------------------------------------- notebooks


def _notebook(cells: list[dict]) -> dict:
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _markdown(text: str, cid: str) -> dict:
    return {"cell_type": "markdown", "id": cid, "metadata": {}, "source": text}


def _code(text: str, cid: str) -> dict:
    return {
        "cell_type": "code",
        "id": cid,
        "execution_count": None,
        "metadata": {"tags": ["remove-input"], "jupyter": {"source_hidden": True}},
        "outputs": [],
        "source": text,
    }


def calculator_notebook(calc: CalculatorInfo) -> dict:
    return _notebook(
        [
            _markdown(
                f"[← All calculators](index.ipynb) · {calc.group}\n\n# {calc.title}", "title"
            ),
            _code(calc.call, "calculator"),
        ]
    )


#: The console cell. In the gallery's pre-started kernel every calculator is built before
#: anyone asks (``warm``); ``wait_for_request`` then waits for the trainer's request, whose
#: address may ask for the projector view or a calculator.
CONSOLE = """import os
from salesprofit.ui.console import console, entries_from_query
from voila.utils import wait_for_request

room = console({entries}, warm=True)
wait_for_request()
options = entries_from_query(os.environ.get("QUERY_STRING", ""))
room.configure(projector=options.get("projector") == "1", start=options.get("calc"))
room
"""


def index_notebook(calcs: list[CalculatorInfo], broken: dict[str, str]) -> dict:
    head = (
        "# Sales Profit Playbook: the calculators\n\n"
        "Choose a chapter and a calculator: it opens at once. Move its sliders or type a number "
        "and press Enter: the numbers and the chart follow. **Projector** makes everything large; "
        "**Next** and **Previous** (or PageDown and PageUp) step through the calculators. "
        "Everything runs on this computer.\n"
    )
    entries = [(c.group, c.module, c.name, c.title) for c in calcs]
    lines = ["## One page per calculator", ""]
    group = None
    for calc in calcs:
        if calc.group != group:
            group = calc.group
            lines += ["", f"## {group}", ""]
        lines.append(f"- [{calc.title}]({calc.notebook})")
    if not calcs:
        lines.append("No calculators were found.")
    if broken:
        lines += ["", "*Not shown (their module did not load):* " + ", ".join(sorted(broken)) + "."]
    cells = [_markdown(head, "title")]
    if calcs:
        cells.append(_code(CONSOLE.format(entries=repr(entries)), "console"))
    cells.append(_markdown("\n".join(lines) + "\n", "index"))
    return _notebook(cells)


#: The console's keys: PageDown / PageUp (a presentation clicker) and Alt+Right / Alt+Left
#: press its Next / Previous buttons; ignored while typing in a text box.
KEYS_SCRIPT = """<script>
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest && event.target.closest("input[type=text], input[type=number], textarea");
  const forward = event.key === "PageDown" || (event.altKey && event.key === "ArrowRight");
  const back = event.key === "PageUp" || (event.altKey && event.key === "ArrowLeft");
  if (typing || !(forward || back)) return;
  const button = document.querySelector(forward ? "button.sp-next" : "button.sp-prev");
  if (button) { event.preventDefault(); button.click(); }
});
</script>"""


def share_dir(out: Path) -> Path:
    """The Jupyter data folder holding the gallery's Voilà template."""
    return out.with_name(out.name + "-share")


def offline_template(out: Path) -> Path:
    """Voilà's ``lab`` template without its CDN stylesheets and mermaid loader, as
    template ``salesprofit``.

    Written under ``share_dir(out)/voila/templates/`` (beside the gallery, so the
    template does not show in its file list); put ``share_dir(out)`` on ``JUPYTER_PATH``.
    """
    import voila

    source = Path(voila.__file__).resolve().parents[4] / "share" / "jupyter" / "voila" / "templates"
    if not (source / "lab" / "index.html.j2").exists():  # installed elsewhere: ask jupyter
        from jupyter_core.paths import jupyter_path

        source = next(
            Path(p)
            for p in jupyter_path("voila", "templates")
            if (Path(p) / "lab" / "index.html.j2").exists()
        )
    text = (source / "lab" / "index.html.j2").read_text(encoding="utf8")
    stripped, removed = CDN_LINK.subn("", text)
    footer = "{% block footer_js %}\n{% endblock footer_js %}"
    if footer not in stripped:
        raise RuntimeError("Voilà's lab template has no footer_js block for the console's keys")
    stripped = stripped.replace(
        footer, "{% block footer_js %}\n" + KEYS_SCRIPT + "\n{% endblock footer_js %}"
    )
    if re.search(r"https?://(?!www\.w3\.org|github\.com)", stripped.split("{#", 1)[0]):
        raise RuntimeError("Voilà's lab template still loads something from the internet")
    target = share_dir(out) / "voila" / "templates" / TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    (target / "index.html.j2").write_text(
        "{# Voilà's lab template without the Font Awesome stylesheets from jsdelivr "
        f"({removed} removed) and without the mermaid loader (cdnjs) #}}\n"
        + stripped
        + "\n{%- block html_head_js_mermaidjs -%}\n{%- endblock html_head_js_mermaidjs -%}\n",
        encoding="utf8",
    )
    (target / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf8")
    return target


def build(out: Path = OUT) -> tuple[list[CalculatorInfo], dict[str, str]]:
    """Write the gallery (notebooks and template) into ``out``; return what it holds."""
    calcs, broken = discover()
    for folder in (out, share_dir(out)):
        if folder.exists():
            shutil.rmtree(folder)
    out.mkdir(parents=True)
    for calc in calcs:
        (out / calc.notebook).write_text(
            json.dumps(calculator_notebook(calc), indent=1, ensure_ascii=False), encoding="utf8"
        )
    (out / "index.ipynb").write_text(
        json.dumps(index_notebook(calcs, broken), indent=1, ensure_ascii=False), encoding="utf8"
    )
    offline_template(out)
    return calcs, broken


# --------------------------------------------------------------------------- server


def environment(out: Path = OUT) -> dict[str, str]:
    """The environment Voilà runs in: our template on JUPYTER_PATH, a quiet kernel."""
    env = dict(os.environ)
    share = str(share_dir(out))
    env["JUPYTER_PATH"] = os.pathsep.join([share, *filter(None, [env.get("JUPYTER_PATH")])])
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def command(port: int, token: str, out: Path = OUT, extra: list[str] | None = None) -> list[str]:
    """The Voilà command line of the gallery."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(out),
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.token={token}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        # the console (index.ipynb) waits in a pre-started kernel with every calculator
        # built; the one-calculator pages start theirs on demand
        "--preheat_kernel=True",
        '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 0}, '
        '"index.ipynb": {"pool_size": 1}}',
        "--VoilaKernelManager.fill_delay=5",
        # JupyterLab's MyST renderer (for the labs) needs JupyterLab's markdown viewer,
        # which Voilà does not ship: loaded in the gallery it only logs an error
        "--VoilaConfiguration.extension_denylist=['jupyterlab-myst']",
        *(extra or []),
    ]


def url(port: int, token: str, page: str = "index.ipynb") -> str:
    return f"http://127.0.0.1:{port}/voila/render/{page}?token={token}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the calculator gallery with Voilà.")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--out", type=Path, default=OUT, help="build folder (default _build/app)")
    parser.add_argument("--build-only", action="store_true", help="write the gallery and stop")
    parser.add_argument("--list", action="store_true", help="print the calculators and stop")
    args, extra = parser.parse_known_args(argv)
    out = args.out.resolve()

    if args.list:
        calcs, broken = discover()
        for calc in calcs:
            print(f"{calc.group:45.45}  {calc.module}.{calc.name}: {calc.title}")
        for name, error in broken.items():
            print(f"NOT LOADED  salesprofit.ui.{name}: {error}", file=sys.stderr)
        return

    calcs, broken = build(out)
    for name, error in broken.items():
        print(f"skipped salesprofit.ui.{name} (it does not load: {error})", file=sys.stderr)
    print(f"{len(calcs)} calculators written to {out}")
    if args.build_only:
        return

    if os.environ.get("CI"):
        extra = ["--no-browser", *extra]
    token = os.environ.get("VOILA_TOKEN") or secrets.token_hex(16)
    print("Starting the calculator gallery on this computer only (127.0.0.1).")
    print(f"Open: {url(args.port, token)}")
    print("Stop with Ctrl+C.", flush=True)
    cmd = command(args.port, token, out, extra)
    os.chdir(out)
    os.execve(cmd[0], cmd, environment(out))


if __name__ == "__main__":
    main()
