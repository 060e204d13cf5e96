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


def pair_rules(
    baskets: Baskets, min_support: float = 0.0, min_confidence: float = 0.0, min_count: int = 1
) -> pd.DataFrame:
    """All rules A -> B between two single items, with support, confidence and lift.

    Keeps rules with ``support >= min_support`` (fraction of baskets),
    ``confidence >= min_confidence`` (fraction) and at least ``min_count``
    baskets holding both. Columns: ``antecedent``, ``consequent``, ``count``
    (baskets with both), ``support``, ``antecedent_support``,
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
            "support": both / n,
            "antecedent_support": item_count[a] / n,
            "consequent_support": sup_b,
            "confidence": conf,
            "lift": conf / sup_b,
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
    n = x.shape[0]

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
    profit of an order line of B (``quantity x (net_price - unit_cost)``);
    ``margin_at_stake`` = missed orders x margin per line x ``take_up`` (the
    share of prompts that add B; a fraction).

    >>> rules = pd.DataFrame({"antecedent": ["A"], "consequent": ["B"], "count": [20.0],
    ...                       "antecedent_support": [0.5]})
    >>> lines = pd.DataFrame({"product_id": ["B", "B"], "quantity": [2, 4], "net_price": [10.0, 10.0],
    ...                       "unit_cost": [7.0, 7.0]})
    >>> cross_sell(rules, lines, 100, take_up=0.1)[["missed_orders", "margin_per_line", "margin_at_stake"]].iloc[0].tolist()
    [30.0, 9.0, 27.0]
    """
    C.check(
        "take-up rate", take_up, ge=0, le=1, why="it is the share of prompts that add the product"
    )
    gp = order_lines["quantity"] * (order_lines["net_price"] - order_lines["unit_cost"])
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
