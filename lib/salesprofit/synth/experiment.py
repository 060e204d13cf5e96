"""The price experiment."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import SEGMENTS

from ._helpers import _dates
from .catalogue import EXPERIMENT_ITEMS
from .settings import (
    ELASTICITY,
    EXPERIMENT_B_UPLIFT,
    EXPERIMENT_CONVERSION_A,
    EXPERIMENT_CONVERSION_SHARE,
    EXPERIMENT_PRICE_INDEX,
    EXPERIMENT_QUOTES,
    EXPERIMENT_START,
    START,
)

__all__ = ["ExperimentTables"]


class ExperimentTables:
    """Steps of the generator that build ``price_experiment``."""

    def price_experiment(self) -> None:
        """A randomised 12-week price and script test with constant-elasticity demand.

        Each quote gets a random price index and script. Conversion is
        0.82 x (1.06 for script B) x price_index ** (0.15 e) and the units bought
        when converted average 30 x price_index ** (0.85 e) boxes, so expected
        quantity is proportional to price_index ** e: a Poisson GLM of quantity on
        log(price_index) recovers the segment elasticity e.
        """
        rng = self.rng
        n = EXPERIMENT_QUOTES
        d0 = (EXPERIMENT_START - START).days
        week = rng.integers(1, 13, n)
        day = d0 + (week - 1) * 7 + rng.integers(0, 5, n)
        seg = rng.integers(0, len(SEGMENTS), n)
        cust = np.empty(n, dtype=np.int64)
        for s, name in enumerate(SEGMENTS):
            pool = np.flatnonzero(
                (self.cust_segment == name) & (self.cust_start <= d0) & (self.cust_end >= d0 + 84)
            )
            idx = np.flatnonzero(seg == s)
            cust[idx] = pool[rng.integers(0, len(pool), len(idx))]
        products = np.flatnonzero(
            np.isin(self.prod_item, EXPERIMENT_ITEMS) & (self.prod_replaces < 0)
        )
        prod = products[rng.integers(0, len(products), n)]
        prod_factor = rng.lognormal(0, 0.12, self.n_prod)
        cust_factor = rng.lognormal(0, 0.12, self.n_cust)
        levels = np.array(EXPERIMENT_PRICE_INDEX)
        index = levels[rng.integers(0, len(levels), n)]
        offer = np.where(rng.random(n) < 0.5, "A", "B")
        eps = np.array([ELASTICITY[s] for s in SEGMENTS])[seg]
        e_conv = EXPERIMENT_CONVERSION_SHARE * eps
        conv_p = (
            EXPERIMENT_CONVERSION_A
            * np.where(offer == "B", EXPERIMENT_B_UPLIFT, 1.0)
            * index**e_conv
        )
        converted = rng.random(n) < conv_p
        m = 30.0 * prod_factor[prod] * cust_factor[cust] * index ** (eps - e_conv)
        qty = np.where(converted, 1 + rng.poisson(np.maximum(m - 1, 0)), 0).astype(np.int64)
        list_price = self.prod_list[1, prod]
        order = np.lexsort((cust, day))
        cols = {
            "quote_id": np.array([f"Q{i:05d}" for i in range(1, n + 1)]),
            "week": week[order].astype(np.int64),
            "quote_date": _dates(day[order]),
            "customer_id": self.cust_ids[cust[order]],
            "segment": np.array(SEGMENTS)[seg[order]],
            "rep_id": self.rep_ids[self.owner(cust[order], day[order])],
            "product_id": self.prod_ids[prod[order]],
            "list_price": list_price[order],
            "price_index": index[order],
            "offered_price": np.round(list_price[order] * index[order], 2),
            "offer": offer[order],
            "quantity": qty[order],
            "converted": converted[order].astype(np.int64),
        }
        self.out["price_experiment"] = pd.DataFrame(cols)
        self.truths["price_elasticity_by_segment"] = dict(ELASTICITY)
        self.truths["price_experiment_levels"] = list(EXPERIMENT_PRICE_INDEX)
        expected = {}
        for o, f in (("A", 1.0), ("B", EXPERIMENT_B_UPLIFT)):
            rates = [
                EXPERIMENT_CONVERSION_A
                * f
                * np.mean(levels ** (EXPERIMENT_CONVERSION_SHARE * ELASTICITY[s]))
                for s in SEGMENTS
            ]
            expected[o] = round(float(np.mean(rates)), 4)
        self.truths["offer_conversion_rates"] = expected
