"""Chapter 10 calculator: the association explorer."""

import pandas as pd
import pytest

from salesprofit import exercises
from salesprofit.ui import associations as ui


def _lines():
    # 40 orders: A in 20, B in 15 of those plus 5 others; C alone in 15
    rows = []
    for i in range(40):
        items = (
            (["A"] if i < 20 else [])
            + (["B"] if i < 15 or 20 <= i < 25 else [])
            + (["C"] if i >= 25 else [])
        )
        rows += [
            {"order_id": i, "product_id": p, "quantity": 1, "net_price": 10.0, "unit_cost": 6.0}
            for p in items
        ]
    return pd.DataFrame(rows)


def test_explorer_filters_and_values_pairs():
    calc = ui.association_explorer(_lines(), min_support=0.1, min_confidence=0.5, take_up=0.2)
    r = calc.output["rules"].set_index(["antecedent", "consequent"])
    # A -> B: 15 of 40 orders (support 37.5 %), 15 of 20 A orders (75 %); lift 0.75 / 0.5 = 1.5
    assert r.loc[("A", "B"), "confidence"] == pytest.approx(0.75)
    assert r.loc[("A", "B"), "lift"] == pytest.approx(1.5)
    # 5 A orders miss B, a B line earns 4, 20 % take up -> 4
    assert r.loc[("A", "B"), "margin_at_stake"] == pytest.approx(4.0)
    calc.set(min_confidence=0.8)
    assert ("A", "B") not in set(
        zip(calc.output["rules"]["antecedent"], calc.output["rules"]["consequent"])
    )
    calc.set(min_confidence=0.0, min_support=0.02)
    assert "No pair" not in calc.result.value


def test_association_exercises():
    e = exercises.associations.lift(1000, 100, 50, 25)
    assert e.answer == pytest.approx(5.0) and e.check(5).correct and e.check(0.25).kind == "mistake"
    c = exercises.associations.checklist(
        pd.DataFrame(
            {"item": ["a", "b"], "passed": [90, 50], "checked": [100, 100], "weight": [3, 1]}
        )
    )
    assert c.check(80).correct and c.check(70).kind == "mistake"
