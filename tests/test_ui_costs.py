"""Chapter 4 calculators: set inputs, read what they show."""

import pytest

from salesprofit import costs, data, exercises, profitability
from salesprofit.ui import costs as ui


def test_eoq_calculator_heizer_render():
    # Heizer & Render's Sharp, Inc.: D 1,000, S $10, H $0.50 -> Q* 200, $100 a year
    calc = ui.eoq_calculator(
        annual_demand=1000, order_cost=10, holding_cost=0.5, batch_quantity=500, jit_order_cost=2.5
    )
    assert calc.error is None
    assert calc.output["eoq"] == pytest.approx(200.0)
    assert calc.output["saving"] == pytest.approx(45.0) and calc.output[
        "jit_saving"
    ] == pytest.approx(95.0)
    assert "200" in calc.result.value and "¥45" in calc.result.value
    assert calc.chart.value[:4] == b"\x89PNG"
    calc.set(annual_demand=4000)  # 4x demand -> 2x EOQ
    assert calc.output["eoq"] == pytest.approx(400.0)
    calc.inputs["holding_cost"].value = 0  # clamped by the box to its minimum
    assert calc.error is None and calc.inputs["holding_cost"].value > 0


def test_travel_video_calculator():
    calc = ui.travel_video_calculator(
        visits_per_year=100,
        share_replaced=0.4,
        visit_cost=750,
        visit_hours=7.3,
        video_cost=3,
        video_hours=0.7,
        hourly_cost=130,
    )
    assert calc.output["total_saving"] == pytest.approx(64_200.0)
    assert "¥64,200" in calc.result.value
    calc.set(share_replaced=0.0)
    assert calc.output["total_saving"] == pytest.approx(0.0)
    calc.inputs["share_replaced"].value = 50  # the slider is in percent
    assert calc.output["meetings_replaced"] == pytest.approx(50.0)


def test_cost_to_serve_calculator_shows_a_planted_loss_maker():
    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    profit = profitability.sample_company_profit(tables)
    names = tables["customers"].set_index("customer_id")["name"]
    calc = ui.cost_to_serve_calculator(profit, ["C0001", "C0318"], names, customer_id="C0318")
    # ground_truth.json records each planted loss-maker's profit, rounded to the fen
    observed = data.ground_truth()["observed"]
    loss = observed["profit_after_cost_to_serve_of_unprofitable_customers"]["C0318"]
    assert loss < 0
    assert calc.output["row"]["profit"] == pytest.approx(loss, abs=0.005)
    assert "sp-bad" in calc.result.value
    calc.set(customer_id="C0001")
    assert calc.output["row"]["profit"] == pytest.approx(profit.loc["C0001", "profit"])
    steps = calc.output["steps"]
    assert steps["amount"].iloc[1] + steps["amount"].iloc[2:-1].sum() == pytest.approx(
        steps["amount"].iloc[-1]
    )


def test_exercises_diagnose_mistakes():
    e = exercises.costs.eoq(1000, 10, 0.25, 2.0)
    assert e.answer == pytest.approx(costs.eoq(1000, 10, 0.5))
    assert e.check(200).correct and e.check(141.4).kind == "mistake"
    v = exercises.costs.video_saving(100, 0.4, 750, 7.3, 3, 0.7, 130)
    assert v.check(64_200).correct and "hours" in v.check(29_880).message
