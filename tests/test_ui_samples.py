"""The gallery opens every data-backed calculator on Huaxin's data, as its lab does."""

from __future__ import annotations

import importlib

import pytest

from salesprofit.ui import samples


@pytest.mark.parametrize("key", sorted(samples.SAMPLES))
def test_sample_opens_its_calculator_with_a_result(key):
    module, name = key.split(".")
    builder = getattr(importlib.import_module(f"salesprofit.ui.{module}"), name)
    calc = builder(**samples.arguments(module, name))
    assert calc.error is None, calc.error
    assert calc.result.value.startswith('<div class="sp-result">')


def test_titles_are_sentences_for_the_room():
    assert samples.title("costs", "travel_video_calculator", "travel video calculator") == (
        "Travel or video: what a sales meeting really costs"
    )
    assert samples.title("pricing", "breakeven_calculator", "Discount break-even.\n\nMore.") == (
        "Discount break-even"
    )
    assert samples.arguments("pricing", "breakeven_calculator") == {}
