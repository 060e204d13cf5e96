"""CRM data quality and the single customer view.

Chapter 5 (利用CRM系统, customer information management) and chapter 10
(数据驱动的决策, data collection). A CRM is only as useful as its data: the
audit below measures the classic data-quality dimensions, **completeness**
(no missing values), **validity** (values inside the allowed range or list),
and **uniqueness** (one record per real-world customer), after Wang & Strong,
"Beyond accuracy: what data quality means to data consumers", *Journal of
Management Information Systems* 12(4), 1996, and the DAMA *DMBOK* (2nd ed.,
ch. 13). Near-duplicate customer names are found by record linkage: names are
normalised (case, punctuation, legal-form words such as "Co., Ltd.") and
compared within blocks of likely matches (Christen, *Data Matching*, Springer
2012, ch. 4 on blocking), with ``difflib`` similarity for the fuzzy cases.

Pure: DataFrames in, DataFrames out.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C
from .profitability import line_gross_profit, line_net_sales
from .quality import nps_by

__all__ = [
    "Audit",
    "AuditLab",
    "MatchScore",
    "audit",
    "audit_lab",
    "checklist_score",
    "collection_checklist",
    "completeness_share",
    "invalid_rows",
    "near_duplicates",
    "normalise_names",
    "profile",
    "quality_score",
    "score_matching",
    "single_customer_view",
    "uniqueness",
]

#: Validity rules of the sample company's customer master (from the data dictionary).
CUSTOMER_RULES: dict[str, dict] = {
    "segment": {
        "allowed": ["manufacturing", "automotive", "construction", "utilities", "healthcare"]
    },
    "tier": {"allowed": ["key", "growth", "standard"]},
    "region": {"allowed": ["east", "south", "north", "central", "west"]},
    "payment_terms_days": {"allowed": [30, 60, 90]},
    "rebate_rate": {"min": 0.0, "max": 0.1},
    "employees": {"min": 1},
    "estimated_potential": {"min": 0.0},
    "contact_email": {"pattern": r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"},
    "contact_phone": {"pattern": r"^\+86 1\d{2} \d{4} \d{4}$"},
}

_LEGAL_WORDS = r"\b(?:co|company|ltd|limited|corp|corporation|inc|llc)\b"


def _invalid(col: pd.Series, rule: Mapping) -> pd.Series:
    """True where a present value breaks ``rule`` (missing values are not invalid, just missing)."""
    present = col.notna()
    bad = pd.Series(False, index=col.index)
    if "allowed" in rule:
        bad |= present & ~col.isin(list(rule["allowed"]))
    if "min" in rule:
        bad |= present & (pd.to_numeric(col, errors="coerce") < rule["min"])
    if "max" in rule:
        bad |= present & (pd.to_numeric(col, errors="coerce") > rule["max"])
    if "pattern" in rule:
        ok = col.astype("string").str.match(rule["pattern"]).fillna(False).astype(bool)
        bad |= present & ~ok
    return bad


def profile(df: pd.DataFrame, rules: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """Tidy data-quality profile: one row per column.

    Columns: ``column``, ``dtype``, ``rows``, ``missing``, ``missing_share``,
    ``distinct`` (distinct present values), ``checked`` (True when a rule
    applies), ``invalid`` and ``invalid_share`` (present values breaking the
    rule, a share of present values). A rule is a dict with any of ``allowed``
    (a list), ``min``, ``max`` and ``pattern`` (a regular expression).

    >>> df = pd.DataFrame({"id": ["a", "b", "c"], "rate": [0.1, 0.5, None]})
    >>> p = profile(df, {"rate": {"max": 0.2}})
    >>> p.loc[p["column"] == "rate", ["missing", "invalid"]].iloc[0].tolist()
    [1, 1]
    """
    rules = dict(rules or {})
    unknown = set(rules) - set(df.columns)
    if unknown:
        raise ValueError(
            f"Rules name columns the table does not have: {', '.join(sorted(unknown))}."
        )
    rows = []
    n = len(df)
    for col in df.columns:
        s = df[col]
        missing = int(s.isna().sum())
        present = n - missing
        invalid = int(_invalid(s, rules[col]).sum()) if col in rules else 0
        rows.append(
            {
                "column": col,
                "dtype": str(s.dtype),
                "rows": n,
                "missing": missing,
                "missing_share": missing / n if n else 0.0,
                "distinct": int(s.nunique()),
                "checked": col in rules,
                "invalid": invalid,
                "invalid_share": invalid / present if present else 0.0,
            }
        )
    return pd.DataFrame(rows)


def invalid_rows(df: pd.DataFrame, rules: Mapping[str, Mapping]) -> pd.DataFrame:
    """The rows that break any rule, with a ``problem`` column naming the broken rules.

    >>> df = pd.DataFrame({"tier": ["key", "gold"], "rebate_rate": [0.02, 0.5]})
    >>> invalid_rows(df, {"tier": {"allowed": ["key", "growth"]}, "rebate_rate": {"max": 0.1}})["problem"].tolist()
    ['tier out of range, rebate_rate out of range']
    """
    flags = pd.DataFrame(
        {col: _invalid(df[col], rule) for col, rule in rules.items()}, index=df.index
    )
    bad = flags.any(axis=1)
    problems = flags[bad].apply(
        lambda r: ", ".join(f"{c} out of range" for c in flags.columns[r]), axis=1
    )
    return df[bad].assign(problem=problems)


def normalise_names(names: pd.Series) -> pd.Series:
    """Company names reduced to their distinctive words.

    Lower case, punctuation dropped, legal-form words (co, ltd, company,
    limited, corp, inc) removed; "group" is kept, since a
    group and its subsidiary are different accounts, spaces collapsed.

    >>> normalise_names(pd.Series(["Jinan Xiangyu Plastics, Co., Ltd", "JINAN XIANGYU PLASTICS CO. LTD."])).tolist()
    ['jinan xiangyu plastics', 'jinan xiangyu plastics']
    """
    s = names.astype("string").str.lower().str.replace(r"[^\w\s]", " ", regex=True)
    s = s.str.replace(_LEGAL_WORDS, " ", regex=True)
    return s.str.split().str.join(" ").fillna("")


def near_duplicates(
    customers: pd.DataFrame,
    id_col: str = "customer_id",
    name_col: str = "name",
    block_on: Sequence[str] = ("city",),
    threshold: float = 0.95,
    evidence: Sequence[str] = ("contact_phone", "contact_email"),
    block_chars: int = 64,
) -> pd.DataFrame:
    """Pairs of records that probably describe the same customer.

    Names are normalised (:func:`normalise_names`). Records are compared only
    within a block: the same values of ``block_on`` and the same first two
    words of the normalised name (for the sample company: city and brand),
    cut to ``block_chars`` characters (a smaller value makes bigger blocks
    that catch typos in the brand, at more comparisons); identical
    normalised names match at once (a vectorised self-join), the rest of each
    block is compared with ``difflib.SequenceMatcher`` and kept at
    ``threshold`` similarity or more. ``evidence`` columns are reported as
    ``same_<col>`` (True when both present and equal).

    Returns one row per pair with ``id_a`` (the first record), ``id_b``,
    ``name_a``, ``name_b``, ``similarity`` (0 to 1), the evidence columns and
    ``shared_contact`` (any evidence column equal): pairs with shared contact
    details first, then the most similar. A pair with a shared phone or e-mail
    is almost surely one firm entered twice; the others are worth a look.

    >>> df = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "city": ["X"] * 3,
    ...     "name": ["Xian Hongda Tools Co., Ltd.", "XIAN HONGDA TOOLS CO LTD", "Xian Bluesky Paints"]})
    >>> near_duplicates(df, evidence=())[["id_a", "id_b", "similarity"]].values.tolist()
    [['C1', 'C2', 1.0]]
    """
    C.check("similarity threshold", threshold, gt=0, le=1)
    df = customers[[id_col, name_col, *block_on, *[e for e in evidence if e in customers]]].copy()
    df["_key"] = normalise_names(df[name_col])
    words = df["_key"].str.split()
    first = words.str[0].astype(object).fillna("")
    second = words.str[1].astype(object).fillna("")  # NaN (float) when every name is one word
    df["_block"] = (first + " " + second).str[: max(1, int(block_chars))]
    for col in block_on:
        df["_block"] = df["_block"] + "|" + df[col].astype("string").fillna("")
    df["_pos"] = np.arange(len(df))
    # within-block self-join (blocks are small), keep each unordered pair once
    pairs = df.merge(df, on="_block", suffixes=("_a", "_b"))
    pairs = pairs[pairs["_pos_a"] < pairs["_pos_b"]]
    same = (pairs["_key_a"] == pairs["_key_b"]).to_numpy()
    sim = np.ones(len(pairs))
    rest = np.flatnonzero(~same)
    ka, kb = pairs["_key_a"].to_numpy(), pairs["_key_b"].to_numpy()
    sim[rest] = [difflib.SequenceMatcher(None, ka[i], kb[i]).ratio() for i in rest]
    pairs = pairs.assign(similarity=sim)[sim >= threshold]
    out = pd.DataFrame(
        {
            "id_a": pairs[f"{id_col}_a"].to_numpy(),
            "id_b": pairs[f"{id_col}_b"].to_numpy(),
            "name_a": pairs[f"{name_col}_a"].to_numpy(),
            "name_b": pairs[f"{name_col}_b"].to_numpy(),
            "similarity": pairs["similarity"].to_numpy(),
        }
    )
    for e in evidence:
        if e in customers:
            a, b = pairs[f"{e}_a"], pairs[f"{e}_b"]
            out[f"same_{e}"] = (
                (a.notna() & b.notna() & (a == b)).fillna(False).astype(bool).to_numpy()
            )
    same_cols = [c for c in out.columns if c.startswith("same_")]
    out["shared_contact"] = out[same_cols].any(axis=1) if same_cols else False
    return out.sort_values(
        ["shared_contact", "similarity", "id_a"], ascending=[False, False, True]
    ).reset_index(drop=True)


def quality_score(
    completeness: Any, validity: Any, uniqueness: Any, weights: Sequence[float] = (1.0, 1.0, 1.0)
) -> float:
    """Data-quality score: weighted mean of the three dimension scores (fractions).

    >>> quality_score(0.94, 1.0, 0.99, weights=(2, 1, 1))
    0.9675
    """
    parts = np.array([float(completeness), float(validity), float(uniqueness)])
    C.check("A dimension score", parts, ge=0, le=1, why="each is a share between 0 and 1")
    w = C.values(weights).ravel()
    if w.size != 3:
        raise ValueError("Give three weights: completeness, validity, uniqueness.")
    C.check("A weight", w, ge=0)
    if w.sum() == 0:
        raise ValueError("All weights are zero: give at least one dimension some weight.")
    return float(np.dot(parts, w) / w.sum())


def completeness_share(empty_cells: float, cells: float) -> float:
    """Completeness of a table: the share of its cells that are filled, 1 - empty / cells.

    ``cells`` is records x fields checked; a table with no cells counts as complete.

    >>> completeness_share(90, 1224 * 15)
    0.9950980392156863
    """
    C.check("The number of empty cells", empty_cells, ge=0)
    if cells <= 0:
        return 1.0
    if empty_cells > cells:
        raise ValueError("There cannot be more empty cells than cells: check the counts.")
    return float(1 - empty_cells / cells)


class Audit(NamedTuple):
    """A table's data-quality audit."""

    profile: pd.DataFrame  # see :func:`profile`
    duplicates: pd.DataFrame  # near-duplicate pairs (empty when not checked)
    completeness: float  # share of cells filled (in the columns checked for completeness)
    validity: float  # share of present checked values that obey their rule
    uniqueness: float  # share of records that are not a duplicate of another
    score: float  # :func:`quality_score` with the weights given


