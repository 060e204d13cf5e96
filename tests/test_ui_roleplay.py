"""Role-play calculators: set the widgets the way a seller or a facilitator would, read the result."""

import base64
import dataclasses
import inspect
import re
import threading

import pytest

from salesprofit import roleplay as rp
from salesprofit.scoreboard import Scoreboard
from salesprofit.ui import roleplay as ui
from salesprofit.ui import roleplay_kits as ui_kits

KITS = list(rp.KITS)


def test_every_builder_opens_with_no_arguments():
    names = [n for n, f in vars(ui).items() if n.endswith("_calculator") and callable(f)]
    assert len(names) == 3 * len(KITS) + 1
    for name in names:
        fn = getattr(ui, name)
        assert all(
            p.default is not inspect.Parameter.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
            for p in inspect.signature(fn).parameters.values()
        ), name
        calc = fn(autoload=False) if name == "scoreboard_calculator" else fn()
        assert calc.error is None, (name, calc.error)


@pytest.mark.parametrize("kit", KITS)
def test_seller_calculator_follows_the_terms_on_the_table(kit):
    calc = getattr(ui, f"{kit}_seller_calculator")()
    sc = rp.scenario(kit)
    assert calc.output["profit"] == pytest.approx(rp.seller_view(sc, **sc.status_quo)["profit"])
    # move every term to its last grid option, through the widgets
    moved = {}
    for t in sc.terms:
        w = calc.inputs[t.name]
        w.value = t.options[-1] * (100 if t.percent else 1)
        moved[t.name] = t.options[-1]
    expected = rp.seller_view(sc, **moved)
    assert calc.error is None
    assert calc.output["profit"] == pytest.approx(expected["profit"])
    assert calc.output["margin"] == pytest.approx(expected["margin"])
    assert calc.output["breakeven_volume"] == pytest.approx(expected["breakeven_volume"])
    assert f"{expected['margin'] * 100:.1f} %" in calc.result.value
    # another seed: fresh numbers for the same terms
    calc.inputs["seed"].value = 99
    assert calc.output["profit"] == pytest.approx(
        rp.seller_view(rp.scenario(kit, 99), **moved)["profit"]
    )


def test_discount_request_seller_sees_the_volume_a_discount_needs():
    sc = rp.scenario("discount_request")
    calc = ui.discount_request_seller_calculator()
    calc.inputs["price"].value = sc.params["list_price"] * 0.9
    view = rp.seller_view(sc, **dict(sc.status_quo, price=sc.params["list_price"] * 0.9))
    assert view["breakeven_volume"] > sc.status_quo["volume"]
    assert f"{view['breakeven_volume']:,.0f} units a year" in calc.result.value
    calc.inputs["price"].value = -5.0
    assert calc.error is not None and "cannot be below zero" in calc.error
    assert "sp-error" in calc.result.value and "Traceback" not in calc.result.value
    calc.inputs["price"].value = sc.params["unit_cost"] * 0.9  # below cost: no volume pays
    assert "no volume is enough" in calc.result.value


def test_percent_terms_reach_the_model_as_fractions():
    calc = ui.commission_plan_seller_calculator()
    calc.inputs["commission_rate"].value = 12.0  # typed as 12 %
    sc = rp.scenario("commission_plan")
    assert calc.output["profit"] == pytest.approx(
        rp.seller_view(sc, **dict(sc.status_quo, commission_rate=0.12))["profit"]
    )


@pytest.mark.parametrize("kit", KITS)
def test_buyer_calculator(kit):
    calc = getattr(ui, f"{kit}_buyer_calculator")()
    sc = rp.scenario(kit)
    assert calc.output["vs_walkaway"] == pytest.approx(
        rp.buyer_view(sc, **sc.status_quo)["vs_walkaway"]
    )
    calc.inputs[sc.terms[0].name].value = -1.0
    assert calc.error is not None and "must be at least 0" in calc.error


