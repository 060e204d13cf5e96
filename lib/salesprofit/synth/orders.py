"""Orders and order lines: volumes, baskets, discounts, costs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import CATEGORIES, SEGMENTS, TIERS
from salesprofit.profitability import line_net_sales

from ._helpers import _choice, _dates, _ids
from .catalogue import ASSOCIATION_PROBABILITY, SEGMENT_CATEGORY_PREFERENCE
from .settings import DAY_2025, LAST_DAY, OVER_DISCOUNT_SHIFT, VOLUME_GROWTH_2025

__all__ = ["OrderTables"]


class OrderTables:
    """Steps of the generator that build ``orders`` and ``order_lines``."""

    def _segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(customer, first day, last day) of each customer's active part of each year."""
        cust, lo, hi = [], [], []
        for y0, y1 in ((0, DAY_2025 - 1), (DAY_2025, LAST_DAY)):
            a = np.maximum(self.cust_start, y0)
            b = np.minimum(self.cust_end, y1)
            ok = a <= b
            cust.append(np.flatnonzero(ok))
            lo.append(a[ok])
            hi.append(b[ok])
        return np.concatenate(cust), np.concatenate(lo), np.concatenate(hi)

    def orders(self) -> None:
        """Orders and order lines of every active customer-year.

        The number of orders follows the customer's yearly frequency and the monthly
        seasonality; each order's value is size / frequency (CNY at 2024 list prices),
        +5 % volume in 2025 and reduced while a new rep ramps up. Freight and handling
        (CNY per order) are paid by us.
        """
        rng = self.rng
        size = self.cust_size
        unprof = self.cust_unprofitable
        freq = np.clip(5.2 * (size / 20_000) ** 0.55, 3, 90)
        freq[unprof] = 80.0
        lam_lines = np.clip(1.3 + 0.5 * np.log10(size / 5_000), 0.5, 3.0)
        lam_lines[unprof] = 0.1
        seg_c, seg_lo, seg_hi = self._segments()
        mean = freq[seg_c] * self.cal.share(seg_lo, seg_hi)
        n_ord = np.maximum(1, rng.poisson(mean))
        o_seg = np.repeat(np.arange(len(seg_c)), n_ord)
        o_cust = seg_c[o_seg]
        o_day = self.cal.sample(rng, seg_lo[o_seg], seg_hi[o_seg])
        first_in_seg = np.r_[True, o_seg[1:] != o_seg[:-1]]
        cancelled, n_lines, o_rep, value = self._first_orders(
            first_in_seg, freq, lam_lines, o_cust, o_day, o_seg, rng, seg_lo, size
        )
        cancelled, lines, n_orders, o_cust, o_day, o_rep = self._order_ids(
            cancelled, n_lines, o_cust, o_day, o_rep, value
        )
        self._order_costs(cancelled, lines, n_orders, o_cust, o_day, o_rep, rng)

    def _first_orders(self, first_in_seg, freq, lam_lines, o_cust, o_day, o_seg, rng, seg_lo, size):
        """A new customer's first order is on its acquisition day."""
        new_first = first_in_seg & (seg_lo[o_seg] == self.cust_acq[o_cust])
        o_day[new_first] = self.cust_acq[o_cust[new_first]]
        value = size[o_cust] / freq[o_cust] * rng.lognormal(-0.1, 0.45, len(o_cust))
        value *= np.where(o_day >= DAY_2025, VOLUME_GROWTH_2025, 1.0)
        o_rep = self.owner(o_cust, o_day)
        value *= self.ramp(o_rep, o_day)
        n_lines = 1 + rng.poisson(lam_lines[o_cust])
        cancelled = ~first_in_seg & (rng.random(len(o_cust)) < 0.012)
        return cancelled, n_lines, o_rep, value

    def _order_ids(self, cancelled, n_lines, o_cust, o_day, o_rep, value):
        """Order ids in date order."""
        order = np.lexsort((o_cust, o_day))
        o_cust, o_day, value, n_lines, cancelled, o_rep = (
            o_cust[order],
            o_day[order],
            value[order],
            n_lines[order],
            cancelled[order],
            o_rep[order],
        )
        n_orders = len(o_cust)
        lines = self._lines(o_cust, o_day, value, n_lines)
        lines = lines[~cancelled[lines["o"]]]
        return cancelled, lines, n_orders, o_cust, o_day, o_rep

    def _order_costs(self, cancelled, lines, n_orders, o_cust, o_day, o_rep, rng):
        """Order-level costs."""
        o_value = np.bincount(lines["o"], weights=line_net_sales(lines), minlength=n_orders)
        o_nlines = np.bincount(lines["o"], minlength=n_orders)
        region_factor = pd.Series(
            {"east": 1.0, "south": 1.0, "north": 1.05, "central": 1.15, "west": 1.4}
        )
        rf = region_factor[self.cust_region[o_cust]].to_numpy()
        freight = np.round(
            np.minimum(
                np.maximum(28.0, 0.02 * o_value) * rf * rng.lognormal(0, 0.15, n_orders), 4000
            ),
            2,
        )
        handling = np.round(15 + 4 * o_nlines + rng.uniform(0, 6, n_orders), 2)
        freight[cancelled] = 0.0
        handling[cancelled] = 0.0
        tier = self.cust_tier[o_cust]
        probs = {
            "key": [0.6, 0.2, 0.15, 0.05],
            "growth": [0.35, 0.3, 0.25, 0.1],
            "standard": [0.15, 0.35, 0.35, 0.15],
        }
        chan = np.empty(n_orders, dtype=object)
        for t in TIERS:
            idx = np.flatnonzero(tier == t)
            chan[idx] = _choice(rng, ["field", "phone", "online", "wechat"], probs[t], len(idx))
        self.ord_ids = _ids("O", n_orders, 6)
        self.ord_cust, self.ord_day, self.ord_cancelled = o_cust, o_day, cancelled
        self.ord_rep = o_rep
        self.ord_value = o_value
        self.out["orders"] = pd.DataFrame(
            {
                "order_id": self.ord_ids,
                "order_date": _dates(o_day),
                "customer_id": self.cust_ids[o_cust],
                "rep_id": self.rep_ids[o_rep],
                "channel": chan,
                "payment_terms_days": self.cust_terms[o_cust],
                "freight_cost": freight,
                "handling_cost": handling,
                "status": np.where(cancelled, "cancelled", "delivered"),
            }
        )
        self.ord_freight, self.ord_handling = freight, handling
        self.lines = lines
        self.out["order_lines"] = pd.DataFrame(
            {
                "order_id": self.ord_ids[lines["o"]],
                "line_no": lines["line_no"],
                "product_id": self.prod_ids[lines["p"]],
                "quantity": lines["quantity"],
                "list_price": lines["list_price"],
                "discount": lines["discount"],
                "net_price": lines["net_price"],
                "unit_cost": lines["unit_cost"],
            }
        )

    def _lines(
        self, o_cust: np.ndarray, o_day: np.ndarray, value: np.ndarray, n_lines: np.ndarray
    ) -> pd.DataFrame:  # long: one table's seeded draws in their fixed order
        """Order lines for the given orders (vectorised)."""
        rng = self.rng
        l_o = np.repeat(np.arange(len(o_cust)), n_lines)
        l_c = o_cust[l_o]
        l_day = o_day[l_o]
        w = rng.lognormal(0, 0.8, len(l_o))
        share = w / np.bincount(l_o, weights=w)[l_o]
        l_value = value[l_o] * share
        # product: a customer's regular items half the time, else its segment's mix
        seg_idx = pd.Series(range(len(SEGMENTS)), index=SEGMENTS)[self.cust_segment].to_numpy()
        cat_idx = pd.Series(range(len(CATEGORIES)), index=CATEGORIES)[self.prod_cat].to_numpy()
        pref = np.array([SEGMENT_CATEGORY_PREFERENCE[s] for s in SEGMENTS])
        weights = pref[:, cat_idx] * self.prod_pop[None, :]
        cum = np.cumsum(weights, axis=1)
        cum /= cum[:, -1:]
        core = np.empty((self.n_cust, 8), dtype=np.int64)
        u = rng.random((self.n_cust, 8))
        for s in range(len(SEGMENTS)):
            idx = seg_idx == s
            core[idx] = np.searchsorted(cum[s], u[idx], side="right")
        use_core = rng.random(len(l_o)) < 0.5
        pick_core = core[l_c, rng.integers(0, 8, len(l_o))]
        u = rng.random(len(l_o))
        pick_seg = np.empty(len(l_o), dtype=np.int64)
        line_seg = seg_idx[l_c]
        for s in range(len(SEGMENTS)):
            idx = line_seg == s
            pick_seg[idx] = np.searchsorted(cum[s], u[idx], side="right")
        prod = np.minimum(np.where(use_core, pick_core, pick_seg), self.n_prod - 1)
        # planted associations: add the complement to some orders with an anchor
        extra_o, extra_p, extra_v = [], [], []
        for anchors, comp in self.assoc:
            hit = np.isin(prod, anchors) & (rng.random(len(l_o)) < ASSOCIATION_PROBABILITY)
            extra_o.append(l_o[hit])
            extra_p.append(np.full(hit.sum(), comp))
            extra_v.append(l_value[hit] * rng.uniform(0.15, 0.4, hit.sum()))
        l_o = np.concatenate([l_o, *extra_o])
        prod = np.concatenate([prod, *extra_p])
        l_value = np.concatenate([l_value, *extra_v])
        # new products take over 60 % of their predecessor's lines after launch
        new_of = np.full(self.n_prod, -1)
        new_ids = np.flatnonzero(self.prod_replaces >= 0)
        new_of[self.prod_replaces[new_ids]] = new_ids
        succ = new_of[prod]
        switch = (
            (succ >= 0)
            & (o_day[l_o] >= self.prod_launch[np.maximum(succ, 0)])
            & (rng.random(len(l_o)) < 0.6)
        )
        prod = np.where(switch, succ, prod)
        seq = np.arange(len(l_o))
        df = pd.DataFrame({"o": l_o, "p": prod, "v": l_value, "seq": seq})
        df = df.drop_duplicates(["o", "p"], keep="first").sort_values(["o", "seq"])
        l_o, prod, l_value = df["o"].to_numpy(), df["p"].to_numpy(), df["v"].to_numpy()
        l_c, l_day = o_cust[l_o], o_day[l_o]
        year = (l_day >= DAY_2025).astype(int)
        list_price = self.prod_list[year, prod]
        unit_cost = self.prod_cost[year, prod]
        discount = self._discounts(l_c, self.owner(l_c, l_day), len(l_o))
        # the ERP refuses to sell below cost: the discount stops at the cost price
        floor = np.floor((1 - unit_cost / list_price) * 100) / 100
        discount = np.round(np.minimum(discount, np.maximum(floor, 0.0)), 2)
        net = np.round(list_price * (1 - discount), 2)
        # units wanted, from the value at 2024 list prices: a discount does not buy volume
        qty = np.maximum(1, np.round(l_value / self.prod_list[0, prod])).astype(np.int64)
        line_no = df.groupby("o").cumcount().to_numpy() + 1
        return pd.DataFrame(
            {
                "o": l_o,
                "line_no": line_no,
                "p": prod,
                "quantity": qty,
                "list_price": list_price,
                "discount": discount,
                "net_price": net,
                "unit_cost": unit_cost,
                "day": l_day,
                "c": l_c,
            }
        )

    def _discounts(self, l_c: np.ndarray, l_rep: np.ndarray, n: int) -> np.ndarray:
        """Line discounts: the account's negotiated level plus occasional specials."""
        rng = self.rng
        if not hasattr(self, "cust_discount"):
            levels = np.array([0.0, 0.05, 0.10, 0.15, 0.20])
            p = {
                "key": [0.0, 0.15, 0.35, 0.35, 0.15],
                "growth": [0.2, 0.4, 0.3, 0.1, 0.0],
                "standard": [0.6, 0.3, 0.1, 0.0, 0.0],
            }
            base = np.empty(self.n_cust)
            for t in TIERS:
                idx = np.flatnonzero(self.cust_tier == t)
                base[idx] = levels[rng.choice(5, len(idx), p=p[t])]
            base[self.cust_unprofitable] = 0.15
            self.cust_discount = base
        over = self.rep_over[l_rep]
        special = rng.random(n) < np.where(over, 0.6, 0.2)
        kind = rng.random(n)
        five = np.where(over, 0.4, 0.6)  # over-discounters give 10 % specials more often
        extra = np.where(kind < five, 0.05, np.where(kind < 0.8, 0.10, rng.integers(1, 9, n) / 100))
        d = (
            self.cust_discount[l_c]
            + np.where(over, OVER_DISCOUNT_SHIFT, 0.0)
            + np.where(special, extra, 0.0)
        )
        return np.round(np.minimum(d, 0.35), 2)
