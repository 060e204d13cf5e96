"""Operations: expenses and inventory."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import TABLES
from salesprofit.profitability import line_net_sales

from .catalogue import CAMPAIGNS
from .settings import DAY_2025, START

__all__ = ["OperationTables"]


class OperationTables:
    """Steps of the generator that build ``expenses`` and ``inventory``."""

    def expenses(self) -> None:
        """Monthly operating expenses (CNY) that add up the detailed tables."""
        rng = self.rng
        months = pd.date_range(START, periods=24, freq="MS")
        n_days = (months + pd.offsets.MonthBegin(1) - months).days.to_numpy()
        first_day = (months - START).days.to_numpy()

        def mkey(day: np.ndarray) -> np.ndarray:
            """Month number (0 = January 2024) of each day number."""
            return np.searchsorted(first_day, day, side="right") - 1

        comms, freight, handling, returns, rev, service, travel = self._cost_drivers(mkey)
        marketing, salaries = self._marketing_and_salaries(first_day, mkey, n_days)
        self._expense_lines(
            comms,
            freight,
            handling,
            marketing,
            months,
            returns,
            rev,
            rng,
            salaries,
            service,
            travel,
        )

    def _cost_drivers(self, mkey):
        """The month's cost drivers: sales, freight, handling, visits, calls, tickets, returns."""
        ln = self.lines
        rev = np.bincount(
            mkey(ln["day"].to_numpy()),
            weights=line_net_sales(ln).to_numpy(),
            minlength=24,
        )
        delivered = ~self.ord_cancelled
        freight = np.bincount(
            mkey(self.ord_day[delivered]), weights=self.ord_freight[delivered], minlength=24
        )
        handling = np.bincount(
            mkey(self.ord_day[delivered]), weights=self.ord_handling[delivered], minlength=24
        )
        act = self.act
        visit = act["type"].to_numpy() == "visit"
        travel = np.bincount(
            mkey(act["day"].to_numpy()[visit]), weights=act["cost"].to_numpy()[visit], minlength=24
        )
        comms = np.bincount(
            mkey(act["day"].to_numpy()[~visit]),
            weights=act["cost"].to_numpy()[~visit],
            minlength=24,
        )
        tk = self.tickets
        service = np.bincount(
            mkey(tk["opened"].to_numpy()), weights=tk["cost"].to_numpy(), minlength=24
        )
        rt = self.returns
        returns = np.bincount(
            mkey(rt["day"].to_numpy()), weights=rt["handling"].to_numpy(), minlength=24
        )
        return comms, freight, handling, returns, rev, service, travel

    def _marketing_and_salaries(self, first_day, mkey, n_days):
        """Marketing spend and sales salaries by month."""
        marketing = np.zeros(24)
        for k in range(len(CAMPAIGNS)):
            days = np.arange(self.camp_start[k], self.camp_end[k] + 1)
            marketing += np.bincount(mkey(days), minlength=24) * self.camp_spend[k] / len(days)
        salaries = np.zeros(24)
        for r in range(len(self.rep_ids)):
            employed = np.clip(
                first_day + n_days - np.maximum(first_day, self.rep_hire[r]), 0, n_days
            )
            salaries += self.rep_salary[r] / 365 * employed
        return marketing, salaries

    def _expense_lines(
        self,
        comms,
        freight,
        handling,
        marketing,
        months,
        returns,
        rev,
        rng,
        salaries,
        service,
        travel,
    ):
        """The expense lines of each category: fixed costs and costs that follow the drivers."""
        year25 = np.arange(24) >= 12
        fixed = {
            "management_salaries": np.full(24, 380_000.0),
            "office_rent": np.where(year25, 226_000.0, 220_000.0),
            "it_systems": np.where(year25, 62_000.0, 45_000.0),
            "utilities_admin": 48_000 * rng.lognormal(0, 0.06, 24),
            "training": np.where(np.isin(np.arange(24) % 12, [2, 8]), 45_000.0, 6_000.0),
        }
        variable = {
            "sales_salaries": salaries,
            "sales_commissions": 0.012 * rev,
            "travel": travel,
            "communication": comms,
            "marketing": marketing,
            "logistics": freight,
            "warehouse": handling + 120_000,
            "customer_service": service + 90_000,
            "returns_handling": returns,
        }
        rows = []
        for cat in TABLES["expenses"].column("category").allowed:
            kind = "fixed" if cat in fixed or cat == "sales_salaries" else "variable"
            amount = fixed.get(cat, variable.get(cat))
            rows.append(
                pd.DataFrame(
                    {
                        "month": months.strftime("%Y-%m-%d"),
                        "category": cat,
                        "cost_type": kind,
                        "amount": np.round(amount, 2),
                    }
                )
            )
        self.out["expenses"] = (
            pd.concat(rows).sort_values(["month", "category"]).reset_index(drop=True)
        )

    def inventory(self) -> None:
        """Stock policy per product: 2025 demand (units), order and holding costs."""
        rng = self.rng
        ln = self.lines
        in25 = ln["day"].to_numpy() >= DAY_2025
        demand = np.bincount(
            ln["p"].to_numpy()[in25], weights=ln["quantity"].to_numpy()[in25], minlength=self.n_prod
        ).astype(np.int64)
        lead = self.prod_lead
        imported = lead >= 28
        order_cost = np.round(
            np.where(
                imported, rng.uniform(600, 1100, self.n_prod), rng.uniform(180, 380, self.n_prod)
            ),
            2,
        )
        jit_cost = np.round(order_cost * rng.uniform(0.3, 0.45, self.n_prod), 2)
        rate = np.round(rng.uniform(0.18, 0.30, self.n_prod), 3)
        h = rate * self.prod_cost[1]
        eoq = np.sqrt(2 * np.maximum(demand, 1) * order_cost / h)
        # current policy: buyers order far too much (volume deals) or too little
        q = np.maximum(1, np.round(eoq * rng.lognormal(np.log(1.8), 0.6, self.n_prod)))
        daily = demand / 365
        safety = np.round(daily * lead * rng.uniform(0.3, 0.8, self.n_prod))
        on_hand = np.round(safety + q * rng.random(self.n_prod))
        self.out["inventory"] = pd.DataFrame(
            {
                "product_id": self.prod_ids,
                "annual_demand": demand,
                "order_cost": order_cost,
                "jit_order_cost": jit_cost,
                "holding_cost_rate": rate,
                "order_quantity": q.astype(np.int64),
                "safety_stock": safety.astype(np.int64),
                "on_hand": on_hand.astype(np.int64),
            }
        )
        current = order_cost * demand / q + h * q / 2
        optimal = np.where(demand > 0, np.sqrt(2 * demand * order_cost * h), 0.0)
        self.truths["inventory_annual_cost"] = {
            "current_policy": round(float(current.sum()), 2),
            "eoq_policy": round(float(optimal.sum()), 2),
            "definition": "sum over products of order_cost x annual_demand / Q + "
            "holding_cost_rate x unit_cost x Q / 2 (Q = order_quantity, or "
            "the EOQ sqrt(2 D K / h))",
        }
