"""The glossary names the one library function behind each measure, and each one exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "book" / "glossary.md"
LIBRARY_LINE = re.compile(r"^\s+Library: (.+)\.\s*$")
FUNCTION = re.compile(r"`(salesprofit(?:\.\w+)+)`")


def library_lines() -> dict[str, list[str]]:
    """Glossary term (its first line) -> the functions its ``Library:`` line names."""
    text = GLOSSARY.read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    named: dict[str, list[str]] = {}
    for entry in re.split(r"\n\s*\n", body):
        lines = [line for line in entry.splitlines() if line.strip()]
        if not lines or lines[0].startswith((" ", ":")):
            continue
        for line in lines:
            m = LIBRARY_LINE.match(line)
            if m:
                assert lines[0] not in named, f"{lines[0]}: two Library lines"
                named[lines[0]] = FUNCTION.findall(m.group(1))
                assert named[lines[0]], f"{lines[0]}: a Library line that names no function"
    return named


NAMED = library_lines()


def test_the_glossary_names_functions():
    assert len(NAMED) >= 80


@pytest.mark.parametrize(
    "dotted", sorted({f for fs in NAMED.values() for f in fs}), ids=lambda d: d.split(".", 1)[1]
)
def test_every_named_function_exists(dotted):
    module, _, name = dotted.rpartition(".")
    function = getattr(importlib.import_module(module), name, None)
    assert callable(function), f"the glossary names {dotted}, which the library does not have"


@pytest.mark.parametrize(
    "term,function",
    [
        # the shared definitions of the course (one number, one truth)
        ("gross profit", "salesprofit.profitability.line_gross_profit"),
        ("net price", "salesprofit.profitability.line_net_sales"),
        ("list price", "salesprofit.profitability.line_list_sales"),
        ("cost to serve", "salesprofit.profitability.customer_profit"),
        ("customer lifetime value", "salesprofit.clv.clv"),
        ("sales velocity", "salesprofit.funnel.sales_velocity"),
        ("attainment", "salesprofit.kpi.attainment"),
        ("commission", "salesprofit.incentives.commission"),
        ("profit bridge", "salesprofit.variance.profit_bridge"),
    ],
)
def test_the_shared_definitions_are_named(term, function):
    assert function in NAMED[term]
