"""salesprofit.incentives: tiered commission (marginal and retroactive), plans, behaviour."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import incentives as I

# A three-tier plan used in several tests.
TIERS = [(0, 0.05), (100_000, 0.08), (200_000, 0.10)]


# --- commission: worked examples ---------------------------------------------


def test_marginal_and_retroactive_worked_example():
    # Plan mechanics as in Zoltners, Sinha & Lorimer, The Complete Guide to Sales Force
    # Incentive Compensation (AMACOM 2006), ch. 11 (commission rates that change at
    # performance levels). Hand-checked: on 250,000 of sales a marginal plan pays
    # 5 % x 100,000 + 8 % x 100,000 + 10 % x 50,000 = 5,000 + 8,000 + 5,000 = 18,000;
    # a retroactive (stepped) plan pays the top rate reached on all sales: 10 % x 250,000.
    assert I.commission(250_000, TIERS) == pytest.approx(18_000.0)
    assert I.commission(250_000, TIERS, "retroactive") == pytest.approx(25_000.0)
    assert I.effective_rate(250_000, TIERS) == pytest.approx(0.072)


def test_textbook_tiered_commission_example():
    # A graduated (progressive) commission schedule of the kind described in Johnston &
    # Marshall, Sales Force Management, 13th ed., ch. 11 (rates that step up with volume);
    # the figures are ours, hand-checked: 2 % on the first 50,000, 3 % on the next 50,000
    # and 4 % above 100,000.
    # Sales of 130,000: 1,000 + 1,500 + 1,200 = 3,700 (marginal); 4 % x 130,000 = 5,200.
    tiers = [(0, 0.02), (50_000, 0.03), (100_000, 0.04)]
    assert I.commission(130_000, tiers) == pytest.approx(3_700.0)
    assert I.commission(130_000, tiers, "retroactive") == pytest.approx(5_200.0)
    # exactly at a threshold the retroactive plan already pays the higher rate
    assert I.commission(50_000, tiers, "retroactive") == pytest.approx(1_500.0)
    assert I.commission(49_999, tiers, "retroactive") == pytest.approx(999.98)


def test_scalar_gives_float_and_vectors_keep_shape():
    assert isinstance(I.commission(120_000, TIERS), float)
    arr = I.commission(np.array([0.0, 50_000.0, 150_000.0]), TIERS)
    assert isinstance(arr, np.ndarray) and arr.shape == (3,)
    assert arr.tolist() == pytest.approx([0.0, 2_500.0, 9_000.0])
    s = pd.Series([50_000.0, 250_000.0], index=["R01", "R02"])
    out = I.commission(s, TIERS, "retroactive")
    assert isinstance(out, pd.Series) and list(out.index) == ["R01", "R02"]
    assert out.tolist() == pytest.approx([2_500.0, 25_000.0])
    grid = I.commission(np.zeros((2, 3)), TIERS)
    assert grid.shape == (2, 3)


@pytest.mark.parametrize(
    "tiers, words",
    [
        ([], "at least one tier"),
        ([(10, 0.05)], "first tier must start at 0"),
        ([(0, 0.05), (100, 0.06), (100, 0.07)], "must rise"),
        ([(0, 0.05), (200, 0.06), (100, 0.07)], "must rise"),
        ([(0, -0.01)], "rate must be at least 0"),
        ([(0, 5)], "at most 1"),
        ([(0, 0.05, 1)], "pair"),
        (5, "list of"),
        ([(0, float("nan"))], "missing"),
    ],
)
def test_bad_tiers_explained(tiers, words):
    with pytest.raises(ValueError, match=words):
        I.commission(1000, tiers)


def test_bad_method_and_sales():
    with pytest.raises(ValueError, match="marginal"):
        I.commission(1000, TIERS, "stepped")
    with pytest.raises(ValueError, match="cannot be negative"):
        I.commission(-1, TIERS)


# --- properties ------------------------------------------------------------


@st.composite
def tier_tables(draw):
    n = draw(st.integers(1, 5))
    gaps = draw(st.lists(st.floats(1.0, 1e6), min_size=n - 1, max_size=n - 1))
    thresholds = np.concatenate([[0.0], np.cumsum(gaps)])
    rates = draw(st.lists(st.floats(0.0, 0.5), min_size=n, max_size=n))
    return list(zip(thresholds.tolist(), rates))


@settings(max_examples=200, deadline=None)
@given(tier_tables(), st.lists(st.floats(0.0, 5e6), min_size=2, max_size=30))
def test_marginal_pay_never_decreases_with_sales(tiers, sales):
    s = np.sort(np.array(sales))
    pay = I.commission(s, tiers)
    assert np.all(np.diff(pay) >= -1e-9 * (1 + pay[1:]))


@settings(max_examples=200, deadline=None)
@given(tier_tables())
def test_retroactive_jumps_exactly_at_thresholds(tiers):
    for i in range(1, len(tiers)):
        t, r_above = tiers[i]
        r_below = tiers[i - 1][1]
        at = I.commission(t, tiers, "retroactive")
        below = np.nextafter(t, 0.0)
        assert at == pytest.approx(r_above * t, rel=1e-12)
        assert I.commission(below, tiers, "retroactive") == pytest.approx(
            r_below * below, rel=1e-12
        )
        # tolerances relative to the money at stake (t reaches 4e6, commissions 2e6)
        money = 1e-12 * max(1.0, t)
        assert at - r_below * t == pytest.approx(I.cliff(tiers, i), rel=1e-9, abs=money)
        # the marginal plan has no jump there
        assert I.commission(t, tiers) - I.commission(below, tiers) == pytest.approx(0.0, abs=money)


@settings(max_examples=100, deadline=None)
@given(tier_tables(), st.floats(0.0, 5e6))
def test_marginal_never_pays_more_than_retroactive_with_rising_rates(tiers, sales):
    rising = sorted(r for _, r in tiers)
    tiers = [(t, r) for (t, _), r in zip(tiers, rising)]
    assert I.commission(sales, tiers) <= I.commission(sales, tiers, "retroactive") + 1e-6


# --- plans -----------------------------------------------------------------


def test_accelerated_tiers_and_cliff():
    assert I.accelerated_tiers(1_000_000, 0.04, 1.5) == [(0.0, 0.04), (1_000_000.0, 0.06)]
    t = I.accelerated_tiers(1_000_000, 0.04, 2.0, decelerator=0.5, start=200_000)
    assert t == [(0.0, 0.0), (200_000.0, 0.04), (1_000_000.0, 0.08), (2_000_000.0, 0.04)]
    assert I.cliff(TIERS, 2) == pytest.approx(200_000 * 0.02)
    with pytest.raises(ValueError, match="no threshold number 3"):
        I.cliff(TIERS, 3)


def test_plan_threshold_cap_and_margin_basis():
    plan = I.Plan(((0, 0.05),), threshold=50_000, cap=4_000)
    assert I.plan_pay(plan, np.array([40_000, 60_000, 100_000])).tolist() == [0.0, 3_000.0, 4_000.0]
    gp_plan = I.Plan(((0, 0.20),), basis="gross_profit")
    assert I.plan_pay(gp_plan, 100_000, 25_000) == pytest.approx(5_000.0)
    assert I.plan_pay(gp_plan, 100_000, -1_000) == 0.0  # a loss earns nothing, not a negative
    with pytest.raises(ValueError, match="gross profit"):
        I.plan_pay(gp_plan, 100_000)
    with pytest.raises(ValueError, match="revenue' or 'gross_profit"):
        I.Plan(((0, 0.1),), basis="units")
    with pytest.raises(ValueError, match="cap must be above 0"):
        I.Plan(((0, 0.1),), cap=0)


def test_payout_curve_shows_the_cliff():
    plan = I.Plan(tuple(TIERS), "retroactive")
    curve = I.payout_curve(plan, 300_000)
    assert curve["basis"].is_monotonic_increasing
    assert 100_000.0 in set(curve["basis"])
    steps = curve["pay"].diff()
    at = curve.index[curve["basis"] == 100_000.0][0]
    assert steps[at] == pytest.approx(100_000 * 0.03, rel=1e-3)  # the first cliff
    assert steps.max() == pytest.approx(200_000 * 0.02, rel=1e-3)  # the second, larger one
    assert curve["rate"].iloc[-1] == pytest.approx(0.10)


def test_plan_outcomes_and_cost_of_sales():
    results = pd.DataFrame(
        {"revenue": [1_000_000.0, 3_000_000.0], "gross_profit": [250_000.0, 600_000.0]},
        index=["R01", "R02"],
    )
    out = I.plan_outcomes(results, I.Plan(((0, 0.03),)))
    assert out["pay"].tolist() == pytest.approx([30_000.0, 90_000.0])
    assert out["cost_of_sales"].tolist() == pytest.approx([0.03, 0.03])
    assert out["pay_share_of_profit"].tolist() == pytest.approx([0.12, 0.15])
    assert out["profit_after_pay"].tolist() == pytest.approx([220_000.0, 510_000.0])
    assert I.cost_of_sales(out["pay"], out["revenue"]) == pytest.approx(0.03)
    with pytest.raises(ValueError, match="'gross_profit' column"):
        I.plan_outcomes(results[["revenue"]], I.Plan(((0, 0.03),)))


# --- behaviour ---------------------------------------------------------------


def test_revenue_plan_buys_discounts_margin_plan_does_not():
    # Constant elasticity -4, unit cost 72, list price 100: revenue ~ (1-d)^-3 keeps rising
    # with the discount, so a revenue-paid rep gives the largest discount allowed. Gross profit
    # peaks at the optimal price c e / (1 + e) = 72 x 4 / 3 = 96 (Varian, Intermediate
    # Microeconomics, ch. 25), a 4 % discount: a margin-paid rep picks exactly that.
    rev_plan = I.Plan(((0, 0.05),))
    gp_plan = I.Plan(((0, 0.20),), basis="gross_profit")
    a = I.discount_choice(rev_plan, 100, 72, 1_000, -4.0)
    b = I.discount_choice(gp_plan, 100, 72, 1_000, -4.0)
    assert a.rep_discount == pytest.approx(0.30)
    assert b.rep_discount == pytest.approx(b.company_discount)
    assert b.rep_discount == pytest.approx(0.04)
    assert a.company_profit < b.company_profit
    # under a margin plan the company keeps 80 % of the best gross profit
    assert b.company_profit == pytest.approx(0.8 * b.table["gross_profit"].max())


def test_discount_choice_errors():
    with pytest.raises(ValueError, match="elasticity"):
        I.discount_choice(I.Plan(((0, 0.05),)), 100, 70, 1_000, 1.5)
    with pytest.raises(ValueError, match="discount"):
        I.discount_choice(I.Plan(((0, 0.05),)), 100, 70, 1_000, -2, discounts=[0.1, 1.2])


def test_plan_summary():
    results = pd.DataFrame(
        {
            "revenue": [1_000_000.0, 3_000_000.0, 100_000.0],
            "gross_profit": [250_000.0, 600_000.0, 20_000.0],
        }
    )
    plan = I.Plan(((0, 0.03),), threshold=500_000, cap=60_000)
    s = I.plan_summary(I.plan_outcomes(results, plan), plan)
    # pay: 30,000; 90,000 capped at 60,000; 0 below the threshold
    assert s["total_pay"] == pytest.approx(90_000)
    assert s["cost_of_sales"] == pytest.approx(90_000 / 4_100_000)
    assert s["share_of_profit"] == pytest.approx(90_000 / 870_000)
    assert (s["unpaid"], s["capped"]) == (1, 1)


def test_exercises_diagnose_typical_mistakes():
    from salesprofit.exercises import incentives as X

    ex = X.retroactive_commission(6_150_000, [(0, 0.02), (6_000_000, 0.03), (9_000_000, 0.04)])
    assert ex.answer == pytest.approx(184_500)
    assert ex.check("184500").correct
    assert ex.check(str(I.commission(6_150_000, [(0, 0.02), (6_000_000, 0.03)]))).kind == "mistake"
    assert "marginal" in ex.check("124500").message
    ex2 = X.margin_plan_pay(list_price=120.0, unit_cost=84.0, units=2_000, discount=0.10, rate=0.15)
    # price 108, gross profit (108 - 84) x 2,000 = 48,000, pay 15 % = 7,200
    assert ex2.answer == pytest.approx(7_200)
    assert "on revenue" in ex2.check(str(0.15 * 108 * 2_000)).message


# --- one call per calculator and the chapter 9 labs (issue 13) ---------------------


def test_tier_forms_and_the_cliff_hand_calculation():
    tiers = [(0, 0.02), (6_000_000, 0.03), (9_000_000, 0.04)]
    f = I.tier_forms(tiers, 5_800_000)
    assert f.marginal == pytest.approx(0.02 * 5_800_000)
    assert f.retroactive == pytest.approx(0.02 * 5_800_000)
    assert f.next_threshold == 6_000_000 and f.gap == pytest.approx(200_000)
    assert f.retroactive_gain == pytest.approx(0.03 * 6_000_000 - 0.02 * 5_800_000)
    assert f.marginal_gain == pytest.approx(0.02 * 200_000)
    assert f.cliff == pytest.approx(6_000_000 * 0.01)
    top = I.tier_forms(tiers, 10_000_000)
    assert top.next_index == -1 and top.retroactive == pytest.approx(400_000)


def test_near_threshold_and_plan_comparison():
    results = pd.DataFrame(
        {
            "name": ["A", "B", "C"],
            "revenue": [5_990_000.0, 5_000_000.0, 5_700_000.0],
            "gross_profit": [1_000_000.0, 1_200_000.0, 900_000.0],
            "gross_margin": [0.17, 0.24, 0.16],
            "avg_discount": [0.12, 0.05, 0.15],
        },
        index=["R1", "R2", "R3"],
    )
    tiers = [(0, 0.02), (6_000_000, 0.03)]
    near = I.near_threshold(results, tiers, 1, 500_000)
    assert near.index.tolist() == ["R1", "R3"]
    assert near.loc["R1", "jump"] == pytest.approx(0.03 * 6_000_000 - 0.02 * 5_990_000)
    cmp = I.compare_plans(results, I.Plan(((0, 0.01),)), I.Plan(((0, 0.05),), basis="gross_profit"))
    assert (cmp.deepest, cmp.shallowest, cmp.deepest_name) == ("R3", "R2", "C")
    assert cmp.cost_a == pytest.approx(0.01)
    assert cmp.deepest_pay_b == pytest.approx(0.05 * 900_000)
    link = I.discount_margin_link(results, n=2)
    assert link.deepest == ("R3", "R1") and link.overlap == 2


def test_exercises_accept_the_solution_as_shown():
    from salesprofit.exercises import incentives as X

    r = X.retroactive_commission(6_150_000, [(0, 0.02), (6_000_000, 0.03), (9_000_000, 0.04)])
    assert r.check(round(0.03 * 6_150_000)).kind == "right"  # the top rate on all sales
    assert r.check(round(0.02 * 6_000_000 + 0.03 * 150_000)).kind == "mistake"  # marginal
    m = X.margin_plan_pay(list_price=120.0, unit_cost=84.0, units=2_000, discount=0.10, rate=0.15)
    assert m.check(round(2_000 * (108 - 84) * 0.15)).kind == "right"
    assert m.check(round(0.15 * 2_000 * 108)).kind == "mistake"  # paid on revenue
    assert m.check(round(0.15 * (120 - 84) * 2_000)).kind == "mistake"  # list price used
