"""salesprofit.pricing against published worked examples and its invariants."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from salesprofit import pocket_price as W
from salesprofit import pricing as P
from salesprofit.labs import pricing as L

fraction = st.floats(min_value=0.01, max_value=0.95, allow_nan=False)


# --- margins ---------------------------------------------------------------


def test_contribution_margin_kotler_armstrong():
    # Kotler & Armstrong, Principles of Marketing, appendix "Marketing by the
    # Numbers": price $100, unit variable cost $70 -> contribution margin 30 %.
    assert P.contribution_margin(100.0, 70.0) == pytest.approx(0.30)


def test_markup_and_margin_textbook_pairs():
    # Standard retail pairs (e.g. Levy & Weitz, Retailing Management, ch. 15):
    # a 25 % markup on cost is a 20 % margin on price; 50 % margin = 100 % markup.
    assert P.markup(125.0, 100.0) == pytest.approx(0.25)
    assert P.markup_to_margin(0.25) == pytest.approx(0.20)
    assert P.margin_to_markup(0.50) == pytest.approx(1.00)
    assert P.margin_to_markup(0.20) == pytest.approx(0.25)


def test_gross_margin():
    assert P.gross_margin(100_000.0, 60_000.0) == pytest.approx(0.40)


@given(st.floats(min_value=-0.9, max_value=50, allow_nan=False))
def test_markup_margin_round_trip(m):
    assert P.margin_to_markup(P.markup_to_margin(m)) == pytest.approx(m, rel=1e-9, abs=1e-12)


@given(st.floats(min_value=0.01, max_value=1000), st.floats(min_value=0.01, max_value=1000))
def test_margin_from_prices_matches_markup_conversion(price, cost):
    # both sides are ratios of prices: relative tolerance, with a floor where the margin is 0
    assert P.contribution_margin(price, cost) == pytest.approx(
        P.markup_to_margin(P.markup(price, cost)), rel=1e-9, abs=1e-9
    )


# --- the price-change break-even ---------------------------------------------


def test_breakeven_kotler_armstrong_price_cut():
    # Kotler & Armstrong, "Marketing by the Numbers": 30 % margin on $60m sales,
    # a 10 % price cut -> new margin 22.2 %, sales must reach $81m to keep the
    # $18m contribution: 600k units at $100 -> 900k units at $90, i.e. +50 %.
    change = P.breakeven_volume_change(-0.10, 0.30)
    assert change == pytest.approx(0.50)
    units = 600_000 * (1 + change)
    assert units * 90 == pytest.approx(81_000_000)
    assert P.contribution_margin(90.0, 70.0) == pytest.approx(0.2222, abs=1e-4)


def test_breakeven_king_of_pops():
    # Computing percent breakeven price change (course note Mk 4010, "King of
    # Pops"): price $2.50, variable cost $1.00; a $0.50 cut needs +50 % units,
    # a $0.50 rise may lose 25 % of units.
    margin = P.contribution_margin(2.50, 1.00)
    assert P.breakeven_volume_change(-0.20, margin) == pytest.approx(0.50)
    assert P.breakeven_volume_change(+0.20, margin) == pytest.approx(-0.25)


def test_breakeven_nagle_price_rise():
    # Nagle's break-even sales change %BE = -dP / (CM + dP): 40 % margin and a
    # 5 % rise tolerate an 11.1 % volume loss.
    assert P.breakeven_volume_change(0.05, 0.40) == pytest.approx(-0.1111, abs=1e-4)


def test_marn_rosiello_one_percent():
    # Marn & Rosiello, HBR 1992: a 1 % price rise at unchanged volume lifts
    # operating profit 11.1 % for the average company (9 % operating margin).
    assert P.profit_change_from_price(0.01, 0.09) == pytest.approx(0.111, abs=1e-3)


@given(fraction, st.floats(min_value=0.001, max_value=0.95))
def test_price_cut_needs_positive_volume(margin, cut):
    assume(margin - cut > 1e-6)
    # the extra volume a cut must win is cut / (margin - cut): positive
    assert P.breakeven_volume_change(-cut, margin) == pytest.approx(cut / (margin - cut), rel=1e-9)


@given(fraction, st.floats(min_value=0.001, max_value=0.95))
def test_price_cut_to_the_unit_cost_or_below_is_refused(margin, cut):
    assume(margin - cut <= 0)
    with pytest.raises(ValueError, match="unit cost"):
        P.breakeven_volume_change(-cut, margin)


@given(fraction, st.floats(min_value=-0.9, max_value=2.0))
def test_breakeven_keeps_contribution_whole(margin, change):
    assume(margin + change > 1e-6)
    dv = P.breakeven_volume_change(change, margin)
    before = margin * 1.0 * 1.0  # price 1, volume 1, unit margin = margin
    after = (margin + change) * (1 + dv)  # unit margin rises by the price change
    assert after == pytest.approx(before, rel=1e-9)


def test_breakeven_vectorised_and_series():
    out = P.breakeven_volume_change(np.array([-0.05, -0.10]), 0.30)
    assert out == pytest.approx([0.2, 0.5])
    s = P.breakeven_volume_change(pd.Series([-0.05, -0.10], index=["a", "b"]), 0.30)
    assert list(s.index) == ["a", "b"]


def test_discount_table_marks_infeasible():
    t = P.discount_breakeven_table(0.25, [0.0, 0.05, 0.25, 0.3])
    assert t["feasible"].tolist() == [True, True, False, False]
    assert t.loc[1, "units_per_100"] == pytest.approx(125.0)
    assert t["volume_needed"].iloc[2:].isna().all()


# --- elasticity and optimal price --------------------------------------------


def test_arc_elasticity_mankiw_midpoint_example():
    # Mankiw, Principles of Economics, ch. 5 "the midpoint method": point A
    # (price $4, quantity 120) to point B ($6, 80): elasticity 1.0 (signed -1).
    assert P.arc_elasticity(4, 120, 6, 80) == pytest.approx(-1.0)
    # symmetric: the same going from B to A
    assert P.arc_elasticity(6, 80, 4, 120) == pytest.approx(-1.0)


def test_optimal_price_inverse_elasticity_rule():
    # Varian, Intermediate Microeconomics, ch. 25: p = c / (1 - 1/|e|);
    # e = -2 doubles cost, e = -3 marks up by half, e = -5 by a quarter.
    assert P.optimal_price(10.0, -2.0) == pytest.approx(20.0)
    assert P.optimal_price(10.0, -3.0) == pytest.approx(15.0)
    assert P.optimal_price(10.0, -5.0) == pytest.approx(12.5)


@given(st.floats(min_value=0.5, max_value=500), st.floats(min_value=-6, max_value=-1.05))
def test_optimal_price_maximises_the_profit_curve(cost, e):
    p_star = P.optimal_price(cost, e)
    grid = p_star * np.array([0.9, 0.97, 1.0, 1.03, 1.1])
    curve = P.profit_curve(cost, p_star, 100.0, e, grid)
    assert curve["contribution"].idxmax() == 2


def test_optimal_price_refuses_inelastic_demand():
    with pytest.raises(ValueError, match="no best price"):
        P.optimal_price(10.0, -0.8)


def test_fit_elasticity_recovers_planted_value():
    rng = np.random.default_rng(7)
    price = rng.choice([0.9, 0.95, 1.0, 1.05, 1.1], size=4000)
    quantity = rng.poisson(20 * price**-2.2)
    fit = L.fit_elasticity(price, quantity)
    assert fit.ci_low < -2.2 < fit.ci_high
    assert fit.elasticity == pytest.approx(-2.2, abs=0.1)
    assert fit.n == 4000


# --- waterfall ----------------------------------------------------------------


def test_price_waterfall_steps_and_pocket_margin():
    # A per-unit waterfall in the style of Marn & Rosiello (1992): list 100,
    # on-invoice discount 8, payment terms 1.5, rebate 2.5, freight 3 -> pocket 85.
    t = P.price_waterfall(
        100.0, {"Discount": 8, "Payment terms": 1.5, "Rebate": 2.5, "Freight": 3}, unit_cost=68.0
    )
    assert t["step"].tolist() == [
        "List price",
        "Discount",
        "Payment terms",
        "Rebate",
        "Freight",
        "Pocket price",
        "Unit cost",
        "Pocket margin",
    ]
    assert t.loc[5, "price"] == pytest.approx(85.0)
    assert t.loc[5, "share_of_list"] == pytest.approx(0.85)
    assert t.loc[7, "share_of_list"] == pytest.approx(17 / 85)


def test_waterfall_refuses_negative_pocket_price():
    with pytest.raises(ValueError, match="per unit, not per order"):
        P.price_waterfall(10.0, {"Freight": 12.0})


def test_payment_terms_cost():
    # 90 days at 6 % a year on 100: 100 * 0.06 * 90 / 365 = 1.4795
    assert W.payment_terms_cost(100.0, 90, 0.06) == pytest.approx(1.479452, abs=1e-6)


def test_pocket_prices_and_average_waterfall():
    lines = pd.DataFrame(
        {
            "quantity": [10, 30],
            "list_price": [100.0, 50.0],
            "net_price": [90.0, 50.0],
            "rebate_rate": [0.02, 0.0],
            "payment_terms_days": [0, 73],
            "freight_per_unit": [1.0, 0.5],
            "unit_cost": [60.0, 40.0],
            "rep": ["a", "b"],
        }
    )
    pocket = W.pocket_prices(lines, annual_rate=0.05)
    # line 1: 90 - 0 - 1.8 - 1 = 87.2; line 2: 50 - 50*0.05*73/365 (=0.5) - 0 - 0.5 = 49
    assert pocket["pocket_price"].tolist() == pytest.approx([87.2, 49.0])
    avg = W.average_waterfall(pocket)
    list_revenue = 10 * 100 + 30 * 50
    assert avg.loc["all", "pocket"] == pytest.approx((872 + 1470) / list_revenue)
    assert avg.loc["all", "on_invoice_discount"] == pytest.approx(100 / list_revenue)
    steps = ["on_invoice_discount", "payment_terms", "rebate", "freight", "pocket"]
    assert avg[steps].sum(axis=1).iloc[0] == pytest.approx(1.0)
    by_rep = W.average_waterfall(pocket, by="rep")
    assert by_rep.loc["b", "pocket_margin"] == pytest.approx((49 - 40) / 49)


# --- dynamic pricing ----------------------------------------------------------


def test_dynamic_pricing_flat_season_equals_fixed():
    sim = L.simulate_dynamic_pricing([1, 1, 1], 100, 60, 500, -2, capacity=10_000)
    assert np.allclose(sim["fixed_contribution"], sim["dynamic_contribution"])


def test_dynamic_pricing_hand_computed_peak():
    # Peak index 1.2, responsiveness 0.5 -> +10 % price (at the cap);
    # wanted = 1000 * 1.2 * 1.1 ** -2 = 991.74; capacity 1100 -> all delivered.
    sim = L.simulate_dynamic_pricing([1.2], 100, 70, 1000, -2, capacity=1100)
    row = sim.iloc[0]
    assert row["dynamic_price"] == pytest.approx(110.0)
    assert row["dynamic_sold"] == pytest.approx(1200 / 1.21)
    assert row["fixed_sold"] == pytest.approx(1100)  # capped
    assert row["fixed_lost"] == pytest.approx(100)
    assert row["dynamic_contribution"] == pytest.approx(40 * 1200 / 1.21)
    summary = L.dynamic_pricing_summary(sim)
    assert summary.loc["dynamic", "contribution"] > summary.loc["fixed", "contribution"]


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: P.contribution_margin(0, 5), "price must be above 0"),
        (lambda: P.contribution_margin(float("nan"), 5), "missing"),
        (lambda: P.markup(10, 0), "cost must be positive"),
        (lambda: P.margin_to_markup(1.0), "below 1"),
        (lambda: P.breakeven_volume_change(-0.3, 0.25), "no extra volume can make it up"),
        (lambda: P.arc_elasticity(5, 10, 5, 12), "two different prices"),
        (lambda: P.price_waterfall(100, {"Discount": -5}), "positive amount"),
    ],
)
def test_bad_input_is_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_discount_summary_by_group():
    lines = pd.DataFrame(
        {
            "rep": ["a", "a", "b"],
            "quantity": [10, 10, 5],
            "list_price": [100.0, 50.0, 100.0],
            "net_price": [90.0, 50.0, 80.0],
            "unit_cost": [60.0, 30.0, 60.0],
        }
    )
    total = P.discount_summary(lines)
    assert total.loc["all", "discount_given"] == pytest.approx(100 + 0 + 100)
    assert total.loc["all", "gross_profit"] == pytest.approx(300 + 200 + 100)
    assert total.loc["all", "avg_discount"] == pytest.approx(200 / 2000)
    by = P.discount_summary(lines, by="rep")
    assert by.loc["b", "avg_discount"] == pytest.approx(0.2)
    assert by.loc["b", "discount_to_profit"] == pytest.approx(100 / 100)
    assert by.loc["a", "gross_margin"] == pytest.approx(500 / 1400)
    assert by.loc["a", "avg_net_price"] == pytest.approx(1400 / 20)
    assert by.loc["a", "avg_unit_cost"] == pytest.approx(900 / 20)


def test_margin_after_discount_and_units():
    assert P.margin_after_discount(0.30, 0.10) == pytest.approx(0.2 / 0.9)
    assert P.units_to_keep_profit(100, -0.10, 0.30) == pytest.approx(150)


def test_price_move_report():
    m = P.price_move(60, 100, 1000, -3.0)
    assert m.optimal_price == pytest.approx(90)
    assert m.units_best == pytest.approx(1000 * 0.9**-3)
    assert m.profit_best == pytest.approx(30 * 1000 * 0.9**-3)
    assert m.profit_change == pytest.approx(m.profit_best / 40_000 - 1)


# --- one call per calculator and the chapter 3 labs (issue 13) ----------------


def test_discount_breakeven_is_one_call_kotler_armstrong():
    # Kotler & Armstrong: a 30 % margin and a 10 % cut need 50 % more units.
    b = P.discount_breakeven(0.30, 0.10, units_now=200)
    assert b.volume_needed == pytest.approx(0.5)
    assert b.units_needed == pytest.approx(300.0)
    assert b.new_margin == pytest.approx(0.2 / 0.9)  # (0.3 - 0.1) / (1 - 0.1)
    assert list(b.shown["discount"]) == pytest.approx([0.05, 0.10, 0.15, 0.20, 0.25, 0.30])
    assert not b.table.loc[b.table["discount"] >= 0.30, "feasible"].any()
    with pytest.raises(ValueError, match="no extra volume can make it up"):
        P.discount_breakeven(0.20, 0.25)
    with pytest.raises(ValueError, match="between 0 and 100"):
        P.discount_breakeven(1.2, 0.1)


def test_deal_pocket_hand_calculation():
    d = W.deal_pocket(200.0, 0.10, 90, 0.06, 0.03, 4.0, 130.0)
    invoice = 180.0
    pocket = invoice - invoice * 0.06 * 90 / 365 - invoice * 0.03 - 4.0
    assert d.invoice_price == pytest.approx(invoice)
    assert d.pocket_price == pytest.approx(pocket)
    assert d.pocket_share == pytest.approx(pocket / 200.0)
    assert d.invoice_margin == pytest.approx((180 - 130) / 180)
    assert d.pocket_margin == pytest.approx((pocket - 130) / pocket)


def test_price_move_flags_a_best_price_outside_the_tested_range():
    # c = 60, e = -1.5: p* = 60 x 1.5 / 0.5 = 180, far above prices tested at 80-120.
    m = P.price_move(60, 100, 1000, -1.5, tested_low=80, tested_high=120)
    assert m.optimal_price == pytest.approx(180.0)
    assert m.outside_tested and m.direction == "raise"
    inside = P.price_move(60, 100, 1000, -3.0, tested_low=80, tested_high=120)
    assert inside.optimal_price == pytest.approx(90.0) and not inside.outside_tested
    assert inside.direction == "cut" and len(inside.curve) == 200
    with pytest.raises(ValueError, match="swap them"):
        P.price_move(60, 100, 1000, -3.0, tested_low=120, tested_high=80)


def test_segment_best_prices_ranges_and_extrapolation():
    fits = pd.DataFrame(
        {"elasticity": [-3.0, -1.5], "ci_low": [-4.0, -2.0], "ci_high": [-2.0, -0.9]},
        index=["elastic", "loyal"],
    )
    out = L.segment_best_prices(60.0, 100.0, fits, tested=(0.8, 1.2))
    # hand: 60 x e / (1 + e): -3 -> 90, -4 -> 80, -2 -> 120; -1.5 -> 180, -2 -> 120
    assert out.loc[
        "elastic", ["optimal_price", "price_low", "price_high"]
    ].tolist() == pytest.approx([90.0, 80.0, 120.0])
    assert out.loc["loyal", "optimal_price"] == pytest.approx(180.0)
    assert out.loc["loyal", "price_high"] == np.inf  # the interval reaches e > -1: no best price
    assert out["outside_tested"].tolist() == [False, True]
    assert list(out.index) == ["elastic", "loyal"]  # sorted by price against list


def test_category_label_shows_labels_not_ids():
    assert L.category_label("power_tools") == "Power tools"
    assert L.category_label(pd.Series(["cutting_tools"])).tolist() == ["Cutting tools"]


def test_compare_dynamic_pricing_matches_the_simulation():
    season = [0.7, 0.9, 1.0, 1.2, 1.4, 1.1]
    c = L.compare_dynamic_pricing(season, 100, 70, 1000, -2.0, 1150)
    sim = L.simulate_dynamic_pricing(season, 100, 70, 1000, -2.0, 1150)
    gain = sim["dynamic_contribution"].sum() - sim["fixed_contribution"].sum()
    assert c.gain == pytest.approx(gain)
    assert c.gain_share == pytest.approx(gain / sim["fixed_contribution"].sum())


# --- Huaxin (issue 13, items 7 and 8) ------------------------------------------


@pytest.fixture(scope="module")
def huaxin():
    from salesprofit import data

    return {t: data.load(t) for t in ("order_lines", "orders", "products", "price_experiment")}


def test_best_seller_is_shown_at_one_years_prices(huaxin):
    lines, orders, products = huaxin["order_lines"], huaxin["orders"], huaxin["products"]
    top = L.best_seller(lines, orders, products)
    # independent: the product with the most quantity x net price, priced in its latest year
    sales = (lines["quantity"] * lines["net_price"]).groupby(lines["product_id"]).sum()
    assert top.product_id == sales.idxmax()
    dated = lines.merge(orders[["order_id", "order_date"]], on="order_id")
    mine = dated[(dated["product_id"] == top.product_id) & (dated["order_date"].dt.year == 2025)]
    assert top.price_year == 2025
    assert top.list_price == pytest.approx(mine["list_price"].median())
    assert top.unit_cost == pytest.approx(mine["unit_cost"].median())
    assert top.category_label == L.category_label(top.category) != top.category


def test_lab_3_3_flags_best_prices_outside_the_tested_range(huaxin):
    test = huaxin["price_experiment"]
    pt = L.price_test_summary(test)
    assert (pt.lowest, pt.highest) == (0.8, 1.2)  # the experiment's levels
    seg = L.segment_elasticities(test)
    top = L.best_seller(huaxin["order_lines"], huaxin["orders"], huaxin["products"])
    best = L.segment_best_prices(top.unit_cost, top.list_price, seg.table, (pt.lowest, pt.highest))
    # every segment whose best price lies above 120 % of list is flagged, and only those
    ratio = best["optimal_price"] / top.list_price
    assert best["outside_tested"].tolist() == ((ratio < 0.8) | (ratio > 1.2)).tolist()
    assert best["outside_tested"].any()
    assert (best["price_low"] <= best["optimal_price"]).all()
    assert (best["optimal_price"] <= best["price_high"]).all()


def test_discount_summary_uses_the_shared_line_definitions(huaxin):
    from salesprofit import profitability

    lines = huaxin["order_lines"]
    s = P.discount_summary(lines).iloc[0]
    assert s["net_revenue"] == pytest.approx(profitability.line_net_sales(lines).sum(), rel=1e-12)
    assert s["gross_profit"] == pytest.approx(
        profitability.line_gross_profit(lines).sum(), rel=1e-9
    )


# --- chapter 3 exercises: the solution as shown is accepted, mistakes recognised ----


def test_pricing_exercises_accept_the_solution_as_shown():
    from salesprofit.exercises import pricing as X

    e = X.discount_volume(0.423, 0.08)
    shown = round(0.08 / (0.423 - 0.08) * 100, 1)  # "8.0 % ÷ (42.3 % − 8.0 %) = 23.3 %"
    assert e.check(shown).kind == "right"
    assert e.check(round(0.08 / 0.423 * 100, 1)).kind == "mistake"  # divided by the old margin
    assert e.check(8.0).kind == "mistake"

    o = X.optimal_price(143.75, -2.76)
    assert o.check(round(143.75 * -2.76 / (1 - 2.76), 2)).kind == "right"
    assert o.check(round(143.75 * (1 + 1 / 2.76), 2)).kind == "mistake"  # 1/|e| as a markup

    d = X.dynamic_price(143.58, 1.24, 0.5, 0.10)
    assert d.check(round(143.58 * 1.10, 2)).kind == "right"  # capped at +10 %
    assert d.check(round(143.58 * 1.12, 2)).kind == "mistake"  # the cap forgotten

    p = X.pocket_margin(200.0, 0.10, 90, 0.06, 0.03, 4.0, 130.0)
    pocket = round(180 - 180 * 0.06 * 90 / 365 - 180 * 0.03 - 4.0, 2)
    assert p.check(round((pocket - 130) / pocket * 100, 1)).kind == "right"
    assert p.check(round((180 - 130) / 180 * 100, 1)).kind == "mistake"  # invoice margin
