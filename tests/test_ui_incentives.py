"""Chapter 9 calculators: tier forms, plan designer, discount behaviour."""

import pytest

from salesprofit import incentives
from salesprofit.ui import incentives as ui


@pytest.fixture(scope="module")
def actuals():
    return ui.rep_actuals(2025)


def test_tier_forms_show_the_cliff():
    calc = ui.tier_forms_calculator(
        rate1=0.02,
        threshold2=6_000_000,
        rate2=0.03,
        threshold3=9_000_000,
        rate3=0.04,
        sales=5_800_000,
    )
    assert calc.error is None
    assert calc.output["marginal"] == pytest.approx(116_000)
    assert calc.output["retroactive"] == pytest.approx(116_000)
    # ¥200,000 more sales: retroactive pay 3 % x 6,000,000 = 180,000 (+64,000); marginal +4,000
    assert (
        "¥64,000" in calc.result.value
        and "¥4,000" in calc.result.value
        and "¥60,000" in calc.result.value
    )
    calc.inputs["sales"].value = 6_000_000
    assert calc.output["retroactive"] == pytest.approx(180_000)
    assert calc.output["marginal"] == pytest.approx(120_000)
    calc.inputs["threshold3"].value = 5_000_000  # below the second threshold
    assert calc.error is not None and "must rise" in calc.error
    calc.inputs["threshold3"].value = 0  # 0 = no third tier
    assert calc.error is None and len(calc.output["tiers"]) == 2


def test_plan_designer_over_the_reps(actuals):
    calc = ui.plan_calculator(
        actuals,
        basis="revenue",
        method="marginal",
        rate1=0.02,
        threshold2=0,
        rate2=0.0,
        threshold3=0,
        rate3=0.0,
        gate=0,
        cap=0,
    )
    assert calc.error is None
    assert calc.output["pay"].sum() == pytest.approx(0.02 * actuals["revenue"].sum())
    assert "2.00 %" in calc.result.value  # cost of sales of a flat 2 % plan
    calc.set(gate=3_000_000)
    small = actuals.index[actuals["revenue"] < 3_000_000]
    assert (calc.output.loc[small, "pay"] == 0).all() and len(small) == 3
    assert "3 reps earn nothing" in calc.result.value
    calc.set(cap=150_000)
    assert calc.output["pay"].max() == pytest.approx(150_000)
    assert "hit the cap" in calc.result.value
    calc.set(basis="gross_profit", rate1=0.08, gate=0, cap=0)
    plan = incentives.Plan(((0.0, 0.08),), basis="gross_profit")
    assert calc.output["pay"].tolist() == pytest.approx(
        incentives.plan_pay(
            plan, actuals["revenue"].to_numpy(), actuals["gross_profit"].to_numpy()
        ).tolist()
    )
    calc.set(method="retroactive", threshold2=2_000_000, rate2=0.10)
    assert calc.error is None
    assert calc.chart.value[:4] == b"\x89PNG"


def test_discount_behaviour_revenue_vs_margin_plan():
    calc = ui.discount_behaviour_calculator(
        revenue_rate=0.03, margin_rate=0.12, list_margin=0.30, elasticity=-4.0
    )
    rev, mar = calc.output["revenue_plan"], calc.output["margin_plan"]
    assert rev.rep_discount == pytest.approx(0.30)
    assert mar.rep_discount == mar.company_discount
    assert calc.output["gap"] > 0 and "more with the margin plan" in calc.result.value
    calc.set(elasticity=-1.0)  # inelastic buyers: nobody discounts
    assert calc.output["revenue_plan"].rep_discount == 0
    assert "reacts little to price" in calc.result.value
