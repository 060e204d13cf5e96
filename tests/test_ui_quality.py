"""Chapter 7 calculators: cost of quality, service ROI."""

import pytest

from salesprofit import exercises, quality
from salesprofit.ui import quality as ui


def test_cost_of_quality_calculator():
    calc = ui.cost_of_quality_calculator(
        100_000, 150_000, 250_000, 500_000, 10_000_000, 100_000, 0.3
    )
    assert calc.output["today"]["nonconformance_rate"] == pytest.approx(0.075)
    # 30 % of 750,000 failures = 225,000 saved for 100,000 more prevention: +125,000
    assert calc.output["move"]["net_gain"] == pytest.approx(125_000.0)
    assert "+¥125,000" in calc.result.value
    assert calc.output["after"]["total"] == pytest.approx(1_000_000 + 100_000 - 225_000)
    calc.set(failure_reduction=0.1)
    assert (
        calc.output["move"]["net_gain"] == pytest.approx(-25_000.0)
        and "sp-bad" in calc.result.value
    )


def test_service_roi_calculator():
    calc = ui.service_roi_calculator(
        customers=100,
        annual_margin=1000,
        retention=0.8,
        speedup=0.25,
        churn_effect=1.0,
        discount_rate=0.1,
        investment=20_000,
    )
    expected = quality.service_investment(100, 1000, 0.8, 0.25, 1.0, 0.1, 20_000)
    assert calc.output["roi"] == pytest.approx(expected["roi"])
    assert "84.2 %" in calc.result.value
    calc.set(speedup=0.0)
    assert calc.output["value_gained"] == pytest.approx(0.0)
    calc.set(retention=0.99, speedup=0.5)
    assert calc.error is None


def test_quality_exercises():
    e = exercises.quality.nonconformance_rate(100_000, 150_000, 250_000, 500_000, 10_000_000)
    assert e.check(7.5).correct and e.check(10).kind == "mistake"
    r = exercises.quality.retention_value(20_000, 0.8, 0.85, 0.1)
    assert r.answer == pytest.approx(20_000 * (0.85 / 0.25 - 0.8 / 0.3))
    assert r.check(1000).kind == "mistake"
