"""salesprofit.synth: the sample company is deterministic, consistent and truthful.

Three kinds of checks:

* determinism: the same seed gives byte-identical files, and the committed
  ``datasets/`` equal a fresh generation with the default seed;
* consistency: the tables agree with each other (keys, dates, money, expenses that
  add up the detailed tables);
* planted truths: the analyses a chapter runs recover what ``ground_truth.json``
  says was planted (elasticities, retention, over-discounting reps, unprofitable
  customers, stage conversion, response rates, seasonality, duplicates ...).

Every truth is recomputed here from the CSV files with code independent of the
generator's own bookkeeping.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salesprofit import data, synth

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "datasets"


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return {name: data.load(name) for name in data.tables()}


@pytest.fixture(scope="module")
def truth() -> dict:
    return data.ground_truth()


@pytest.fixture(scope="module")
def lines(t) -> pd.DataFrame:
    """Order lines of delivered orders with the order header, revenue and gross profit."""
    orders = t["orders"][t["orders"]["status"] == "delivered"]
    out = t["order_lines"].merge(
        orders[["order_id", "order_date", "customer_id", "rep_id"]],
        on="order_id",
        validate="many_to_one",
    )
    out["revenue"] = out["quantity"] * out["net_price"]
    out["gross_profit"] = out["quantity"] * (out["net_price"] - out["unit_cost"])
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, Path]:
    a = tmp_path_factory.mktemp("gen_a")
    b = tmp_path_factory.mktemp("gen_b")
    synth.write(a, seed=synth.DEFAULT_SEED)
    synth.write(b, seed=synth.DEFAULT_SEED)
    return a, b


# --- determinism ------------------------------------------------------------------------


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_same_seed_same_bytes(generated):
    a, b = generated
    assert _files(a) == _files(b)
    for name in _files(a):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_committed_datasets_equal_a_fresh_generation(generated):
    fresh, _ = generated
    expected = sorted([f"{n}.csv" for n in data.tables()] + ["README.md", "ground_truth.json"])
    assert _files(fresh) == expected
    for name in expected:
        assert (DATASETS / name).read_bytes() == (fresh / name).read_bytes(), (
            f"datasets/{name} differs from a fresh generation: run `make data`"
        )


def test_another_seed_gives_another_company():
    other = synth.generate(seed=7)
    assert other.truths["seed"] == 7
    assert not other["orders"].equals(synth.generate(seed=synth.DEFAULT_SEED)["orders"])


def test_files_are_plain_utf8_with_unix_newlines_and_small():
    total = 0
    for name in data.tables():
        raw = (DATASETS / f"{name}.csv").read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw, name
        total += len(raw)
    assert total < 25 * 2**20


def test_generated_columns_follow_the_spec():
    company = synth.generate()
    for name, spec in data.TABLES.items():
        assert list(company[name].columns) == spec.column_names, name


# --- size and shape ------------------------------------------------------------------------


def test_sizes_are_the_seeded_ones(t):
    # the fixed seed gives these exact counts (datasets/README.md lists them): two years of
    # a mid-size distributor; 16 reps on 2024-01-01 plus the four hires (synth.NEW_HIRES);
    # one row per quote of the price test (synth.EXPERIMENT_QUOTES)
    assert len(t["order_lines"]) == 63_520
    assert len(t["orders"]) == 22_077
    assert len(t["reps"]) == 16 + len(synth.NEW_HIRES) == 20
    assert len(t["price_experiment"]) == synth.EXPERIMENT_QUOTES == 15_000
    dates = t["orders"]["order_date"]
    assert dates.min() >= pd.Timestamp("2024-01-01")
    assert dates.max() <= pd.Timestamp("2025-12-31")


def test_prices_margins_and_discounts_look_like_a_distributor(t, lines):
    products = t["products"]
    assert products["list_price"].min() < 20
    assert products["list_price"].max() > 3000
    margin = 1 - products["unit_cost"] / products["list_price"]
    by_category = margin.groupby(products["category"]).mean()
    assert by_category.min() > 0.15 and by_category.max() < 0.5
    # discounts cluster at round numbers and are larger for key accounts
    round_share = lines["discount"].isin([0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30]).mean()
    assert round_share > 0.85
    tiers = lines.merge(t["customers"][["customer_id", "tier"]])
    mean_discount = tiers.groupby("tier")["discount"].mean()
    assert mean_discount["key"] > mean_discount["growth"] > mean_discount["standard"]


def test_chinese_new_year_dip(lines, truth):
    month = lines["order_date"].dt.month
    revenue = lines["revenue"].groupby(month).sum()
    assert revenue[2] == revenue.min()
    assert revenue[[1, 2]].mean() < 0.85 * revenue.mean()


# --- consistency between tables ------------------------------------------------------------


def test_foreign_keys(t):
    ids = {
        name: set(t[name][col])
        for name, col in [
            ("customers", "customer_id"),
            ("products", "product_id"),
            ("reps", "rep_id"),
            ("orders", "order_id"),
            ("opportunities", "opportunity_id"),
            ("campaigns", "campaign_id"),
            ("tickets", "ticket_id"),
        ]
    }
    refs = [
        ("orders", "customer_id", "customers"),
        ("orders", "rep_id", "reps"),
        ("order_lines", "order_id", "orders"),
        ("order_lines", "product_id", "products"),
        ("customers", "rep_id", "reps"),
        ("targets", "rep_id", "reps"),
        ("opportunities", "customer_id", "customers"),
        ("opportunity_stages", "opportunity_id", "opportunities"),
        ("activities", "customer_id", "customers"),
        ("activities", "rep_id", "reps"),
        ("activities", "opportunity_id", "opportunities"),
        ("campaign_responses", "campaign_id", "campaigns"),
        ("campaign_responses", "customer_id", "customers"),
        ("tickets", "order_id", "orders"),
        ("tickets", "product_id", "products"),
        ("returns", "order_id", "orders"),
        ("surveys", "ticket_id", "tickets"),
        ("surveys", "customer_id", "customers"),
        ("inventory", "product_id", "products"),
        ("price_experiment", "customer_id", "customers"),
        ("price_experiment", "product_id", "products"),
    ]
    for table, col, target in refs:
        values = set(t[table][col].dropna())
        assert values <= ids[target], (table, col)


def test_cancelled_orders_have_no_lines_and_no_costs(t):
    orders = t["orders"]
    cancelled = orders[orders["status"] == "cancelled"]
    assert 0 < len(cancelled) < 0.03 * len(orders)
    assert not set(cancelled["order_id"]) & set(t["order_lines"]["order_id"])
    assert (cancelled[["freight_cost", "handling_cost"]] == 0).all().all()
    delivered = set(orders.loc[orders["status"] == "delivered", "order_id"])
    assert delivered == set(t["order_lines"]["order_id"])


def test_list_prices_follow_the_catalogue(t, lines):
    products = t["products"].set_index("product_id")
    in2025 = lines[lines["order_date"].dt.year == 2025]
    assert (
        in2025["list_price"].to_numpy()
        == products.loc[in2025["product_id"], "list_price"].to_numpy()
    ).all()
    assert (
        in2025["unit_cost"].to_numpy() == products.loc[in2025["product_id"], "unit_cost"].to_numpy()
    ).all()
    launch = products.loc[lines["product_id"], "launch_date"].to_numpy()
    assert (lines["order_date"].to_numpy() >= launch).all()


def test_reps_sell_only_after_they_are_hired(t):
    hire = t["reps"].set_index("rep_id")["hire_date"]
    for table, date in (
        ("orders", "order_date"),
        ("activities", "date"),
        ("opportunities", "created_date"),
    ):
        frame = t[table]
        assert (frame[date].to_numpy() >= hire[frame["rep_id"]].to_numpy()).all(), table


def test_customers_first_order_is_the_acquisition_date(t):
    customers = t["customers"].set_index("customer_id")
    first = t["orders"].groupby("customer_id")["order_date"].min()
    new = customers[customers["acquired_date"] >= pd.Timestamp("2024-01-01")]
    assert (first[new.index] == new["acquired_date"]).all()
    old = customers[customers["acquired_date"] < pd.Timestamp("2024-01-01")]
    assert (first[old.index] >= pd.Timestamp("2024-01-01")).all()


def test_returns_and_tickets_refer_to_what_was_sold(t):
    lines = t["order_lines"].merge(t["orders"][["order_id", "order_date", "customer_id"]])
    r = t["returns"].merge(lines, on=["order_id", "line_no"], suffixes=("", "_line"))
    assert len(r) == len(t["returns"])
    assert (r["product_id"] == r["product_id_line"]).all()
    assert (r["customer_id"] == r["customer_id_line"]).all()
    assert (r["quantity"] <= r["quantity_line"]).all()
    assert np.allclose(r["refund_amount"], (r["quantity"] * r["net_price"]).round(2))
    assert (r["return_date"] > r["order_date"]).all()
    tk = t["tickets"].merge(
        t["orders"][["order_id", "order_date", "customer_id"]],
        on="order_id",
        suffixes=("", "_order"),
    )
    assert (tk["customer_id"] == tk["customer_id_order"]).all()
    assert (tk["opened_date"] > tk["order_date"]).all()
    closed = tk["resolved_date"].notna()
    assert (tk["resolution_hours"].notna() == closed).all()


def test_opportunity_history_matches_the_opportunities(t):
    opp = t["opportunities"].set_index("opportunity_id")
    st = t["opportunity_stages"]
    last = st.groupby("opportunity_id").tail(1).set_index("opportunity_id")
    status = last["outcome"].map({"won": "won", "lost": "lost", "open": "open"})
    assert (status == opp.loc[last.index, "status"]).all()
    assert (opp.loc[last.index, "closed_date"].isna() == (status == "open")).all()
    closed = status != "open"
    assert (last.loc[closed, "exited_date"] == opp.loc[last.index[closed], "closed_date"]).all()
    first = st.groupby("opportunity_id").head(1).set_index("opportunity_id")
    assert (first["stage"] == "lead").all()
    assert (first["entered_date"] == opp.loc[first.index, "created_date"]).all()
    # each stage starts when the previous one ended
    nxt = st.groupby("opportunity_id")["entered_date"].shift(-1)
    has_next = nxt.notna()
    assert (st.loc[has_next, "exited_date"] == nxt[has_next]).all()


def test_expenses_add_up_the_detailed_tables(t):
    exp = t["expenses"].pivot(index="month", columns="category", values="amount")

    def month(s: pd.Series) -> pd.Series:
        return s.dt.to_period("M").dt.to_timestamp()

    orders = t["orders"][t["orders"]["status"] == "delivered"]
    freight = orders.groupby(month(orders["order_date"]))["freight_cost"].sum()
    assert np.allclose(exp["logistics"], freight.reindex(exp.index, fill_value=0), atol=0.02)
    act = t["activities"]
    visits = act[act["type"] == "visit"]
    travel = visits.groupby(month(visits["date"]))["cost"].sum()
    assert np.allclose(exp["travel"], travel.reindex(exp.index, fill_value=0), atol=0.02)
    assert exp["marketing"].sum() == pytest.approx(t["campaigns"]["spend"].sum(), abs=1)
    assert len(exp) == 24 and exp.notna().all().all()


def test_inventory_demand_is_2025_sales(t, lines):
    sold = lines[lines["order_date"].dt.year == 2025].groupby("product_id")["quantity"].sum()
    inv = t["inventory"].set_index("product_id")
    assert (inv["annual_demand"] == sold.reindex(inv.index, fill_value=0)).all()
    assert (inv["jit_order_cost"] < inv["order_cost"]).all()


def test_inventory_costs_match_the_ground_truth(t, truth):
    inv = t["inventory"].merge(t["products"][["product_id", "unit_cost"]])
    h = inv["holding_cost_rate"] * inv["unit_cost"]
    d, k, q = inv["annual_demand"], inv["order_cost"], inv["order_quantity"]
    current = (k * d / q + h * q / 2).sum()
    eoq = np.sqrt(2 * d * k / h)
    optimal = (np.where(d > 0, k * d / eoq.where(d > 0, 1), 0) + h * eoq / 2).sum()
    cost = truth["inventory_annual_cost"]
    assert current == pytest.approx(cost["current_policy"], rel=1e-6)
    assert optimal == pytest.approx(cost["eoq_policy"], rel=1e-6)
    assert optimal < current


def test_campaign_contacts_and_new_customers(t):
    cr, camp = t["campaign_responses"], t["campaigns"].set_index("campaign_id")
    assert (cr.groupby("campaign_id").size() == camp["contacts"]).all()
    assert (cr["converted"] <= cr["responded"]).all()
    new = cr[cr["new_customer"] == 1]
    customers = t["customers"].set_index("customer_id")
    assert len(new) > 50
    assert (
        customers.loc[new["customer_id"], "acquisition_channel"].to_numpy()
        == camp.loc[new["campaign_id"], "channel"].to_numpy()
    ).all()
    # their first order is the one recorded as first_order_value
    lines = t["order_lines"].merge(t["orders"][["order_id", "order_date", "customer_id"]])
    value = (lines["quantity"] * lines["net_price"]).groupby(lines["order_id"]).sum()
    first = (
        t["orders"]
        .sort_values(["order_date", "order_id"])
        .groupby("customer_id")["order_id"]
        .first()
    )
    expected = value[first[new["customer_id"]]].round(2).to_numpy()
    assert np.allclose(new["first_order_value"].to_numpy(), expected, atol=0.011)


# --- planted truths ---------------------------------------------------------------------


def test_price_elasticity_recovered_by_poisson_glm(t, truth):
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    pe = t["price_experiment"].assign(log_price_index=lambda d: np.log(d["price_index"]))
    fit = smf.glm(
        "quantity ~ 0 + C(segment) + C(segment):log_price_index", pe, family=sm.families.Poisson()
    ).fit()
    for segment, planted in truth["price_elasticity_by_segment"].items():
        estimate = fit.params[f"C(segment)[{segment}]:log_price_index"]
        assert estimate == pytest.approx(planted, abs=0.2), segment
        assert -3.0 <= planted <= -1.3
    # the experiment is balanced: every price level and both scripts in every segment
    assert (pe.groupby("segment")["price_index"].nunique() == 5).all()
    assert set(pe["offer"]) == {"A", "B"}


def test_offer_b_converts_a_few_points_better(t, truth):
    rates = t["price_experiment"].groupby("offer")["converted"].mean()
    assert 0.02 < rates["B"] - rates["A"] < 0.10
    for offer in ("A", "B"):
        assert rates[offer] == pytest.approx(truth["offer_conversion_rates"][offer], abs=0.02)


def test_over_discounting_reps(lines, truth, t):
    over = truth["over_discounting_reps"]
    assert 2 <= len(over) <= 3
    by_rep = lines.groupby("rep_id").agg(
        discount=("discount", "mean"), customers=("customer_id", "nunique")
    )
    by_rep["volume_per_customer"] = (lines["quantity"] * lines["list_price"]).groupby(
        lines["rep_id"]
    ).sum() / by_rep["customers"]
    others = by_rep.drop(index=over)
    veterans = others.loc[t["reps"].set_index("rep_id").loc[others.index, "is_new_hire"] == 0]
    for rep in over:
        assert by_rep.at[rep, "discount"] > others["discount"].max() + 0.01, rep
        # ... without selling more: volume at list price per account is below the median
        assert by_rep.at[rep, "volume_per_customer"] < veterans["volume_per_customer"].median()


def test_retention_by_tier(t, truth):
    orders = t["orders"][t["orders"]["status"] == "delivered"]
    year = orders["order_date"].dt.year
    b24 = set(orders.loc[year == 2024, "customer_id"])
    b25 = set(orders.loc[year == 2025, "customer_id"])
    tier = t["customers"].set_index("customer_id")["tier"]
    for name, planted in truth["retention_by_tier"].items():
        active = [c for c in b24 if tier[c] == name]
        kept = sum(c in b25 for c in active) / len(active)
        assert kept == pytest.approx(planted, abs=0.06), name
        assert kept == pytest.approx(truth["observed"]["retention_by_tier"][name], abs=1e-4)
    assert (
        truth["retention_by_tier"]["key"]
        > truth["retention_by_tier"]["growth"]
        > truth["retention_by_tier"]["standard"]
    )


def test_pareto_customers(lines, truth):
    revenue = lines.groupby("customer_id")["revenue"].sum().sort_values(ascending=False)
    top = int(np.ceil(0.2 * len(revenue)))
    share = revenue.iloc[:top].sum() / revenue.sum()
    assert 0.6 < share < 0.9
    assert share == pytest.approx(truth["observed"]["top20pct_customer_revenue_share"], abs=1e-3)


def _profit_after_cost_to_serve(t, lines, truth) -> pd.Series:
    """Independent re-computation of the ground truth's cost-to-serve definition."""
    cust = t["customers"].set_index("customer_id")
    sales = lines.groupby("customer_id")["revenue"].sum().reindex(cust.index, fill_value=0)
    gp = lines.groupby("customer_id")["gross_profit"].sum().reindex(cust.index, fill_value=0)
    orders = t["orders"]
    order_costs = (
        (orders["freight_cost"] + orders["handling_cost"]).groupby(orders["customer_id"]).sum()
    )
    r = t["returns"]
    returns = (
        (r["refund_amount"] - r["recovered_value"] + r["handling_cost"])
        .groupby(r["customer_id"])
        .sum()
    )
    costs = [
        sales * cust["rebate_rate"],
        sales * truth["cost_of_capital"] * cust["payment_terms_days"] / 365,
        order_costs,
        t["activities"].groupby("customer_id")["cost"].sum(),
        t["tickets"].groupby("customer_id")["cost"].sum(),
        returns,
    ]
    return gp - sum(c.reindex(cust.index, fill_value=0) for c in costs)


