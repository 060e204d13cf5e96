"""Chapter 8 calculators: set inputs the way a person would, read what they show."""

import pytest

from _exercise_checks import assert_mistakes_recognised
from salesprofit import marketing
from salesprofit.exercises import marketing as ex
from salesprofit.ui import marketing as ui


@pytest.fixture(scope="module")
def channel_data():
    return ui.load_channel_data()


@pytest.fixture(scope="module")
def targeting_data():
    return ui.load_targeting_data()


def test_channel_mix_today_is_no_change(channel_data):
    calc = ui.channel_mix_calculator(channel_data=channel_data)
    assert calc.error is None
    assert calc.output["gain"] == pytest.approx(0.0, abs=1e-6)
    econ = calc.output["economics"]
    assert econ.loc["trade_show", "cac"] == pytest.approx(
        marketing.cac(
            channel_data.performance.loc["trade_show", "spend"],
            channel_data.performance.loc["trade_show", "new_customers"],
        )
    )
    assert "LTV/CAC" in calc.result.value and calc.chart.value[:4] == b"\x89PNG"


def test_channel_mix_moving_budget_to_the_best_channel_pays(channel_data):
    calc = ui.channel_mix_calculator(channel_data=channel_data)
    econ = calc.output["economics"]
    worst = econ["ltv_to_cac"].idxmin()
    calc.inputs[f"w_{worst}"].value = 0.0  # slider in percent
    assert calc.output["gain"] > 0
    assert calc.output["plan"].loc[worst, "spend"] == 0
    assert calc.output["plan"].loc["total", "spend"] == pytest.approx(
        channel_data.performance["spend"].sum()
    )


def test_channel_mix_shows_the_models_message(channel_data):
    calc = ui.channel_mix_calculator(channel_data=channel_data)
    for ch in channel_data.performance.index:
        calc.inputs[f"w_{ch}"].value = 0.0
    assert calc.error is not None and "at least one channel" in calc.error
    assert "sp-error" in calc.result.value


def test_targeting_depth_follows_the_contact_cost(targeting_data):
    calc = ui.targeting_calculator(
        gross_margin=0.25, contact_cost=40, order_value=8000, targeting_data=targeting_data
    )
    best = calc.output["best"]
    assert best.breakeven_rate == pytest.approx(40 / 2000)
    assert best.profit >= best.profit_all
    deep = best.depth
    calc.inputs["contact_cost"].value = 120
    assert calc.output["best"].depth < deep  # dearer contacts: a shorter list
    assert calc.output["best"].breakeven_rate == pytest.approx(120 / 2000)
    assert f"{calc.output['best'].depth:.0%}".replace("%", " %") in calc.result.value


def test_exercises_diagnose_mistakes():
    e = ex.cac_payback(44_000, 36, 3_869, 0.245)
    assert e.check(f"{e.answer:.2f}").correct
    assert e.check(f"{44_000 / 36 / 3_869:.2f}").kind == "mistake"  # paid back from revenue
    e = ex.breakeven_response_rate(40, 8000, 0.25)
    assert e.check("2").correct and e.check("0.5").kind == "mistake"


# --- exercises: the answer as the solution shows it is accepted; every mistake is recognised ---


def test_cac_payback_exercise_accepts_the_solution_as_shown():
    # lab 8.1: e-mail, ¥44,000 spend, 36 new customers, ¥3,870 a month at 24.5 %
    e = ex.cac_payback(44_000, 36, 3_870, 0.245)
    cac, monthly = round(44_000 / 36, 2), round(3_870 * 0.245, 2)  # as the solution shows them
    assert f"¥{cac:,.2f}" in e.solution and f"¥{monthly:,.2f}" in e.solution
    assert e.check(f"{cac / monthly:.1f}").correct  # hand: 1,222.22 ÷ 948.15 = 1.3 months
    assert_mistakes_recognised(e)


def test_breakeven_exercise_uses_the_library_and_accepts_the_solution():
    e = ex.breakeven_response_rate(45, 8_000, 0.241)
    assert e.answer == pytest.approx(
        marketing.breakeven_response_rate(45, 8_000 * 0.241), rel=1e-12
    )
    assert e.check(f"{45 / round(8_000 * 0.241, 2) * 100:.2f}").correct  # hand: 45 ÷ 1,928 = 2.33 %
    assert_mistakes_recognised(e)
