"""salesprofit.forecast: pipeline, error measures, seasonality."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from salesprofit import forecast


def test_weighted_pipeline():
    # Three deals at stage probabilities 10 %, 50 %, 90 %: 10k + 25k + 45k = 80k
    assert forecast.weighted_pipeline([100_000, 50_000, 50_000], [0.1, 0.5, 0.9]) == pytest.approx(80_000)
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
    values = np.tile(pattern, 2) * np.repeat([1000, 1300], 12)     # growth between years
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
