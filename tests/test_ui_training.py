"""Chapter 13 calculators: training ROI, ramp-up, drill scorecard."""

import math

import pytest

from salesprofit import training
from salesprofit.ui import training as ui


def test_training_roi_calculator():
    calc = ui.training_roi_calculator(
        participants=20,
        monthly_gain=2_500,
        months=12,
        attribution=0.5,
        confidence=0.8,
        cost_per_participant=4_000,
        fixed_costs=20_000,
    )
    assert calc.error is None
    assert calc.output.roi == pytest.approx(1.4) and calc.output.bcr == pytest.approx(2.4)
    assert "140 %" in calc.result.value and "5.0 months" in calc.result.value
    calc.inputs["attribution"].value = 20.0  # percent
    assert calc.output.benefits == pytest.approx(600_000 * 0.2 * 0.8)
    assert calc.output.roi == pytest.approx(96_000 / 100_000 - 1)
    assert "sp-bad" in calc.result.value and "does not pay back" in calc.result.value
    calc.set(cost_per_participant=0.0, fixed_costs=0.0)
    assert calc.error is not None and "must cost something" in calc.error
    assert calc.chart.layout.display == "none"


def test_ramp_calculator():
    calc = ui.ramp_calculator(tau=4.0, start=0.0, full=1.0, peer_value=100_000, hire_month=3)
    assert calc.error is None
    assert calc.output["months_to_level"] == pytest.approx(4 * math.log(10))
    assert "December" in calc.result.value and "March" in calc.result.value
    assert calc.output["cost_total"] == pytest.approx(400_000)
    calc.inputs["hire_month"].value = 9
    assert calc.output["level_years_later"] == 1 and "June of the next year" in calc.result.value
    calc.inputs["start"].value = 50.0
    assert calc.output["months_to_level"] == pytest.approx(4 * math.log(5))
    assert calc.output["cost_total"] == pytest.approx(200_000)
    assert calc.chart.value[:4] == b"\x89PNG"


def test_drill_calculator():
    calc = ui.drill_calculator(
        opening=4, discovery=3, value=4, objections=3, price_defence=2, close=5
    )
    assert calc.error is None
    assert calc.output.total == pytest.approx(0.575)
    assert "57.5 %" in calc.result.value and "Price defence" in calc.result.value
    assert "practise again" in calc.result.value
    for k in training.DRILL_CRITERIA:
        calc.inputs[k].value = 5.0
    assert calc.output.level == "ready" and calc.output.total == pytest.approx(1.0)
    calc.inputs["price_defence"].value = 9.0  # the slider clamps at 5
    assert calc.inputs["price_defence"].value == 5.0


def test_drill_calculator_custom_weights_and_error():
    calc = ui.drill_calculator(weights={"discovery": 3, "close": 1}, discovery=5, close=1)
    assert set(calc.inputs) == {"discovery", "close"}
    assert calc.output.weighted_mean == pytest.approx(4.0)


def test_drill_compute_refuses_out_of_range():
    with pytest.raises(ValueError, match="from 1 to 5"):
        ui.compute_drill({"discovery": 1, "close": 1}, chart=False, discovery=7, close=3)
