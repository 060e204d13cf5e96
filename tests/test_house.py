"""The house: rooms small enough to live in (issue 14, "smaller rooms").

* no module of ``lib/salesprofit`` is over :data:`MAX_MODULE_LINES` lines;
* no function is over :data:`MAX_FUNCTION_LINES` lines, or over ruff's C901 complexity
  limit (``max-complexity`` in ``pyproject.toml``), unless its ``def`` line says why with a
  ``# long: <reason>`` comment (a complex one also needs ``# noqa: C901`` so that
  ``ruff check`` accepts it);
* every public module (its file name does not start with ``_``) has an ``__all__`` that
  lists every public function and class it defines;
* the modules of ``salesprofit`` import each other without a cycle (imports at module
  level; an import inside a function runs on use and is not counted).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIB = ROOT / "lib"
PACKAGE = LIB / "salesprofit"
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80
REASON = "# long:"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(LIB).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _has_reason(lines: list[str], node: ast.AST) -> bool:
    """A ``# long:`` comment on the def line (or the lines of its signature)."""
    last = node.body[0].lineno - 1 if node.body else node.lineno
    return any(REASON in lines[i - 1] for i in range(node.lineno, max(last, node.lineno) + 1))


# --- the checks, as functions of source text (tested below on small examples) ---------


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[int, str, int]]:
    """(line, name, length) of each function over ``limit`` lines without a reason."""
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > limit and not _has_reason(lines, node):
                out.append((node.lineno, node.name, length))
    return out


def missing_from_all(source: str) -> list[str] | None:
    """Public functions and classes not in ``__all__``; None when there is no ``__all__``."""
    tree = ast.parse(source)
    listed = None
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            listed = set(ast.literal_eval(node.value))
    if listed is None:
        return None
    defined = [
        n.name
        for n in tree.body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and not n.name.startswith("_")
    ]
    return [name for name in defined if name not in listed]


def module_imports(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The ``salesprofit`` modules that ``module`` imports at module level."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(stmts: list[ast.stmt]) -> None:
        for node in stmts:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in known)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target in known and node.module:
                    found.add(target)
                for a in node.names:
                    if f"{target}.{a.name}" in known:
                        found.add(f"{target}.{a.name}")
            elif isinstance(node, ast.If):
                test = node.test
                if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
                    continue  # only for the type checker
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for h in node.handlers:
                    visit(h.body)
                visit(node.orelse)
                visit(node.finalbody)

    visit(ast.parse(source).body)
    found.discard(module)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return sorted(out)


def _ruff() -> str:
    local = Path(sys.executable).parent / "ruff"
    found = str(local) if local.exists() else shutil.which("ruff")
    assert found, "ruff is not installed in the virtual environment (it is pinned in pyproject)"
    return found


def _max_complexity() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return int(config["tool"]["ruff"]["lint"]["mccabe"]["max-complexity"])


# --- the house ---------------------------------------------------------------------


def test_no_module_is_over_800_lines():
    big = [
        f"{_rel(p)}: {n} lines"
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    ]
    assert not big, f"split these modules (at most {MAX_MODULE_LINES} lines):\n" + "\n".join(big)


def test_no_function_is_over_80_lines_without_a_reason():
    found = [
        f"{_rel(p)}:{line}: {name} is {n} lines"
        for p in _modules()
        for line, name, n in long_functions(p.read_text(encoding="utf-8"))
    ]
    assert not found, (
        f"split these functions (at most {MAX_FUNCTION_LINES} lines) or write the reason on "
        "the def line (`# long: <reason>`):\n" + "\n".join(found)
    )


def test_no_function_is_too_complex_without_a_reason():
    limit = _max_complexity()
    run = subprocess.run(
        [_ruff(), "check", "--isolated", "--select", "C901", "--ignore-noqa"]
        + ["--config", f"lint.mccabe.max-complexity={limit}", "--output-format", "json"]
        + [str(PACKAGE)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    findings = json.loads(run.stdout or "[]")
    assert run.returncode in (0, 1) and isinstance(findings, list), run.stderr
    found = []
    for f in findings:
        path = Path(f["filename"])
        lines = path.read_text(encoding="utf-8").splitlines()
        row = f["location"]["row"]
        node = next(
            n
            for n in ast.walk(ast.parse("\n".join(lines)))
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.lineno == row
        )
        if not _has_reason(lines, node):
            found.append(f"{_rel(path)}:{row}: {f['message']}")
    assert not found, (
        f"simplify these functions (complexity at most {limit}) or write the reason on the def "
        "line (`# noqa: C901  # long: <reason>`):\n" + "\n".join(sorted(found))
    )


def test_every_public_module_has_all_listing_its_public_names():
    problems = []
    for p in _modules():
        if p.name.startswith("_"):
            continue
        missing = missing_from_all(p.read_text(encoding="utf-8"))
        if missing is None:
            problems.append(f"{_rel(p)}: no __all__")
        elif missing:
            problems.append(f"{_rel(p)}: __all__ lacks {', '.join(missing)}")
    assert not problems, "\n".join(problems)


def test_no_import_cycle_among_the_modules():
    paths = {_module_name(p): p for p in _modules()}
    known = set(paths)
    graph = {
        m: module_imports(p.read_text(encoding="utf-8"), m, p.name == "__init__.py", known)
        for m, p in paths.items()
    }
    assert graph["salesprofit.data"], "the import graph lost the edges it should see"
    found = cycles(graph)
    assert not found, "these modules import each other at module level:\n" + "\n".join(
        " <-> ".join(c) for c in found
    )


# --- the checks themselves ---------------------------------------------------------


def test_a_long_function_is_found_unless_it_says_why():
    body = "\n".join(f"    x{i} = {i}" for i in range(85))
    plain = f"def f():\n{body}\n"
    assert long_functions(plain) == [(1, "f", 86)]
    reasoned = f"def f():  # long: one table of constants\n{body}\n"
    assert long_functions(reasoned) == []
    assert long_functions("def g():\n    return 1\n") == []


def test_all_must_list_the_public_functions_and_classes():
    assert missing_from_all("def f(): pass\n") is None
    src = '__all__ = ["f"]\n\ndef f(): pass\n\ndef g(): pass\n\nclass K: pass\n\ndef _h(): pass\n'
    assert missing_from_all(src) == ["g", "K"]


def test_imports_are_resolved_and_cycles_found():
    known = {"salesprofit", "salesprofit.a", "salesprofit.b", "salesprofit.ui", "salesprofit.ui.c"}
    src = (
        "from .. import a\nfrom ..b import thing\nimport numpy\n"
        "if TYPE_CHECKING:\n    from . import nothing\n"
        "def later():\n    from salesprofit import b\n"
    )
    assert module_imports(src, "salesprofit.ui.c", False, known) == {
        "salesprofit.a",
        "salesprofit.b",
    }
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_limits_are_the_ones_the_issue_names():
    # issue 14: "no library module over 800 lines and no function over ~80 lines or
    # complexity over 15 without a reason written beside it"
    assert MAX_MODULE_LINES == 800
    assert MAX_FUNCTION_LINES == 80
    assert _max_complexity() == 15
