"""Chapter 5 calculators: pipeline and forecast explorer."""

import pandas as pd
import pytest

from salesprofit import exercises, forecast
from salesprofit.ui import forecast as ui

OPPS = pd.DataFrame(
    {
        "stage": ["lead", "needs_analysis", "proposal", "contract", "won"],
        "status": ["open", "open", "open", "open", "won"],
        "amount": [100_000.0, 80_000.0, 50_000.0, 20_000.0, 999.0],
    }
)


def test_pipeline_calculator():
    calc = ui.pipeline_calculator(
        OPPS, {"lead": 0.1, "needs_analysis": 0.25, "proposal": 0.5, "contract": 0.8}
    )
    # 10,000 + 20,000 + 25,000 + 16,000 = 71,000
    assert calc.output.loc["total", "weighted"] == pytest.approx(71_000.0)
    assert "¥71,000" in calc.result.value
    calc.inputs["lead"].value = 20.0  # percent slider
    assert calc.output.loc["total", "weighted"] == pytest.approx(81_000.0)


def _series():
    idx = pd.date_range("2023-01-01", periods=30, freq="MS")
    import numpy as np

    season = np.tile([0.8, 0.9, 1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 1.0], 3)[:30]
    noise = 1 + 0.03 * np.random.default_rng(2).standard_normal(30)
    return pd.Series(1000 * season * noise, index=idx)


def test_forecast_explorer_matches_backtest_and_caches():
    y = _series()
    calc = ui.forecast_explorer(y, trend="none", seasonal="mul", horizon=1)
    bt = forecast.backtest(y, 6, 1, trend=None, seasonal="mul")
    assert calc.error is None
    assert calc.output["backtest"].mape == pytest.approx(bt.mape)
    assert f"{bt.mape * 100:.1f} %" in calc.result.value
    naive = forecast.mape(y.iloc[-6:], forecast.seasonal_naive(y, 6))
    headline = "benchmark beats" if naive < bt.mape else "model beats"
    assert headline in calc.result.value.split("</span>")[0]
    calc.inputs["horizon"].value = 3
    assert calc.output["backtest"].horizon == 3
    calc.inputs["horizon"].value = 1
    assert calc.output["backtest"].mape == pytest.approx(bt.mape)
    calc.inputs["seasonal"].value = "add"
    assert calc.error is None and calc.chart.value[:4] == b"\x89PNG"


def test_forecast_exercises():
    e = exercises.forecast.mape([100, 200, 300], [90, 220, 300])
    assert e.check(6.67).correct and e.check(5).kind == "mistake"  # 5 % is the WAPE
    w = exercises.forecast.weighted_pipeline([100_000, 50_000], [0.2, 0.6], ["lead", "proposal"])
    assert w.check(50_000).correct and w.check(150_000).kind == "mistake"
    c = exercises.forecast.completeness(1500, 17, 90)
    assert c.check(99.65).correct and c.check(94).kind == "mistake"