def audit(
    df: pd.DataFrame,
    rules: Mapping[str, Mapping] | None = None,
    key: str | None = None,
    required: Sequence[str] | None = None,
    duplicates: pd.DataFrame | None = None,
    weights: Sequence[float] = (1.0, 1.0, 1.0),
) -> Audit:
    """Audit a table: profile, the three dimension scores and the overall score.

    ``required``: columns that should always be filled (default: all);
    completeness is the share of their cells that are. ``key``: the record
    identifier; exact duplicate keys and the second record of every pair in
    ``duplicates`` (e.g. from :func:`near_duplicates`) count against
    uniqueness.

    >>> df = pd.DataFrame({"id": ["a", "b", "c", "c"], "email": ["x@y.cn", None, "z@y.cn", "z@y.cn"]})
    >>> a = audit(df, key="id")
    >>> a.completeness, a.uniqueness
    (0.875, 0.75)
    """
    rules = dict(rules or {})
    prof = profile(df, rules)
    req = list(required) if required is not None else list(df.columns)
    p = prof.set_index("column")
    cells = len(df) * len(req)
    completeness = completeness_share(p.loc[req, "missing"].sum(), cells)
    checked = p[p["checked"]]
    present = (checked["rows"] - checked["missing"]).sum()
    validity = 1 - checked["invalid"].sum() / present if present else 1.0
    dup_ids: set = set()
    if key is not None:
        dup_ids |= set(df.index[df[key].duplicated()])
    dups = duplicates if duplicates is not None else pd.DataFrame(columns=["id_a", "id_b"])
    extra = 0
    if key is not None and len(dups):
        extra = int(df[key].isin(set(dups["id_b"])).sum())
    uniqueness = 1 - (len(dup_ids) + extra) / len(df) if len(df) else 1.0
    return Audit(
        prof,
        dups,
        float(completeness),
        float(validity),
        float(uniqueness),
        quality_score(completeness, validity, uniqueness, weights),
    )


