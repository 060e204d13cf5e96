"""Chapter 7 calculators: cost of quality, service ROI."""

import pytest

from _exercise_checks import assert_mistakes_recognised
from salesprofit import exercises, quality
from salesprofit import exercises as _ex
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


# --- exercises: the answer as the solution shows it is accepted; every mistake is recognised ---


def test_nonconformance_exercise_accepts_the_solution_as_shown():
    # lab 7.1 with Huaxin-sized figures: failures ¥100,000 + ¥537,000 on ¥25,400,000 of sales
    ex = _ex.quality.nonconformance_rate(150_000, 200_000, 100_000, 537_000, 25_400_000)
    assert ex.answer == pytest.approx(637_000 / 25_400_000, rel=1e-12)  # hand: 2.51 %
    assert ex.check("2.51").correct
    assert_mistakes_recognised(ex)


def test_retention_value_exercise_accepts_the_solution_as_shown():
    # lab 7.2: margin ¥23,000, retention 85 % -> 86 %, discount rate 10 %
    ex = _ex.quality.retention_value(23_000, 0.85, 0.86, 0.10)
    now, new = (
        round(23_000 * 0.85 / 0.25),
        round(23_000 * 0.86 / 0.24),
    )  # as the solution shows them
    assert f"¥{now:,}" in ex.solution and f"¥{new:,}" in ex.solution
    assert ex.check(str(new - now)).correct
    assert_mistakes_recognised(ex)


def test_service_roi_calculator_shows_the_range_of_the_effect():
    calc = ui.service_roi_calculator(
        customers=553,
        annual_margin=22_600,
        retention=0.852,
        speedup=0.26,
        churn_effect=0.33,
        std_error=0.18,
    )
    assert "interval includes zero" in calc.result.value
    calc.set(std_error=0.05)  # 0.33 ± 0.098: above zero
    assert (
        "interval includes zero" not in calc.result.value and "95 % interval" in calc.result.value
    )
