"""salesprofit.funnel: sales velocity, stage conversion and time, the funnel simulator."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salesprofit import data
from salesprofit import funnel as F

TRUTH = json.loads(
    (Path(__file__).resolve().parents[1] / "datasets" / "ground_truth.json").read_text()
)


def test_sales_velocity_worked_example():
    # The sales-velocity formula of CRM vendors' training (Salesforce, HubSpot): 50 open
    # opportunities x 25 % win rate x 20,000 average deal / 100-day cycle = 2,500 a day.
    assert F.sales_velocity(50, 0.25, 20_000, 100) == pytest.approx(2_500.0)
    v = F.sales_velocity(pd.Series([50, 100]), 0.25, 20_000, 100)
    assert v.tolist() == [2_500.0, 5_000.0]


@pytest.fixture(scope="module")
def stats():
    return F.stage_stats(data.load("opportunity_stages"))


def test_stage_conversion_and_days_recover_the_ground_truth(stats):
    observed = TRUTH["observed"]
    assert list(stats.index) == list(F.STAGES)
    for stage in F.STAGES:
        assert stats.loc[stage, "conversion"] == pytest.approx(
            observed["stage_conversion_rates"][stage], abs=5e-5
        )
        assert stats.loc[stage, "mean_days"] == pytest.approx(
            observed["stage_mean_days"][stage], abs=5e-3
        )
        # and within sampling error of what the generator planted
        assert stats.loc[stage, "conversion"] == pytest.approx(
            TRUTH["stage_conversion_rates"][stage], abs=0.03
        )
        assert stats.loc[stage, "mean_days"] == pytest.approx(
            TRUTH["stage_mean_days"][stage], rel=0.05
        )


def test_stage_counts_are_consistent(stats):
    assert (stats["entered"] == stats["open"] + stats["advanced"] + stats["lost"]).all()
    # deals that advanced from one stage entered the next
    assert stats["advanced"].iloc[:-1].tolist() == stats["entered"].iloc[1:].tolist()
    opps = data.load("opportunities")
    assert stats.loc["lead", "entered"] == len(opps)
    assert stats.loc["contract", "advanced"] == (opps["status"] == "won").sum()
    assert stats["win_from_here"].iloc[0] == pytest.approx(np.prod(stats["conversion"]))


def test_bottleneck_is_the_proposal(stats):
    # planted: proposal has the lowest conversion (0.55) and the longest stage (25 days)
    assert F.bottleneck(stats) == "proposal"
    assert stats["mean_days"].idxmax() == "proposal"
    with pytest.raises(ValueError, match="conversion"):
        F.bottleneck(pd.DataFrame({"x": [1]}))


def test_won_cycle_is_about_the_sum_of_stage_times(stats):
    days = F.won_cycle_days(data.load("opportunities"))
    assert (days >= 0).all()
    assert days.mean() == pytest.approx(sum(TRUTH["stage_mean_days"].values()), rel=0.15)


def test_stage_stats_errors():
    with pytest.raises(ValueError, match="outcome"):
        F.stage_stats(pd.DataFrame({"stage": [], "entered_date": [], "exited_date": []}))
    bad = pd.DataFrame(
        {
            "stage": ["demo"],
            "entered_date": ["2025-01-01"],
            "exited_date": ["2025-01-02"],
            "outcome": ["lost"],
        }
    )
    with pytest.raises(ValueError, match="Unknown stage"):
        F.stage_stats(bad)


CONV = {"lead": 0.6, "needs_analysis": 0.65, "proposal": 0.55, "contract": 0.8}
DAYS = {"lead": 12, "needs_analysis": 18, "proposal": 25, "contract": 10}


def test_funnel_model_hand_computed():
    # 100 leads a month, the planted conversions: win rate 0.6 x 0.65 x 0.55 x 0.8 = 0.1716
    r = F.funnel_model(100, CONV, DAYS, 50_000)
    assert r.win_rate == pytest.approx(0.1716)
    assert r.won_per_month == pytest.approx(17.16)
    assert r.revenue_per_month == pytest.approx(858_000)
    assert r.cycle_days == 65
    # a lead spends 12 + 0.6 x 18 + 0.39 x 25 + 0.2145 x 10 days in the funnel (won or lost)
    assert r.days_in_funnel == pytest.approx(12 + 10.8 + 9.75 + 2.145)
    assert r.pipeline == pytest.approx(100 * 12 / 365 * r.days_in_funnel)  # Little's law
    assert r.velocity == pytest.approx(r.revenue_per_month * 12 / 365)
    assert r.table["lost"].sum() + r.won_per_month == pytest.approx(100)


def test_funnel_what_if():
    t = F.funnel_what_if(100, CONV, DAYS, 50_000, "proposal", conversion_change=0.10)
    # proposal 0.55 -> 0.65: revenue rises by 0.10 / 0.55 = 18.2 %
    assert t.loc["change", "revenue_per_month"] / t.loc[
        "today", "revenue_per_month"
    ] == pytest.approx(0.1 / 0.55)
    assert t.loc["change", "cycle_days"] == 0
    s = F.funnel_what_if(100, CONV, DAYS, 50_000, "proposal", days_change=-10)
    assert s.loc["improved", "cycle_days"] == 55
    assert s.loc["change", "revenue_per_month"] == pytest.approx(0)  # same leads, same wins
    assert s.loc["change", "pipeline"] < 0  # fewer deals in flight
    assert s.loc["improved", "velocity_same_team"] > s.loc["today", "velocity_same_team"]
    with pytest.raises(ValueError, match="Unknown stage"):
        F.funnel_what_if(100, CONV, DAYS, 50_000, "demo")
    with pytest.raises(ValueError, match="cannot be shortened"):
        F.funnel_what_if(100, CONV, DAYS, 50_000, "contract", days_change=-11)
    with pytest.raises(ValueError, match="conversion must be at least 0 and at most 1"):
        F.funnel_model(100, {"lead": 1.2}, {"lead": 1}, 10)


def test_exercises_diagnose_typical_mistakes():
    from salesprofit.exercises import funnel as X

    ex = X.win_rate(CONV)
    assert ex.answer == pytest.approx(0.1716)
    assert "average" in ex.check("65").message
    v = X.better_stage_value(100, CONV, 50_000, "proposal", 0.05)
    assert v.answer == pytest.approx(858_000 * 0.05 / 0.55)
    assert "win rate from a lead" in v.check(str(100 * 0.05 * 50_000)).message


# --- one definition of open deals and velocity (issue 13 item 3) ----------------------


def test_pipeline_measures_hand_computed():
    opp = pd.DataFrame(
        {
            "status": ["won", "lost", "won", "open"],
            "amount": [100.0, 80.0, 200.0, 50.0],
            "created_date": pd.to_datetime(
                ["2025-01-01", "2025-01-01", "2025-01-05", "2025-01-09"]
            ),
            "closed_date": pd.to_datetime(["2025-01-11", "2025-01-03", "2025-01-11", None]),
        }
    )
    m = F.pipeline_measures(opp)
    # 4 opened in 10 days; 2 of 3 closed won; won deals 100 and 200 in 10 and 6 days
    assert m.new_per_day == pytest.approx(0.4)
    assert m.win_rate == pytest.approx(2 / 3)
    assert m.avg_deal_size == pytest.approx(150.0) and m.cycle_days == pytest.approx(8.0)
    assert m.days_in_funnel == pytest.approx((10 + 2 + 6) / 3)
    assert m.open_now == 1 and m.open_littles_law == pytest.approx(0.4 * 6)
    # velocity = new per day x win rate x deal, whichever count is paired with its own days
    assert m.velocity == pytest.approx(0.4 * 2 / 3 * 150, rel=1e-12)
    views = F.open_deals_views(m)
    assert views.loc["worked_per_cycle", "velocity"] == pytest.approx(m.velocity, rel=1e-12)
    assert views.loc["open_littles_law", "velocity"] == pytest.approx(m.velocity, rel=1e-12)
    assert m.won_per_day == pytest.approx(300 / 10)
    with pytest.raises(ValueError, match="end after it starts"):
        F.pipeline_measures(opp, "2025-02-01", "2025-01-01")


def test_labs_2_1_5_2_and_15_2_share_one_pipeline():
    """Lab 2.1's levers, lab 5.2's open deals and lab 15.2's Little's law come from one call."""
    from salesprofit import reps
    from salesprofit.ui import funnel as ui

    opp = data.load("opportunities")
    m = F.pipeline_measures(opp, "2024-01-01", "2025-12-31")
    assert m.opened == len(opp) == 2723 and m.days == 730
    assert m.open_now == int((opp["status"] == "open").sum()) == 128
    lev = reps.pipeline_levers(opp, "2024-01-01", "2025-12-31")
    assert lev.velocity == m.velocity and lev.opportunities == m.worked_per_cycle
    measured = ui.measured_funnel()
    assert measured.measures.velocity == m.velocity and measured.measures.open_now == m.open_now
    assert measured.leads_per_month == pytest.approx(2723 / 730 * 365 / 12, rel=1e-12)
    # Little's law lands close to the snapshot (within 5 %)
    assert abs(m.open_littles_law / m.open_now - 1) < 0.05


def test_stage_and_cycle_labs():
    from salesprofit.ui import funnel as ui

    measured = ui.measured_funnel()
    lab = F.stage_lab(113, measured.stats, 58_540, 0.05)
    assert lab.bottleneck == lab.best == "proposal"
    # five points at a stage with conversion c lift revenue by 0.05 / c (hand calculation)
    base = lab.today.revenue_per_month * 12
    conv = measured.stats["conversion"]
    assert lab.gains["lead"] == pytest.approx(base * 0.05 / conv["lead"], rel=1e-9)
    cyc = F.cycle_lab(measured, data.load("opportunities"), "proposal", -10, 113, 58_540)
    wi = cyc.what_if
    assert cyc.gain_per_year == pytest.approx(
        (wi.loc["improved", "velocity_same_team"] - wi.loc["today", "velocity_same_team"]) * 365
    )
    assert cyc.open_views.loc["open_now", "deals"] == 128


def test_funnel_exercises_solution_as_shown():
    from salesprofit.exercises import funnel as X

    # 60 % x 65 % x 55 % x 80 % = 17.16 %, shown as 17.2 %
    ex = X.win_rate(CONV)
    assert "17.2 %" in ex.solution and ex.check("17.2").correct and ex.check("17.16").correct
    assert ex.check("65").kind == "mistake"  # average of the stages
    assert ex.check("80").kind == "mistake"  # the last stage only
    assert ex.check("55").kind == "mistake"  # the bottleneck only
    # 100 leads x 17.16 % x 50,000 = 858,000 a month; +5 points at proposal: x 0.05 / 0.55
    v = X.better_stage_value(100, CONV, 50_000, "proposal", 0.05)
    assert "¥858,000" in v.solution and v.check(f"{858_000 * 0.05 / 0.55:.0f}").correct
    assert v.check(f"{100 * 0.05 * 50_000:.0f}").kind == "mistake"
    assert v.check(f"{858_000 * 0.05:.0f}").kind == "mistake"