@pytest.mark.parametrize("kit", KITS)
def test_scorer_scores_and_records_with_the_button(kit, tmp_path):
    path = tmp_path / "board.sqlite"
    calc = getattr(ui, f"{kit}_scorer_calculator")(scoreboard=str(path))
    sc = rp.scenario(kit)
    best = rp.frontier(sc, acceptable_only=True).iloc[0]
    calc.inputs["team"].value = "Table 4"
    calc.set(**{t: float(best[t]) for t in sc.term_names})
    assert calc.error is None and calc.output.on_frontier
    assert "on the Pareto frontier" in calc.result.value and calc.chart.value[:4] == b"\x89PNG"
    assert not path.exists()  # nothing recorded until the click
    calc.button.click()
    assert "Recorded <b>Table 4</b>" in calc.status.value
    deals = Scoreboard(path).deals()
    assert deals["team"].tolist() == ["Table 4"] and deals["kit"].tolist() == [kit]
    assert deals["seller_value"][0] == pytest.approx(float(best["seller_value"]))


def test_scorer_refuses_an_empty_team_and_a_negative_price_keeping_what_is_recorded(tmp_path):
    path = str(tmp_path / "board.sqlite")
    calc = ui.discount_request_scorer_calculator(scoreboard=path, team="Table 1")
    assert calc.record() is not None
    calc.inputs["team"].value = "  "
    calc.button.click()
    assert "Not recorded" in calc.status.value and "empty" in calc.status.value
    calc.inputs["team"].value = "Table 2"
    calc.inputs["price"].value = -1.0
    assert "cannot be below zero" in calc.result.value
    calc.button.click()
    assert "Not recorded" in calc.status.value and "below zero" in calc.status.value
    assert Scoreboard(path).deals()["team"].tolist() == ["Table 1"]


def test_scorer_names_the_tradeoffs():
    calc = ui.discount_request_scorer_calculator()
    calc.set(payment_days=60.0)
    assert "Payment terms" in calc.result.value and "value created" in calc.result.value


def test_scoreboard_view_ranks_charts_and_exports(tmp_path):
    path = str(tmp_path / "board.sqlite")
    board = Scoreboard(path)
    sc = rp.scenario("discount_request")
    best = rp.frontier(sc, acceptable_only=True).iloc[-1]
    board.record("Table 1", "discount_request", sc.seed, sc.status_quo)
    board.record("=Table 2", "discount_request", sc.seed, {t: best[t] for t in sc.term_names})
    view = ui.scoreboard_calculator(location=path, autoload=False)
    assert "Click <b>Refresh</b>" in view.result.value and view.output is None
    view.refresh_button.click()
    assert view.output["team"].tolist() == ["=Table 2", "Table 1"]
    assert "2 team(s)" in view.result.value and view.chart.value[:4] == b"\x89PNG"
    view.inputs["show"].value = "frontier"
    assert (
        "seed 2026" in view.result.value
        and view.chart.value[:4] == b"\x89PNG"
        and view.error is None
    )
    view.inputs["show"].value = "spread"
    view.inputs["by"].value = "buyer_value"
    assert "ranked by the buyer&#x27;s value" in view.result.value
    view.inputs["kit"].value = "vip_renewal"
    assert "No deals recorded" in view.result.value
    view.export_button.click()
    b64 = re.search(r"base64,([A-Za-z0-9+/=]+)", view.link.value).group(1)
    text = base64.b64decode(b64).decode("utf-8")
    assert text.splitlines()[0].startswith("id,recorded_at,team,kit,seed,")
    assert "'=Table 2" in text
    view.inputs["location"].value = str(rp.__file__)  # inside the repository
    assert view.error is not None and "inside the course folder" in view.error


@pytest.mark.parametrize("kit", KITS)
def test_briefs_keep_each_sides_numbers_apart(kit):
    sc = rp.scenario(kit)
    f = ui.facts(kit)
    seller, buyer = ui.brief_html(kit, "seller"), ui.brief_html(kit, "buyer")
    public = ui.brief_html(kit, "scenario")
    assert f["seller_walkaway"] in seller and f["seller_walkaway"] not in buyer + public
    assert f["buyer_walkaway"] in buyer and f["buyer_walkaway"] not in seller + public
    # a private number may coincide with an option printed on every brief (a volume of 2,000): that is public
    shown_options = {t.describe(o) for t in sc.terms for o in t.options}

    def private(name):
        return not any(f[name] in opt for opt in shown_options)

    for name in sc.brief["seller"]:
        if name in f and private(name):
            assert f[name] not in buyer + public, name
    for name in sc.brief["buyer"]:
        if name in f and private(name):
            assert f[name] not in seller + public, name
    assert "@media print" in seller and f"seed {sc.seed}" in seller
    key = ui.brief_html(kit, "facilitator")
    assert f["seller_walkaway"] in key and f["buyer_walkaway"] in key
    with pytest.raises(ValueError, match="role must be"):
        ui.brief_html(kit, "spy")


