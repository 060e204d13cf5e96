"""Facts about the sample company that the book's pages quote, computed from its data.

A book page (MyST Markdown, no kernel) writes ``{fact}`products``` where it would
otherwise type "412"; the Sphinx extension ``_ext/facts.py`` replaces the role with the
value of :func:`course_facts` at build time, so the page and the data cannot disagree.
Notebooks do not need this: they print such numbers with :func:`salesprofit.fmt.say`.

Each fact is display text (formatted as the labs format it), keyed by a short name.
"""

from __future__ import annotations

import os
from typing import Any

from salesprofit import data
from salesprofit.fmt import num

__all__ = ["FACTS", "course_facts"]

#: What each fact is: the key a page writes, and what it counts.
FACTS: dict[str, str] = {
    "products": "products in Huaxin's catalogue",
    "customers": "customers in Huaxin's customer master",
    "reps": "sales reps on Huaxin's team",
    "orders": "orders over the two years",
    "order_lines": "order lines over the two years",
    "opportunities": "opportunities in the CRM",
    "first_year": "the first year of Huaxin's history",
    "last_year": "the last year of Huaxin's history",
    "years": "how many years of history the data cover",
}


def course_facts(data_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Every fact of :data:`FACTS` as the text a page shows, from the sample company's data.

    Counts are rows of the tables (one row per product, customer, rep, order, order line,
    opportunity); the years are those of the first and last order date.

    >>> facts = course_facts()
    >>> sorted(facts) == sorted(FACTS)
    True
    >>> facts["first_year"], facts["last_year"], facts["years"]
    ('2024', '2025', '2')
    """
    tables: dict[str, Any] = {
        name: data.load(name, data_dir)
        for name in ("products", "customers", "reps", "orders", "order_lines", "opportunities")
    }
    dates = tables["orders"]["order_date"]
    first, last = int(dates.min().year), int(dates.max().year)
    facts = {name: num(len(frame)) for name, frame in tables.items()}
    facts.update(first_year=str(first), last_year=str(last), years=str(last - first + 1))
    return facts
