"""Build the static HTML book; any warning fails the build.

Used by ``make book``. Same semantics as ``jupyter-book build . -W -n --keep-going``:
Sphinx reports every warning (nitpicky, so broken references count) and the exit
status is nonzero if there was any, or if ``_config.yml`` does not validate. The
notebooks are not executed (``execute_notebooks: off``): the book shows the outputs
and widget state committed in them (see ``tools/run_notebooks.py``)::

    python tools/build_book.py                     # -> _build/html/index.html
    python tools/build_book.py --out /tmp/b/html   # HTML into another folder
    python tools/build_book.py --path-output /tmp/b  # like jupyter-book: /tmp/b/_build/html

Each build starts from a fresh Sphinx environment by default, because an incremental
build only reports the warnings of the pages it re-reads (a second build would pass
silently). ``--incremental`` reuses the previous environment when you iterate on text.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Lines Sphinx or Jupyter Book write for a problem (after removing colour codes).
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Tee(io.TextIOBase):
    """Write through to a stream and keep a copy of the text."""

    def __init__(self, stream):
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.stream.write(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:  # keep Sphinx's colours on a terminal
        return self.stream.isatty()

    @property
    def text(self) -> str:
        return "".join(self.parts)


def output_dir(args: argparse.Namespace, source: Path) -> Path:
    if args.out is not None:
        return args.out.resolve()
    if args.path_output is not None:
        return args.path_output.resolve() / "_build" / "html"
    return source / "_build" / "html"


def build(source: Path, out: Path, *, fresh: bool = True) -> tuple[int, int]:
    """Build the book in ``source`` into ``out``; return (status, problems)."""
    import yaml
    from jsonschema import ValidationError
    from jupyter_book.config import validate_yaml
    from jupyter_book.sphinx import build_sphinx

    config = source / "_config.yml"
    toc = source / "_toc.yml"
    problems = 0
    try:
        validate_yaml(yaml.safe_load(config.read_text(encoding="utf8")), raise_on_errors=True)
    except (ValidationError, yaml.YAMLError) as exc:
        print(f"ERROR: {config} does not validate: {exc}", file=sys.stderr)
        problems += 1

    out.mkdir(parents=True, exist_ok=True)
    tee_err, tee_out = _Tee(sys.stderr), _Tee(sys.stdout)
    real_err, real_out = sys.stderr, sys.stdout
    sys.stderr, sys.stdout = tee_err, tee_out
    try:
        result = build_sphinx(
            source,
            out,
            noconfig=True,
            path_config=str(config),
            confoverrides={
                "external_toc_path": toc.as_posix(),
                "latex_individualpages": False,
                "nitpicky": True,
            },
            builder="html",
            warningiserror=True,
            keep_going=True,
            freshenv=fresh,
        )
    finally:
        sys.stderr, sys.stdout = real_err, real_out
    if isinstance(result, Exception):
        print(f"ERROR: the build raised {type(result).__name__}: {result}", file=sys.stderr)
        return 1, problems + 1
    log = ANSI.sub("", tee_err.text + tee_out.text)
    problems += sum(1 for line in log.splitlines() if PROBLEM.search(line))
    return int(result), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the static HTML book (warnings are errors)."
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, help="folder for the HTML (default: _build/html)")
    where.add_argument(
        "--path-output", type=Path, help="as jupyter-book: the HTML goes to PATH/_build/html"
    )
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="the book root (default: the repository)"
    )
    parser.add_argument(
        "--incremental", action="store_true", help="reuse the previous build environment"
    )
    args = parser.parse_args(argv)

    source = args.source.resolve()
    out = output_dir(args, source)
    start = time.perf_counter()
    status, problems = build(source, out, fresh=not args.incremental)
    seconds = time.perf_counter() - start

    index = out / "index.html"
    if status == 0 and problems == 0:
        print(f"Book built in {seconds:.1f} s with no warnings: {index}")
        return 0
    print(
        f"Book build FAILED in {seconds:.1f} s: exit status {status}, "
        f"{problems} warning/error line(s) above (warnings are errors).",
        file=sys.stderr,
    )
    return status or 1


if __name__ == "__main__":
    sys.exit(main())