def test_printable_briefs_one_sheet_per_role_for_the_cohorts_seed():
    html = ui.printable_briefs("discount_request", 4711)
    assert html.count("<div class='sp-brief'>") == 5 and "seed 4711" in html
    assert ui.facts("discount_request", 4711)["seller_walkaway"] in html
    panel = ui.briefs_panel("discount_request")
    panel.seed_box.value = 4711
    panel.make()
    b64 = re.search(r"base64,([A-Za-z0-9+/=]+)", panel.link.value).group(1)
    assert base64.b64decode(b64).decode("utf-8") == html


@pytest.mark.parametrize("kit", KITS)
def test_a_sides_brief_does_not_depend_on_the_other_sides_numbers(kit, monkeypatch):
    sc = rp.scenario(kit)
    seller_before, buyer_before = ui.brief_html(kit, "seller"), ui.brief_html(kit, "buyer")

    def changed(side):
        params = dict(sc.params)
        for name in sc.brief[side]:
            v = params[name]
            params[name] = tuple(x * 1.37 + 1 for x in v) if isinstance(v, tuple) else v * 1.37 + 1
        return dataclasses.replace(sc, params=params)

    monkeypatch.setattr(ui_kits, "_scenario", lambda k, s: changed("buyer"))
    assert ui.brief_html(kit, "seller") == seller_before
    monkeypatch.setattr(ui_kits, "_scenario", lambda k, s: changed("seller"))
    assert ui.brief_html(kit, "buyer") == buyer_before


def test_projected_scoreboard_follows_deals_recorded_elsewhere(tmp_path):
    """Another laptop records a deal: the board redraws, keeping the trainer's choices."""
    path = str(tmp_path / "board.sqlite")
    sc = rp.scenario("discount_request")
    Scoreboard(path).record("Table 1", "discount_request", sc.seed, sc.status_quo)
    view = ui.scoreboard_calculator(location=path, by="buyer_value", live=False)
    assert view.output["team"].tolist() == ["Table 1"]
    assert view.follow() is False  # nothing new: no redraw
    best = rp.frontier(sc, acceptable_only=True).iloc[-1]
    Scoreboard(path).record(
        "Table 2", "discount_request", sc.seed, {t: best[t] for t in sc.term_names}
    )
    assert view.follow() is True
    assert sorted(view.output["team"]) == ["Table 1", "Table 2"]
    assert view.inputs["by"].value == "buyer_value"
    assert "2 deals recorded" in view.live.value
    assert Scoreboard(path).stamp() == (2, 2)


def test_live_scoreboard_watches_in_the_background_until_closed(tmp_path):
    path = str(tmp_path / "board.sqlite")
    sc = rp.scenario("discount_request")
    view = ui.scoreboard_calculator(location=path)
    try:
        assert view._watcher is not None and view._watcher.is_alive()
        Scoreboard(path).record("Table 9", "discount_request", sc.seed, sc.status_quo)
        for _ in range(100):  # the watcher looks every LIVE_SECONDS
            if view.output is not None and "Table 9" in list(view.output["team"]):
                break
            threading.Event().wait(0.1)
        assert list(view.output["team"]) == ["Table 9"]
    finally:
        view.close()
    view._watcher.join(5)
    assert not view._watcher.is_alive()


def test_unloaded_scoreboard_does_not_watch(tmp_path):
    view = ui.scoreboard_calculator(location=str(tmp_path / "b.sqlite"), autoload=False)
    assert view._watcher is None and view.follow() is False
