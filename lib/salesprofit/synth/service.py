"""Service: tickets, returns and surveys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._helpers import _dates, _row_choice
from .settings import (
    DAY_2025,
    LAST_DAY,
    NPS_PER_LOG_HOURS,
    SERVICE_HOURS_EFFECT,
    SERVICE_SPEEDUP_2025,
    START,
)

__all__ = ["ServiceTables"]


class ServiceTables:
    """Steps of the generator that build ``tickets``, ``returns`` and ``surveys``."""

    def tickets_and_returns(self) -> None:
        """Service tickets and returns drawn from the delivered order lines.

        Ticket and return rates per line rise for complex categories, the planted
        high-defect products and the planted unprofitable accounts. Resolution hours
        grow with the customer's (hidden) slow-service score and fall 25 % in 2025.
        """
        rng = self.rng
        ln = self.lines.reset_index(drop=True)
        n = len(ln)
        c, p, day = ln["c"].to_numpy(), ln["p"].to_numpy(), ln["day"].to_numpy()
        unprof = self.cust_unprofitable[c]
        cat = self.prod_cat[p]
        complex_cat = np.isin(cat, ["power_tools", "hydraulics", "electrical", "welding"])
        p_ticket = np.where(
            unprof,
            0.30,
            0.025 * np.where(complex_cat, 1.6, 1.0) * (1 + 0.6 * (self.prod_defect[p] - 1)),
        )
        t_line = np.flatnonzero(rng.random(n) < p_ticket)
        probs = np.column_stack(
            [
                0.25 * self.prod_defect[p[t_line]],
                np.where(complex_cat[t_line], 0.45, 0.2),
                np.full(len(t_line), 0.15),
                np.full(len(t_line), 0.2),
            ]
        )
        t_cat = np.array(["product_defect", "technical_question", "wrong_item", "delivery_delay"])[
            _row_choice(rng, probs)
        ]
        self._order_tickets(c, ln, p, rng, t_cat, t_line)
        self._returns(c, day, ln, n, p, rng, unprof)

    def _order_tickets(self, c, ln, p, rng, t_cat, t_line):
        """Order-level tickets (no product): billing questions and late deliveries."""
        delivered = np.flatnonzero(~self.ord_cancelled)
        o_hit = delivered[rng.random(len(delivered)) < 0.012]
        o_cat = np.where(rng.random(len(o_hit)) < 0.55, "billing", "delivery_delay")
        o_of_line = ln["o"].to_numpy()
        tk = pd.DataFrame(
            {
                "o": np.concatenate([o_of_line[t_line], o_hit]),
                "c": np.concatenate([c[t_line], self.ord_cust[o_hit]]),
                "p": np.concatenate([p[t_line], np.full(len(o_hit), -1)]),
                "qty": np.concatenate([ln["quantity"].to_numpy()[t_line], np.zeros(len(o_hit))]),
                "cat": np.concatenate([t_cat, o_cat]),
            }
        )
        tk["opened"] = self.ord_day[tk["o"].to_numpy()] + rng.integers(1, 21, len(tk))
        tk = tk[tk["opened"] <= LAST_DAY]
        tk = tk.sort_values(["opened", "c", "o", "p"], kind="stable").reset_index(drop=True)
        m = len(tk)
        median = pd.Series(
            {
                "technical_question": 6.0,
                "product_defect": 40.0,
                "wrong_item": 20.0,
                "delivery_delay": 28.0,
                "billing": 16.0,
            }
        )
        opened = tk["opened"].to_numpy()
        hours = (
            median[tk["cat"]].to_numpy()
            * np.exp(SERVICE_HOURS_EFFECT * self.cust_service[tk["c"].to_numpy()])
            * rng.lognormal(0, 0.6, m)
            * np.where(opened >= DAY_2025, 1 - SERVICE_SPEEDUP_2025, 1.0)
        )
        hours = np.round(np.maximum(hours, 0.5), 1)
        resolved = opened + np.floor(hours / 24 + 0.375)
        still_open = resolved > LAST_DAY
        effort = 0.6 + 0.12 * np.minimum(hours, 72)
        pp = tk["p"].to_numpy()
        unit_cost = np.where(pp >= 0, self.prod_cost[1, np.maximum(pp, 0)], 0.0)
        replacement = np.select(
            [tk["cat"] == "product_defect", tk["cat"] == "wrong_item"],
            [unit_cost * np.minimum(tk["qty"].to_numpy(), 2), 40.0],
            0.0,
        )
        cost = np.round(55 * effort + replacement, 2)
        ids = np.array([f"T{i:05d}" for i in range(1, m + 1)])
        self.tickets = tk.assign(
            hours=np.where(still_open, np.nan, hours),
            resolved=np.where(still_open, np.nan, resolved),
            id=ids,
            cost=cost,
        )
        self.out["tickets"] = pd.DataFrame(
            {
                "ticket_id": ids,
                "customer_id": self.cust_ids[tk["c"].to_numpy()],
                "order_id": self.ord_ids[tk["o"].to_numpy()],
                "product_id": np.where(pp >= 0, self.prod_ids[np.maximum(pp, 0)], None),
                "opened_date": _dates(opened),
                "resolved_date": _dates(np.where(still_open, np.nan, resolved)),
                "category": tk["cat"].to_numpy(),
                "resolution_hours": np.where(still_open, np.nan, hours),
                "cost": cost,
            }
        )
        t = self.out["tickets"]
        t["product_id"] = t["product_id"].where(pp >= 0, np.nan)
        self.truths["ticket_resolution_speedup_2025"] = SERVICE_SPEEDUP_2025

    def _returns(self, c, day, ln, n, p, rng, unprof):
        """Returns."""
        p_return = np.where(unprof, 0.10, 0.012 * (1 + 0.6 * (self.prod_defect[p] - 1)))
        r = np.flatnonzero(rng.random(n) < p_return)
        probs = np.column_stack(
            [
                0.3 * self.prod_defect[p[r]],
                np.full(len(r), 0.2),
                np.full(len(r), 0.15),
                np.full(len(r), 0.2),
                np.full(len(r), 0.15),
            ]
        )
        reason = np.array(
            [
                "defective",
                "wrong_item",
                "damaged_in_transit",
                "ordered_by_mistake",
                "no_longer_needed",
            ]
        )[_row_choice(rng, probs)]
        qty_line = ln["quantity"].to_numpy()[r]
        qty = np.where(qty_line == 1, 1, np.ceil(qty_line * rng.uniform(0.2, 1.0, len(r))))
        qty = qty.astype(np.int64)
        ret_day = day[r] + rng.integers(3, 46, len(r))
        keep = ret_day <= LAST_DAY
        r, reason, qty, ret_day = r[keep], reason[keep], qty[keep], ret_day[keep]
        order = np.lexsort((r, ret_day))
        r, reason, qty, ret_day = r[order], reason[order], qty[order], ret_day[order]
        net = ln["net_price"].to_numpy()[r]
        cost_u = ln["unit_cost"].to_numpy()[r]
        refund = np.round(qty * net, 2)
        restock = np.isin(reason, ["wrong_item", "ordered_by_mistake", "no_longer_needed"])
        recovered = np.where(restock, np.round(qty * cost_u, 2), 0.0)
        handling = np.round(30 + 0.03 * refund * rng.uniform(0.8, 1.2, len(r)), 2)
        self.returns = pd.DataFrame(
            {
                "c": c[r],
                "day": ret_day,
                "refund": refund,
                "recovered": recovered,
                "handling": handling,
            }
        )
        self.out["returns"] = pd.DataFrame(
            {
                "return_id": np.array([f"RT{i:05d}" for i in range(1, len(r) + 1)]),
                "order_id": self.ord_ids[ln["o"].to_numpy()[r]],
                "line_no": ln["line_no"].to_numpy()[r],
                "customer_id": self.cust_ids[c[r]],
                "product_id": self.prod_ids[p[r]],
                "quantity": qty,
                "return_date": _dates(ret_day),
                "reason": reason,
                "refund_amount": refund,
                "recovered_value": recovered,
                "handling_cost": handling,
            }
        )
        self.truths["high_defect_factor"] = 6.0

    def surveys(self) -> None:
        """Twice-yearly relationship surveys and post-ticket surveys (NPS 0-10, CSAT 1-5)."""
        rng = self.rng
        parts = []
        for wave in ("2024-06-10", "2024-12-02", "2025-06-09", "2025-12-01"):
            d0 = (pd.Timestamp(wave) - START).days
            active = np.flatnonzero((self.cust_start <= d0) & (self.cust_end >= d0))
            p = np.where(self.cust_tier[active] == "key", 0.6, 0.3)
            who = active[rng.random(len(active)) < p]
            latent = (
                7.4
                - 0.7 * self.cust_service[who]
                + np.where(self.cust_tier[who] == "key", 0.3, 0.0)
            )
            parts.append(
                pd.DataFrame(
                    {
                        "c": who,
                        "day": d0 + rng.integers(0, 18, len(who)),
                        "type": "relationship",
                        "t": -1,
                        "latent": latent,
                    }
                )
            )
        tk = self.tickets
        done = np.flatnonzero(tk["resolved"].notna().to_numpy())
        pick = done[rng.random(len(done)) < 0.45]
        hours = tk["hours"].to_numpy()[pick]
        c = tk["c"].to_numpy()[pick]
        latent = 8.0 + NPS_PER_LOG_HOURS * np.log(hours / 24) - 0.3 * self.cust_service[c]
        day = tk["resolved"].to_numpy()[pick].astype(int) + rng.integers(0, 4, len(pick))
        parts.append(
            pd.DataFrame({"c": c, "day": day, "type": "post_ticket", "t": pick, "latent": latent})
        )
        sv = pd.concat(parts, ignore_index=True)
        sv = sv[sv["day"] <= LAST_DAY].sort_values(["day", "c"], kind="stable")
        n = len(sv)
        latent = sv["latent"].to_numpy()
        nps = np.clip(np.round(latent + rng.normal(0, 1.3, n)), 0, 10).astype(np.int64)
        csat = np.clip(np.round((latent + rng.normal(0, 0.9, n)) / 2.1), 1, 5).astype(np.int64)
        t = sv["t"].to_numpy()
        self.out["surveys"] = pd.DataFrame(
            {
                "survey_id": np.array([f"SV{i:05d}" for i in range(1, n + 1)]),
                "customer_id": self.cust_ids[sv["c"].to_numpy()],
                "date": _dates(sv["day"].to_numpy()),
                "survey_type": sv["type"].to_numpy(),
                "ticket_id": np.where(t >= 0, tk["id"].to_numpy()[np.maximum(t, 0)], None),
                "nps_score": nps,
                "csat": csat,
            }
        )
        s = self.out["surveys"]
        s["ticket_id"] = s["ticket_id"].where(t >= 0, np.nan)
        self.truths["nps_per_log_resolution_hours"] = NPS_PER_LOG_HOURS