def test_unprofitable_customers(t, lines, truth):
    profit = _profit_after_cost_to_serve(t, lines, truth)
    planted = truth["unprofitable_customers"]
    assert 3 <= len(planted) <= 8
    assert (profit[planted] < 0).all()
    # they are the worst accounts, yet look healthy on gross profit alone
    assert set(profit.nsmallest(len(planted)).index) == set(planted)
    gp = lines.groupby("customer_id")["gross_profit"].sum()
    assert (gp[planted] > 0).all()
    for c in planted:
        assert profit[c] == pytest.approx(
            truth["observed"]["profit_after_cost_to_serve_of_unprofitable_customers"][c], abs=0.05
        )
    # the generator's helper agrees with this independent computation
    helper = synth.customer_profit(t)["profit"]
    assert np.allclose(helper.reindex(profit.index), profit, atol=0.01)


def test_stage_conversion_and_durations(t, truth):
    st = t["opportunity_stages"]
    closed = st[st["outcome"] != "open"]
    moved = closed["outcome"].isin(["advanced", "won"]).groupby(closed["stage"]).mean()
    days = (closed["exited_date"] - closed["entered_date"]).dt.days.groupby(closed["stage"]).mean()
    for stage, planted in truth["stage_conversion_rates"].items():
        assert moved[stage] == pytest.approx(planted, abs=0.05), stage
        assert days[stage] == pytest.approx(truth["stage_mean_days"][stage], rel=0.15), stage
    # the bottleneck (longest stage, lowest conversion) is the proposal
    assert days.idxmax() == "proposal"
    assert moved.idxmin() == "proposal"


