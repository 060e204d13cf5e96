"""What the generated data show for each planted truth, and profit after cost to serve."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from salesprofit.data import CAMPAIGN_CHANNELS, STAGES, TIERS
from salesprofit.profitability import line_net_sales, sample_company_profit

from .settings import COST_OF_CAPITAL, SEASONALITY, SERVICE_CHURN_EFFECT

__all__ = ["COST_TO_SERVE_DEFINITION", "ObservedTruths", "customer_profit"]


class ObservedTruths:
    """The generator's last step: the measured truths."""

    def observed_truths(self) -> None:
        """What the generated data show for each planted truth (sampling noise)."""
        t = self.out
        obs: dict[str, Any] = {}
        orders = t["orders"][t["orders"]["status"] == "delivered"]
        year = orders["order_date"].str[:4]
        buyers24 = set(orders.loc[year == "2024", "customer_id"])
        buyers25 = set(orders.loc[year == "2025", "customer_id"])
        cust = t["customers"].set_index("customer_id")
        ret = {}
        for tier in TIERS:
            ids = [c for c in sorted(buyers24) if cust.at[c, "tier"] == tier]
            ret[tier] = round(sum(c in buyers25 for c in ids) / len(ids), 4)
        obs["retention_by_tier"] = ret
        st = t["opportunity_stages"]
        closed = st[st["outcome"] != "open"]
        conv = (
            closed.assign(ok=closed["outcome"].isin(["advanced", "won"]))
            .groupby("stage")["ok"]
            .mean()
        )
        obs["stage_conversion_rates"] = {s: round(float(conv[s]), 4) for s in STAGES}
        days = (
            pd.to_datetime(closed["exited_date"]) - pd.to_datetime(closed["entered_date"])
        ).dt.days
        mean_days = days.groupby(closed["stage"]).mean()
        obs["stage_mean_days"] = {s: round(float(mean_days[s]), 2) for s in STAGES}
        cr = t["campaign_responses"].merge(t["campaigns"][["campaign_id", "channel"]])
        rr = cr.groupby("channel")["responded"].mean()
        obs["campaign_response_rates"] = {c: round(float(rr[c]), 4) for c in CAMPAIGN_CHANNELS}
        pe = t["price_experiment"]
        oc = pe.groupby("offer")["converted"].mean()
        obs["offer_conversion_rates"] = {o: round(float(oc[o]), 4) for o in ("A", "B")}
        lines = t["order_lines"].merge(t["orders"][["order_id", "order_date"]])
        month = lines["order_date"].str[5:7].astype(int)
        rev = line_net_sales(lines).groupby(month).sum()
        obs["seasonality_index"] = {
            str(m): round(float(rev[m] / rev.mean()), 4) for m in range(1, 13)
        }
        disc = lines.merge(t["orders"][["order_id", "rep_id"]]).groupby("rep_id")["discount"].mean()
        obs["mean_discount_by_rep"] = {r: round(float(v), 4) for r, v in disc.items()}
        profit = customer_profit(t)
        obs["profit_after_cost_to_serve_of_unprofitable_customers"] = {
            c: round(float(profit.at[c, "profit"]), 2)
            for c in self.truths["unprofitable_customers"]
        }
        obs["customers_with_negative_profit"] = int((profit["profit"] < 0).sum())
        rev_c = profit["net_sales"].sort_values(ascending=False)
        top = int(np.ceil(0.2 * len(rev_c)))
        obs["top20pct_customer_revenue_share"] = round(
            float(rev_c.iloc[:top].sum() / rev_c.sum()), 4
        )
        self.truths["observed"] = obs
        self.truths["seasonality_index"] = {str(m + 1): v for m, v in enumerate(SEASONALITY)}
        self.truths["cost_of_capital"] = COST_OF_CAPITAL
        self.truths["cost_to_serve_definition"] = COST_TO_SERVE_DEFINITION
        self.truths["seed"] = self.seed
        self.truths["period"] = {"start": "2024-01-01", "end": "2025-12-31"}
        self.truths["currency"] = "CNY"
        self.truths["company"] = "Huaxin Industrial Supply (华信工业用品)"
        self.truths["service_speed_churn_effect"] = SERVICE_CHURN_EFFECT
        self.truths["retention_measure"] = (
            "share of customers with a delivered order in 2024 who also have one in 2025"
        )


COST_TO_SERVE_DEFINITION = (
    "profit after cost to serve, per customer, over 2024-2025 = gross profit of "
    "delivered order lines (quantity x (net_price - unit_cost)) - rebate (rebate_rate x "
    "net sales) - financing of payment terms (net sales x cost_of_capital x "
    "payment_terms_days / 365) - freight_cost - handling_cost of delivered orders - "
    "activity cost - ticket cost - returns (refund_amount - recovered_value + "
    "handling_cost)"
)


def customer_profit(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Net sales, gross profit and profit after cost to serve per customer (CNY, 2 years).

    ``t`` maps table names to frames as generated or loaded. The definition is
    :data:`COST_TO_SERVE_DEFINITION`, computed by the course's one function,
    :func:`salesprofit.profitability.sample_company_profit`, at Huaxin's cost of capital;
    the result is indexed by ``customer_id``.
    """
    return sample_company_profit(t, COST_OF_CAPITAL)
