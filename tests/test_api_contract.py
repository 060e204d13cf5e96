"""The public API contract (book/appendix/api_contract.md): every name, its argument
order and defaults, and one small worked example per name.

Acceptance tests outside the repository call these names with positional arguments,
so the order of the arguments is part of the contract: each signature below is the
contract's, and a function may add parameters only after them, with defaults. Each
name is then called once on an example small enough to check by hand (the hand
calculation is written beside it) or on a published example (cited). The behaviour
in depth is tested in each module's own test file.
"""

from __future__ import annotations

import importlib
import inspect
import math

import numpy as np
import pandas as pd
import pytest
from scipy.special import hyp2f1

from salesprofit import (
    clv,
    costs,
    data,
    experiments,
    forecast,
    funnel,
    incentives,
    marketing,
    pricing,
    quality,
    segmentation,
    targets,
    training,
)

REQUIRED = inspect.Parameter.empty

#: module -> {name: the contract's parameters in order, with their defaults}
CONTRACT: dict[str, dict[str, list[tuple[str, object]]]] = {
    "pricing": {
        "contribution_margin": [("price", REQUIRED), ("unit_cost", REQUIRED)],
        "markup": [("price", REQUIRED), ("unit_cost", REQUIRED)],
        "markup_to_margin": [("markup", REQUIRED)],
        "margin_to_markup": [("margin", REQUIRED)],
        "gross_margin": [("net_sales", REQUIRED), ("cogs", REQUIRED)],
        "breakeven_volume_change": [("price_change", REQUIRED), ("margin", REQUIRED)],
        "arc_elasticity": [("p0", REQUIRED), ("q0", REQUIRED), ("p1", REQUIRED), ("q1", REQUIRED)],
        "optimal_price": [("unit_cost", REQUIRED), ("elasticity", REQUIRED)],
        "price_waterfall": [
            ("list_price", REQUIRED),
            ("deductions", REQUIRED),
            ("unit_cost", None),
        ],
    },
    "costs": {
        "breakeven_units": [
            ("fixed_costs", REQUIRED),
            ("price", REQUIRED),
            ("unit_variable_cost", REQUIRED),
            ("target_profit", 0.0),
        ],
        "breakeven_sales": [
            ("fixed_costs", REQUIRED),
            ("price", REQUIRED),
            ("unit_variable_cost", REQUIRED),
            ("target_profit", 0.0),
        ],
        "pretax_profit": [("after_tax_profit", REQUIRED), ("tax_rate", REQUIRED)],
        "margin_of_safety": [("actual_sales", REQUIRED), ("breakeven_sales", REQUIRED)],
        "operating_leverage": [
            ("sales", REQUIRED),
            ("variable_costs", REQUIRED),
            ("fixed_costs", REQUIRED),
        ],
        "multi_product_breakeven": [
            ("mix", REQUIRED),
            ("prices", REQUIRED),
            ("unit_costs", REQUIRED),
            ("fixed_costs", REQUIRED),
        ],
        "eoq": [("annual_demand", REQUIRED), ("order_cost", REQUIRED), ("holding_cost", REQUIRED)],
        "inventory_cost": [
            ("order_quantity", REQUIRED),
            ("annual_demand", REQUIRED),
            ("order_cost", REQUIRED),
            ("holding_cost", REQUIRED),
        ],
    },
    "clv": {
        "margin_multiple": [
            ("retention", REQUIRED),
            ("discount_rate", REQUIRED),
            ("timing", "end"),
        ],
        "clv": [
            ("margin", REQUIRED),
            ("retention", REQUIRED),
            ("discount_rate", REQUIRED),
            ("acquisition_cost", 0.0),
            ("timing", "end"),
        ],
        "ltv_from_churn": [("margin_per_period", REQUIRED), ("churn", REQUIRED)],
        "simple_clv": [("annual_profit", REQUIRED), ("years", REQUIRED), ("acquisition_cost", 0.0)],
        "customer_summary": [
            ("transactions", REQUIRED),
            ("customer_col", REQUIRED),
            ("date_col", REQUIRED),
            ("value_col", None),
            ("observation_end", None),
            ("freq", "D"),
        ],
        "fit_bgnbd": [("frequency", REQUIRED), ("recency", REQUIRED), ("T", REQUIRED)],
        "bgnbd_expected_purchases": [("params", REQUIRED), ("t", REQUIRED)],
        "bgnbd_conditional_expected_purchases": [
            ("params", REQUIRED),
            ("t", REQUIRED),
            ("frequency", REQUIRED),
            ("recency", REQUIRED),
            ("T", REQUIRED),
        ],
        "bgnbd_prob_alive": [
            ("params", REQUIRED),
            ("frequency", REQUIRED),
            ("recency", REQUIRED),
            ("T", REQUIRED),
        ],
        "bgnbd_pmf": [("params", REQUIRED), ("t", REQUIRED), ("n", REQUIRED)],
        "fit_gamma_gamma": [("frequency", REQUIRED), ("monetary_value", REQUIRED)],
        "gamma_gamma_expected_spend": [
            ("params", REQUIRED),
            ("frequency", REQUIRED),
            ("monetary_value", REQUIRED),
        ],
        "clv_bgnbd_gamma_gamma": [
            ("bgnbd", REQUIRED),
            ("gg", REQUIRED),
            ("frequency", REQUIRED),
            ("recency", REQUIRED),
            ("T", REQUIRED),
            ("monetary_value", REQUIRED),
            ("periods", 12),
            ("period_length", 30),
            ("discount_rate", 0.01),
        ],
    },
    "funnel": {
        "sales_velocity": [
            ("opportunities", REQUIRED),
            ("win_rate", REQUIRED),
            ("avg_deal_size", REQUIRED),
            ("cycle_days", REQUIRED),
        ],
    },
    "forecast": {
        "weighted_pipeline": [("amounts", REQUIRED), ("probabilities", REQUIRED)],
        "mape": [("actual", REQUIRED), ("forecast", REQUIRED)],
        "wape": [("actual", REQUIRED), ("forecast", REQUIRED)],
    },
    "incentives": {
        "commission": [("sales", REQUIRED), ("tiers", REQUIRED), ("method", "marginal")],
    },
    "marketing": {
        "cac": [("spend", REQUIRED), ("new_customers", REQUIRED)],
        "cac_payback_months": [
            ("cac", REQUIRED),
            ("monthly_revenue", REQUIRED),
            ("gross_margin", REQUIRED),
        ],
        "roi": [("gain", REQUIRED), ("cost", REQUIRED)],
        "ltv_to_cac": [("ltv", REQUIRED), ("cac", REQUIRED)],
    },
    "quality": {
        "nps": [("scores", REQUIRED)],
        "cost_of_quality": [
            ("prevention", REQUIRED),
            ("appraisal", REQUIRED),
            ("internal_failure", REQUIRED),
            ("external_failure", REQUIRED),
            ("sales", REQUIRED),
        ],
    },
    "experiments": {
        "two_proportion_ztest": [
            ("successes_a", REQUIRED),
            ("n_a", REQUIRED),
            ("successes_b", REQUIRED),
            ("n_b", REQUIRED),
        ],
        "sample_size_two_proportions": [
            ("p_base", REQUIRED),
            ("p_target", REQUIRED),
            ("alpha", 0.05),
            ("power", 0.8),
        ],
    },
    "segmentation": {
        "abc_classes": [("values", REQUIRED), ("a", 0.8), ("b", 0.95)],
        "whale_curve": [("profit", REQUIRED)],
    },
    "targets": {"decompose_target": [("total", REQUIRED), ("weights", REQUIRED)]},
    "training": {"training_roi": [("benefits", REQUIRED), ("costs", REQUIRED)]},
    "i18n": {"set_language": [("code", REQUIRED)], "get_language": []},
    "data": {
        "tables": [],
        "load": [("table", REQUIRED)],
        "load_cdnow": [("kind", "summary")],
        "read_crm_export": [("path", REQUIRED), ("table", "order_lines"), ("mapping", None)],
    },
}

