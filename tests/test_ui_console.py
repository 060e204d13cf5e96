"""The trainer's console: one page, every calculator, projector view, stepping."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from salesprofit import pricing
from salesprofit.fmt import pct
from salesprofit.ui import samples
from salesprofit.ui.console import Entry, console, entries_from_query

ENTRIES = [
    ("3. Price wisely", "pricing", "breakeven_calculator", "Discount break-even"),
    ("3. Price wisely", "pricing", "waterfall_calculator", "Price waterfall"),
    ("4. Cost control", "costs", "eoq_calculator", "EOQ"),
]


def test_opens_on_the_first_calculator_and_steps_across_chapters():
    c = console(ENTRIES)
    assert c.current.slug == "pricing-breakeven"
    assert c.group.value == "3. Price wisely"
    assert [title for title, _ in c.pick.options] == ["Discount break-even", "Price waterfall"]
    c.next.click()
    assert c.current.slug == "pricing-waterfall"
    c.next.click()
    assert c.current.slug == "costs-eoq" and c.group.value == "4. Cost control"
    assert [title for title, _ in c.pick.options] == ["EOQ"]
    c.next.click()  # wraps round to the first
    assert c.current.slug == "pricing-breakeven"
    c.previous.click()
    assert c.current.slug == "costs-eoq"
    assert "3 of 3" in c.position.value


def test_a_calculator_keeps_its_settings_when_the_trainer_comes_back():
    c = console(ENTRIES)
    calc = c.stage.children[0]
    calc.set(discount=0.15)
    c.step(+1)
    c.step(-1)
    assert c.stage.children[0] is calc
    needed = pricing.breakeven_volume_change(-0.15, 0.30)
    assert pct(needed, 1, sign=True) in calc.result.value


def test_choosing_a_chapter_or_a_calculator_shows_it():
    c = console(ENTRIES)
    c.group.value = "4. Cost control"
    assert c.current.slug == "costs-eoq"
    c.group.value = "3. Price wisely"
    c.pick.value = dict((t, e) for t, e in c.pick.options)["Price waterfall"]
    assert c.current.slug == "pricing-waterfall"
    assert "sp-calc" in c.stage.children[0]._dom_classes


def test_projector_switch_and_deep_link():
    c = console(ENTRIES, projector=True, start="costs-eoq")
    assert c.current.slug == "costs-eoq"
    assert "sp-projector" in c._dom_classes
    c.projector.value = False
    assert "sp-projector" not in c._dom_classes
    assert entries_from_query("?projector=1&calc=costs-eoq&token=abc") == {
        "projector": "1",
        "calc": "costs-eoq",
    }


def test_a_calculator_that_cannot_open_says_why_in_the_page(monkeypatch):
    def refuses(module, name):
        raise ValueError("The sample data have no opportunities.")

    monkeypatch.setattr(samples, "arguments", refuses)
    c = console(ENTRIES)
    shown = c.stage.children[0]
    assert isinstance(shown, widgets.HTML)
    assert "cannot open" in shown.value and "no opportunities" in shown.value


def test_an_empty_console_is_refused():
    with pytest.raises(ValueError, match="at least one calculator"):
        console([])


def test_entry_slug_matches_the_gallery_pages():
    assert Entry("g", "pricing", "optimal_price_calculator", "t").slug == "pricing-optimal-price"
