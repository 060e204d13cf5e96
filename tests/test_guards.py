"""One number, one truth: notebooks and calculators compute nothing, prose types no findings.

See ``guards.py`` for what counts as a computation and as a data-derived number, and
``prose_numbers/*.toml`` for the formula-kind numbers each page may type.
"""

from __future__ import annotations

import pytest

import guards

NOTEBOOKS = guards.notebooks()
UI_MODULES = sorted(guards.UI.glob("*.py"))
PROSE = guards.prose_files()


def _report(findings) -> str:
    return "\n".join(str(f) for f in findings)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(guards.ROOT).as_posix())
def test_notebook_code_only_calls_the_library(path):
    findings = guards.notebook_computations(path)
    assert not findings, "move these computations into a library function:\n" + _report(findings)


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: p.name)
def test_ui_module_only_renders(path):
    findings = guards.ui_computations(path)
    assert not findings, "the model should return this; the calculator renders it:\n" + _report(
        findings
    )


@pytest.mark.parametrize("name,parts", PROSE, ids=[name for name, _ in PROSE])
def test_no_data_number_typed_in_prose(name, parts):
    allowed = guards.allowed_numbers().get(name, set())
    findings = guards.typed_numbers(name, parts, allowed)
    assert not findings, (
        "render these from the library (fmt.say) or, if they are formula-kind numbers, list "
        "them for this file in tests/prose_numbers/<chapter>.toml with the reason:\n"
        + _report(findings)
    )


# --- the guards themselves ----------------------------------------------------------


def test_guard_sees_a_groupby_and_line_profit():
    src = "lines.groupby('rep')['x'].sum()\nprofit = lines.quantity * (lines.net_price - lines.unit_cost)"
    what = [f.what for f in guards.computations(src, "cell")]
    assert "data computed here: .groupby(...)" in what
    assert "data computed here: .sum(...)" in what
    assert any(w.startswith("arithmetic here: lines.quantity *") for w in what)


def test_guard_allows_presentation():
    src = (
        "html = 'a' + table(df.head(5))\nhtml += f'{pct(x)}'\nshare = x * 100\n"
        "for i, q in enumerate(qs): label = i + 1\nrows = df.loc[df.flagged].sort_values('x')"
    )
    assert guards.computations(src, "cell") == []


def test_prose_guard_finds_findings_not_references():
    text = "In lab 3.2 Huaxin sold 63,520 lines at a 24.1 % margin, ¥5.22M in 2025, 12 reps."
    assert [n for _, n in guards.prose_numbers(text)] == ["63,520", "24.1 %", "¥5.22M"]
    assert guards.prose_numbers("The margin is $m = 0.25$ and `x = 100`.") == []


def test_guard_allows_joining_text_and_paths_but_not_tables():
    assert guards.computations("names = ', '.join(flagged)\np = os.path.join(a, b)", "c") == []
    what = [f.what for f in guards.computations("both = left.join(right)", "c")]
    assert what == ["data computed here: .join(...)"]


def test_prose_guard_skips_a_labs_number_in_its_title_and_section_lists():
    assert guards.prose_numbers("# 3.1 Margin and markup") == []
    assert guards.prose_numbers("see sections 5.8 and 5.10") == [(1, "5.10")]
    assert guards.prose_numbers("Margin 3.1 % in lab 3.1") == [(1, "3.1 %")]