NAMES = [(module, name) for module, names in CONTRACT.items() for name in names]


@pytest.mark.parametrize("module,name", NAMES, ids=[f"{m}.{n}" for m, n in NAMES])
def test_signature_keeps_the_contract(module, name):
    func = getattr(importlib.import_module(f"salesprofit.{module}"), name, None)
    assert callable(func), f"salesprofit.{module}.{name} is missing"
    params = list(inspect.signature(func).parameters.values())
    expected = CONTRACT[module][name]
    got = [(p.name, p.default) for p in params[: len(expected)]]
    assert got == expected, f"salesprofit.{module}.{name}: arguments or defaults changed"
    added = [p.name for p in params[len(expected) :] if p.default is REQUIRED]
    assert added == [], f"salesprofit.{module}.{name}: new arguments need defaults: {added}"


def test_data_error_is_a_value_error():
    assert issubclass(data.DataError, ValueError)


def test_language_switch_is_on_the_package():
    import salesprofit
    from salesprofit import i18n

    assert salesprofit.set_language is i18n.set_language
    assert salesprofit.get_language is i18n.get_language
    assert salesprofit.get_language() == "en"  # SALESPROFIT_LANG unset in the tests


# --- one worked example per name ------------------------------------------------------


def test_pricing_examples():
    # Kotler & Armstrong: price 100, unit cost 70 -> contribution margin 30 %
    assert pricing.contribution_margin(100.0, 70.0) == pytest.approx(0.30)
    assert pricing.markup(125.0, 100.0) == pytest.approx(0.25)  # 25 / 100
    assert pricing.markup_to_margin(0.25) == pytest.approx(0.20)  # 0.25 / 1.25
    assert pricing.margin_to_markup(0.20) == pytest.approx(0.25)  # 0.2 / 0.8
    assert pricing.gross_margin(1_000.0, 600.0) == pytest.approx(0.40)
    # Kotler & Armstrong: a 10 % cut at a 30 % margin needs 0.1 / 0.2 = 50 % more units
    assert pricing.breakeven_volume_change(-0.10, 0.30) == pytest.approx(0.50)
    # price 10 -> 12, units 100 -> 80: (-20 / 90) / (2 / 11) = -11 / 9
    assert pricing.arc_elasticity(10.0, 100.0, 12.0, 80.0) == pytest.approx(-11 / 9)
    # constant elasticity -2.5: price = cost x e / (1 + e) = 60 x 2.5 / 1.5 = 100
    assert pricing.optimal_price(60.0, -2.5) == pytest.approx(100.0)
    # list 100, discount 10, freight 5 -> pocket price 85; cost 60 -> pocket margin 25 / 85
    w = pricing.price_waterfall(100.0, {"discount": 10.0, "freight": 5.0}, unit_cost=60.0)
    assert w["price"].tolist() == pytest.approx([100.0, 90.0, 85.0, 85.0, 25.0, 25.0])
    assert w["share_of_list"].iloc[-1] == pytest.approx(25 / 85)


