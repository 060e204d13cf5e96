"""Chapter 6 calculators: KPI weight sliders re-rank the team; revenue vs profit ranking."""

import pytest

from salesprofit import kpi
from salesprofit.ui import kpi as ui


@pytest.fixture(scope="module")
def team():
    return ui.team_kpis(2025)


def test_scorecard_sliders_rerank_the_team(team):
    calc = ui.scorecard_calculator(
        team, revenue=100, profit=0, profit_margin=0, avg_discount=0, nps=0, attainment=0
    )
    assert calc.error is None
    assert calc.output.index[0] == team["revenue"].idxmax() == "R17"
    assert "R17" in calc.result.value and "as on revenue alone" in calc.result.value
    assert calc.chart.value[:4] == b"\x89PNG"
    calc.inputs["revenue"].value = 0
    calc.inputs["profit_margin"].value = 100
    assert calc.output.index[0] == team["profit_margin"].idxmax()
    expected = kpi.scorecard(team, {"profit_margin": 1})
    assert calc.output["rank"].to_dict() == expected["rank"].to_dict()
    # a lower average discount scores higher
    calc.set(profit_margin=0, avg_discount=50)
    assert calc.output.index[0] == team["avg_discount"].idxmin()
    assert calc.output.index[-1] == team["avg_discount"].idxmax() == "R15"


def test_scorecard_all_zero_weights_shows_the_sentence(team):
    calc = ui.scorecard_calculator(team)
    calc.set(revenue=0, profit=0, profit_margin=0, avg_discount=0, nps=0, attainment=0)
    assert calc.error is not None and "give at least one KPI some weight" in calc.error
    assert "sp-error" in calc.result.value and calc.chart.layout.display == "none"
    calc.set(nps=10)
    assert calc.error is None


def test_ranking_calculator(team):
    calc = ui.ranking_calculator(team, "profit")
    assert calc.error is None
    assert calc.output.loc["R10", "rank_by_profit"] == 1
    assert "R07" in calc.result.value and "climbs 3 places" in calc.result.value
    calc.inputs["metric"].value = "profit_margin"
    assert calc.output.loc["R15", "rank_by_profit_margin"] == 20
    assert repr(calc) == "<Calculator: The same team, ranked two ways>"