def test_campaign_response_rates(t, truth):
    cr = t["campaign_responses"].merge(t["campaigns"][["campaign_id", "channel"]])
    rates = cr.groupby("channel")["responded"].mean()
    for channel, planted in truth["campaign_response_rates"].items():
        assert rates[channel] == pytest.approx(planted, abs=max(0.012, 0.2 * planted)), channel
    # customers respond more than prospects: a response model has something to find
    by_kind = cr.groupby("is_customer")["responded"].mean()
    assert by_kind[1] > 1.5 * by_kind[0]


def test_seasonality(lines, truth):
    month = lines["order_date"].dt.month
    revenue = lines["revenue"].groupby(month).sum()
    index = revenue / revenue.mean()
    planted = pd.Series({int(k): v for k, v in truth["seasonality_index"].items()}).sort_index()
    assert planted.mean() == pytest.approx(1.0)
    assert np.abs(index - planted).max() < 0.1
    assert np.corrcoef(index, planted)[0, 1] > 0.9


def test_duplicates_and_gaps(t, truth):
    cust = t["customers"].set_index("customer_id")
    pairs = truth["duplicate_customers"]
    assert 3 <= len(pairs) <= 8

    def normal(name: str) -> str:
        name = name.lower().replace("company limited", "co ltd")
        return re.sub(r"[^a-z0-9]+", " ", name).strip()

    for original, duplicate in pairs:
        assert cust.at[original, "contact_phone"] == cust.at[duplicate, "contact_phone"]
        assert cust.at[original, "name"] != cust.at[duplicate, "name"]
        assert normal(cust.at[original, "name"]) == normal(cust.at[duplicate, "name"])
    # no other shared phone numbers or names
    phones = cust["contact_phone"].dropna()
    assert phones.duplicated().sum() == len(pairs)
    assert cust["name"].map(normal).duplicated().sum() == len(pairs)
    gaps = truth["missing_contact_fields"]
    assert cust["contact_email"].isna().sum() == gaps["contact_email"]
    assert cust["contact_phone"].isna().sum() == gaps["contact_phone"]
    assert gaps["total"] == gaps["contact_email"] + gaps["contact_phone"] > 0


