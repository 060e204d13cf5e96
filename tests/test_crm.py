"""salesprofit.crm: the data-quality audit finds what the generator planted."""

import json
from pathlib import Path

import pandas as pd
import pytest

from salesprofit import crm, data

TRUTH = json.loads((Path(__file__).parents[1] / "datasets" / "ground_truth.json").read_text())


@pytest.fixture(scope="module")
def customers():
    return data.load("customers")


def test_near_duplicates_recover_the_planted_pairs(customers):
    pairs = crm.near_duplicates(customers)
    found = {tuple(p) for p in pairs.loc[pairs["shared_contact"], ["id_a", "id_b"]].to_numpy()}
    assert found == {tuple(p) for p in TRUTH["duplicate_customers"]}


def test_near_duplicates_catch_typos_and_case():
    df = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3", "C4"],
            "city": ["Suzhou"] * 3 + ["Wuxi"],
            "name": [
                "Suzhou Baolong Tools Co., Ltd.",
                "SUZHOU BAOLONG TOOLS CO LTD",
                "Suzhou Baolong Toolz Co., Ltd.",
                "Suzhou Baolong Tools Co., Ltd.",
            ],
            "contact_phone": ["1", "1", None, "1"],
        }
    )
    p = crm.near_duplicates(df, threshold=0.9)
    got = {(a, b) for a, b in p[["id_a", "id_b"]].to_numpy()}
    assert got == {("C1", "C2"), ("C1", "C3"), ("C2", "C3")}  # C4 is in another city
    assert p.loc[(p["id_a"] == "C1") & (p["id_b"] == "C2"), "same_contact_phone"].item()


def test_audit_counts_the_planted_gaps(customers):
    miss = TRUTH["missing_contact_fields"]
    prof = crm.profile(customers, crm.CUSTOMER_RULES).set_index("column")
    assert prof.loc["contact_email", "missing"] == miss["contact_email"]
    assert prof.loc["contact_phone", "missing"] == miss["contact_phone"]
    assert prof["missing"].sum() == miss["total"]
    assert prof["invalid"].sum() == 0
    pairs = crm.near_duplicates(customers)
    a = crm.audit(
        customers, crm.CUSTOMER_RULES, key="customer_id", duplicates=pairs[pairs["shared_contact"]]
    )
    cells = len(customers) * customers.shape[1]
    assert a.completeness == pytest.approx(1 - miss["total"] / cells)
    assert a.uniqueness == pytest.approx(1 - len(TRUTH["duplicate_customers"]) / len(customers))
    assert a.validity == 1.0
    assert a.score == pytest.approx((a.completeness + a.validity + a.uniqueness) / 3)


def test_out_of_range_values_are_flagged():
    df = pd.DataFrame(
        {
            "customer_id": ["A", "B", "B"],
            "rebate_rate": [0.05, 0.5, None],
            "tier": ["key", "gold", "growth"],
            "contact_email": ["a@b.cn", "not-an-email", None],
        }
    )
    rules = {k: crm.CUSTOMER_RULES[k] for k in ("rebate_rate", "tier", "contact_email")}
    p = crm.profile(df, rules).set_index("column")
    assert p.loc["rebate_rate", "invalid"] == 1 and p.loc["tier", "invalid"] == 1
    assert p.loc["contact_email", "invalid"] == 1 and p.loc["contact_email", "missing"] == 1
    bad = crm.invalid_rows(df, rules)
    assert list(bad.index) == [1] and "rebate_rate" in bad["problem"].iloc[0]
    a = crm.audit(df, rules, key="customer_id")
    assert a.uniqueness == pytest.approx(2 / 3)  # customer B twice
    assert a.validity == pytest.approx(1 - 3 / 7)
    with pytest.raises(ValueError, match="does not have"):
        crm.profile(df, {"nope": {"min": 0}})


def test_quality_score_and_checklist():
    assert crm.quality_score(0.9, 1.0, 0.8) == pytest.approx(0.9)
    assert crm.quality_score(0.9, 1.0, 0.8, weights=(1, 0, 0)) == pytest.approx(0.9)
    with pytest.raises(ValueError, match="All weights are zero"):
        crm.quality_score(0.9, 1.0, 0.8, weights=(0, 0, 0))
    t, s = crm.checklist_score(
        pd.DataFrame(
            {"item": ["a", "b"], "passed": [50, 100], "checked": [100, 100], "weight": [1, 1]}
        )
    )
    assert s == pytest.approx(0.75) and t["points"].sum() == pytest.approx(0.75)


def test_single_customer_view_adds_up(customers):
    orders, lines = data.load("orders"), data.load("order_lines")
    v = crm.single_customer_view(
        customers,
        orders,
        lines,
        data.load("activities"),
        data.load("tickets"),
        data.load("surveys"),
        data.load("opportunities"),
    )
    assert len(v) == len(customers) and v.index.is_unique
    assert v["net_sales"].sum() == pytest.approx((lines["quantity"] * lines["net_price"]).sum())
    assert v["orders"].sum() == (orders["status"] == "delivered").sum()
    assert v["tickets"].sum() == len(data.load("tickets"))
    c = v.loc["C0083"]
    assert c["name"].startswith("Beijing Zhongxin") and c["last_order"] >= c["first_order"]


def test_audit_lab_speaks_of_the_data_and_finds_the_duplicates(customers):
    view = crm.single_customer_view(customers, data.load("orders"), data.load("order_lines"))
    lab = crm.audit_lab(customers, view)
    found = {tuple(p) for p in lab.confirmed[["id_a", "id_b"]].to_numpy()}
    assert found == {tuple(p) for p in TRUTH["duplicate_customers"]}
    miss = TRUTH["missing_contact_fields"]
    assert lab.missing_total == miss["total"]
    assert lab.missing["contact_email"] == miss["contact_email"]
    merged = lab.split["sales_a"] + lab.split["sales_b"]
    assert lab.split["sales_merged"].tolist() == pytest.approx(merged.tolist())
    assert lab.card_ids[:2] == list(lab.confirmed.iloc[0][["id_a", "id_b"]])


def test_single_customer_view_uses_the_one_line_definitions(customers):
    from salesprofit import profitability

    orders, lines = data.load("orders"), data.load("order_lines")
    view = crm.single_customer_view(customers, orders, lines)
    delivered = orders.loc[orders["status"] == "delivered", "order_id"]
    mine = lines[lines["order_id"].isin(delivered)]
    assert view["gross_profit"].sum() == pytest.approx(
        profitability.line_gross_profit(mine).sum(), rel=1e-12
    )
    assert view["net_sales"].sum() == pytest.approx(
        profitability.line_net_sales(mine).sum(), rel=1e-12
    )
