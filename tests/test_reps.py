"""salesprofit.reps: pipeline by rep, discount discipline, velocity levers.

The sample company plants three over-discounting reps (datasets/ground_truth.json:
``over_discounting_reps``); the analysis must find exactly them.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import data, funnel, reps
from salesprofit.labs import reps as reps_labs

ROOT = Path(__file__).resolve().parent.parent
TRUTH = json.loads((ROOT / "datasets" / "ground_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lines():
    return reps.rep_lines(data.load("order_lines"), data.load("orders"), data.load("customers"))


@pytest.fixture(scope="module")
def opportunities():
    return data.load("opportunities")


# --- Wilson interval -----------------------------------------------------------


def test_wilson_interval_published_values():
    # Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
    # seven methods", Statistics in Medicine 17 (1998), worked examples of the score
    # (Wilson) interval: 0/20 -> (0, 0.1611) and 81/263 -> (0.2553, 0.3662).
    low, high = reps.wilson_interval(0, 20)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(0.1611, abs=1e-4)
    low, high = reps.wilson_interval(81, 263)
    assert (low, high) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    low, high = reps.wilson_interval(np.array([1, 0]), np.array([4, 0]))
    assert np.isnan(low[1]) and 0 < low[0] < 0.25 < high[0]


def test_wilson_refuses_more_wins_than_deals():
    with pytest.raises(ValueError, match="outnumber"):
        reps.wilson_interval(5, 3)


# --- pipeline by rep -------------------------------------------------------------


def test_pipeline_by_rep_small_example():
    opp = pd.DataFrame(
        {
            "rep_id": ["A", "A", "A", "A", "B", "B"],
            "status": ["won", "won", "lost", "open", "lost", "lost"],
            "amount": [100.0, 300.0, 50.0, 999.0, 10.0, 20.0],
            "created_date": pd.to_datetime(
                ["2025-01-01", "2025-02-01", "2025-01-01", "2025-03-01", "2025-01-01", "2025-01-01"]
            ),
            "closed_date": pd.to_datetime(
                ["2025-01-21", "2025-03-03", "2025-01-05", None, "2025-01-02", "2025-01-03"]
            ),
        }
    )
    t = reps.pipeline_by_rep(opp)
    assert t.loc["A", ["opportunities", "closed", "won"]].tolist() == [4, 3, 2]
    assert t.loc["A", "win_rate"] == pytest.approx(2 / 3)
    assert t.loc["A", "avg_deal_size"] == pytest.approx(200.0)  # the open 999 does not count
    assert t.loc["A", "cycle_days"] == pytest.approx((20 + 30) / 2)
    assert t.loc["B", "win_rate"] == 0 and np.isnan(t.loc["B", "avg_deal_size"])


def test_pipeline_by_rep_on_the_sample_company(opportunities):
    t = reps.pipeline_by_rep(opportunities)
    assert len(t) == 20 and t["opportunities"].sum() == len(opportunities)
    closed = opportunities[opportunities["status"] != "open"]
    overall = (closed["status"] == "won").mean()
    assert (t["won"].sum() / t["closed"].sum()) == pytest.approx(overall)
    assert (t["win_rate_low"] <= t["win_rate"]).all() and (
        t["win_rate"] <= t["win_rate_high"]
    ).all()
    # a rep with few closed deals gets a wide interval
    widths = t["win_rate_high"] - t["win_rate_low"]
    assert widths.idxmax() in {"R19", "R20"}


def test_pipeline_by_rep_names_missing_columns(opportunities):
    with pytest.raises(ValueError, match="closed_date"):
        reps.pipeline_by_rep(opportunities.drop(columns="closed_date"))


# --- discount discipline --------------------------------------------------------------


def test_modified_z_iglewicz_hoaglin():
    # Iglewicz & Hoaglin, How to Detect and Handle Outliers (ASQC 1993): the modified
    # z-score M = 0.6745 (x - median) / MAD, outliers above 3.5.
    x = np.array([2.1, 2.2, 2.3, 2.3, 2.4, 2.5, 6.0])
    med, mad = 2.3, 0.1
    assert reps.modified_z(x) == pytest.approx(0.6745 * (x - med) / mad)
    assert (reps.modified_z(x) > 3.5).tolist() == [False] * 6 + [True]
    with pytest.raises(ValueError, match="no spread"):
        reps.modified_z([1.0, 1.0, 1.0, 2.0])


def test_discount_discipline_finds_the_planted_over_discounters(lines):
    d = reps.discount_discipline(lines, threshold=0.15, peer_by="tier")
    assert sorted(d.index[d["flagged"]]) == TRUTH["over_discounting_reps"] == ["R11", "R13", "R15"]
    flagged = d.loc[TRUTH["over_discounting_reps"]]
    assert (flagged["robust_z"] > 3.5).all() and (flagged["p_value"] < 1e-6).all()
    # their excess is close to the planted extra discount (5 points of list), the others' near 0
    assert flagged["excess_discount"].min() > 0.6 * TRUTH["over_discount_extra"]
    others = d.drop(index=TRUTH["over_discounting_reps"])
    # weighted by list sales, a rep whose biggest lines get less than peers can sit a little below 0
    assert others["excess_discount"].abs().max() < 0.05
    # the yearly cost is the one definition: list sales x excess / years
    assert d["excess_cost_per_year"].to_numpy() == pytest.approx(
        (d["list_revenue"] * d["excess_discount"]).to_numpy(), rel=1e-9
    )


def test_discount_discipline_matches_the_generators_measured_means(lines):
    d = reps.discount_discipline(lines)
    observed = pd.Series(TRUTH["observed"]["mean_discount_by_rep"])
    assert d["line_discount"].round(4).to_dict() == pytest.approx(observed.to_dict(), abs=5e-5)
    assert d["lines"].sum() == len(lines)
    money = (lines["quantity"] * (lines["list_price"] - lines["net_price"])).sum()
    assert d["discount_given"].sum() == pytest.approx(money)


def test_like_for_like_comparison_matters(lines):
    # Without comparing like with like (key accounts get deeper discounts everywhere),
    # the raw average discount misses planted over-discounters.
    raw = reps.discount_discipline(lines, peer_by=None)
    assert set(raw.index[raw["flagged"]]) < set(TRUTH["over_discounting_reps"])


def test_discount_discipline_small_example():
    lines = pd.DataFrame(
        {
            "rep_id": ["A", "A", "B", "B"],
            "tier": ["key", "std", "key", "std"],
            "discount": [0.20, 0.00, 0.10, 0.10],
            "quantity": [1, 3, 2, 2],
            "list_price": [100.0, 10.0, 50.0, 10.0],
        }
    )
    lines["net_price"] = lines["list_price"] * (1 - lines["discount"])
    d = reps.discount_discipline(lines, threshold=0.15, cutoff=10.0)
    assert d.loc["A", "avg_discount"] == pytest.approx(20 / 130)
    assert d.loc["A", "share_above"] == 0.5 and d.loc["B", "share_above"] == 0.0
    # peers: key mean 0.15, std mean 0.05 -> A: +0.05 on ¥100 of list and -0.05 on ¥30;
    # weighted by list sales: (5 - 1.5) / 130 points of list
    assert d.loc["A", "excess_discount"] == pytest.approx((0.05 * 100 - 0.05 * 30) / 130)
    assert d.loc["A", "excess_cost"] == pytest.approx(0.05 * 100 - 0.05 * 30)
    assert d.loc["A", "excess_cost_per_year"] == pytest.approx(0.05 * 100 - 0.05 * 30)  # years=1


def test_mann_whitney_matches_scipy():
    from scipy import stats

    rng = np.random.default_rng(3)
    x = np.round(rng.normal(0, 1, 300), 1)  # ties, as discounts have
    g = np.repeat(["A", "B", "C"], 100)
    p = reps._mann_whitney_by_group(g, x, ["A", "B", "C"])
    for i, lab in enumerate("ABC"):
        ref = stats.mannwhitneyu(
            x[g == lab], x[g != lab], alternative="greater", method="asymptotic"
        )
        assert p[i] == pytest.approx(ref.pvalue, rel=1e-9)


def test_discount_discipline_refuses_bad_input(lines):
    with pytest.raises(ValueError, match="threshold"):
        reps.discount_discipline(lines, threshold=1.5)
    with pytest.raises(ValueError, match="segment_x"):
        reps.discount_discipline(lines, peer_by="segment_x")


def test_rep_lines_refuses_orphan_lines():
    ol = pd.DataFrame(
        {
            "order_id": ["O1", "O9"],
            "quantity": [1, 1],
            "list_price": [10.0, 10.0],
            "discount": [0.0, 0.0],
            "net_price": [10.0, 10.0],
        }
    )
    orders = pd.DataFrame({"order_id": ["O1"], "rep_id": ["R01"]})
    with pytest.raises(ValueError, match="no matching order"):
        reps.rep_lines(ol, orders)


def test_over_discounters_do_not_sell_more(opportunities, lines):
    comp = reps.rep_comparison(opportunities, lines)
    over = TRUTH["over_discounting_reps"]
    tenured = comp.drop(index=TRUTH["new_hire_reps"])
    rest = tenured.drop(index=over)
    # lower margins, and no more sales volume than the other tenured reps
    assert comp.loc[over, "gross_margin"].max() < rest["gross_margin"].min()
    assert comp.loc[over, "net_revenue"].max() < rest["net_revenue"].median()


# --- velocity levers ----------------------------------------------------------------


def test_pipeline_levers_reproduce_the_money_won(opportunities):
    lev = reps.pipeline_levers(opportunities, "2024-01-01", "2025-12-31")
    won = opportunities[
        (opportunities["status"] == "won")
        & opportunities["closed_date"].between("2024-01-01", "2025-12-31")
    ]
    per_day = won["amount"].sum() / 730
    assert lev.velocity == pytest.approx(funnel.sales_velocity(*lev[:4]))
    assert lev.velocity == pytest.approx(per_day, rel=0.10)  # the formula matches the money won
    assert lev.win_rate == pytest.approx(len(won) / opportunities["closed_date"].notna().sum())


def test_lever_gains_worked_example():
    # 50 opportunities, 25 %, ¥20,000, 100 days -> ¥2,500 a day (funnel doctest);
    # +10 % on a multiplying lever is +¥250 a day, a 10 % shorter cycle +¥277.78.
    t = reps.lever_gains(50, 0.25, 20_000, 100, improvement=0.10, days=365)
    assert t.loc[0, "lever"] == "cycle_days"
    assert t.loc[0, "gain_per_day"] == pytest.approx(2500 / 0.9 - 2500)
    assert t.set_index("lever")["gain_per_day"].drop("cycle_days").tolist() == pytest.approx(
        [250.0] * 3
    )
    assert t.loc[0, "gain_per_period"] == pytest.approx((2500 / 0.9 - 2500) * 365)
    assert t.set_index("lever").loc["win_rate", "new"] == pytest.approx(0.275)
    with pytest.raises(ValueError, match="100 %"):
        reps.lever_gains(50, 0.95, 20_000, 100, improvement=0.10)


def test_velocity_what_if():
    r = reps.velocity_what_if(
        50,
        0.25,
        20_000,
        100,
        opportunities_change=0.1,
        win_rate_change=0.1,
        deal_size_change=0.1,
        cycle_change=-0.1,
    )
    assert r["velocity"] == 2500.0
    assert r["gain_share"] == pytest.approx(1.1**3 / 0.9 - 1)
    with pytest.raises(ValueError, match="above 100 %"):
        reps.velocity_what_if(50, 0.8, 20_000, 100, win_rate_change=0.5)
    with pytest.raises(ValueError, match="cycle change"):
        reps.velocity_what_if(50, 0.25, 20_000, 100, cycle_change=-1.0)
    vec = reps.velocity_what_if(np.array([50.0, 100.0]), 0.25, 20_000, 100, deal_size_change=0.2)
    assert vec["new_velocity"].tolist() == pytest.approx([3000.0, 6000.0])


@settings(deadline=None)
@given(
    st.floats(1, 1e4),
    st.floats(0.01, 0.8),
    st.floats(1, 1e6),
    st.floats(1, 1e3),
    st.floats(0.01, 0.2),
)
def test_shorter_cycle_always_pays_most(o, w, d, c, k):
    t = reps.lever_gains(o, w, d, c, improvement=k)
    assert t.loc[0, "lever"] == "cycle_days"
    assert t["gain_share"].iloc[0] == pytest.approx(1 / (1 - k) - 1)
    assert t["gain_share"].iloc[1:].tolist() == pytest.approx([k] * 3)


# --- exercises --------------------------------------------------------------------------


def test_cycle_gain_exercise_diagnoses_mistakes():
    from salesprofit import exercises

    ex = exercises.reps.cycle_gain(50, 0.25, 20_000, 100, 0.10)
    assert ex.answer == pytest.approx(2500 / 0.9 - 2500)
    assert ex.check(f"{ex.answer:.2f}").correct
    assert ex.check("250").kind == "mistake" and "divides" in ex.check("250").message
    assert ex.check(f"{2500 / 0.9:.2f}").kind == "mistake"  # new velocity, not the gain
    assert ex.check("1000").kind == "wrong"


def test_over_discount_cost_exercise():
    from salesprofit import exercises

    ex = exercises.reps.over_discount_cost("R15", 7_665_000, 0.068, 0.183, years=2)
    assert ex.answer == pytest.approx(7_665_000 * 0.068 / 2)
    assert ex.check(f"{ex.answer:.0f}").correct
    assert "per year" in ex.check(f"{7_665_000 * 0.068:.0f}").message
    assert "excess" in ex.check(f"{7_665_000 * 0.183 / 2:.0f}").message


# --- lab 2.2: one definition of the cost of excess discount ---------------------------


def test_rep_comparison_lab_table_and_exercise_agree(opportunities, lines):
    """Issue 13 item 1: the exercise's answer is what the table the learner reads shows."""
    from salesprofit import exercises

    lab = reps_labs.rep_comparison_lab(opportunities, lines, TRUTH["new_hire_reps"], years=2)
    assert sorted(lab.flagged) == TRUTH["over_discounting_reps"]
    top = lab.ranked.iloc[0]
    assert lab.ranked.index[0] == "R15"
    # the table's yearly cost is list sales x excess / 2 years (hand calculation on its columns)
    assert top["excess_cost_per_year"] == pytest.approx(
        top["list_revenue"] * top["excess_discount"] / 2, rel=1e-9
    )
    assert top["excess_cost"] == pytest.approx(2 * top["excess_cost_per_year"], rel=1e-9)
    # the exercise built from the table's rounded values accepts the table's own figure
    ex = exercises.reps.over_discount_cost(
        "R15 (Hu Bin)",
        round(float(top["list_revenue"]), -3),
        round(float(top["excess_discount"]), 4),
        round(float(top["avg_discount"]), 3),
        years=2,
    )
    assert ex.check(f"{top['excess_cost_per_year']:.0f}").correct
    # the Wilson range of the intro's example: 6 of 23 deals
    low, high = lab.example_range
    assert (round(low, 2), round(high, 2)) == (0.13, 0.46)
    assert lab.flagged_cost_per_year == pytest.approx(
        lab.comparison.loc[lab.flagged, "excess_cost_per_year"].sum(), rel=1e-9
    )


