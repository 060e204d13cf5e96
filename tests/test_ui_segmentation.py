"""Chapter 12 calculators and exercises: set inputs the way a person would, read what they show."""

import pytest

from _exercise_checks import assert_mistakes_recognised
from salesprofit import data, exercises
from salesprofit import segmentation as seg
from salesprofit.ui import segmentation as ui


def test_abc_calculator_cutoffs():
    calc = ui.abc_calculator(a=0.8, b=0.95)
    summary = calc.output["summary"]
    assert summary["customers"].sum() == 1500
    assert summary.loc["A", "value_share"] <= 0.8
    a_before = summary.loc["A", "customers"]
    calc.inputs["a"].value = 60.0  # percent slider
    assert calc.output["summary"].loc["A", "customers"] < a_before
    assert calc.chart.value[:4] == b"\x89PNG"
    calc.inputs["b"].value = 55.0  # B below A: the model's sentence
    assert calc.error is not None and "B cut-off" in calc.error


def test_rfm_calculator():
    calc = ui.rfm_calculator(min_r=5, min_f=5, min_m=5)
    strict = calc.output["summary"].loc["VIP", "customers"]
    calc.set(min_r=4, min_f=4, min_m=4)
    loose = calc.output["summary"].loc["VIP", "customers"]
    assert 0 < strict < loose
    vip = calc.output["vip"]
    assert vip.sum() == loose


def test_whale_calculator_shows_planted_loss_makers():
    calc = ui.whale_calculator()
    truth = data.ground_truth()
    summary = calc.output["summary"]
    assert summary.unprofitable_customers == truth["observed"]["customers_with_negative_profit"]
    assert (calc.output["flagged_profit"] < 0).all()
    for cid in truth["unprofitable_customers"]:
        assert cid in calc.result.value  # listed among the biggest loss-makers
    calc.inputs["costs"].value = ()  # gross profit only: nobody loses money
    assert calc.output["summary"].unprofitable_customers == 0
    calc.inputs["costs"].value = ("activities", "tickets")
    assert calc.output["summary"].unprofitable_customers > 0


def test_policy_calculator_uses_measured_tiers():
    calc = ui.policy_calculator(
        key_cost=0, key_gain=0, growth_cost=0, growth_gain=0, standard_cost=0, standard_gain=0
    )
    out = calc.output
    assert out["total_gain"].abs().max() == pytest.approx(0.0, abs=1e-6)  # no policy, no change
    observed = data.ground_truth()["observed"]["retention_by_tier"]
    assert out.loc["key", "retention"] == pytest.approx(observed["key"], abs=5e-5)
    calc.set(standard_cost=500.0, standard_gain=0.03)
    assert calc.output.loc["standard", "total_gain"] < 0  # costly service on small accounts
    calc.set(key_cost=3000.0, key_gain=0.02)
    assert calc.output.loc["key", "total_gain"] > 0


def test_exercises_diagnose_mistakes():
    ex = exercises.segmentation.abc_count(
        [90_000, 70_000, 60_000, 20_000, 15_000, 10_000, 8_000, 5_000, 4_000, 3_000]
    )
    assert ex.answer == 3
    assert ex.check("3").correct
    assert "crosses the cut-off" in ex.check("4").message
    assert "80/20" in ex.check("2").message
    ex = exercises.segmentation.whale_share(
        [42_000, 25_000, 18_000, 9_000, 3_000, -1_500, -6_000, -9_500]
    )
    assert ex.answer == pytest.approx(
        seg.whale_summary([42_000, 25_000, 18_000, 9_000, 3_000, -1_500, -6_000, -9_500]).peak_share
    )
    assert ex.check("121.3").correct and "100 %" in ex.check("100").message
    ex = exercises.segmentation.policy_gain(3_700, 0.69, 500, 0.03)
    assert ex.answer < 0
    assert "service cost" in ex.check(f"{ex.mistakes[0].value:.0f}").message


# --- exercises: the answer as the solution shows it is accepted; every mistake is recognised ---


def test_segmentation_exercises_accept_the_solution_as_shown():
    ex = exercises.segmentation.abc_count(
        [15_000, 90_000, 4_000, 60_000, 20_000, 8_000, 70_000, 3_000, 10_000, 5_000]
    )
    assert ex.check("3").correct  # 90 + 70 + 60 = 220 of 285: 77.2 %, the 4th passes 80 %
    assert_mistakes_recognised(ex)
    ex = exercises.segmentation.whale_share(
        [42_000, 25_000, 18_000, 9_000, 3_000, -1_500, -6_000, -9_500]
    )
    assert ex.check(f"{97_000 / 80_000 * 100:.1f}").correct  # hand: 121.3 %
    assert_mistakes_recognised(ex)
    ex = exercises.segmentation.policy_gain(3_700, 0.69, 500, 0.03)
    before = round(3_700 * 0.69 / (1.10 - 0.69))  # as the solution shows it
    after = round(3_200 * 0.72 / (1.10 - 0.72))
    assert ex.check(str(after - before)).correct
    assert_mistakes_recognised(ex)
