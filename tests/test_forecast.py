"""salesprofit.forecast: pipeline, error measures, seasonality."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit import forecast


def test_weighted_pipeline():
    # Three deals at stage probabilities 10 %, 50 %, 90 %: 10k + 25k + 45k = 80k
    assert forecast.weighted_pipeline([100_000, 50_000, 50_000], [0.1, 0.5, 0.9]) == pytest.approx(
        80_000
    )
    with pytest.raises(ValueError, match="between 0 and 1"):
        forecast.weighted_pipeline([1], [1.5])


def test_mape_and_wape_definitions():
    # Hyndman & Athanasopoulos, FPP3 section 5.8: MAPE = mean(|e_t / y_t|);
    # WAPE (sum |e| / sum |y|) weights big periods more.
    actual, fc = [100, 200, 300], [90, 220, 300]
    assert forecast.mape(actual, fc) == pytest.approx((0.1 + 0.1 + 0) / 3)
    assert forecast.wape(actual, fc) == pytest.approx(30 / 600)
    with pytest.raises(ValueError, match="use WAPE"):
        forecast.mape([0, 1], [1, 1])


def test_seasonal_index_recovers_a_planted_pattern():
    pattern = np.array([0.6, 0.8, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 1.1, 1.2, 1.1, 1.2])
    pattern = pattern / pattern.mean()
    dates = pd.date_range("2024-01-01", "2025-12-01", freq="MS")
    values = np.tile(pattern, 2) * np.repeat([1000, 1300], 12)  # growth between years
    idx = forecast.seasonal_index(dates, values)
    assert idx.to_numpy() == pytest.approx(pattern)
    assert idx.mean() == pytest.approx(1.0)
    q = forecast.seasonal_index(dates, values, period="quarter")
    assert q.mean() == pytest.approx(1.0) and len(q) == 4


def test_seasonal_index_needs_a_full_year():
    with pytest.raises(ValueError, match="complete year"):
        forecast.seasonal_index(pd.date_range("2024-01-01", periods=5, freq="MS"), [1] * 5)


@given(st.lists(st.floats(1, 1e6), min_size=1, max_size=30))
def test_perfect_forecast_has_no_error(ys):
    assert forecast.mape(ys, ys) == 0 and forecast.wape(ys, ys) == 0


# --- chapter 5: Holt-Winters and its backtest ---------------------------------------


def _seasonal_series(n=36, growth=0.0, noise=0.0):
    idx = pd.date_range("2023-01-01", periods=n, freq="MS")
    season = np.tile([0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0], n // 12 + 1)[:n]
    rng = np.random.default_rng(1)
    level = 1000 * (1 + growth) ** np.arange(n)
    return pd.Series(level * season * (1 + noise * rng.standard_normal(n)), index=idx)


def test_holt_winters_recovers_a_clean_seasonal_pattern():
    # A series that is exactly level x season is forecast exactly (Hyndman & Athanasopoulos,
    # FPP3 8.3: multiplicative Holt-Winters reproduces a stable seasonal pattern).
    fit = forecast.holt_winters(_seasonal_series(), horizon=12, trend=None, seasonal="mul")
    expected = 1000 * np.array([0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0])
    assert fit.forecast.to_numpy() == pytest.approx(expected, rel=1e-6)
    assert 0 <= fit.alpha <= 1 and 0 <= fit.gamma <= 1 and np.isnan(fit.beta)
    assert fit.forecast.index[0] == pd.Timestamp("2026-01-01")


def test_holt_winters_with_trend_follows_growth():
    y = _seasonal_series(36, growth=0.01)
    fit = forecast.holt_winters(y, horizon=6, trend="add", seasonal="mul")
    naive_flat = y.iloc[-12:-6].to_numpy()  # last year's same months
    assert (fit.forecast.to_numpy() > naive_flat).all()
    assert np.isfinite(fit.log_likelihood)


def test_backtest_is_rolling_origin_and_matches_mape():
    y = _seasonal_series(30, noise=0.03)
    bt = forecast.backtest(y, test_periods=6, horizon=1, trend=None, seasonal="mul")
    assert len(bt.table) == 6
    assert list(bt.table["month"]) == list(y.index[-6:])
    assert (bt.table["origin"] < bt.table["month"]).all()
    assert bt.mape == pytest.approx(forecast.mape(bt.table["actual"], bt.table["forecast"]))
    assert 0 < bt.mape < 0.1
    # a forecast made 3 months ahead of each test month
    bt3 = forecast.backtest(y, test_periods=6, horizon=3, trend=None)
    assert (bt3.table["month"] - bt3.table["origin"]).dt.days.min() > 60


def test_sample_company_last_six_months_error():
    # The closing figure of chapter 5: one-month-ahead error on 2025-07..2025-12.
    from salesprofit import data

    y = forecast.monthly_series(data.load("orders"), data.load("order_lines"))
    assert len(y) == 24 and y.index[-1] == pd.Timestamp("2025-12-01")
    bt = forecast.backtest(y, 6, 1, trend="add", seasonal="mul")
    assert 0.02 < bt.mape < 0.25 and 0.02 < bt.wape < 0.25
    naive = forecast.seasonal_naive(y, 6)
    assert list(naive.index) == list(y.index[-6:])


def test_forecast_inputs_are_explained():
    with pytest.raises(ValueError, match="at least one full season"):
        forecast.holt_winters(_seasonal_series(10), horizon=3)
    with pytest.raises(ValueError, match="Not enough history"):
        forecast.backtest(_seasonal_series(18), test_periods=6)
    y = _seasonal_series(24)
    y.iloc[3] = 0.0
    with pytest.raises(ValueError, match="additive"):
        forecast.holt_winters(y, seasonal="mul")


# --- lab 5.2: a range, not a MAPE; the benchmark as the headline (issue 13 item 10) ---


def test_error_range_hand_computed():
    # ratios 0.9, 1.1, 1.0 and 1.2: range 0.9 to 1.2; with 4 errors one more month falls
    # between the smallest and the largest with probability (4 - 1) / (4 + 1)
    low, high, cover = forecast.error_range([90, 110, 100, 120], [100, 100, 100, 100])
    assert (low, high, cover) == (pytest.approx(0.9), pytest.approx(1.2), pytest.approx(0.6))
    with pytest.raises(ValueError, match="at least two"):
        forecast.error_range([1.0], [1.0])


def test_forecast_lab_on_huaxin_makes_the_benchmark_the_headline():
    from salesprofit import data

    y = forecast.monthly_series(data.load("orders"), data.load("order_lines"))
    lab = forecast.forecast_lab(y, 6, 1, 6, trend="add", seasonal="mul")
    naive = forecast.seasonal_naive(y, 6)
    assert lab.naive_mape == pytest.approx(forecast.mape(y.iloc[-6:], naive), rel=1e-12)
    assert lab.benchmark_wins == (lab.naive_mape < lab.backtest.mape)
    assert lab.benchmark_wins  # the finding: 6.0 % against 11.2 %
    assert round(lab.naive_mape, 3) == 0.060
    # the benchmark's January forecast is last January; its range comes from its own misses
    first = lab.plan.iloc[0]
    assert first.name == pd.Timestamp("2026-01-01")
    assert first["benchmark"] == pytest.approx(y.loc["2025-01-01"])
    ratio = y.iloc[-6:].to_numpy() / naive.to_numpy()
    assert first["benchmark_low"] == pytest.approx(y.loc["2025-01-01"] * ratio.min(), rel=1e-12)
    assert first["benchmark_high"] == pytest.approx(y.loc["2025-01-01"] * ratio.max(), rel=1e-12)
    assert lab.coverage == pytest.approx(5 / 7)


def test_monthly_series_uses_the_one_line_gross_profit():
    from salesprofit import data, profitability

    orders, lines = data.load("orders"), data.load("order_lines")
    y = forecast.monthly_series(orders, lines)
    delivered = orders[orders["status"] == "delivered"]["order_id"]
    mine = lines[lines["order_id"].isin(delivered)]
    assert y.sum() == pytest.approx(profitability.line_gross_profit(mine).sum(), rel=1e-12)


def test_pipeline_exercise_solution_as_shown():
    from salesprofit import exercises

    # solution shows ¥100,000 x 17 % = ¥17,000 and ¥50,000 x 77 % = ¥38,500, sum ¥55,500
    ex = exercises.forecast.weighted_pipeline(
        [100_000, 50_000], [0.17, 0.77], ["lead", "needs_analysis"]
    )
    assert "Needs analysis" in ex.question and "needs_analysis" not in ex.question
    assert ex.check("55500").correct
    assert ex.check("150000").kind == "mistake"  # the whole pipeline
    assert ex.check(f"{150_000 * 0.47:.0f}").kind == "mistake"  # averaged probabilities
    assert ex.check("50000").kind == "mistake"  # only the 'likely' deal in full
    ex = exercises.forecast.completeness(1224, 15, 90)
    # solution: 1 - 90 / 18,360 = 99.51 %
    assert ex.check("99.51").correct
    assert ex.check(f"{(1 - 90 / 1224) * 100:.2f}").kind == "mistake"
    assert ex.check(f"{90 / 18360 * 100:.2f}").kind == "mistake"