def test_product_associations(lines, truth):
    baskets = lines.groupby("order_id")["product_id"].apply(set)
    n = len(baskets)
    for pair in truth["product_associations"]:
        anchors, complement = set(pair["anchors"]), pair["complement"]
        has_anchor = ~baskets.map(anchors.isdisjoint).astype(bool)
        has_comp = baskets.map(lambda b, c=complement: c in b)
        confidence = (has_anchor & has_comp).sum() / has_anchor.sum()
        lift = confidence / (has_comp.sum() / n)
        assert confidence > 0.35 and lift > 3, complement


def test_new_products_take_over_after_launch(t, lines, truth):
    products = t["products"].set_index("product_id")
    for new, old in truth["new_products"].items():
        assert products.at[new, "replaces_product_id"] == old
        launch = products.at[new, "launch_date"]
        sold_new = lines[lines["product_id"] == new]
        assert (sold_new["order_date"] >= launch).all()
    after = lines["order_date"] >= lines["product_id"].map(
        {o: products.at[n, "launch_date"] for n, o in truth["new_products"].items()}
    )
    olds = lines["product_id"].isin(truth["new_products"].values())
    news = lines["product_id"].isin(truth["new_products"].keys())
    share_new = news.sum() / (news.sum() + (olds & after).sum())
    assert share_new == pytest.approx(truth["new_product_switch_share"], abs=0.08)


