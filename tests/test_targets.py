"""salesprofit.targets: decomposition, rounding, seasonality, calendar plans, quotas."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import data
from salesprofit import targets as T

TRUTH = json.loads(
    (Path(__file__).resolve().parents[1] / "datasets" / "ground_truth.json").read_text()
)


def test_decompose_target_worked_example():
    # Johnston & Marshall, Sales Force Management, 13th ed., ch. 13 (quotas set in proportion
    # to a seasonal or potential index). An annual target of 12,000,000 with quarterly
    # indices 0.8, 1.1, 1.0, 1.1 (sum 4.0) gives 2.4, 3.3, 3.0 and 3.3 million.
    parts = T.decompose_target(12_000_000, {"Q1": 0.8, "Q2": 1.1, "Q3": 1.0, "Q4": 1.1})
    assert isinstance(parts, pd.Series)
    assert list(parts.index) == ["Q1", "Q2", "Q3", "Q4"]
    assert parts.tolist() == pytest.approx([2_400_000, 3_300_000, 3_000_000, 3_300_000])
    assert parts.sum() == 12_000_000
    # a list of weights gives a positional index; a Series keeps its own
    assert T.decompose_target(10, [1, 1, 2]).tolist() == pytest.approx([2.5, 2.5, 5.0])
    s = pd.Series([1.0, 3.0], index=["R01", "R02"])
    assert T.decompose_target(100, s).to_dict() == pytest.approx({"R01": 25.0, "R02": 75.0})


@pytest.mark.parametrize(
    "total, weights, words",
    [
        (100, [1, -1], "cannot be negative"),
        (100, [0, 0], "all zero"),
        (100, [], "at least one weight"),
        (-5, [1, 2], "at least 0"),
        (float("nan"), [1], "missing"),
        ([1, 2], [1, 2], "one number"),
    ],
)
def test_decompose_target_errors(total, weights, words):
    with pytest.raises(ValueError, match=words):
        T.decompose_target(total, weights)


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0, 1e10),
    st.lists(st.floats(0, 1e6), min_size=1, max_size=60).filter(lambda w: sum(w) > 0),
)
def test_decomposition_parts_sum_to_total(total, weights):
    parts = T.decompose_target(total, weights)
    assert parts.sum() == pytest.approx(total, rel=1e-12, abs=1e-6)
    assert (parts >= -1e-9 * max(total, 1)).all()
    # and after rounding to whole yuan for the team, the rounded parts add up too
    rounded = T.round_parts(parts)
    assert rounded.sum() == round(parts.sum())
    assert (rounded - parts).abs().max() < 1 + 1e-6


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.floats(0.01, 100), min_size=1, max_size=53))
def test_whole_total_rounds_to_exactly_the_total(total, weights):
    assert T.round_parts(T.decompose_target(float(total), weights)).sum() == total


def test_round_parts_largest_remainder():
    # Hamilton's (largest-remainder) method: 100 split three ways -> 34, 33, 33.
    assert T.round_parts(pd.Series([100 / 3] * 3)).tolist() == [34.0, 33.0, 33.0]
    # the largest remainders get the extra units: 10.6, 20.3, 69.1 -> 11, 20, 69
    assert T.round_parts([10.6, 20.3, 69.1]).tolist() == [11.0, 20.0, 69.0]
    assert T.round_parts([1234.0, 5678.0], unit=100).tolist() == [1200.0, 5700.0]


def test_seasonality_recovers_the_sample_company():
    orders = data.load("orders")
    lines = data.load("order_lines").merge(orders[["order_id", "order_date"]], on="order_id")
    idx = T.seasonality_index(lines["order_date"], lines["quantity"] * lines["net_price"])
    assert idx.mean() == pytest.approx(1.0)
    observed = TRUTH["observed"]["seasonality_index"]
    for m in range(1, 13):
        assert idx[m] == pytest.approx(observed[str(m)], abs=5e-5)
    planted = TRUTH["seasonality_index"]
    assert idx.idxmin() == 2 and planted["2"] == min(planted.values())  # Chinese New Year


def test_calendar_plan_reconciles_at_every_level():
    idx = {
        m: v
        for m, v in zip(range(1, 13), [0.8, 0.6, 1.1, 1.1, 1.1, 1.1, 0.9, 0.9, 1.1, 1.0, 1.1, 1.2])
    }
    plan = T.calendar_plan(30_000_000, 2026, idx)
    assert plan["target"].sum() == pytest.approx(30_000_000)
    month = T.plan_table(plan, "month")
    assert month["target"].tolist() == pytest.approx(T.decompose_target(30_000_000, idx).tolist())
    assert T.plan_table(plan, "quarter")["target"].sum() == pytest.approx(30_000_000)
    weeks = T.plan_table(plan, "week")
    assert weeks["target"].sum() == pytest.approx(30_000_000)
    # 2026-01-01 is a Thursday: the first week starts on Monday 2025-12-29 and has 2 working days
    assert weeks["week"].iloc[0] == pd.Timestamp("2025-12-29")
    jan_day = 30_000_000 * 0.8 / 12.0 / 22  # January 2026 has 22 working days
    assert weeks["target"].iloc[0] == pytest.approx(2 * jan_day)
    assert plan.loc[plan["date"] == "2026-01-03", "target"].item() == 0  # a Saturday
    assert month["cumulative"].iloc[-1] == pytest.approx(30_000_000)
    with pytest.raises(ValueError, match="each month 1 to 12"):
        T.calendar_plan(100, 2026, {1: 1.0})
    with pytest.raises(ValueError, match="quarter', 'month' or 'week"):
        T.plan_table(plan, "day")


def test_targets_from_history_and_potential():
    assert T.history_target(10_000_000, 0.08) == pytest.approx(10_800_000)
    assert T.potential_target(50_000_000, 0.2) == pytest.approx(10_000_000)
    assert T.blend_target(10_000_000, 14_000_000, 0.25) == pytest.approx(11_000_000)
    s = T.history_target(pd.Series([1.0, 2.0], index=["a", "b"]), 0.5)
    assert s.to_dict() == {"a": 1.5, "b": 3.0}
    with pytest.raises(ValueError, match="growth must be above -1"):
        T.history_target(100, -1.5)
    with pytest.raises(ValueError, match="cannot win more"):
        T.potential_target(100, 1.2)


def test_allocate_quota_by_potential_and_history():
    pot = pd.Series({"R01": 30.0, "R02": 10.0})
    hist = pd.Series({"R01": 10.0, "R02": 10.0})
    a = T.allocate_quota(1_000, pot)
    assert a["quota"].tolist() == pytest.approx([750.0, 250.0])
    b = T.allocate_quota(1_000, pot, hist, weight_potential=0.5)
    # weight R01 = 0.5 x 0.75 + 0.5 x 0.5 = 0.625
    assert b["quota"].tolist() == pytest.approx([625.0, 375.0])
    assert b["quota"].sum() == 1_000
    with pytest.raises(ValueError, match="history"):
        T.allocate_quota(1_000, pot, weight_potential=0.5)


def test_territory_potential_and_attainment_on_the_sample_company():
    customers = data.load("customers")
    pot = T.territory_potential(customers)
    assert pot.sum() == pytest.approx(customers["estimated_potential"].sum())
    assert len(pot) == customers["rep_id"].nunique()
    assert T.attainment(1_100_000, 1_000_000) == pytest.approx(1.1)
    assert T.attainment(np.array([1.0, 3.0]), 2.0).tolist() == [0.5, 1.5]
    with pytest.raises(ValueError, match="zero target"):
        T.attainment(100, 0)


def test_allocate_quota_growth_needed():
    a = T.allocate_quota(
        1_200,
        pd.Series({"R01": 1.0, "R02": 1.0, "R03": 1.0}),
        pd.Series({"R01": 500.0, "R02": 300.0, "R03": 0.0}),
        weight_potential=1.0,
    )
    assert a["growth_needed"].iloc[:2].tolist() == pytest.approx([400 / 500 - 1, 400 / 300 - 1])
    assert np.isnan(a["growth_needed"].iloc[2])  # no history: growth is undefined


def test_exercises_diagnose_typical_mistakes():
    from salesprofit.exercises import targets as X

    idx = {m: 1.0 for m in range(1, 13)} | {2: 0.6, 4: 1.4}
    ex = X.monthly_target(1_200_000, idx, 2)
    assert ex.answer == pytest.approx(60_000)
    assert "evenly" in ex.check("100000").message
    assert "multiplied" in ex.check("720000").message
    q = X.quota_by_potential(24_000_000, {"North": 40e6, "South": 25e6, "West": 15e6}, "South")
    assert q.answer == pytest.approx(7_500_000)
    assert "equal split" in q.check("8000000").message


# --- lab 14.1: the potential route is a real second route (issue 13 item 5) ---------


def test_share_of_wallet_route_is_not_last_year_times_a_constant():
    from salesprofit.ui import targets as ui

    history = ui.company_history(2025)
    lab = T.target_lab(history, 2025, plan_growth=0.08, capture=0.2)
    w = lab.wallet
    # the route is this year's sales plus a fifth of the customers' gap to their segment median
    assert w.target == pytest.approx(w.actual + 0.2 * w.gap, rel=1e-12)
    table = w.table
    assert w.gap == pytest.approx(table["gap"].sum(), rel=1e-12)
    below = table["share"] < table["benchmark"]
    assert (table.loc[~below, "gap"] == 0).all()
    hand = (table["estimated_potential"] * table["benchmark"] - table["sales"]).clip(lower=0)
    assert table["gap"].to_numpy() == pytest.approx(hand.to_numpy(), rel=1e-12)
    # not the old identity: potential x (share x 1.1) is last year x 1.1 exactly
    assert w.target / lab.last != pytest.approx(1.1, rel=1e-3)
    assert lab.history_target == pytest.approx(lab.last * lab.last / lab.previous, rel=1e-12)
    assert lab.routes_gap == pytest.approx(w.target / lab.history_target - 1, rel=1e-12)
    # the whole plan adds up to the planned total
    assert lab.weeks["target"].sum() == pytest.approx(lab.plan_total, rel=1e-12)


def test_quota_review_and_attainment_are_kpis():
    from salesprofit import kpi

    assert T.attainment(1_100_000, 1_000_000) == kpi.attainment(1_100_000, 1_000_000) == 1.1
    r = pd.DataFrame(
        {
            "rep_id": ["A", "A", "B"],
            "revenue": [50.0, 60.0, 90.0],
            "revenue_target": [50.0, 50.0, 100.0],
        }
    )
    q = T.quota_review(r, pd.Series({"A": 1.0, "B": 3.0}))
    # A: 110 / 100, potential 1 / 4, sales 110 / 200
    assert q.loc["A", "attainment"] == pytest.approx(1.1)
    assert q.loc["A", "sales_to_potential"] == pytest.approx((110 / 200) / 0.25)


def test_monthly_target_exercise_solution_as_shown():
    from salesprofit import exercises

    index = {m: 1.0 for m in range(1, 13)}
    index[2] = 0.6
    ex = exercises.targets.monthly_target(11_600_000, index, 2)
    # share = 0.6 / 11.6 = 5.17 %; 11,600,000 x 0.6 / 11.6 = 600,000
    assert ex.check("600000").correct
    assert ex.check(f"{11_600_000 / 12:.0f}").kind == "mistake"  # flat split
    assert ex.check(f"{11_600_000 * 0.6:.0f}").kind == "mistake"  # total x index
    assert ex.check(f"{11_600_000 / 12 / 0.6:.0f}").kind == "mistake"  # divided by the index
