"""Facts a book page quotes come from the data: ``salesprofit.facts`` and the ``{fact}`` role."""

from __future__ import annotations

import csv
import io
import sys
from contextlib import redirect_stderr
from pathlib import Path

import pytest

import guards
from salesprofit.facts import FACTS, course_facts

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


def rows(table: str) -> list[dict[str, str]]:
    with open(DATASETS / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_course_facts_count_the_rows_of_the_data():
    # counted here with the csv module, independently of salesprofit.data
    facts = course_facts()
    assert sorted(facts) == sorted(FACTS)
    for table in ("products", "customers", "reps", "orders", "order_lines", "opportunities"):
        assert facts[table] == f"{len(rows(table)):,}", table
    years = sorted({r["order_date"][:4] for r in rows("orders")})
    assert (facts["first_year"], facts["last_year"]) == (years[0], years[-1])
    assert facts["years"] == str(len(years))


def test_a_fact_role_is_not_a_typed_number():
    assert guards.prose_numbers("Huaxin sells {fact}`products` products.") == []
    assert guards.prose_numbers("Huaxin sells 412 products.") == [(1, "412")]


def build(tmp_path: Path, page: str) -> tuple[str, str]:
    """Build one MyST page with the ``facts`` extension; (its HTML, the warnings)."""
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['myst_parser', 'facts']\n"
    )
    (src / "index.md").write_text(page, encoding="utf-8")
    warnings = io.StringIO()
    with redirect_stderr(io.StringIO()):
        app = Sphinx(
            str(src),
            str(src),
            str(tmp_path / "out"),
            str(tmp_path / "doctrees"),
            "html",
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    return (tmp_path / "out" / "index.html").read_text(encoding="utf-8"), warnings.getvalue()


@pytest.mark.slow
def test_the_fact_role_renders_the_value_from_the_data(tmp_path):
    html, warnings = build(tmp_path, "# Huaxin\n\nHuaxin sells {fact}`products` products.\n")
    assert not warnings.strip(), warnings
    assert f'Huaxin sells <span class="sp-fact">{len(rows("products")):,}</span> products' in html


@pytest.mark.slow
def test_an_unknown_fact_fails_the_build_with_the_known_keys(tmp_path):
    _, warnings = build(tmp_path, "# Huaxin\n\nHuaxin sells {fact}`product` products.\n")
    assert "unknown fact 'product'" in warnings
    assert "products" in warnings.split("unknown fact", 1)[1]


def test_the_extension_is_importable_as_sphinx_loads_it():
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import facts
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    assert callable(facts.setup)