def test_over_discount_cost_solution_as_shown_is_accepted():
    from salesprofit import exercises

    # the solution shows ¥7,665,000 x 7.98 % = ¥611,667 over 2 years; per year ¥611,667 / 2
    ex = exercises.reps.over_discount_cost("R15", 7_665_000, 0.0798, 0.183, years=2)
    assert "¥611,667" in ex.solution  # 7,665,000 x 0.0798 = 611,667 (hand calculation)
    assert ex.check("305834").correct  # 611,667 / 2 rounded, as a learner would type it
    assert ex.check("305833.5").correct
    assert ex.check("611667").kind == "mistake"  # two years, not one
    assert ex.check(f"{7_665_000 * 0.183 / 2:.0f}").kind == "mistake"  # all discounts
    assert ex.check(f"{7_665_000 * (1 - 0.183) * 0.0798 / 2:.0f}").kind == "mistake"  # net sales
    assert ex.check(f"{7_665_000 * 7.98 / 2:.0f}").kind == "mistake"  # points, not a fraction


# --- lab 2.1: the levers come from funnel.pipeline_measures ----------------------------


def test_velocity_lab_uses_the_one_pipeline_measure(opportunities):
    lab = reps_labs.velocity_lab(opportunities, "2024-01-01", "2025-12-31")
    m = funnel.pipeline_measures(opportunities, "2024-01-01", "2025-12-31")
    assert lab.levers.velocity == m.velocity
    assert lab.levers.opportunities == pytest.approx(2723 / 730 * m.cycle_days, rel=1e-12)
    # one more point of win rate: velocity x (w + 0.01) / w - velocity, over a year
    assert lab.point_gain_per_year == pytest.approx(m.velocity * 0.01 / m.win_rate * 365, rel=1e-9)
    # one day shorter: v x L / (L - 1) - v, over a year
    L = m.cycle_days
    assert lab.day_gain_per_year == pytest.approx(m.velocity * (L / (L - 1) - 1) * 365, rel=1e-9)


def test_cycle_gain_solution_as_shown():
    from salesprofit import exercises

    # 50 x 25 % x ¥20,000 / 100 days = ¥2,500.00 a day; / 0.9 = ¥2,777.78; gain ¥277.78
    ex = exercises.reps.cycle_gain(50, 0.25, 20_000, 100, 0.10)
    assert "¥2,500.00" in ex.solution and "¥2,777.78" in ex.solution
    assert ex.check("277.78").correct
    assert ex.check("250").kind == "mistake"  # 10 % of velocity
    assert ex.check(f"{2500 / 0.9:.2f}").kind == "mistake"  # the new velocity
    assert ex.check(f"{277.78 * 365:.0f}").kind == "mistake"  # a year, not a day
    assert ex.check(f"{2500 / 1.1 - 2500:.2f}").kind == "mistake"  # a longer cycle: a loss
