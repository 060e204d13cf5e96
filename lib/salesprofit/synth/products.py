"""The product catalogue with its prices, costs and launches."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import CATEGORIES

from ._helpers import _dates, _ids, _nice_price
from .catalogue import ASSOCIATION_PROBABILITY, ASSOCIATIONS, CATALOGUE
from .settings import COST_CHANGE_2025, PRICE_CHANGE_2025

__all__ = ["ProductTables"]


class ProductTables:
    """Steps of the generator that build ``products``."""

    def products(self) -> None:  # long: one table's seeded draws in their fixed order
        """The catalogue: 400 products in 10 categories plus 12 new models.

        List prices (CNY per sales unit) are lognormal around each item's median and
        rounded like a catalogue; unit costs follow the category margin. 2024 prices
        and costs are the 2025 ones before the category changes of 2025-01-01.
        """
        rng = self.rng
        rows = []
        for cat, (margin, items, variants) in CATALOGUE.items():
            for item, price, unit in items:
                for var, mult in variants:
                    rows.append((cat, item, f"{item}, {var}", price * mult, unit, margin))
        n = len(rows)
        cat = np.array([r[0] for r in rows])
        item = np.array([r[1] for r in rows])
        name = np.array([r[2] for r in rows])
        unit = np.array([r[4] for r in rows])
        list25 = _nice_price(np.array([r[3] for r in rows]) * rng.lognormal(0, 0.2, n))
        margin = np.clip(np.array([r[5] for r in rows]) + rng.normal(0, 0.04, n), 0.15, 0.5)
        cost25 = np.round(list25 * (1 - margin), 2)
        pchg = np.array([PRICE_CHANGE_2025[c] for c in cat])
        cchg = np.array([COST_CHANGE_2025[c] for c in cat])
        list24 = _nice_price(list25 / (1 + pchg))
        cost24 = np.round(cost25 / (1 + cchg), 2)
        # popularity: a few SKUs sell a lot; cheap items more often
        pop = rng.lognormal(0, 1.1, n) * list25**-0.25
        launch, lead, replaces, supplier = self._suppliers(cat, n, rng)
        (
            cat,
            cost24,
            cost25,
            is_new,
            item,
            launch,
            lead,
            list24,
            list25,
            n,
            name,
            pop,
            replaces,
            supplier,
            unit,
        ) = self._new_products(
            cat,
            cchg,
            cost24,
            cost25,
            item,
            launch,
            lead,
            list24,
            list25,
            margin,
            n,
            name,
            pchg,
            pop,
            replaces,
            rng,
            supplier,
            unit,
        )
        ids = self._quality(
            cat,
            cost24,
            cost25,
            is_new,
            item,
            launch,
            lead,
            list24,
            list25,
            n,
            name,
            pop,
            replaces,
            rng,
            supplier,
            unit,
        )
        self._product_associations(ids, is_new, item, pop)

    def _suppliers(self, cat, n, rng):
        """Suppliers: 2-3 per category, imported ones slower."""
        supplier = np.empty(n, dtype=object)
        lead = np.empty(n, dtype=np.int64)
        sid = 0
        sup_lead: dict[str, int] = {}
        for c in CATEGORIES:
            idx = np.flatnonzero(cat == c)
            k = 2 + int(rng.integers(0, 2))
            names = [f"S{sid + j + 1:02d}" for j in range(k)]
            for s in names:
                sup_lead[s] = (
                    int(rng.integers(7, 22)) if rng.random() < 0.7 else int(rng.integers(30, 50))
                )
            sid += k
            supplier[idx] = np.array(names)[rng.integers(0, k, len(idx))]
        lead[:] = [sup_lead[s] + int(d) for s, d in zip(supplier, rng.integers(-2, 3, n))]
        launch = -rng.integers(60, 4000, n)
        replaces = np.full(n, -1)
        return launch, lead, replaces, supplier

    def _new_products(
        self,
        cat,
        cchg,
        cost24,
        cost25,
        item,
        launch,
        lead,
        list24,
        list25,
        margin,
        n,
        name,
        pchg,
        pop,
        replaces,
        rng,
        supplier,
        unit,
    ):
        """New products: a new model of a popular product, launched during 2024-2025; 60 % of
        the old model's buyers switch after the launch.
        """
        paired = [name for pair in ASSOCIATIONS for name in pair]
        modern = np.flatnonzero(
            np.isin(
                cat,
                [
                    "power_tools",
                    "hand_tools",
                    "electrical",
                    "safety",
                    "welding",
                    "lubricants",
                    "cutting_tools",
                ],
            )
            & ~np.isin(item, paired)
        )
        old = np.sort(rng.choice(modern, 12, replace=False, p=pop[modern] / pop[modern].sum()))
        k = len(old)
        up = rng.uniform(1.05, 1.12, k)
        new_list25 = _nice_price(list25[old] * up)
        new_cost25 = np.round(new_list25 * (1 - np.minimum(margin[old] + 0.03, 0.5)), 2)
        cat, item, unit = np.r_[cat, cat[old]], np.r_[item, item[old]], np.r_[unit, unit[old]]
        name = np.r_[name, np.array([f"{x}, new model" for x in name[old]])]
        list25, cost25 = np.r_[list25, new_list25], np.r_[cost25, new_cost25]
        list24 = np.r_[list24, _nice_price(new_list25 / (1 + pchg[old]))]
        cost24 = np.r_[cost24, np.round(new_cost25 / (1 + cchg[old]), 2)]
        supplier, lead = np.r_[supplier, supplier[old]], np.r_[lead, lead[old]]
        launch = np.r_[launch, rng.integers(60, 560, k)]
        replaces = np.r_[replaces, old]
        pop = np.r_[pop, np.zeros(k)]
        n += k
        is_new = replaces >= 0
        return (
            cat,
            cost24,
            cost25,
            is_new,
            item,
            launch,
            lead,
            list24,
            list25,
            n,
            name,
            pop,
            replaces,
            supplier,
            unit,
        )

    def _quality(
        self,
        cat,
        cost24,
        cost25,
        is_new,
        item,
        launch,
        lead,
        list24,
        list25,
        n,
        name,
        pop,
        replaces,
        rng,
        supplier,
        unit,
    ):
        """Quality: a few products break far more often."""
        defect = np.ones(n)
        risky = np.flatnonzero(
            np.isin(cat, ["power_tools", "hydraulics", "electrical"])
            & ~is_new
            & (pop >= np.median(pop[~is_new]))
        )
        bad = np.sort(rng.choice(risky, 4, replace=False))
        defect[bad] = 6.0
        ids = _ids("P", n, 3)
        self.n_prod = n
        self.prod_ids, self.prod_cat, self.prod_item = ids, cat, item
        self.prod_list = np.stack([list24, list25])
        self.prod_cost = np.stack([cost24, cost25])
        self.prod_pop, self.prod_launch, self.prod_replaces = pop, launch, replaces
        self.prod_defect, self.prod_lead = defect, lead
        self.out["products"] = pd.DataFrame(
            {
                "product_id": ids,
                "name": name,
                "category": cat,
                "sales_unit": unit,
                "list_price": list25,
                "unit_cost": cost25,
                "launch_date": _dates(launch),
                "replaces_product_id": np.where(is_new, ids[np.maximum(replaces, 0)], None),
                "supplier_id": supplier,
                "lead_time_days": lead,
            }
        )
        self.out["products"]["replaces_product_id"] = self.out["products"][
            "replaces_product_id"
        ].where(is_new, np.nan)
        self.truths["list_price_change_2025_by_category"] = dict(PRICE_CHANGE_2025)
        self.truths["unit_cost_change_2025_by_category"] = dict(COST_CHANGE_2025)
        self.truths["high_defect_products"] = ids[bad].tolist()
        self.truths["new_products"] = {ids[i]: ids[replaces[i]] for i in np.flatnonzero(is_new)}
        self.truths["new_product_switch_share"] = 0.6
        return ids

    def _product_associations(self, ids, is_new, item, pop):
        """Associations at product level."""
        pairs = []
        for a, b in ASSOCIATIONS:
            anchors = np.flatnonzero((item == a) & ~is_new)
            comp = np.flatnonzero((item == b) & ~is_new)
            comp = comp[np.argmax(pop[comp])]
            pairs.append((anchors, comp))
        self.assoc = pairs
        self.truths["product_associations"] = [
            {
                "anchors": ids[a].tolist(),
                "complement": ids[c],
                "probability": ASSOCIATION_PROBABILITY,
            }
            for a, c in pairs
        ]
