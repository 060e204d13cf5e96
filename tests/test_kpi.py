"""salesprofit.kpi: scorecards, revenue vs profit rankings, the quarterly review."""

import numpy as np
import pandas as pd
import pytest

from salesprofit import data
from salesprofit import kpi as K


@pytest.fixture(scope="module")
def tables():
    return {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "surveys", "targets")
    }


@pytest.fixture(scope="module")
def results_2025(tables):
    o, a, s = tables["orders"], tables["activities"], tables["surveys"]
    return K.rep_results(
        o[o["order_date"].dt.year == 2025],
        tables["order_lines"],
        tables["customers"],
        a[a["date"].dt.year == 2025],
        s[s["date"].dt.year == 2025],
    )


def test_normalise():
    assert K.normalise(pd.Series([10.0, 20.0, 15.0])).tolist() == [0.0, 1.0, 0.5]
    assert K.normalise(pd.Series([0.1, 0.2]), higher_is_better=False).tolist() == [1.0, 0.0]
    assert K.normalise(pd.Series([3.0, 3.0])).tolist() == [0.5, 0.5]


def test_scorecard_weighted_example():
    # Weighted-KPI scorecard (Johnston & Marshall, Sales Force Management, 13th ed., ch. 14):
    # three reps, revenue and margin min-max scored; A (100, 30 %) -> (0, 1), B (200, 10 %) -> (1, 0),
    # C (150, 20 %) -> (0.5, 0.5). Weights 1:3 -> A 0.75, C 0.5, B 0.25.
    k = pd.DataFrame(
        {"revenue": [100.0, 200.0, 150.0], "margin": [0.3, 0.1, 0.2]}, index=["A", "B", "C"]
    )
    sc = K.scorecard(k, {"revenue": 1, "margin": 3})
    assert sc.index.tolist() == ["A", "C", "B"]
    assert sc["score"].tolist() == pytest.approx([0.75, 0.5, 0.25])
    assert sc["rank"].tolist() == [1, 2, 3]
    # the same weights scaled give the same scorecard
    assert K.scorecard(k, {"revenue": 0.25, "margin": 0.75})["score"].tolist() == pytest.approx(
        [0.75, 0.5, 0.25]
    )
    # lower-is-better flips a KPI
    sc2 = K.scorecard(k, {"margin": 1}, lower_is_better=["margin"])
    assert sc2.index[0] == "B"
    # revenue only puts B first
    assert K.scorecard(k, {"revenue": 1, "margin": 0}).index[0] == "B"
    assert "margin_score" not in K.scorecard(k, {"revenue": 1, "margin": 0})


def test_scorecard_errors():
    k = pd.DataFrame({"revenue": [1.0, 2.0]})
    with pytest.raises(ValueError, match="No KPI called 'profit'"):
        K.scorecard(k, {"profit": 1})
    with pytest.raises(ValueError, match=r"(a|A)ll KPI weights are zero"):
        K.scorecard(k, {"revenue": 0})
    with pytest.raises(ValueError, match="weight must be at least 0"):
        K.scorecard(k, {"revenue": -1})


def test_rep_results_match_a_direct_sum(results_2025, tables):
    o, ol = tables["orders"], tables["order_lines"]
    mine = o[
        (o["rep_id"] == "R10") & (o["order_date"].dt.year == 2025) & (o["status"] == "delivered")
    ]
    lines = ol[ol["order_id"].isin(mine["order_id"])]
    rev = (lines["quantity"] * lines["net_price"]).sum()
    assert results_2025.loc["R10", "revenue"] == pytest.approx(rev)
    assert results_2025.loc["R10", "orders"] == len(mine)
    assert results_2025["nps"].between(-100, 100).all()
    assert (results_2025["profit"] < results_2025["gross_profit"]).all()


def test_revenue_and_profit_rank_the_team_differently(results_2025):
    comp = K.compare_rankings(results_2025, "revenue", "profit")
    assert comp.index[0] == "R17"  # top seller by revenue
    assert comp["rank_by_profit"].idxmin() == "R10"  # top earner of profit
    assert (comp["moves"] != 0).sum() >= 8
    # the planted over-discounters fall when ranked on profit margin
    margin = K.compare_rankings(results_2025, "revenue", "profit_margin")
    for rep in ("R11", "R13", "R15"):
        assert margin.loc[rep, "rank_by_profit_margin"] >= 18
    assert K.rank_correlation(results_2025["revenue"], results_2025["profit_margin"]) < 0.5