def test_costs_examples():
    # fixed 10,000, price 50, variable cost 30: 20 a unit -> 500 units, 25,000 of sales;
    # with a target profit of 2,000: 600 units
    assert costs.breakeven_units(10_000, 50, 30) == pytest.approx(500.0)
    assert costs.breakeven_units(10_000, 50, 30, 2_000) == pytest.approx(600.0)
    assert costs.breakeven_sales(10_000, 50, 30) == pytest.approx(25_000.0)
    assert costs.pretax_profit(750.0, 0.25) == pytest.approx(1_000.0)  # 750 / 0.75
    assert costs.margin_of_safety(125_000, 100_000) == pytest.approx(0.20)  # 25k / 125k
    # contribution 40,000, operating income 10,000 -> leverage 4
    assert costs.operating_leverage(100_000, 60_000, 30_000) == pytest.approx(4.0)
    # a 3:2 unit mix, contributions 4 and 8: a bundle earns 3 x 4 + 2 x 8 = 28, fixed 14,000
    # -> 500 bundles -> 1,500 and 1,000 units
    ix = ["a", "b"]
    units = costs.multi_product_breakeven(
        pd.Series([3.0, 2.0], ix), pd.Series([10.0, 20.0], ix), pd.Series([6.0, 12.0], ix), 14_000
    )
    assert units.to_dict() == pytest.approx({"a": 1_500.0, "b": 1_000.0})
    # Heizer & Render: D 1,000, K 10, h 0.50 -> Q* 200, ordering 50 + holding 50 a year
    assert costs.eoq(1_000, 10, 0.5) == pytest.approx(200.0)
    assert costs.inventory_cost(200, 1_000, 10, 0.5) == pytest.approx(100.0)


def test_clv_formula_examples():
    # retention 0.8, discount 10 %: 0.8 / 0.3 (end of period), 1.1 / 0.3 (start)
    assert clv.margin_multiple(0.8, 0.10) == pytest.approx(0.8 / 0.3)
    assert clv.margin_multiple(0.8, 0.10, "start") == pytest.approx(1.1 / 0.3)
    assert clv.clv(100.0, 0.8, 0.10, 50.0) == pytest.approx(100 * 0.8 / 0.3 - 50)
    assert clv.ltv_from_churn(100.0, 0.2) == pytest.approx(500.0)
    assert clv.simple_clv(1_000.0, 3, 500.0) == pytest.approx(2_500.0)


