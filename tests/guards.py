"""The two guards of "one number, one truth", shared by ``test_guards.py`` and the helpers.

1. **No computation outside the library.** A notebook code cell or a module of
   ``salesprofit.ui`` calls the library and renders what it returns. It may choose rows
   to show and turn fractions into percentages; it may not compute a metric. What counts
   as computing is decided on the syntax tree:

   * calling a pandas/numpy method that aggregates, joins or derives data
     (:data:`COMPUTING_METHODS`: ``groupby``, ``merge``, ``sum``, ``mean``, ``assign``,
     ``eval``, ``idxmax``, ...);
   * calling any ``numpy`` function (``np.arange``, ``np.round``, ...) other than the
     few checks in :data:`NUMPY_ALLOWED`;
   * arithmetic (``+ - * / // % **``) other than the presentation allowed in
     :func:`presentation_arithmetic`: percent conversion (``x * 100``, ``x / 100``),
     joining strings (an operand that is a string literal or an f-string), and counting
     positions (``i + 1`` on a literal integer).

   The allow-list is this module: short and explicit, no per-line escape.

2. **No data-derived number typed in prose.** A number in a notebook's markdown cell or a
   book page that looks like a finding (a percentage, an amount of money, a count of 100
   or more, a decimal) must be rendered by code (:func:`salesprofit.fmt.say`) or be a
   number of the formula kind (¥60 and ¥100 in a worked example, the article's own
   figures). Formula-kind numbers are listed per file in ``prose_numbers/*.toml`` beside
   this module (one toml per chapter or page group), each file with the reason;
   everything else fails the test.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "lib" / "salesprofit" / "ui"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
ALLOWED_NUMBERS = Path(__file__).with_name("prose_numbers")

#: Methods that aggregate, join or derive data: a metric computed where it is shown.
COMPUTING_METHODS = frozenset(
    [
        "groupby",
        "merge",
        "join",
        "pivot",
        "pivot_table",
        "melt",
        "agg",
        "aggregate",
        "apply",
        "applymap",
        "map_partitions",
        "transform",
        "eval",
        "query",
        "assign",
        "sum",
        "mean",
        "median",
        "std",
        "var",
        "sem",
        "prod",
        "cumsum",
        "cumprod",
        "cummax",
        "cummin",
        "diff",
        "pct_change",
        "value_counts",
        "nunique",
        "resample",
        "rolling",
        "expanding",
        "ewm",
        "corr",
        "cov",
        "quantile",
        "idxmax",
        "idxmin",
        "nlargest",
        "nsmallest",
        "clip",
        "crosstab",
        "cut",
        "qcut",
        "dot",
        "mode",
        "rank",
        "describe",
    ]
)
#: numpy functions a presentation layer may call (checks, not computations).
NUMPY_ALLOWED = frozenset({"isnan", "isfinite", "isscalar", "ndim", "asarray"})
NUMPY_NAMES = frozenset({"np", "numpy"})
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.what}"


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _is_number(node: ast.AST, *values: float) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
        and (not values or node.value in values)
    )


#: Functions that return display text; adding their results joins strings.
TEXT_FUNCTIONS = frozenset(
    [
        "table",
        "pct",
        "money",
        "num",
        "esc",
        "str",
        "say",
        "format",
        "join",
        "download_link",
        "error_html",
        "html",
    ]
)
#: Variable names the presentation layer uses for text being assembled.
TEXT_NAMES = frozenset(
    ["html", "sentence", "text", "note", "msg", "message", "head", "body", "lines_html", "parts"]
)


def _textual(node: ast.AST) -> bool:
    """A string literal, an f-string, display text from a formatter, or text joined from those."""
    if _is_text(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in TEXT_NAMES
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in TEXT_FUNCTIONS
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _textual(node.left) or _textual(node.right)
    if isinstance(node, ast.IfExp):
        return _textual(node.body) or _textual(node.orelse)
    return False


def presentation_arithmetic(node: ast.BinOp) -> bool:
    """Arithmetic that only presents: percent conversion, joining text, counting positions."""
    left, right, op = node.left, node.right, node.op
    if isinstance(op, ast.Mult | ast.Div) and (_is_number(right, 100) or _is_number(left, 100)):
        return True
    if isinstance(op, ast.Add | ast.Mod) and (_textual(left) or _textual(right)):
        return True
    if isinstance(op, ast.Add | ast.Sub) and (
        isinstance(right, ast.Constant) and right.value == 1 and isinstance(left, ast.Name)
    ):
        return True  # i + 1: the 1-based position of a row or a question
    # arithmetic on literals only (a layout width written as 34 * 16) computes no data
    return all(isinstance(n, ast.Constant | ast.UnaryOp) for n in (left, right))


def computations(source: str, where: str) -> list[Finding]:
    """Every data computation in a piece of Python source (see the module docstring)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: the notebook test reports those elsewhere
        return []
    found: list[Finding] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            base = node.func.value
            if isinstance(base, ast.Name) and base.id in NUMPY_NAMES:
                if name not in NUMPY_ALLOWED:
                    found.append(
                        Finding(where, node.lineno, f"numpy computes here: np.{name}(...)")
                    )
            elif name == "join" and (_is_text(base) or ast.unparse(base) == "os.path"):
                pass  # joining text or a path, not a table
            elif name in COMPUTING_METHODS:
                found.append(Finding(where, node.lineno, f"data computed here: .{name}(...)"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC):
            if not presentation_arithmetic(node):
                found.append(Finding(where, node.lineno, f"arithmetic here: {ast.unparse(node)}"))
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ARITHMETIC):
            textual = _textual(node.value) or _textual(node.target)
            if not (isinstance(node.op, ast.Add) and textual):
                found.append(Finding(where, node.lineno, f"arithmetic here: {ast.unparse(node)}"))
    return found


def notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _cells(path: Path, kind: str) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        (i, "".join(c["source"])) for i, c in enumerate(nb["cells"], 1) if c["cell_type"] == kind
    ]


def notebook_computations(path: Path) -> list[Finding]:
    rel = path.relative_to(ROOT).as_posix()
    found: list[Finding] = []
    for index, source in _cells(path, "code"):
        found += computations(source, f"{rel} cell {index}")
    return found


def ui_computations(path: Path) -> list[Finding]:
    return computations(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())


# --- numbers in prose ----------------------------------------------------------------

_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|`[^`\n]*`|\{math\}`[^`]*`", re.S)
_FENCE = re.compile(r"^(```|~~~|:::).*?^\1\s*$", re.S | re.M)
_LINK = re.compile(r"\]\([^)]*\)|<[^>\s]+>|\(#[^)]*\)|\{[a-z:-]+\}`[^`]*`")
_NUMBER = re.compile(
    r"(?P<money>[¥$€]\s?-?\d[\d,]*(?:\.\d+)?(?:\s?(?:万|k|M|million|bn))?)"
    r"|(?P<pct>-?\d[\d,]*(?:\.\d+)?\s?(?:%|％|percent))"
    r"|(?P<plain>(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.]))"
)
_REFERENCE = re.compile(
    r"(?:lab|labs|chapter|chapters|step|part|kit|section|sections|sec\.|strategy|strategies|章|第)\s*$",
    re.I,
)


def _worth_checking(match: re.Match, before: str) -> bool:
    """Percentages, money, decimals and counts of 100 or more; not years, not lab numbers."""
    if match["money"] or match["pct"]:
        return True
    text = match["plain"].replace(",", "")
    if _REFERENCE.search(before[-12:]) or re.fullmatch(r"\s*#+\s*", before):
        # "lab 3.2", "chapter 12", and a lab's number at the start of its title "# 3.2 ..."
        return False  # "lab 3.2", "chapter 12"
    if re.fullmatch(r"(19|20)\d\d", text):
        return False  # a year
    if "." in text:
        return True
    return float(text) >= 100


def prose_numbers(text: str) -> list[tuple[int, str]]:
    """(line, number) for every number in prose worth checking (see the module docstring)."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _MATH.sub(lambda m: " " * len(m.group(0)), text)
    text = _LINK.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("#", "---", "(")) and re.match(r"^\s*#+\s", line):
            pass  # headings are checked like any line
        for m in _NUMBER.finditer(line):
            if _worth_checking(m, line[: m.start()]):
                found.append((lineno, re.sub(r"\s+", " ", m.group(0)).strip()))
    return found


def prose_files() -> list[tuple[str, list[tuple[str, str]]]]:
    """(name, [(where, markdown text)]) for every notebook and book page."""
    files = []
    for path in notebooks():
        rel = path.relative_to(ROOT).as_posix()
        files.append((rel, [(f"cell {i}", s) for i, s in _cells(path, "markdown")]))
    for path in sorted(BOOK.rglob("*.md")):
        rel = path.relative_to(ROOT).as_posix()
        files.append((rel, [("", path.read_text(encoding="utf-8"))]))
    return files


def allowed_numbers() -> dict[str, set[str]]:
    """Formula-kind numbers per file, from ``prose_numbers/*.toml`` (``numbers`` and ``why``)."""
    allowed: dict[str, set[str]] = {}
    for toml in sorted(ALLOWED_NUMBERS.glob("*.toml")):
        for name, entry in tomllib.loads(toml.read_text(encoding="utf-8")).items():
            if not entry.get("why"):
                raise ValueError(f"{toml.name}: [{name!r}] needs a 'why'")
            allowed.setdefault(name, set()).update(entry["numbers"])
    return allowed


def typed_numbers(name: str, parts: list[tuple[str, str]], allowed: set[str]) -> list[Finding]:
    found = []
    for where, text in parts:
        for line, number in prose_numbers(text):
            if number not in allowed:
                found.append(Finding(f"{name} {where}".strip(), line, f"typed number {number!r}"))
    return found