def test_quarterly_review_against_targets(tables):
    review = K.quarterly_review(
        tables["orders"], tables["order_lines"], tables["targets"], year=2025
    )
    assert set(review["year"]) == {2025}
    row = review[(review["rep_id"] == "R01") & (review["quarter"] == 1)].iloc[0]
    assert row["revenue_target"] == 1_500_000.0  # targets.csv, R01 2025 Q1
    assert row["revenue_attainment"] == pytest.approx(row["revenue"] / 1_500_000.0)
    # Q1 2025 compares with Q4 2024 (the year filter comes after the change is computed)
    assert review["revenue_qoq"].notna().sum() >= 75
    grid = K.review_table(review, "revenue_attainment")
    assert list(grid.columns) == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
    assert np.isnan(grid.loc["R20", "2025Q1"])  # hired in April 2025


def test_rank_correlation():
    assert K.rank_correlation(pd.Series([1, 2, 3]), pd.Series([10, 20, 30])) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="two different values"):
        K.rank_correlation(pd.Series([1, 1]), pd.Series([1, 2]))


def test_exercises_diagnose_typical_mistakes():
    from salesprofit.exercises import kpi as X

    ex = X.profit_margin("R15", 1_000_000, 160_000, 80_000)
    assert ex.answer == pytest.approx(0.08)
    assert "gross margin" in ex.check("16").message
    w = X.weighted_score("A", {"revenue": 20, "margin": 90}, {"revenue": 50, "margin": 50})
    assert w.answer == pytest.approx(55)
    # the same number through the scorecard model: A scores (0.2, 0.9) between reps at 0 and 100
    k = pd.DataFrame(
        {"revenue": [0.0, 20.0, 100.0], "margin": [0.0, 90.0, 100.0]}, index=["lo", "A", "hi"]
    )
    assert K.scorecard(k, {"revenue": 50, "margin": 50}).loc["A", "score"] * 100 == pytest.approx(
        w.answer
    )
    assert w.check("55").correct and not w.check("45").correct


# --- lab 6.2 judges on attainment (issue 13 item 6); one definition of the KPIs -------


def test_quarter_review_judges_r08_on_attainment_not_on_its_fall():
    from salesprofit import data

    history = K.quarterly_review(
        data.load("orders"), data.load("order_lines"), data.load("targets")
    )
    q4 = K.quarter_review(history, 2025, 4)
    r08 = q4.table.loc["R08"]
    # R08's revenue fell most on Q3, but its Q4 target was cut by 40 %: best attainment
    assert q4.sharpest_fall == "R08" and q4.best == "R08" and q4.fall_is_planned
    assert round(r08["revenue_qoq"], 3) == -0.208 and round(r08["revenue_attainment"], 3) == 1.087
    assert r08["revenue_attainment"] == pytest.approx(r08["revenue"] / r08["revenue_target"])
    assert round(r08["target_qoq"], 2) == -0.41
    assert "R08" not in q4.missed and q4.first == q4.table["revenue_attainment"].idxmin()
    assert all(q4.table.loc[r, "revenue_attainment"] < 0.9 for r in q4.missed)


def test_rep_results_use_the_one_line_definitions():
    from salesprofit import data, profitability

    orders, lines = data.load("orders"), data.load("order_lines")
    res = K.rep_results(orders, lines)
    delivered = orders.loc[orders["status"] == "delivered", "order_id"]
    mine = lines[lines["order_id"].isin(delivered)]
    assert res["revenue"].sum() == pytest.approx(
        profitability.line_net_sales(mine).sum(), rel=1e-12
    )
    assert res["gross_profit"].sum() == pytest.approx(
        profitability.line_gross_profit(mine).sum(), rel=1e-12
    )


def test_kpi_exercises_solution_as_shown():
    from salesprofit import exercises

    # 1,000,000 revenue, 240,000 gross profit, 90,000 cost to serve: 150,000 / 1,000,000 = 15.0 %
    ex = exercises.kpi.profit_margin("R15 (Hu Bin)", 1_000_000, 240_000, 90_000)
    assert "¥150,000" in ex.solution and "15.0 %" in ex.solution
    assert ex.check("15.0").correct
    assert ex.check("24").kind == "mistake"  # gross margin
    assert ex.check(f"{150_000 / 240_000 * 100:.1f}").kind == "mistake"  # divided by gross profit
    assert ex.check("9").kind == "mistake"  # cost to serve share
    # (20 x 50 + 90 x 30 + 60 x 20) / 100 = 49.0 points
    ex = exercises.kpi.weighted_score(
        "Rep X", {"revenue": 20, "margin": 90, "NPS": 60}, {"revenue": 50, "margin": 30, "NPS": 20}
    )
    assert "49.0 points" in ex.solution and ex.check("49").correct
    assert ex.check("56.7").kind == "mistake"  # plain average
    assert ex.check("4900").kind == "mistake"  # not divided by the weights
    assert ex.check("90").kind == "mistake"  # the best KPI only