def test_customer_summary_example():
    # A buys on days 0, 10 and 30 (10, 20, 40), B once on day 20; the window ends on
    # day 50: A has 2 repeat purchases, the last at day 30, age 50, mean repeat value 30;
    # B has none (recency 0, monetary 0 by the BTYD convention), age 30.
    tx = pd.DataFrame(
        {
            "customer": ["A", "A", "A", "B"],
            "date": pd.to_datetime(["2026-01-01", "2026-01-11", "2026-01-31", "2026-01-21"]),
            "value": [10.0, 20.0, 40.0, 5.0],
        }
    )
    s = clv.customer_summary(tx, "customer", "date", "value", "2026-02-20")
    expected = pd.DataFrame(
        {
            "frequency": [2.0, 0.0],
            "recency": [30.0, 0.0],
            "T": [50.0, 30.0],
            "monetary_value": [30.0, 0.0],
        },
        index=["A", "B"],
    )
    assert s[list(expected)].to_numpy() == pytest.approx(expected.to_numpy())
    assert list(s.index) == ["A", "B"]


@pytest.fixture(scope="module")
def cdnow_fits():
    summary = data.load_cdnow()
    bgnbd = clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    gg = clv.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])
    return bgnbd, gg


def test_bgnbd_on_cdnow_matches_the_published_fit(cdnow_fits):
    bgnbd, _ = cdnow_fits
    # Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW sample
    # of 2,357 customers, weeks: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4
    assert (bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b) == pytest.approx(
        (0.243, 4.414, 0.793, 2.426), abs=6e-4
    )
    assert bgnbd.log_likelihood == pytest.approx(-9582.4, abs=0.05)
    r, alpha, a, b = bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b
    t = 39.0
    # the paper's equation (7): E[X(t)] for a new customer
    expected = (
        (a + b - 1)
        / (a - 1)
        * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    )
    assert clv.bgnbd_expected_purchases(bgnbd, t) == pytest.approx(expected, rel=1e-9)
    # the paper's worked customer: x 2, t_x 30.43, T 38.86 -> 1.226 purchases in 39 weeks
    assert clv.bgnbd_conditional_expected_purchases(bgnbd, t, 2, 30.43, 38.86) == pytest.approx(
        1.226, abs=5e-4
    )
    # P(alive) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)), x > 0
    alive = 1 / (1 + a / (b + 1) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2))
    assert clv.bgnbd_prob_alive(bgnbd, 2, 30.43, 38.86) == pytest.approx(alive, rel=1e-9)
    # P(X(t) = 0) = (alpha / (alpha + t))^r (the beta terms cancel at n = 0)
    assert clv.bgnbd_pmf(bgnbd, t, 0) == pytest.approx((alpha / (alpha + t)) ** r, rel=1e-9)


def test_gamma_gamma_on_cdnow_matches_the_published_fit(cdnow_fits):
    bgnbd, gg = cdnow_fits
    # Fader, Hardie & Lee, "The Gamma-Gamma model of monetary value" (2013 note), CDNOW:
    # p 6.25, q 3.74, gamma 15.44
    assert (gg.p, gg.q, gg.gamma) == pytest.approx((6.25, 3.74, 15.44), abs=0.01)
    p, q, g = gg.p, gg.q, gg.gamma
    # E[spend | x, m] = (gamma + m x) p / (p x + q - 1); the population mean p gamma / (q - 1)
    assert clv.gamma_gamma_expected_spend(gg, 2, 22.35) == pytest.approx(
        (g + 22.35 * 2) * p / (p * 2 + q - 1), rel=1e-9
    )
    assert clv.gamma_gamma_expected_spend(gg, 0, 0.0) == pytest.approx(p * g / (q - 1), rel=1e-9)
    # one period of 4 weeks at 1 % a period: spend x E[Y(4)] / 1.01
    spend = clv.gamma_gamma_expected_spend(gg, 2, 22.35)
    purchases = clv.bgnbd_conditional_expected_purchases(bgnbd, 4.0, 2, 30.43, 38.86)
    value = clv.clv_bgnbd_gamma_gamma(bgnbd, gg, 2, 30.43, 38.86, 22.35, 1, 4.0, 0.01)
    assert value == pytest.approx(spend * purchases / 1.01, rel=1e-9)