def checklist_score(items: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Turn a data-collection checklist into a score.

    ``items`` has columns ``item`` (what should be true), ``passed`` and
    ``checked`` (records that pass / records checked) and ``weight``. Returns
    the table with ``share`` (passed / checked) and ``points`` (share x weight
    / total weight), and the score (sum of points, a fraction).

    >>> t, s = checklist_score(pd.DataFrame({"item": ["email", "phone"], "passed": [90, 100],
    ...                                      "checked": [100, 100], "weight": [1, 3]}))
    >>> s
    0.975
    """
    t = items.copy()
    C.check("Records checked", t["checked"], gt=0)
    C.check("Records passed", t["passed"], ge=0)
    C.check("A weight", t["weight"], ge=0)
    if (t["passed"] > t["checked"]).any():
        raise ValueError(
            "An item passes more records than it checked: passed must be at most checked."
        )
    total = float(t["weight"].sum())
    if total == 0:
        raise ValueError("All weights are zero: give at least one checklist item some weight.")
    t["share"] = t["passed"] / t["checked"]
    t["points"] = t["share"] * t["weight"] / total
    return t, float(t["points"].sum())


def single_customer_view(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    activities: pd.DataFrame | None = None,
    tickets: pd.DataFrame | None = None,
    surveys: pd.DataFrame | None = None,
    opportunities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per customer joining the CRM's tables (客户信息集中管理).

    Indexed by ``customer_id`` in the order of ``customers``, with the
    customer master's columns plus: ``orders``, ``net_sales``,
    ``gross_profit``, ``first_order``, ``last_order`` (delivered orders);
    ``activities``, ``visits``, ``last_contact``; ``tickets``,
    ``open_tickets``, ``median_resolution_hours``; ``surveys``, ``nps``
    (see :func:`salesprofit.quality.nps`), ``mean_csat``; ``open_pipeline``
    (money in open opportunities), ``won_deals``. Counts are 0 and dates and
    averages empty (NaN/NaT) where a customer has no records. All groupbys,
    no loop over customers.

    >>> cust = pd.DataFrame({"customer_id": ["C1", "C2"], "name": ["Acme", "Bolt"]})
    >>> orders = pd.DataFrame({"order_id": ["O1"], "customer_id": ["C1"], "status": ["delivered"],
    ...                        "order_date": pd.to_datetime(["2025-05-01"])})
    >>> lines = pd.DataFrame({"order_id": ["O1"], "quantity": [2], "net_price": [50.0], "unit_cost": [30.0]})
    >>> single_customer_view(cust, orders, lines)[["orders", "net_sales", "gross_profit"]].values.tolist()
    [[1.0, 100.0, 40.0], [0.0, 0.0, 0.0]]
    """
    view = customers.set_index("customer_id")
    idx = view.index
    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    lines = order_lines.merge(o[["order_id", "customer_id"]], on="order_id")
    add: dict[str, pd.Series] = {}
    add["orders"] = o.groupby("customer_id").size()
    add["net_sales"] = line_net_sales(lines).groupby(lines["customer_id"]).sum()
    add["gross_profit"] = line_gross_profit(lines).groupby(lines["customer_id"]).sum()
    add["first_order"] = o.groupby("customer_id")["order_date"].min()
    add["last_order"] = o.groupby("customer_id")["order_date"].max()
    if activities is not None:
        add["activities"] = activities.groupby("customer_id").size()
        add["visits"] = activities[activities["type"] == "visit"].groupby("customer_id").size()
        add["last_contact"] = activities.groupby("customer_id")["date"].max()
    if tickets is not None:
        add["tickets"] = tickets.groupby("customer_id").size()
        add["open_tickets"] = tickets[tickets["resolved_date"].isna()].groupby("customer_id").size()
        add["median_resolution_hours"] = tickets.groupby("customer_id")["resolution_hours"].median()
    if surveys is not None:
        g = surveys.groupby("customer_id")["nps_score"]
        add["surveys"] = g.size()
        add["nps"] = nps_by(surveys["nps_score"], surveys["customer_id"])
        add["mean_csat"] = surveys.groupby("customer_id")["csat"].mean()
    if opportunities is not None:
        op = opportunities
        add["open_pipeline"] = op[op["status"] == "open"].groupby("customer_id")["amount"].sum()
        add["won_deals"] = op[op["status"] == "won"].groupby("customer_id").size()
    counts = {
        "orders",
        "net_sales",
        "gross_profit",
        "activities",
        "visits",
        "tickets",
        "open_tickets",
        "surveys",
        "open_pipeline",
        "won_deals",
    }
    out = view.copy()
    for name, s in add.items():
        s = s.reindex(idx)
        out[name] = s.fillna(0).astype(float) if name in counts else s
    return out


def uniqueness(keys: pd.Series, duplicate_ids: Any = ()) -> float:
    """Share of records that are neither a repeated key nor a known duplicate.

    >>> uniqueness(pd.Series(["a", "b", "b", "c"]), ["c"])
    0.5
    """
    if len(keys) == 0:
        return 1.0
    bad = keys.duplicated() | keys.isin(set(duplicate_ids))
    return float(1 - bad.sum() / len(keys))


def collection_checklist(
    customers: pd.DataFrame,
    orders: pd.DataFrame,
    order_lines: pd.DataFrame,
    activities: pd.DataFrame,
    tickets: pd.DataFrame,
    surveys: pd.DataFrame,
    duplicates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The data-collection checklist of the sample company, measured.

    One row per item (what should be true of the data a sales team collects),
    with ``passed`` and ``checked`` record counts and ``weight`` 1, ready for
    :func:`checklist_score`:

    * every customer has a contact e-mail / phone;
    * every customer is recorded once (``duplicates``: pairs from :func:`near_duplicates`);
    * every order line carries its unit cost and a net price equal to list x (1 - discount);
    * every activity and every order names a customer that exists;
    * every resolved ticket has its resolution time;
    * every customer who bought in the last year of data gave feedback (a survey) that year.
    """
    ids = set(customers["customer_id"])
    dup = set(duplicates["id_b"]) if duplicates is not None and len(duplicates) else set()
    net_ok = (
        order_lines["net_price"]
        - (order_lines["list_price"] * (1 - order_lines["discount"])).round(2)
    ).abs() <= 0.005
    resolved = tickets[tickets["resolved_date"].notna()]
    o = orders[orders["status"] == "delivered"] if "status" in orders else orders
    last_year = pd.to_datetime(o["order_date"]).dt.year.max()
    buyers = set(o.loc[pd.to_datetime(o["order_date"]).dt.year == last_year, "customer_id"])
    heard = set(surveys.loc[pd.to_datetime(surveys["date"]).dt.year == last_year, "customer_id"])
    items = [
        (
            "Every customer has a contact e-mail",
            customers["contact_email"].notna().sum(),
            len(customers),
        ),
        (
            "Every customer has a contact phone",
            customers["contact_phone"].notna().sum(),
            len(customers),
        ),
        (
            "Every customer is recorded once",
            len(customers) - customers["customer_id"].isin(dup).sum(),
            len(customers),
        ),
        (
            "Every order line has its unit cost",
            (order_lines["unit_cost"] > 0).sum(),
            len(order_lines),
        ),
        ("Every net price = list price x (1 - discount)", net_ok.sum(), len(order_lines)),
        ("Every order names a known customer", orders["customer_id"].isin(ids).sum(), len(orders)),
        (
            "Every activity names a known customer",
            activities["customer_id"].isin(ids).sum(),
            len(activities),
        ),
        (
            "Every resolved ticket has its resolution time",
            resolved["resolution_hours"].notna().sum(),
            len(resolved),
        ),
        (
            f"Every customer who bought in {last_year} gave feedback that year",
            len(buyers & heard),
            len(buyers),
        ),
    ]
    return pd.DataFrame(
        {
            "item": [i[0] for i in items],
            "passed": [int(i[1]) for i in items],
            "checked": [int(i[2]) for i in items],
            "weight": 1.0,
        }
    )


class AuditLab(NamedTuple):
    """Lab 5.1 in one result (see :func:`audit_lab`)."""

    audit: Audit
    pairs: pd.DataFrame  # every candidate pair of similar names (:func:`near_duplicates`)
    confirmed: pd.DataFrame  # the pairs that also share a phone or e-mail: one firm twice
    missing: pd.Series  # empty cells per column, columns with at least one
    missing_total: int
    unconfirmed: int  # similar names without a shared contact: different firms
    split: pd.DataFrame  # per confirmed firm: orders and net sales on each record, merged
    card_ids: list  # customers to offer on the customer card: the duplicates, then the biggest


def audit_lab(
    customers: pd.DataFrame,
    view: pd.DataFrame,
    rules: Mapping[str, Mapping] | None = None,
    biggest: int = 5,
) -> AuditLab:
    """Audit Huaxin's customer master and show what its duplicates do (lab 5.1).

    ``view`` is :func:`single_customer_view`; ``rules`` default to
    :data:`CUSTOMER_RULES`. ``split`` has one row per confirmed pair:
    ``firm``, ``orders_a``, ``orders_b``, ``sales_a``, ``sales_b`` and ``sales_merged``
    (money, net sales of the two records and their sum).

    >>> cust = pd.DataFrame({"customer_id": ["C1", "C2"], "name": ["Acme Co", "Acme Co."], "city": "Jinan",
    ...     "contact_phone": ["+86 138 0000 0000"] * 2, "contact_email": [None, "a@b.cn"]})
    >>> view = pd.DataFrame({"name": ["Acme Co", "Acme Co."], "orders": [2.0, 1.0],
    ...     "net_sales": [100.0, 50.0]}, index=pd.Index(["C1", "C2"], name="customer_id"))
    >>> lab = audit_lab(cust, view, rules={})
    >>> lab.missing_total, lab.split["sales_merged"].tolist(), lab.card_ids
    (1, [150.0], ['C1', 'C2'])
    """
    a = audit(customers, CUSTOMER_RULES if rules is None else rules, key="customer_id")
    pairs = near_duplicates(customers)
    confirmed = pairs[pairs["shared_contact"]]
    prof = a.profile.set_index("column")["missing"]
    ids_a, ids_b = list(confirmed["id_a"]), list(confirmed["id_b"])
    split = pd.DataFrame(
        {
            "firm": view.loc[ids_a, "name"].to_numpy(),
            "orders_a": view.loc[ids_a, "orders"].to_numpy(),
            "orders_b": view.loc[ids_b, "orders"].to_numpy(),
            "sales_a": view.loc[ids_a, "net_sales"].to_numpy(),
            "sales_b": view.loc[ids_b, "net_sales"].to_numpy(),
        }
    )
    split["sales_merged"] = split["sales_a"] + split["sales_b"]
    dup_ids = [i for pair in zip(ids_a, ids_b) for i in pair]
    big = [i for i in view.nlargest(biggest, "net_sales").index if i not in dup_ids]
    return AuditLab(
        a,
        pairs,
        confirmed,
        prof[prof > 0],
        int(prof.sum()),
        len(pairs) - len(confirmed),
        split,
        dup_ids + big,
    )


class MatchScore(NamedTuple):
    """The data-quality score for one matching rule (see :func:`score_matching`)."""

    pairs: pd.DataFrame  # the pairs counted as the same customer
    uniqueness: float
    score: float
    hidden: int  # pairs beyond the first ``shown``


def score_matching(
    pairs: pd.DataFrame,
    keys: pd.Series,
    completeness: float,
    validity: float,
    threshold: float,
    shared_only: bool = True,
    weights: Sequence[float] = (1.0, 1.0, 1.0),
    shown: int = 12,
) -> MatchScore:
    """Count as duplicates the ``pairs`` at least ``threshold`` similar (and sharing a contact
    when ``shared_only``), and score the table with them (:func:`quality_score`).

    >>> pairs = pd.DataFrame({"id_a": ["a", "a"], "id_b": ["b", "c"], "similarity": [0.99, 0.9],
    ...                       "shared_contact": [True, False]})
    >>> r = score_matching(pairs, pd.Series(list("abcd")), 1.0, 1.0, 0.85, shared_only=True)
    >>> r.uniqueness, round(r.score, 4), r.hidden
    (0.75, 0.9167, 0)
    """
    chosen = pairs[pairs["similarity"] >= threshold]
    if shared_only:
        chosen = chosen[chosen["shared_contact"]]
    uniq = uniqueness(keys, chosen["id_b"])
    score = quality_score(completeness, validity, uniq, weights)
    return MatchScore(chosen, uniq, score, max(0, len(chosen) - shown))
