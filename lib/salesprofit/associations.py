"""Purchase-behaviour mining: product associations (market-basket analysis).

Chapter 10 (数据驱动的决策, data analysis). Association rules A -> B over
baskets (here: orders) and their three measures (Agrawal, Imieliński & Swami,
"Mining association rules between sets of items in large databases",
*SIGMOD* 1993; Tan, Steinbach & Kumar, *Introduction to Data Mining*, ch. 6
(2nd ed. ch. 5)):

* support(A -> B) = share of baskets holding both A and B;
* confidence(A -> B) = support(A and B) / support(A): how often B comes with A;
* lift(A -> B) = confidence / support(B): how much more often than chance
  (1 = independent; above 1, buying A makes B more likely).

Pairs are counted all at once with a sparse basket-by-product indicator matrix
X: ``X.T @ X`` holds the number of baskets containing each pair of products
(scipy.sparse; no loop over baskets). Pure: DataFrames in, DataFrames out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import _checks as C
from .profitability import line_gross_profit

__all__ = [
    "Baskets",
    "Exploration",
    "MiningLab",
    "basket_listing",
    "basket_matrix",
    "cross_sell",
    "explore",
    "lift",
    "mining_lab",
    "pair_rules",
    "rule",
    "transactions_matrix",
]


class Baskets(NamedTuple):
    """Baskets as a sparse 0/1 matrix (rows: baskets, columns: items)."""

    matrix: object  # scipy.sparse.csr_matrix of 0/1 (int32)
    baskets: pd.Index
    items: pd.Index


def basket_matrix(
    lines: pd.DataFrame, basket: str = "order_id", item: str = "product_id"
) -> Baskets:
    """Sparse basket-by-item indicator matrix from transaction lines.

    An item bought twice in one basket counts once.

    >>> b = basket_matrix(pd.DataFrame({"order_id": [1, 1, 2], "product_id": ["x", "y", "x"]}))
    >>> b.matrix.toarray().tolist(), list(b.items)
    ([[1, 1], [1, 0]], ['x', 'y'])
    """
    from scipy import sparse

    if len(lines) == 0:
        raise ValueError("There are no transaction lines to mine.")
    rows, baskets = pd.factorize(lines[basket], sort=True)
    cols, items = pd.factorize(lines[item], sort=True)
    data = np.ones(len(rows), dtype=np.int32)
    m = sparse.csr_matrix((data, (rows, cols)), shape=(len(baskets), len(items)))
    m.data[:] = 1  # duplicates were summed: back to 0/1
    return Baskets(m, pd.Index(baskets, name=basket), pd.Index(items, name=item))


def transactions_matrix(transactions: Iterable[Iterable[str]]) -> Baskets:
    """The same matrix from a list of baskets, e.g. a textbook example.

    >>> b = transactions_matrix([{"Bread", "Milk"}, {"Milk"}])
    >>> b.matrix.toarray().tolist(), list(b.items)
    ([[1, 1], [0, 1]], ['Bread', 'Milk'])
    """
    rows = [(i, it) for i, t in enumerate(transactions) for it in t]
    return basket_matrix(pd.DataFrame(rows, columns=["basket", "item"]), "basket", "item")


def lift(orders, with_a, with_b, with_both):
    """Lift of the rule A -> B from order counts: confidence / support of B, that is
    (with_both / with_a) / (with_b / orders); 1 means no link. The one definition used by
    :func:`pair_rules` and the exercise of lab 10.2. Vectorised.

    >>> lift(5, 3, 3, 2)  # Tan, Steinbach & Kumar: {Milk, Diapers} -> {Beer}
    1.1111111111111112
    """
    C.check("The number of orders", orders, gt=0)
    C.check("Orders with the first product", with_a, gt=0, why="a rule needs orders that hold A")
    C.check("Orders with the suggested product", with_b, gt=0)
    return C.out((C.values(with_both) / C.values(with_a)) / (C.values(with_b) / C.values(orders)))


def pair_rules(
    baskets: Baskets, min_support: float = 0.0, min_confidence: float = 0.0, min_count: int = 1
) -> pd.DataFrame:
    """All rules A -> B between two single items, with support, confidence and lift.

    Keeps rules with ``support >= min_support`` (fraction of baskets),
    ``confidence >= min_confidence`` (fraction) and at least ``min_count``
    baskets holding both. Columns: ``antecedent``, ``consequent``, ``count``
    (baskets with both), ``antecedent_count`` and ``consequent_count`` (baskets with
    each), ``support``, ``antecedent_support``,
    ``consequent_support``, ``confidence``, ``lift``; sorted by lift, then
    confidence.

    Tan, Steinbach & Kumar's five baskets (Introduction to Data Mining, table 6.1):
    {Diapers} -> {Beer} has support 0.6, confidence 0.75, lift 1.25.

    >>> b = transactions_matrix(TSK_BASKETS)
    >>> r = pair_rules(b).set_index(["antecedent", "consequent"])
    >>> r.loc[("Diapers", "Beer"), ["support", "confidence", "lift"]].round(4).tolist()
    [0.6, 0.75, 1.25]
    """
    C.check("minimum support", min_support, ge=0, le=1, why="support is a share of all orders")
    C.check("minimum confidence", min_confidence, ge=0, le=1, why="confidence is a share of orders")
    x = baskets.matrix
    n = x.shape[0]
    item_count = np.asarray(x.sum(axis=0)).ravel().astype(float)
    co = (x.T @ x).tocoo()  # pair counts, both directions
    keep = (co.row != co.col) & (co.data >= max(1, min_count)) & (co.data / n >= min_support)
    a, b, both = co.row[keep], co.col[keep], co.data[keep].astype(float)
    conf = both / item_count[a]
    ok = conf >= min_confidence
    a, b, both, conf = a[ok], b[ok], both[ok], conf[ok]
    sup_b = item_count[b] / n
    out = pd.DataFrame(
        {
            "antecedent": baskets.items[a],
            "consequent": baskets.items[b],
            "count": both,
            "antecedent_count": item_count[a],
            "consequent_count": item_count[b],
            "support": both / n,
            "antecedent_support": item_count[a] / n,
            "consequent_support": sup_b,
            "confidence": conf,
            "lift": lift(n, item_count[a], item_count[b], both),
        }
    )
    return out.sort_values(
        ["lift", "confidence", "antecedent", "consequent"], ascending=[False, False, True, True]
    ).reset_index(drop=True)


def rule(baskets: Baskets, antecedent: Sequence[str], consequent: Sequence[str]) -> dict:
    """Support, confidence and lift of one rule between itemsets (any size).

    Tan, Steinbach & Kumar's example: {Milk, Diapers} -> {Beer} has support
    0.4 and confidence 0.67.

    >>> r = rule(transactions_matrix(TSK_BASKETS), ["Milk", "Diapers"], ["Beer"])
    >>> round(r["support"], 2), round(r["confidence"], 2), round(r["lift"], 2)
    (0.4, 0.67, 1.11)
    """
    items = list(baskets.items)
    missing = [i for i in [*antecedent, *consequent] if i not in items]
    if missing:
        raise ValueError(f"Not in any basket: {', '.join(map(str, missing))}.")
    x = baskets.matrix.tocsc()

    def has_all(group: Sequence[str]) -> np.ndarray:
        cols = [items.index(i) for i in group]
        return np.asarray(x[:, cols].sum(axis=1)).ravel() == len(cols)

    ha, hb = has_all(antecedent), has_all(consequent)
    sa, sb, sab = ha.mean(), hb.mean(), (ha & hb).mean()
    conf = sab / sa if sa > 0 else float("nan")
    return {
        "support": float(sab),
        "antecedent_support": float(sa),
        "consequent_support": float(sb),
        "confidence": float(conf),
        "lift": float(conf / sb) if sb > 0 else float("nan"),
    }


def cross_sell(
    rules: pd.DataFrame, order_lines: pd.DataFrame, n_baskets: int, take_up: float = 0.1
) -> pd.DataFrame:
    """What each rule is worth as a cross-sell prompt, in gross profit.

    For rule A -> B: ``missed_orders`` = orders with A but without B
    (``antecedent_support x n - count``); ``margin_per_line`` = average gross
    profit of an order line of B (:func:`salesprofit.profitability.line_gross_profit`);
    ``margin_at_stake`` = missed orders x margin per line x ``take_up`` (the
    share of prompts that add B; a fraction).

    >>> rules = pd.DataFrame({"antecedent": ["A"], "consequent": ["B"], "count": [20.0],
    ...                       "antecedent_support": [0.5]})
    >>> lines = pd.DataFrame({"product_id": ["B", "B"], "quantity": [2, 4], "net_price": [10.0, 10.0],
    ...                       "unit_cost": [7.0, 7.0]})
    >>> cols = ["missed_orders", "margin_per_line", "margin_at_stake"]
    >>> cross_sell(rules, lines, 100, take_up=0.1)[cols].iloc[0].tolist()
    [30.0, 9.0, 27.0]
    """
    C.check(
        "take-up rate", take_up, ge=0, le=1, why="it is the share of prompts that add the product"
    )
    gp = line_gross_profit(order_lines)
    per_line = gp.groupby(order_lines["product_id"]).mean()
    out = rules.copy()
    out["missed_orders"] = np.round(out["antecedent_support"] * n_baskets) - out["count"]
    out["margin_per_line"] = out["consequent"].map(per_line).astype(float).to_numpy()
    out["margin_at_stake"] = out["missed_orders"] * out["margin_per_line"] * take_up
    return out


#: The five market baskets of Tan, Steinbach & Kumar, *Introduction to Data Mining*, table 6.1.
TSK_BASKETS = [
    {"Bread", "Milk"},
    {"Bread", "Diapers", "Beer", "Eggs"},
    {"Milk", "Diapers", "Beer", "Cola"},
    {"Bread", "Milk", "Diapers", "Beer"},
    {"Bread", "Milk", "Diapers", "Cola"},
]


class Exploration(NamedTuple):
    """What the association explorer shows (see :func:`explore`)."""

    table: pd.DataFrame  # :func:`cross_sell` of the rules kept, largest margin at stake first
    total: float  # margin at stake of all of them, money


def explore(
    rules: pd.DataFrame,
    order_lines: pd.DataFrame,
    n_baskets: int,
    min_support: float,
    min_confidence: float,
    take_up: float,
) -> Exploration:
    """Keep the rules above both thresholds and price them as cross-sell prompts.

    >>> rules = pd.DataFrame({"antecedent": ["A", "C"], "consequent": ["B", "B"], "count": [20.0, 5.0],
    ...     "antecedent_support": [0.5, 0.1], "support": [0.2, 0.05], "confidence": [0.4, 0.5]})
    >>> lines = pd.DataFrame({"product_id": ["B"], "quantity": [1], "net_price": [10.0], "unit_cost": [7.0]})
    >>> e = explore(rules, lines, 100, 0.1, 0.3, 0.1)
    >>> len(e.table), round(e.total, 2)
    (1, 9.0)
    """
    C.check("minimum support", min_support, ge=0, le=1, why="support is a share of all orders")
    C.check("minimum confidence", min_confidence, ge=0, le=1, why="confidence is a share of orders")
    kept = rules[(rules["support"] >= min_support) & (rules["confidence"] >= min_confidence)]
    worth = cross_sell(kept, order_lines, n_baskets, take_up)
    worth = worth.sort_values("margin_at_stake", ascending=False)
    return Exploration(worth, float(worth["margin_at_stake"].sum()))


class MiningLab(NamedTuple):
    """Lab 10.2 in one result (see :func:`mining_lab`)."""

    orders: int
    rules: pd.DataFrame  # :func:`pair_rules` with ``min_count`` and ``min_confidence``
    strong: pd.DataFrame  # rules with lift of at least ``strong_lift``
    by_lift: pd.Series  # the strongest pair: highest lift among the rules
    most_frequent: pd.Series  # the pair in the most orders
    min_count: int


def mining_lab(
    order_lines: pd.DataFrame,
    min_count: int = 20,
    min_confidence: float = 0.3,
    strong_lift: float = 5.0,
) -> MiningLab:
    """Huaxin's pair rules, the strongest pair by lift (among pairs in at least ``min_count``
    orders, so a pair seen twice by chance cannot win) and the most frequent pair, which
    are different things (lab 10.2)."""
    baskets = basket_matrix(order_lines)
    rules = pair_rules(baskets, min_confidence=min_confidence, min_count=min_count)
    if rules.empty:
        raise ValueError("No pair passes the thresholds: lower the minimum count or confidence.")
    by_lift = rules.sort_values(["lift", "count"], ascending=False, kind="stable").iloc[0]
    frequent = rules.sort_values(["count", "lift"], ascending=False, kind="stable").iloc[0]
    return MiningLab(
        int(baskets.matrix.shape[0]),
        rules,
        rules[rules["lift"] >= strong_lift],
        by_lift,
        frequent,
        int(min_count),
    )


def basket_listing(transactions: Iterable[Iterable[str]]) -> pd.DataFrame:
    """Baskets numbered from 1 with their items in alphabetical order, for display.

    >>> basket_listing([{"Milk", "Bread"}])["items"].tolist()
    ['Bread, Milk']
    """
    baskets = [sorted(str(i) for i in t) for t in transactions]
    return pd.DataFrame(
        {"basket": range(1, len(baskets) + 1), "items": [", ".join(b) for b in baskets]}
    )
