"""salesprofit.experiments against published worked examples and table values."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import data
from salesprofit import experiments as E


def test_ztest_agresti_aspirin():
    # Agresti, Categorical Data Analysis (3rd ed., 2013), sec. 2.2 (Table 2.3,
    # Physicians' Health Study): myocardial infarction 189/11,034 on placebo and
    # 104/11,037 on aspirin. Difference 0.0077, SE 0.0015, 95 % CI (0.005, 0.011);
    # Pearson X^2 = 25.0 (= z^2 of the pooled test).
    t = E.two_proportion_ztest(189, 11034, 104, 11037)
    assert t.diff == pytest.approx(0.0077, abs=5e-5)
    assert t.ci_low == pytest.approx(0.005, abs=5e-4)
    assert t.ci_high == pytest.approx(0.011, abs=5e-4)
    assert t.z**2 == pytest.approx(25.0, abs=0.05)
    assert t.z > 0  # A (placebo) has the higher rate
    assert t.p_value < 1e-6


def test_ztest_sign_and_symmetry():
    a = E.two_proportion_ztest(60, 100, 40, 100)
    b = E.two_proportion_ztest(40, 100, 60, 100)
    assert a.z == pytest.approx(-b.z) and a.p_value == pytest.approx(b.p_value)
    # by hand: pooled p = 0.5, se = sqrt(0.25 * 0.02) = 0.0707; z = 0.2 / 0.0707 = 2.828
    assert a.z == pytest.approx(0.2 / math.sqrt(0.25 * 0.02))
    assert a.p_value == pytest.approx(0.004678, abs=1e-5)
    assert isinstance(a.z, float) and isinstance(a.diff, float)


def test_ztest_errors():
    with pytest.raises(ValueError, match="more conversions than customers"):
        E.two_proportion_ztest(11, 10, 5, 10)
    with pytest.raises(ValueError, match="no variation"):
        E.two_proportion_ztest(0, 10, 0, 10)
    with pytest.raises(ValueError, match="at least one customer"):
        E.two_proportion_ztest(0, 0, 1, 10)


def test_sample_size_fleiss_table():
    # Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions (3rd ed.),
    # Table A.4 (alpha 0.05 two-sided, power 0.80, continuity corrected):
    # p1 = 0.05, p2 = 0.10 -> 474 per group; uncorrected eq. 4.14 gives 435.
    assert math.ceil(E.sample_size_two_proportions(0.05, 0.10, continuity_correction=True)) == 474
    assert math.ceil(E.sample_size_two_proportions(0.05, 0.10)) == 435
    # The same formula in Chow, Shao & Wang, Sample Size Calculations in Clinical
    # Research (2nd ed.), sec. 4.2 style check: symmetric in the two rates.
    assert E.sample_size_two_proportions(0.10, 0.05) == pytest.approx(
        E.sample_size_two_proportions(0.05, 0.10)
    )


def test_sample_size_power_round_trip_and_shape():
    n = E.sample_size_two_proportions(0.82, 0.87, alpha=0.05, power=0.9)
    assert E.power_two_proportions(0.82, 0.87, n) == pytest.approx(0.9, abs=1e-9)
    arr = E.sample_size_two_proportions(0.1, np.array([0.12, 0.15, 0.2]))
    assert arr.shape == (3,) and (np.diff(arr) < 0).all()  # bigger effects need fewer customers
    assert isinstance(E.sample_size_two_proportions(0.1, 0.2), float)
    with pytest.raises(ValueError, match="smallest change worth detecting"):
        E.sample_size_two_proportions(0.1, 0.1)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.02, 0.9), st.floats(0.01, 0.08))
def test_sample_size_grows_with_power(p, d):
    assert E.sample_size_two_proportions(p, p + d, power=0.9) > E.sample_size_two_proportions(
        p, p + d, power=0.8
    )


def test_peeking_inflates_false_positives():
    # Armitage, McPherson & Rowe (1969), Table 2: with 5 looks at nominal 5 % the
    # overall false-positive rate is about 14 %; with 10 looks about 19 %.
    r5 = E.peeking_simulation(0.3, 2000, looks=5, simulations=20000, seed=1)
    r10 = E.peeking_simulation(0.3, 2000, looks=10, simulations=20000, seed=1)
    assert r5.false_positive_fixed == pytest.approx(0.05, abs=0.01)
    assert r5.false_positive_peeking == pytest.approx(0.142, abs=0.02)
    assert r10.false_positive_peeking == pytest.approx(0.193, abs=0.025)
    assert (np.diff(r10.by_look) >= 0).all()
    again = E.peeking_simulation(0.3, 2000, looks=5, simulations=20000, seed=1)
    assert again.false_positive_peeking == r5.false_positive_peeking  # seeded


def test_price_experiment_offer_b_wins():
    # The generator planted conversion 0.8232 (A) and 0.8726 (B).
    pe = data.load("price_experiment")
    g = pe.groupby("offer")["converted"].agg(["sum", "count"])
    t = E.two_proportion_ztest(
        g.loc["B", "sum"], g.loc["B", "count"], g.loc["A", "sum"], g.loc["A", "count"]
    )
    truth = data.ground_truth()["offer_conversion_rates"]
    assert t.z > 3 and t.p_value < 0.001
    assert t.ci_low < truth["B"] - truth["A"] < t.ci_high


def test_proportion_ci_wilson():
    lo, hi = E.proportion_ci(0, 10)
    z = 1.959963984540054
    assert lo == pytest.approx(0.0, abs=1e-12) and hi == pytest.approx(z * z / (10 + z * z))


def test_new_product_breakeven_with_cannibalisation():
    # Kotler & Armstrong, Principles of Marketing, appendix "Marketing by the Numbers":
    # a new product's contribution must be net of the contribution lost on the
    # existing product it cannibalises. ¥50 unit contribution, 60 % of sales taken
    # from an old product earning ¥40 a unit: 50 - 24 = ¥26 per unit.
    b = E.new_product_breakeven(120.0, 70.0, 260_000.0, 0.6, 100.0, 60.0)
    assert b.lost_contribution == pytest.approx(24.0)
    assert b.breakeven_units == pytest.approx(10_000.0)
    assert b.breakeven_units_ignoring_cannibalisation == pytest.approx(5_200.0)
    with pytest.raises(ValueError, match="no volume breaks even"):
        E.new_product_breakeven(100.0, 70.0, 1000.0, 1.0, 100.0, 60.0)


def test_switch_share_recovers_ground_truth():
    truth = data.ground_truth()
    s = E.switch_share(data.load("order_lines"), data.load("orders"), data.load("products"))
    assert set(s.index) == set(truth["new_products"])
    assert s.attrs["total"] == pytest.approx(truth["new_product_switch_share"], abs=0.03)
    assert (s["old_product"] == s.index.map(truth["new_products"])).all()


def test_cumulative_results_end_equals_full_test():
    pe = data.load("price_experiment")
    weeks = E.cumulative_results(pe["week"], pe["offer"], pe["converted"])
    assert list(weeks.index) == list(range(1, 13))
    full = E.two_proportion_ztest(
        pe.loc[pe.offer == "A", "converted"].sum(),
        (pe.offer == "A").sum(),
        pe.loc[pe.offer == "B", "converted"].sum(),
        (pe.offer == "B").sum(),
    )
    assert weeks.loc[12, "z"] == pytest.approx(full.z)
    assert (weeks["n_a"].diff().dropna() > 0).all()
    with pytest.raises(ValueError, match="group A or B"):
        E.cumulative_results([1, 1], ["A", "C"], [0, 1])


def test_cannibalisation_rates_most_new_sales_are_switches():
    # In the sample company the new models only take over their predecessors' orders
    # (ground truth: 60 % of the old model's lines switch), so most of their units
    # are cannibalised; the pair still grows a little with the business.
    r = E.cannibalisation_rates(
        data.load("order_lines"), data.load("orders"), data.load("products")
    )
    assert 0.7 < r.attrs["total"] < 1.0
    assert (r["old_after"] < r["old_before"]).all()


# --- one call per calculator, lab 11.2 (issue 13) --------------------------------


def test_sample_size_plan_fleiss_table():
    # Fleiss, Levin & Paik, Table A.4: 5 % vs 10 % needs 435 per group (474 corrected)
    plan = E.sample_size_plan(0.05, lift=0.05, per_day=87)
    assert (plan.per_group, plan.per_group_continuity, plan.total) == (435, 474, 870)
    assert plan.days == pytest.approx(10.0) and plan.weeks == pytest.approx(2.0)
    assert plan.change == pytest.approx(0.05)
    with pytest.raises(ValueError, match="not both"):
        E.sample_size_plan(0.05, 0.10, lift=0.05)


def test_cannibalisation_above_100_percent_is_allowed_and_flagged():
    # new unit earns 50, old unit 20; 1.5 old units lost per new unit: 50 - 30 = 20 net
    o = E.launch_outcome(120, 70, 10_000, 1.5, 80, 60, 1_000)
    assert o.breakeven.net_contribution == pytest.approx(20.0)
    assert o.breakeven.breakeven_units == pytest.approx(500.0)
    assert o.shrinks_pair and o.old_units_lost == 1.5
    assert o.profit == pytest.approx(1_000 * 20.0 - 10_000)
    with pytest.raises(ValueError, match="no volume breaks even"):
        E.launch_outcome(120, 70, 10_000, 3.0, 80, 60, 1_000)  # 50 - 60 < 0


def test_launch_case_on_huaxin():
    lines, orders, products = data.load("order_lines"), data.load("orders"), data.load("products")
    case = E.launch_case(lines, orders, products, fixed_costs=30_000.0, year=2025)
    rates = E.cannibalisation_rates(lines, orders, products)
    assert case.cannibalisation == pytest.approx(rates.attrs["total"])
    assert case.cannibalisation_low < case.cannibalisation < case.cannibalisation_high
    assert case.above_100 == int((rates["cannibalisation"] > 1).sum()) > 0
    assert case.switch == pytest.approx(0.6, abs=0.03)  # ground truth: 60 % of buyers switch
    b = case.breakeven
    # hand: net = (P - c) - k (Po - co); units = F / net
    net = (case.new_price - case.new_cost) - case.cannibalisation * (case.old_price - case.old_cost)
    assert b.net_contribution == pytest.approx(net)
    assert case.breakeven_low < b.breakeven_units < case.breakeven_high
    assert case.days_to_breakeven == pytest.approx(
        b.breakeven_units / rates.loc[case.new_id, "new_after"]
    )


# --- chapter 11 exercises: the solution as shown is accepted, mistakes recognised ----


def test_ab_z_exercise_two_decimals_as_asked():
    from salesprofit.exercises import experiments as X

    ex = X.ab_z(479, 598, 525, 596)
    t = E.two_proportion_ztest(479, 598, 525, 596)
    shown = round(t.z, 2)
    assert ex.check(f"{shown:.2f}").kind == "right"
    assert ex.format(ex.answer) == f"{shown:.2f}"  # the feedback shows two decimals too
    # following the solution's rounded steps (four decimals) gives the same two decimals
    pa, pb = round(479 / 598, 4), round(525 / 596, 4)
    p = round((479 + 525) / (598 + 596), 4)
    se = round(math.sqrt(p * (1 - p) * (1 / 598 + 1 / 596)), 4)
    assert ex.check(round((pa - pb) / se, 2)).kind == "right"
    assert ex.check(-shown).kind == "mistake"  # the sign
    assert ex.check(round(pa - pb, 2)).kind == "mistake"  # the difference, not z


def test_new_product_units_exercise_accepts_the_solution():
    from salesprofit.exercises import experiments as X

    ex = X.new_product_units(68, 49, 30_000, 0.5, 59, 45)
    net = (68 - 49) - 0.5 * (59 - 45)  # 12
    assert ex.check(round(30_000 / net)).kind == "right"
    assert ex.check(round(30_000 / (68 - 49))).kind == "mistake"  # cannibalisation ignored
    assert ex.check(round(30_000 / 68)).kind == "mistake"  # price, not contribution
