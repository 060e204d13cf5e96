"""Chapter 5 and 10 calculators: audit, customer card, checklist."""

import json
from pathlib import Path

import pandas as pd
import pytest

from salesprofit import crm, data
from salesprofit.ui import crm as ui

TRUTH = json.loads((Path(__file__).parents[1] / "datasets" / "ground_truth.json").read_text())


def test_audit_calculator_finds_the_planted_duplicates():
    customers = data.load("customers")
    calc = ui.audit_calculator(customers)
    pairs = calc.output["pairs"]
    assert {tuple(p) for p in pairs[["id_a", "id_b"]].to_numpy()} == {
        tuple(p) for p in TRUTH["duplicate_customers"]
    }
    assert calc.output["uniqueness"] == pytest.approx(1 - 5 / 1500)
    assert "C1017" in calc.result.value
    calc.inputs["shared_only"].value = False
    calc.set(threshold=0.85)
    assert len(calc.output["pairs"]) > 5  # name-only matches are candidates, not proof
    calc.set(w_completeness=0, w_validity=0, w_uniqueness=0)
    assert "All weights are zero" in calc.error


def test_customer_card():
    view = pd.DataFrame(
        {
            "name": ["Acme"],
            "name_zh": ["阿克米"],
            "segment": ["automotive"],
            "tier": ["key"],
            "city": ["Suzhou"],
            "rep_id": ["R01"],
            "contact_name": ["Li"],
            "contact_email": [None],
            "contact_phone": ["+86 1"],
            "orders": [3.0],
            "net_sales": [1000.0],
            "gross_profit": [250.0],
            "first_order": [pd.Timestamp("2024-01-02")],
            "last_order": [pd.Timestamp("2025-03-04")],
            "activities": [2.0],
            "visits": [1.0],
            "last_contact": [pd.NaT],
            "tickets": [0.0],
            "open_tickets": [0.0],
            "median_resolution_hours": [float("nan")],
            "surveys": [0.0],
            "nps": [float("nan")],
            "mean_csat": [float("nan")],
            "open_pipeline": [0.0],
            "won_deals": [0.0],
        },
        index=pd.Index(["C9"], name="customer_id"),
    )
    calc = ui.customer_card_calculator(view, ["C9"])
    assert "Missing: e-mail" in calc.result.value and "¥1,000" in calc.result.value
    assert "2025-03-04" in calc.result.value


def test_checklist_calculator_weights():
    items = pd.DataFrame(
        {
            "item": ["email", "phone"],
            "passed": [50, 100],
            "checked": [100, 100],
            "weight": [1.0, 1.0],
        }
    )
    calc = ui.checklist_calculator(items)
    assert calc.output["score"] == pytest.approx(0.75)
    calc.set(w1=3.0)
    assert calc.output["score"] == pytest.approx((0.5 + 3) / 4)
    assert crm.checklist_score(items)[1] == pytest.approx(0.75)  # the table itself is not changed
