"""Chapter 2 calculators: set inputs the way a person would, read what they show."""

import json
from pathlib import Path

import pytest

from salesprofit import reps
from salesprofit.ui import reps as ui

TRUTH = json.loads(
    (Path(__file__).resolve().parent.parent / "datasets" / "ground_truth.json").read_text(
        encoding="utf-8"
    )
)


def test_velocity_calculator_updates_live():
    calc = ui.velocity_calculator(
        opportunities=50,
        win_rate=0.25,
        avg_deal_size=20_000,
        cycle_days=100,
        win_rate_change=0.0,
        cycle_change=0.0,
    )
    assert calc.error is None
    assert calc.output["velocity"] == pytest.approx(2500.0)
    assert calc.output["gain_per_year"] == 0 and calc.output["best"] is None
    assert "¥2,500" in calc.result.value and calc.chart.value[:4] == b"\x89PNG"
    calc.inputs["win_rate_change"].value = 10.0  # sliders are in percent
    assert calc.output["new_velocity"] == pytest.approx(2750.0)
    calc.inputs["cycle_change"].value = -10.0
    assert calc.output["best"] == "cycle_days"
    assert calc.output["new_velocity"] == pytest.approx(2750.0 / 0.9)
    assert "shorter cycle" in calc.result.value
    assert calc.output["gain_per_year"] == pytest.approx((2750 / 0.9 - 2500) * 365)


def test_velocity_calculator_shows_the_models_message():
    calc = ui.velocity_calculator(win_rate=0.80, win_rate_change=0.0)
    calc.inputs["win_rate_change"].value = 40.0
    assert calc.error is not None and "above 100 %" in calc.error
    assert "sp-error" in calc.result.value and calc.chart.layout.display == "none"
    calc.inputs["win_rate_change"].value = 10.0
    assert calc.error is None and calc.chart.layout.display is None


@pytest.fixture(scope="module")
def comparison_calc():
    return ui.rep_comparison_calculator()


def test_rep_comparison_flags_the_planted_over_discounters(comparison_calc):
    calc = comparison_calc
    assert calc.error is None
    assert calc.output["flagged"] == TRUTH["over_discounting_reps"]
    assert calc.output["ranking"][:3] == ["R15", "R13", "R11"]  # ranked by excess discount
    for rep in TRUTH["over_discounting_reps"]:
        assert rep in calc.result.value
    assert "3 reps flagged" in calc.result.value


def test_rep_comparison_metric_threshold_and_cutoff(comparison_calc):
    calc = comparison_calc
    calc.inputs["metric"].value = "win_rate"
    table = calc.output["table"]
    assert calc.output["ranking"][0] == table["win_rate"].idxmax()
    calc.inputs["threshold"].value = 25.0  # percent
    lines = calc.output["table"]
    assert calc.output["table"]["share_above"].max() < 0.2
    calc.inputs["cutoff"].value = 5.0
    assert calc.output["flagged"] == TRUTH["over_discounting_reps"]  # z 5.4 to 6.9: still flagged
    calc.inputs["cutoff"].value = 6.0
    assert calc.output["flagged"] == ["R15"]
    calc.set(metric="cycle_days", threshold=0.15, cutoff=3.5)
    assert calc.output["ranking"][0] == lines["cycle_days"].idxmax()
    assert calc.error is None


def test_rep_comparison_on_own_data():
    import pandas as pd

    opp = pd.DataFrame(
        {
            "rep_id": ["A", "B", "C", "D", "E"],
            "status": ["won"] * 5,
            "amount": [100.0, 200, 300, 400, 500],
            "created_date": pd.to_datetime(["2025-01-01"] * 5),
            "closed_date": pd.to_datetime(["2025-02-01"] * 5),
        }
    )
    lines = pd.DataFrame(
        {
            "rep_id": list("ABCDE"),
            "tier": "std",
            "quantity": 1,
            "list_price": 100.0,
            "discount": [0.05, 0.06, 0.05, 0.06, 0.30],
        }
    )
    lines["net_price"] = lines["list_price"] * (1 - lines["discount"])
    calc = ui.rep_comparison_calculator(opp, lines, metric="avg_discount")
    assert calc.output["flagged"] == ["E"] and calc.output["ranking"][0] == "E"
    with pytest.raises(ValueError, match="Choose one of"):
        ui.compute_rep_comparison(reps.rep_comparison(opp, lines), lines, metric="nonsense")
