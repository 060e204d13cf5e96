"""Chapter 1 calculators and exercises: set inputs the way a person would, read what they show."""

import pytest

from _exercise_checks import assert_mistakes_recognised
from salesprofit import clv, exercises
from salesprofit import clv as _clv
from salesprofit import exercises as _ex
from salesprofit.labs import clv as lab
from salesprofit.ui import clv as ui


def test_clv_calculator_updates_live():
    calc = ui.clv_calculator(margin=100.0, retention=0.8, discount_rate=0.12)
    assert calc.error is None
    # Gupta & Lehmann (2005) table 2.1: r 80 %, d 12 % -> margin multiple 2.5
    assert calc.output["margin_multiple"] == pytest.approx(2.5)
    assert calc.output["clv"] == pytest.approx(250.0)
    assert "¥250" in calc.result.value and "¥350" in calc.result.value  # both timings explained
    assert calc.chart.value[:4] == b"\x89PNG"
    calc.inputs["timing"].value = "start"
    assert calc.output["clv"] == pytest.approx(350.0)
    calc.inputs["retention"].value = 85.0  # the slider is in percent
    assert calc.output["clv"] == pytest.approx(100 * 1.12 / 0.27)
    assert calc.output["gain"] == pytest.approx(clv.retention_gain(100, 0.85, 0.12, 0.05, "start"))


def test_clv_calculator_shows_plus_five_points():
    calc = ui.clv_calculator(margin=1000.0, retention=0.8, discount_rate=0.10, points=0.05)
    assert calc.output["clv_up"] == pytest.approx(clv.clv(1000.0, 0.85, 0.10))
    assert "+5 points of retention" in calc.result.value


def test_vip_calculator_break_even_and_error():
    calc = ui.vip_calculator(
        revenue=20000,
        margin_rate=0.25,
        vip_discount=0.03,
        service_cost=400,
        retention=0.8,
        discount_rate=0.10,
    )
    assert calc.output.required_retention == pytest.approx(
        clv.vip_offer_breakeven(5000.0, 0.8, 0.10, 1000.0).required_retention
    )
    assert "84.6 %" in calc.result.value
    calc.inputs["vip_discount"].value = 20.0  # 20 % off a 25 % margin, plus service: too much
    calc.inputs["retention"].value = 95.0
    calc.inputs["margin_rate"].value = 20.5
    assert calc.error is not None and "offer costs" in calc.error
    assert "Traceback" not in calc.result.value and calc.chart.layout.display == "none"


def test_followup_calculator_on_cdnow():
    calc = ui.followup_calculator(horizon=39, top_n=10)
    top = calc.output["top"]
    assert len(top) == 10
    assert top["expected_value"].is_monotonic_decreasing
    model = ui.cdnow_model()
    # the fitted model is the published one (Fader, Hardie & Lee 2005)
    assert model.bgnbd.r == pytest.approx(0.243, abs=6e-4) and model.gg.p == pytest.approx(
        6.25, abs=5e-3
    )
    calc.inputs["rank_by"].value = "value_at_risk"
    risk = calc.output["top"]
    assert risk["value_at_risk"].is_monotonic_decreasing
    assert risk["p_alive"].median() < 0.5  # win-back list: mostly probably gone
    calc.inputs["top_n"].value = 20
    assert len(calc.output["top"]) == 20


def test_customer_lookup_shows_history_and_outlook():
    calc = ui.customer_calculator(customer_id=1)
    out = calc.output
    # FHL (2005): customer 1 (x 2, t_x 30.43, T 38.86) expects 1.226 purchases in 39 weeks
    assert out["expected_purchases"] == pytest.approx(1.226, abs=1e-3)
    assert "1997-01-18" in calc.result.value and "$29.73" in calc.result.value  # history
    assert out["actual_purchases"] == 1.0  # what happened next
    calc.inputs["customer_id"].value = 6
    assert calc.output["frequency"] == 7.0
    calc.inputs["horizon"].value = 10
    assert calc.output["expected_purchases"] < calc.output["frequency"]
    assert "What really happened" not in calc.result.value