def test_funnel_forecast_incentives_marketing_examples():
    # 10 opportunities x 25 % x 40,000 / 50 days = 2,000 a day
    assert funnel.sales_velocity(10, 0.25, 40_000, 50) == pytest.approx(2_000.0)
    assert forecast.weighted_pipeline([1_000, 2_000], [0.5, 0.1]) == pytest.approx(700.0)
    assert forecast.mape([100, 200], [110, 180]) == pytest.approx(0.10)  # (10 % + 10 %) / 2
    assert forecast.wape([100, 200], [110, 170]) == pytest.approx(40 / 300)
    # sales 150,000; 2 % up to 100,000, 5 % above: marginal 2,000 + 2,500; retroactive 7,500
    tiers = [(0, 0.02), (100_000, 0.05)]
    assert incentives.commission(150_000, tiers) == pytest.approx(4_500.0)
    assert incentives.commission(150_000, tiers, "retroactive") == pytest.approx(7_500.0)
    assert marketing.cac(50_000, 100) == pytest.approx(500.0)
    assert marketing.cac_payback_months(500, 100, 0.25) == pytest.approx(20.0)  # 500 / 25
    assert marketing.roi(150, 100) == pytest.approx(0.5)
    assert marketing.ltv_to_cac(1_500, 500) == pytest.approx(3.0)


def test_quality_experiments_segmentation_targets_training_examples():
    # 3 promoters (10, 10, 9), one passive (8), one detractor (3): 60 % - 20 % = 40
    assert quality.nps([10, 10, 9, 8, 3]) == pytest.approx(40.0)
    coq = quality.cost_of_quality(10, 20, 30, 40, 1_000)
    assert (coq["conformance"], coq["nonconformance"]) == pytest.approx((30.0, 70.0))
    assert (coq["conformance_rate"], coq["nonconformance_rate"]) == pytest.approx((0.03, 0.07))
    # 60 / 1,000 against 40 / 1,000: pooled 5 %, se sqrt(0.05 x 0.95 x 2 / 1,000),
    # z = 0.02 / se; two-sided p = erfc(z / sqrt 2); Wald 95 % interval of the difference
    t = experiments.two_proportion_ztest(60, 1_000, 40, 1_000)
    z = 0.02 / math.sqrt(0.05 * 0.95 * 2 / 1_000)
    half = 1.959963984540054 * math.sqrt(0.06 * 0.94 / 1_000 + 0.04 * 0.96 / 1_000)
    assert (t.z, t.p_value, t.diff) == pytest.approx((z, math.erfc(z / math.sqrt(2)), 0.02))
    assert (t.ci_low, t.ci_high) == pytest.approx((0.02 - half, 0.02 + half))
    # 10 % -> 15 %, alpha 5 %, power 80 % (Fleiss, no continuity correction): 685.6 a group
    z_a, z_b = 1.959963984540054, 0.8416212335729143
    n = (z_a * math.sqrt(2 * 0.125 * 0.875) + z_b * math.sqrt(0.09 + 0.1275)) ** 2 / 0.05**2
    assert experiments.sample_size_two_proportions(0.10, 0.15) == pytest.approx(n, rel=1e-6)
    # cumulative shares 0.5, 0.8, 1.0 with a = 0.5, b = 0.8 -> A, B, C
    assert segmentation.abc_classes([50, 30, 20], a=0.5, b=0.8).tolist() == ["A", "B", "C"]
    w = segmentation.whale_curve(pd.Series({"X": 50.0, "Y": -20.0, "Z": 70.0}))
    assert list(w.index) == ["Z", "X", "Y"]  # most profitable first: 70/100, 120/100, 100/100
    assert w["cumulative_share"].tolist() == pytest.approx([0.7, 1.2, 1.0])
    assert targets.decompose_target(1_200, [1, 2, 3]).tolist() == pytest.approx([200, 400, 600])
    assert training.training_roi(581_000, 229_000) == pytest.approx(352 / 229)


def test_data_examples(tmp_path):
    assert {"customers", "orders", "order_lines", "products"} <= set(data.tables())
    assert len(data.load("customers")) == 1_500
    # the CDNOW sample of Fader & Hardie: 2,357 customers
    assert len(data.load_cdnow()) == 2_357
    # a user's export with Chinese headers and money as text
    export = tmp_path / "export.csv"
    export.write_text(
        '订单号,下单日期,客户编号,数量,单价\nA1,2026-11-01,K9,3,"¥1,234.50"\n', encoding="utf-8"
    )
    lines = data.read_crm_export(export)
    row = lines.iloc[0]
    assert (row["order_id"], row["customer_id"], row["quantity"]) == ("A1", "K9", 3)
    assert row["unit_price"] == pytest.approx(1_234.50)
    assert pd.Timestamp(row["order_date"]) == pd.Timestamp("2026-11-01")
    assert np.isfinite(lines["unit_price"]).all()