def test_quality_and_service_speed(t, truth):
    tickets = t["tickets"]
    bad = truth["high_defect_products"]
    ticket_bad = tickets["product_id"].isin(bad).sum()
    ticket_other = tickets["product_id"].notna().sum() - ticket_bad
    line_bad = t["order_lines"]["product_id"].isin(bad).sum()
    line_other = len(t["order_lines"]) - line_bad
    assert ticket_bad / line_bad > 2.5 * ticket_other / line_other
    hours = tickets.groupby(tickets["opened_date"].dt.year)["resolution_hours"].median()
    assert hours[2025] < 0.85 * hours[2024]
    s = t["surveys"]
    post = s[s["survey_type"] == "post_ticket"].merge(tickets, on="ticket_id")
    assert np.corrcoef(np.log(post["resolution_hours"]), post["nps_score"])[0, 1] < -0.2
    assert (post["date"] >= post["resolved_date"]).all()


def test_new_reps_ramp_up(t, lines):
    reps = t["reps"]
    new = reps[reps["is_new_hire"] == 1]
    assert len(new) >= 2
    assert (new["hire_date"] >= pd.Timestamp("2024-01-01")).all()
    first = new.sort_values("hire_date").iloc[0]
    mine = lines[lines["rep_id"] == first["rep_id"]]
    months = (mine["order_date"] - first["hire_date"]).dt.days // 30
    revenue = mine["revenue"].groupby(months).sum()
    # the first quarter after the hire sells clearly less than a year later
    assert revenue.loc[0:2].mean() < 0.85 * revenue.loc[12:14].mean()


def test_targets_cover_every_active_rep_quarter(t, lines):
    targets = t["targets"]
    assert set(targets["year"]) == {2024, 2025}
    revenue = lines.groupby(
        ["rep_id", lines["order_date"].dt.year, lines["order_date"].dt.quarter]
    )["revenue"].sum()
    assert len(targets) == len(revenue)
    attainment = (
        revenue.to_numpy()
        / targets.set_index(["rep_id", "year", "quarter"])["revenue_target"]
        .reindex(revenue.index)
        .to_numpy()
    )
    assert 0.8 < np.median(attainment) < 1.1