def test_customer_lookup_unknown_id_is_a_sentence():
    with pytest.raises(ValueError, match="no customer 99999"):
        ui.compute_customer(ui.cdnow_model(), 99999, chart=False)


def test_exercise_customer_value_diagnoses_mistakes():
    ex = exercises.clv.customer_value(10_000, 0.8, 0.10)
    assert ex.check(f"{ex.answer:.0f}").correct
    assert "other timing" in ex.check("36667").message
    assert "discount rate" in ex.check("40000").message
    assert not ex.check("12345").correct


def test_exercise_vip_and_prob_alive():
    ex = exercises.clv.vip_retention(50_000, 0.85, 0.10, 5_000)
    assert ex.answer == pytest.approx(
        clv.vip_offer_breakeven(50_000, 0.85, 0.10, 5_000).required_retention
    )
    assert ex.check(f"{ex.answer * 100:.1f}").correct
    assert ex.check("85").kind == "mistake"
    p = clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    ex = exercises.clv.prob_alive(p, 3, 12.0, 38.0)
    assert ex.check(f"{ex.answer * 100:.1f}").correct
    assert "exponent" in ex.check(f"{ex.mistakes[0].value * 100:.1f}").message


# --- exercises: the answer as the solution shows it is accepted; every mistake is recognised ---


def test_customer_value_exercise_accepts_the_solution_as_shown():
    # lab 1.1: a growth account, margin ¥3,700, retention 69 %, discount rate 10 %
    ex = _ex.clv.customer_value(3700.0, 0.69, 0.10)
    assert ex.answer == pytest.approx(3700 * 0.69 / (1.10 - 0.69), rel=1e-12)  # hand: 6,226.83
    assert "0.69 ÷" not in ex.solution and "1.683" in ex.solution  # multiple shown to 3 decimals
    assert ex.check(f"{3700 * 1.683:.0f}").correct  # margin × the multiple as shown
    assert ex.check("6,227").correct  # the final figure as shown
    assert_mistakes_recognised(ex)


def test_vip_retention_exercise_accepts_the_solution_as_shown():
    # lab 1.2: key-account margin ¥49,000, retention 90 %, offer ¥5,000 a year
    ex = _ex.clv.vip_retention(49_000.0, 0.90, 0.10, 5_000.0)
    k = round(_clv.clv(49_000.0, 0.90, 0.10) / 44_000.0, 3)  # k as the solution shows it
    assert ex.check(f"{k * 1.1 / (1 + k) * 100:.2f}").correct
    assert ex.check(f"{ex.answer * 100:.2f}").correct
    assert_mistakes_recognised(ex)


def test_prob_alive_exercise_accepts_the_solution_as_shown():
    params = _clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)  # FHL 2005
    ex = _ex.clv.prob_alive(params, 4, 12.0, 38.0)
    x, ratio = 4, (4.414 + 38.0) / (4.414 + 12.0)
    product = round(round(0.793 / (2.426 + x - 1), 4) * round(ratio ** (0.243 + x), 4), 4)
    assert ex.check(f"{100 / (1 + product):.1f}").correct
    assert_mistakes_recognised(ex)


def test_customer_outlook_reproduces_the_papers_worked_example():
    model = ui.cdnow_model()
    published = _clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)
    o = lab.customer_outlook(
        published,
        model.gg,
        model.summary,
        model.transactions,
        model.holdout,
        1,
        39,
        model.calibration_end,
        model.holdout_end,
    )
    # FHL (2005): customer 1 (x = 2, tx = 30.43, T = 38.86) expects 1.226 purchases in 39 weeks
    assert o.expected_purchases == pytest.approx(1.226, abs=5e-4)
    assert o.history["week"].iloc[0] == 0.0 and len(o.history) >= 3
    with pytest.raises(ValueError, match="no customer"):
        lab.customer_outlook(
            published,
            model.gg,
            model.summary,
            model.transactions,
            model.holdout,
            99_999,
            39,
            model.calibration_end,
            model.holdout_end,
        )
