"""Chapter 15 calculator: the funnel simulator on the measured stages."""

import pytest

from salesprofit.ui import funnel as ui


@pytest.fixture(scope="module")
def measured():
    return ui.measured_funnel()


def test_funnel_simulator_better_conversion(measured):
    calc = ui.funnel_calculator(measured, stage="proposal", conversion_change=0.05)
    assert calc.error is None
    wi = calc.output["what_if"]
    conv = measured.stats["conversion"]
    assert wi.loc["today", "win_rate"] == pytest.approx(conv.prod())
    gain = wi.loc["change", "revenue_per_month"] / wi.loc["today", "revenue_per_month"]
    assert gain == pytest.approx(0.05 / conv["proposal"])
    assert calc.chart.value[:4] == b"\x89PNG"
    assert "a year" in calc.result.value


def test_funnel_simulator_shorter_stage(measured):
    calc = ui.funnel_calculator(measured, stage="proposal", conversion_change=0.0, days_change=-10)
    wi = calc.output["what_if"]
    assert wi.loc["change", "cycle_days"] == pytest.approx(-10)
    assert wi.loc["change", "revenue_per_month"] == pytest.approx(0)
    assert wi.loc["improved", "velocity_same_team"] > wi.loc["today", "velocity_same_team"]
    calc.inputs["stage"].value = "contract"
    calc.inputs["days_change"].value = -20
    assert calc.error is not None and "cannot be shortened" in calc.error
    calc.inputs["days_change"].value = -5
    assert calc.error is None
    assert calc.output["improved"].cycle_days == pytest.approx(
        measured.stats["mean_days"].sum() - 5
    )
