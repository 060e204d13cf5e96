"""Role-play kits: seeded scenarios, deal values, scoring and the Pareto frontier."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import pricing
from salesprofit import roleplay as rp

KITS = list(rp.KITS)


# --------------------------------------------------------------------------- scenarios


@pytest.mark.parametrize("kit", KITS)
def test_same_seed_same_numbers_other_seed_fresh_numbers(kit):
    a, b, c = rp.scenario(kit, 11), rp.scenario(kit, 11), rp.scenario(kit, 12)
    assert a.params == b.params and a.seller_walkaway == b.seller_walkaway
    assert a.params != c.params


@pytest.mark.parametrize("kit", KITS)
def test_every_kit_has_five_terms_and_a_zone_of_agreement(kit):
    sc = rp.scenario(kit)
    assert len(sc.terms) == 5
    assert sc.seller_walkaway < sc.seller_target and sc.buyer_walkaway < sc.buyer_target
    g = rp.grid(sc)
    assert g["acceptable"].any()
    assert (g["efficient"] & g["acceptable"]).any()
    # each side's private numbers are kept apart
    assert not set(sc.brief["seller"]) & set(sc.brief["buyer"])


@settings(max_examples=25, deadline=None)
@given(kit=st.sampled_from(KITS), seed=st.integers(0, 10**6))
def test_any_seed_leaves_room_for_a_deal(kit, seed):
    sc = rp.scenario(kit, seed)
    g = rp.grid(sc)
    assert (g["efficient"] & g["acceptable"]).any()


def test_bad_seed_and_kit_are_refused_in_words():
    with pytest.raises(ValueError, match="whole number"):
        rp.scenario("discount_request", -3)
    with pytest.raises(ValueError, match="whole number"):
        rp.scenario("discount_request", 1.5)
    with pytest.raises(ValueError, match="no role-play kit called 'haggle'"):
        rp.scenario("haggle")


# --------------------------------------------------------------------------- values


def test_supply_values_by_hand():
    sc = rp.scenario("discount_request", 3)
    p = sc.params
    terms = dict(
        price=p["list_price"] * 0.95,
        volume=p["need"] + 200,
        payment_days=60.0,
        service=1.0,
        years=2.0,
    )
    v = rp.deal_values(sc, **terms)
    rev = terms["price"] * terms["volume"]
    profit = (
        terms["volume"] * (terms["price"] - p["unit_cost"] - p["seller_service_unit"][1])
        - rev * p["seller_capital"] * 60 / 365
    )
    buyer = (
        p["need"] * p["unit_worth"]
        + 200 * p["salvage"]
        - rev
        + rev * p["buyer_capital"] * 60 / 365
        + terms["volume"] * p["buyer_service_unit"][1]
        - p["buyer_year_cost"]
    )
    assert v["revenue"] == pytest.approx(rev)
    assert v["seller_profit"] == pytest.approx(profit)
    assert v["seller_value"] == pytest.approx(profit + p["seller_year_value"])
    assert v["buyer_value"] == pytest.approx(buyer)
    assert isinstance(v["seller_value"], float)


def test_breakeven_volume_is_chapter_3s_formula():
    # Nagle & Müller, The Strategy and Tactics of Pricing (6th ed., 2018), ch. 6: the
    # break-even sales change for a price change dP at contribution margin CM is
    # -dP / (CM + dP). On unchanged payment terms, the price net of the cost of credit
    # plays the role of the price.
    sc = rp.scenario("discount_request", 5)
    p, sq = sc.params, sc.status_quo
    net = p["list_price"] * (1 - p["seller_capital"] * 30 / 365)
    cm = (net - p["unit_cost"]) / net
    for d in (0.02, 0.05, 0.10):
        view = rp.seller_view(sc, **dict(sq, price=p["list_price"] * (1 - d)))
        assert view["breakeven_volume"] / sq["volume"] - 1 == pytest.approx(
            pricing.breakeven_volume_change(-d, cm)
        )
    assert rp.seller_view(sc, **sq)["breakeven_volume"] == pytest.approx(sq["volume"])


def test_a_price_below_cost_needs_infinite_volume():
    sc = rp.scenario("discount_request", 5)
    view = rp.seller_view(sc, **dict(sc.status_quo, price=sc.params["unit_cost"] * 0.9))
    assert view["breakeven_volume"] == np.inf and view["profit"] < 0


def test_commission_pay_by_hand():
    # base 120,000 + 10 % of a 30 % gross margin on 4.0M sales + an accelerator of 2 on the
    # 0.5M above a 3.5M quota: 120,000 + 120,000 + 15,000 = 255,000
    sc = rp.scenario("commission_plan", 1)
    params = dict(
        sc.params,
        gross_margin=0.30,
        company_forecast=4.0e6,
        rep_forecast=4.0e6,
        retention_value=0.0,
        lock_in_cost=0.0,
    )
    sc = dataclasses.replace(sc, params=params)
    v = rp.deal_values(
        sc, base_salary=120000, commission_rate=0.10, quota=3.5e6, accelerator=2.0, plan_years=1
    )
    assert v["buyer_value"] == pytest.approx(255000.0)
    assert v["seller_profit"] == pytest.approx(0.30 * 4.0e6 - 255000.0)
    # break-even sales for a company profit of 0 under that plan: below quota, 120,000 / (0.3 x 0.9)
    be = rp.seller_view(
        sc, base_salary=120000, commission_rate=0.10, quota=3.5e6, accelerator=2.0, plan_years=1
    )
    assert be["volume_for_walkaway"] > 0
    out = rp.KITS["commission_plan"].breakeven(
        params, 120000.0, 0.10, 3.5e6, 2.0, 1.0, profit_to_keep=0.0
    )
    assert float(out["volume_needed"]) == pytest.approx(120000 / (0.3 * 0.9))


def test_quarterly_review_bonus_is_paid_with_the_probability_of_hitting():
    sc = rp.scenario("quarterly_review", 2)
    base = dict(sc.status_quo, target=sc.params["manager_forecast"] * 10)  # unreachable
    a = rp.deal_values(sc, **dict(base, bonus=0.0))
    b = rp.deal_values(sc, **dict(base, bonus=20000.0))
    assert b["buyer_value"] == pytest.approx(
        a["buyer_value"], abs=1e-6
    )  # nobody expects it to be paid


def test_values_are_vectorised():
    sc = rp.scenario("vip_renewal")
    prices = np.array([200.0, 210.0, 220.0])
    v = rp.deal_values(sc, **dict(sc.status_quo, price=prices))
    assert v["seller_value"].shape == (3,) and np.all(np.diff(v["seller_value"]) > 0)
    assert np.all(np.diff(v["buyer_value"]) < 0)
    m = rp.margin(sc, **dict(sc.status_quo, price=prices))
    assert m.shape == (3,)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"price": -1.0}, "Price per unit must be at least 0.*cannot be below zero"),
        ({"volume": 0.0}, "Volume must be at least 1"),
        ({"payment_days": 400.0}, "Payment terms must be at most 365"),
        ({"service": 1.5}, "one of the levels on offer"),
        ({"years": float("nan")}, "Contract length is missing"),
        ({"colour": 1.0}, "no term called 'colour'"),
    ],
)
def test_bad_terms_are_refused_in_words(bad, message):
    sc = rp.scenario("discount_request")
    with pytest.raises(ValueError, match=message):
        rp.score(sc, **dict(sc.status_quo, **bad))


def test_a_missing_term_is_named():
    sc = rp.scenario("commission_plan")
    terms = dict(sc.status_quo)
    del terms["quota"]
    with pytest.raises(ValueError, match="Quota is missing"):
        rp.deal_values(sc, **terms)


# --------------------------------------------------------------------------- frontier


def _dominated_by(s, b, i, candidates):
    return (
        (s[candidates] >= s[i])
        & (b[candidates] >= b[i])
        & ((s[candidates] > s[i]) | (b[candidates] > b[i]))
    )


def _check_frontier(s, b, mask):
    idx = np.arange(len(s))
    front = idx[mask]
    for i in front:  # no frontier deal is dominated by any deal
        assert not _dominated_by(s, b, i, idx).any()
    for i in idx[~mask]:  # every other deal is dominated by a frontier deal
        assert _dominated_by(s, b, i, front).any()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), min_size=1, max_size=40))
def test_pareto_mask_properties_with_ties(points):
    s = np.array([p[0] for p in points], dtype=float)
    b = np.array([p[1] for p in points], dtype=float)
    _check_frontier(s, b, rp.pareto_mask(s, b))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=1, max_size=60))
def test_pareto_mask_properties_on_any_values(points):
    s = np.array([p[0] for p in points])
    b = np.array([p[1] for p in points])
    _check_frontier(s, b, rp.pareto_mask(s, b))


@settings(max_examples=10, deadline=None)
@given(kit=st.sampled_from(KITS), seed=st.integers(0, 10**6))
def test_scenario_frontier_properties(kit, seed):
    g = rp.grid(rp.scenario(kit, seed))
    s, b = g["seller_value"].to_numpy(), g["buyer_value"].to_numpy()
    mask = g["efficient"].to_numpy()
    idx = np.arange(len(s))
    front = idx[mask]
    # vectorised brute force on the whole grid: frontier deals are dominated by nobody ...
    for i in front:
        assert not _dominated_by(s, b, i, idx).any()
    # ... and every other deal by some frontier deal
    fs, fb = s[mask], b[mask]
    rest = idx[~mask]
    dom = (
        (fs[None, :] >= s[rest, None])
        & (fb[None, :] >= b[rest, None])
        & ((fs[None, :] > s[rest, None]) | (fb[None, :] > b[rest, None]))
    )
    assert dom.any(axis=1).all()


def test_pareto_mask_small_example_and_input_checks():
    assert rp.pareto_mask([1, 1, 0], [1, 1, 2]).tolist() == [
        True,
        True,
        True,
    ]  # equal deals both stay
    assert rp.pareto_mask([], []).tolist() == []
    with pytest.raises(ValueError, match="pairs"):
        rp.pareto_mask([1, 2], [1])
    with pytest.raises(ValueError, match="missing"):
        rp.pareto_mask([np.nan], [1])


def test_frontier_gap():
    assert rp.frontier_gap([10, 6], [4, 8], 5, 3) == pytest.approx(1.0)
    assert rp.frontier_gap([10, 6], [4, 8], [5, 10], [3, 4]).tolist() == [1.0, 0.0]


# --------------------------------------------------------------------------- scoring


@pytest.mark.parametrize("kit", KITS)
def test_frontier_deals_score_on_the_frontier_and_today_does_not(kit):
    sc = rp.scenario(kit)
    f = rp.frontier(sc, acceptable_only=True)
    best = f.iloc[len(f) // 2]
    d = rp.score(sc, **{t: best[t] for t in sc.term_names})
    assert d.on_frontier and d.both_could_gain == 0.0 and d.acceptable
    assert d.seller_value == pytest.approx(best["seller_value"])
    today = rp.score(sc, **sc.status_quo)
    assert not today.on_frontier and today.both_could_gain > 0 and today.left_on_table > 0
    assert today.tradeoffs == ()


def test_score_names_the_tradeoffs():
    sc = rp.scenario("discount_request", 4)
    p, sq = sc.params, sc.status_quo
    d = rp.score(sc, **dict(sq, price=p["list_price"] * 0.95, payment_days=60.0))
    by_term = {t.term: t for t in d.tradeoffs}
    assert set(by_term) == {"price", "payment_days"}
    # payment terms cost the seller less than they are worth to the buyer (cost of money 4-7 % vs 12-18 %)
    pay = by_term["payment_days"]
    assert (
        pay.seller_change < 0 < pay.buyer_change
        and pay.verdict == "seller gave, buyer gained more: value created"
    )
    assert by_term["price"].verdict == "mostly a transfer from seller to buyer"
    assert d.seller_vs_walkaway == pytest.approx(d.seller_value - sc.seller_walkaway)
    scores = d.scores()
    assert scores["on_frontier"] == 0.0 and set(scores) >= {
        "seller_value",
        "buyer_value",
        "joint_gain",
    }


def test_score_refuses_several_deals_at_once():
    sc = rp.scenario("discount_request")
    with pytest.raises(ValueError, match="one deal at a time"):
        rp.score(sc, **dict(sc.status_quo, price=np.array([90.0, 91.0])))


def test_option_values_and_brief_facts():
    sc = rp.scenario("unprofitable_account")
    ov = rp.option_values(sc, "service")
    today = ov[ov["option"] == sc.status_quo["service"]]
    assert float(today["seller_change"].iloc[0]) == 0.0
    # cutting today's heavy service saves the seller more than it costs the buyer: the integrative move
    middle = ov[ov["option"] == 1.0].iloc[0]
    assert middle["seller_change"] > -middle["buyer_change"] > 0
    seller, buyer = rp.brief_facts(sc, "seller"), rp.brief_facts(sc, "buyer")
    assert "buyer_walkaway" not in seller and "seller_walkaway" not in buyer
    assert "unit_cost" in seller and "unit_cost" not in buyer
    assert set(rp.brief_facts(sc, "facilitator")) >= set(seller) | set(buyer)
    with pytest.raises(ValueError, match="role must be"):
        rp.brief_facts(sc, "spy")


def test_score_with_a_precomputed_grid_is_the_same():
    sc = rp.scenario("vip_renewal", 8)
    terms = dict(sc.status_quo, payment_days=90.0, years=3.0)
    assert rp.score(sc, grid_table=rp.grid(sc), **terms).scores() == rp.score(sc, **terms).scores()


# --------------------------------------------------------------------------- what the briefs show


def test_term_names_are_checked_with_a_sentence():
    sc = rp.scenario("discount_request", 1)
    rp.check_term_names(sc, ["price", "volume"])  # known terms pass
    with pytest.raises(ValueError, match="has no term called 'colour': its terms are price"):
        rp.check_term_names(sc, ["price", "colour"])


@pytest.mark.parametrize("kit", KITS)
@pytest.mark.parametrize("side", ["seller", "buyer"])
def test_brief_options_keep_today_and_a_few_options_per_term(kit, side):
    sc = rp.scenario(kit)
    shown = rp.brief_options(sc, side)
    full = rp.option_values(sc)
    for term, rows in shown.groupby("term"):
        assert 1 <= len(rows) <= 5  # four spread options plus today's
        today = rows[rows["is_today"]]
        # today's option is shown when it is one of the options on offer
        on_offer = sc.status_quo[term] in set(full.loc[full["term"] == term, "option"])
        assert len(today) == int(on_offer)
        assert (today["option"] == sc.status_quo[term]).all()
        assert (today["change"] == 0.0).all()  # today against today
        # each shown change is the option's value for that side, as the full table has it
        ref = full[full["term"] == term].set_index("option")[f"{side}_change"]
        assert rows["change"].tolist() == ref.loc[rows["option"]].tolist()
    with pytest.raises(ValueError, match="side must be"):
        rp.brief_options(sc, "observer")


@pytest.mark.parametrize("kit", KITS)
def test_value_moves_create_value_together_best_first(kit):
    sc = rp.scenario(kit)
    moves = rp.value_moves(sc)
    assert len(moves) <= 4 and moves["term"].is_unique
    assert (moves["joint_change"] > 0).all()
    assert moves["joint_change"].tolist() == sorted(moves["joint_change"], reverse=True)
    for row in moves.itertuples():
        assert row.joint_change == pytest.approx(row.seller_change + row.buyer_change, rel=1e-12)


def test_discount_volume_is_the_breakeven_volume_of_chapter_3():
    sc = rp.scenario("discount_request", 1)
    ref, cost = sc.params["list_price"], sc.params["unit_cost"]
    m, table = rp.discount_volume(sc)
    assert m == pytest.approx((ref - cost) / ref, rel=1e-12)
    assert table["discount"].tolist() == [d for d in (0.02, 0.05, 0.10) if d < m]
    for d, v in table.itertuples(index=False, name=None):
        # hand calculation: keep contribution, (m - d) x (1 + v) = m, so v = d / (m - d)
        assert v == pytest.approx(d / (m - d), rel=1e-12)
    m, table = rp.discount_volume(rp.scenario("commission_plan"))
    assert np.isnan(m) and table.empty


def test_deals_in_words_and_the_best_joint_gain():
    sc = rp.scenario("vip_renewal", 3)
    deals = rp.best_deals(sc, 2)
    words = rp.deals_in_words(sc, deals)
    assert list(words.columns) == [t.label for t in sc.terms]
    assert words.iloc[0, 0] == sc.terms[0].describe(deals[sc.terms[0].name].iloc[0])
    d = rp.score(sc, **sc.status_quo)
    assert d.best_joint_gain == pytest.approx(d.joint_gain + d.left_on_table, rel=1e-12)
    v = rp.seller_view(sc, **sc.status_quo)
    assert v["commitment_value"] == pytest.approx(v["value"] - v["profit"], rel=1e-12, abs=1e-9)
