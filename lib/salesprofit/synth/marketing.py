"""Marketing: the campaign schedule, campaigns and their responses."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import CAMPAIGN_CHANNELS, REGIONS, SEGMENTS

from ._helpers import _calibrate_logit, _choice, _dates, _ids, _sigmoid
from .catalogue import CAMPAIGN_ECONOMICS, CAMPAIGNS
from .names import REGION_SHARE, SEGMENT_SHARE
from .settings import LAST_DAY, RESPONSE_RATE, START

__all__ = ["MarketingTables"]


class MarketingTables:
    """Steps of the generator that build ``campaigns`` and ``campaign_responses``."""

    def campaign_schedule(self) -> None:
        """Campaign channels, dates, contacts and spend (CNY); responses come later."""
        rng = self.rng
        n = len(CAMPAIGNS)
        channel = np.array([c[1] for c in CAMPAIGNS])
        start = np.array([(pd.Timestamp(c[2]) - START).days for c in CAMPAIGNS])
        end = start + np.array([c[3] for c in CAMPAIGNS]) - 1
        econ = [CAMPAIGN_ECONOMICS[c] for c in channel]
        contacts = np.array([rng.integers(e[0], e[1] + 1) for e in econ])
        spend = np.array([e[3] + e[4] * k for e, k in zip(econ, contacts)])
        spend = np.round(spend * rng.lognormal(0.0, 0.08, n), -2)
        self.camp_channel, self.camp_start, self.camp_end = channel, start, end
        self.camp_contacts, self.camp_spend = contacts, spend
        self.camp_ids = _ids("M", n, 2)

    def campaigns(self) -> None:
        """Campaign contacts (customers and prospects), responses and conversions.

        A logistic response model (customers, frequent and recent buyers and larger
        firms respond more) is calibrated so each channel's expected response rate is
        the planted one. New customers won by a campaign appear as converted prospects.
        """
        rng = self.rng
        delivered = ~self.ord_cancelled
        od, oc, ov = self.ord_day[delivered], self.ord_cust[delivered], self.ord_value[delivered]
        order = np.lexsort((od, oc))
        od, oc, ov = od[order], oc[order], ov[order]
        n_prospects = 9000
        p_seg = _choice(rng, SEGMENTS, [SEGMENT_SHARE[s] for s in SEGMENTS], n_prospects)
        p_reg = _choice(rng, REGIONS, [REGION_SHARE[r] for r in REGIONS], n_prospects)
        p_emp = np.maximum(5, np.round(rng.lognormal(np.log(60), 1.0, n_prospects))).astype(int)
        seg_effect = pd.Series(
            {
                "manufacturing": 0.1,
                "automotive": 0.0,
                "construction": -0.1,
                "utilities": -0.2,
                "healthcare": 0.15,
            }
        )
        cr = self._contacts(n_prospects, oc, od, ov, p_emp, p_reg, p_seg, rng)
        camp, cust, forced, rec, resp_day, responded = self._response_propensity(
            cr, rng, seg_effect
        )
        self._conversion(camp, cr, cust, forced, oc, od, ov, rec, resp_day, responded)

    def _contacts(self, n_prospects, oc, od, ov, p_emp, p_reg, p_seg, rng):
        """Each campaign's contacts: customers active at its start, prospects, the prospects it
        won.
        """
        rows = []
        next_prospect = n_prospects
        for k in range(len(CAMPAIGNS)):
            s0 = self.camp_start[k]
            total = int(self.camp_contacts[k])
            share = CAMPAIGN_ECONOMICS[self.camp_channel[k]][2]
            forced = np.flatnonzero(self.cust_campaign == k)
            n_pros = max(round(total * share), len(forced))
            n_cust = total - n_pros
            active = np.flatnonzero(
                (self.cust_start <= s0) & (self.cust_end >= s0) & (self.cust_acq < s0)
            )
            cust = np.sort(rng.choice(active, min(n_cust, len(active)), replace=False))
            pros = np.sort(rng.choice(n_prospects, n_pros - len(forced), replace=False))
            # history of the contacted customers at campaign start
            lo = np.searchsorted(oc, cust, side="left")
            hi = np.searchsorted(oc, cust, side="right")
            cnt = np.zeros(len(cust), dtype=np.int64)
            revv = np.zeros(len(cust))
            rec = np.full(len(cust), np.nan)
            for j, (a, b) in enumerate(zip(lo, hi)):
                days = od[a:b]
                before = days < s0
                recent = before & (days >= s0 - 365)
                cnt[j] = recent.sum()
                revv[j] = ov[a:b][recent].sum()
                if before.any():
                    rec[j] = s0 - days[before].max()
            forced_ids = np.array(
                [f"X{next_prospect + j + 1:05d}" for j in range(len(forced))], dtype=object
            )
            next_prospect += len(forced)
            frame = pd.DataFrame(
                {
                    "campaign": k,
                    "contact_id": np.concatenate(
                        [
                            self.cust_ids[cust],
                            np.array([f"X{i + 1:05d}" for i in pros], dtype=object),
                            forced_ids,
                        ]
                    ),
                    "cust": np.concatenate([cust, np.full(len(pros), -1), forced]),
                    "is_customer": np.concatenate(
                        [np.ones(len(cust), int), np.zeros(len(pros) + len(forced), int)]
                    ),
                    "forced": np.concatenate(
                        [np.zeros(len(cust) + len(pros), bool), np.ones(len(forced), bool)]
                    ),
                    "segment": np.concatenate(
                        [self.cust_segment[cust], p_seg[pros], self.cust_segment[forced]]
                    ),
                    "region": np.concatenate(
                        [self.cust_region[cust], p_reg[pros], self.cust_region[forced]]
                    ),
                    "employees": np.concatenate(
                        [self.cust_employees[cust], p_emp[pros], self.cust_employees[forced]]
                    ),
                    "orders": np.concatenate([cnt, np.zeros(len(pros) + len(forced), int)]),
                    "revenue": np.concatenate(
                        [np.round(revv, 2), np.zeros(len(pros) + len(forced))]
                    ),
                    "recency": np.concatenate([rec, np.full(len(pros) + len(forced), np.nan)]),
                }
            )
            rows.append(frame)
        cr = pd.concat(rows, ignore_index=True)
        return cr

    def _response_propensity(self, cr, rng, seg_effect):
        """Response propensity: customers, frequent and recent buyers, bigger firms respond
        more.
        """
        rec = cr["recency"].to_numpy()
        lin = (
            0.9 * cr["is_customer"].to_numpy()
            + 0.25 * np.log1p(cr["orders"].to_numpy())
            - 0.004 * np.where(np.isnan(rec), 365, np.minimum(rec, 365))
            + 0.15 * np.log(cr["employees"].to_numpy() / 100)
            + seg_effect[cr["segment"]].to_numpy()
        )
        channel = self.camp_channel[cr["campaign"].to_numpy()]
        forced = cr["forced"].to_numpy()
        p = np.zeros(len(cr))
        for ch in CAMPAIGN_CHANNELS:
            idx = (channel == ch) & ~forced
            target = RESPONSE_RATE[ch] * (channel == ch).sum() - ((channel == ch) & forced).sum()
            a = _calibrate_logit(target / idx.sum(), lin[idx])
            p[idx] = _sigmoid(a + lin[idx])
        responded = (rng.random(len(cr)) < p) | forced
        camp = cr["campaign"].to_numpy()
        s0, e0 = self.camp_start[camp], self.camp_end[camp]
        resp_day = s0 + (rng.random(len(cr)) * (e0 - s0 + 11)).astype(int)
        cust = cr["cust"].to_numpy()
        acq = self.cust_acq[np.maximum(cust, 0)]
        resp_day = np.where(forced, np.maximum(s0, acq - rng.integers(0, 8, len(cr))), resp_day)
        resp_day = np.minimum(resp_day, LAST_DAY)
        return camp, cust, forced, rec, resp_day, responded

    def _conversion(self, camp, cr, cust, forced, oc, od, ov, rec, resp_day, responded):
        """Conversion: first delivered order within 30 days of responding."""
        first_val = np.full(len(cr), np.nan)
        look = np.flatnonzero(responded & (cust >= 0))
        lo = np.searchsorted(oc, cust[look], side="left")
        hi = np.searchsorted(oc, cust[look], side="right")
        for j, a, b in zip(look, lo, hi):
            days = od[a:b]
            hit = np.flatnonzero((days >= resp_day[j]) & (days <= resp_day[j] + 30))
            if len(hit):
                first_val[j] = round(float(ov[a + hit[0]]), 2)
        converted = ~np.isnan(first_val)
        self.out["campaign_responses"] = pd.DataFrame(
            {
                "campaign_id": self.camp_ids[camp],
                "contact_id": cr["contact_id"].to_numpy(),
                "customer_id": np.where(cust >= 0, self.cust_ids[np.maximum(cust, 0)], None),
                "is_customer": cr["is_customer"].to_numpy(),
                "segment": cr["segment"].to_numpy(),
                "region": cr["region"].to_numpy(),
                "employees": cr["employees"].to_numpy().astype(np.int64),
                "orders_last_12m": cr["orders"].to_numpy().astype(np.int64),
                "revenue_last_12m": cr["revenue"].to_numpy(),
                "recency_days": rec,
                "responded": responded.astype(np.int64),
                "response_date": _dates(np.where(responded, resp_day, np.nan)),
                "converted": converted.astype(np.int64),
                "new_customer": (forced & converted).astype(np.int64),
                "first_order_value": first_val,
            }
        )
        r = self.out["campaign_responses"]
        r["customer_id"] = r["customer_id"].where(cust >= 0, np.nan)
        self.out["campaigns"] = pd.DataFrame(
            {
                "campaign_id": self.camp_ids,
                "name": [c[0] for c in CAMPAIGNS],
                "channel": self.camp_channel,
                "start_date": _dates(self.camp_start),
                "end_date": _dates(self.camp_end),
                "spend": self.camp_spend,
                "contacts": np.bincount(camp, minlength=len(CAMPAIGNS)).astype(np.int64),
            }
        )
        self.truths["campaign_response_rates"] = dict(RESPONSE_RATE)
