"""Customer accounts: size, tier, region, owner, terms, churn, identity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import CAMPAIGN_CHANNELS, REGIONS, SEGMENTS, TIERS

from ._helpers import _calibrate_weighted, _choice, _dates, _ids, _row_choice, _sigmoid
from .catalogue import NEW_CUSTOMER_CHANNEL_SHARE
from .names import BRANDS, CITIES, GIVEN, INDUSTRY_WORDS, REGION_SHARE, SEGMENT_SHARE, SURNAMES
from .settings import (
    DAY_2025,
    LAST_DAY,
    N_DAYS,
    N_DUPLICATES,
    N_EXISTING,
    N_NEW,
    N_OVER_DISCOUNT,
    N_UNPROFITABLE,
    OVER_DISCOUNT_SHIFT,
    RAMP_DAYS,
    RAMP_START,
    RETENTION,
    SERVICE_CHURN_EFFECT,
)

__all__ = ["CustomerTables"]


class CustomerTables:
    """Steps of the generator that build ``customers``."""

    def customers(self) -> None:
        """Customer accounts: size, tier, region, rep, terms, churn and planted cases.

        Size is the expected yearly purchase volume at 2024 list prices (CNY),
        lognormal; tiers follow size. Each customer is active from its first order
        (2024-01-01 for older accounts) until it churns: at each year end it stays
        with the tier's retention probability (lower for customers with slow service);
        a churned customer stops buying at a random day of its last year.
        """
        rng = self.rng
        n = N_EXISTING + N_NEW
        existing = np.arange(n) < N_EXISTING
        segment = _choice(rng, SEGMENTS, [SEGMENT_SHARE[s] for s in SEGMENTS], n)
        region = _choice(rng, REGIONS, [REGION_SHARE[r] for r in REGIONS], n)
        # size: expected yearly net sales with us, lognormal (Pareto-like spread)
        log_size = np.log(44_000) + 1.4 * rng.standard_normal(n) - 0.25 * (~existing)
        score = log_size + 0.35 * rng.standard_normal(n)
        cut_key, cut_growth = np.quantile(score, [0.92, 0.68])
        tier = np.where(
            score >= cut_key, "key", np.where(score >= cut_growth, "growth", "standard")
        )
        acq, channel = self._acquisition(existing, n, rng)
        city, city_zh = self._cities(n, region, rng)
        rep = self._first_reps(acq, n, region, rng)
        chosen, unprofitable = self._plant_unprofitable(city, existing, log_size, n, rep, rng, tier)
        prev_rep, transfer = self._transfer_to_new_hires(
            existing, n, region, rep, rng, tier, unprofitable
        )
        dup_new, dup_orig = self._duplicates(
            channel, chosen, city, city_zh, existing, log_size, region, rng, segment, tier
        )
        employees, potential, rebate, size, terms = self._terms_and_size(
            log_size, n, rng, tier, unprofitable
        )
        end, service, start = self._service_and_churn(acq, n, rng, tier, unprofitable)
        self._over_discounters(end, rep, size, start, unprofitable)
        # the accounts, kept for the tables that follow
        self.n_cust = n
        self.cust_ids = _ids("C", n, 4)
        self.cust_segment, self.cust_region, self.cust_tier = segment, region, tier
        self.cust_city = city
        self.cust_rep, self.cust_acq, self.cust_start, self.cust_end = rep, acq, start, end
        self.cust_prev_rep, self.cust_transfer = prev_rep, transfer
        self.cust_size, self.cust_terms, self.cust_rebate = size, terms, rebate
        self.cust_service, self.cust_channel = service, channel
        self.cust_unprofitable = unprofitable
        self.cust_employees = employees
        self.dup_pairs = list(zip(dup_orig.tolist(), dup_new.tolist()))
        self._customer_identity(city_zh, potential)
        self.truths["retention_by_tier"] = dict(RETENTION)
        self.truths["unprofitable_customers"] = sorted(self.cust_ids[unprofitable].tolist())

    def _acquisition(self, existing, n, rng):
        """Acquisition."""
        acq = np.empty(n, dtype=np.int64)
        tenure = np.minimum(rng.exponential(4.5 * 365, existing.sum()), 5000)
        acq[existing] = -1 - tenure.astype(int)
        channel = np.empty(n, dtype=object)
        channel[existing] = _choice(
            rng,
            ["referral", "field_prospecting", "trade_show", "search_ads", "email", "telemarketing"],
            [0.3, 0.35, 0.15, 0.08, 0.05, 0.07],
            existing.sum(),
        )
        new_idx = np.flatnonzero(~existing)
        chans = list(NEW_CUSTOMER_CHANNEL_SHARE)
        channel[new_idx] = _choice(
            rng, chans, list(NEW_CUSTOMER_CHANNEL_SHARE.values()), len(new_idx)
        )
        self.cust_campaign = np.full(n, -1)
        for i in new_idx:  # a few hundred: campaign of the customer's channel
            if channel[i] in CAMPAIGN_CHANNELS:
                cands = np.flatnonzero(self.camp_channel == channel[i])
                w = self.camp_contacts[cands].astype(float)
                c = cands[rng.choice(len(cands), p=w / w.sum())]
                self.cust_campaign[i] = c
                span = self.camp_end[c] - self.camp_start[c] + 45
                acq[i] = min(self.camp_start[c] + int(rng.integers(0, span + 1)), LAST_DAY - 5)
            else:
                acq[i] = int(rng.integers(0, LAST_DAY - 5))
        return acq, channel

    def _cities(self, n, region, rng):
        """Cities."""
        city = np.empty(n, dtype=object)
        city_zh = np.empty(n, dtype=object)
        for r in REGIONS:
            idx = np.flatnonzero(region == r)
            opts = CITIES[r]
            k = _row_choice(rng, np.tile([c[2] for c in opts], (len(idx), 1)).astype(float))
            city[idx] = [opts[j][0] for j in k]
            city_zh[idx] = [opts[j][1] for j in k]
        return city, city_zh

    def _first_reps(self, acq, n, region, rng):
        """Reps: initial reps of the region; new hires take 60 % of later acquisitions."""
        rep = np.empty(n, dtype=np.int64)
        for r in REGIONS:
            idx = np.flatnonzero(region == r)
            initial = np.flatnonzero((self.rep_region == r) & (self.rep_new == 0))
            rep[idx] = initial[rng.integers(0, len(initial), len(idx))]
            hires = np.flatnonzero((self.rep_region == r) & (self.rep_new == 1))
            for h in hires:
                take = idx[(acq[idx] >= self.rep_hire[h]) & (rng.random(len(idx)) < 0.6)]
                rep[take] = h
        return rep

    def _plant_unprofitable(self, city, existing, log_size, n, rep, rng, tier):
        """Planted unprofitable accounts: growth-tier, served from another city, each with a
        different rep, active for both years.
        """
        away = np.array([city[i] != self.rep_city[rep[i]] for i in range(n)])
        pool = np.flatnonzero(existing & (tier == "growth") & away)
        pool = rng.permutation(pool)
        chosen: list[int] = []
        for i in pool:
            if rep[i] not in {rep[j] for j in chosen}:
                chosen.append(int(i))
            if len(chosen) == N_UNPROFITABLE:
                break
        unprofitable = np.zeros(n, dtype=bool)
        unprofitable[chosen] = True
        log_size[unprofitable] = np.log(rng.uniform(80_000, 120_000, N_UNPROFITABLE))
        return chosen, unprofitable

    def _transfer_to_new_hires(self, existing, n, region, rep, rng, tier, unprofitable):
        """New hires inherit a quarter of their region's smaller accounts on the day they join
        (not the planted unprofitable ones).
        """
        prev_rep = rep.copy()
        transfer = np.full(n, N_DAYS + 1)
        for h in np.flatnonzero(self.rep_new == 1):
            cands = np.flatnonzero(
                existing
                & (region == self.rep_region[h])
                & (tier != "key")
                & ~unprofitable
                & (self.rep_new[rep] == 0)
            )
            take = cands[rng.random(len(cands)) < 0.25]
            transfer[take] = self.rep_hire[h]
            rep[take] = h
        return prev_rep, transfer

    def _duplicates(
        self, channel, chosen, city, city_zh, existing, log_size, region, rng, segment, tier
    ):
        """Duplicates: new small accounts re-entered for an existing firm."""
        dup_new = rng.permutation(
            np.flatnonzero(~existing & np.isin(channel, ["referral", "field_prospecting"]))
        )[:N_DUPLICATES]
        dup_orig = np.empty(N_DUPLICATES, dtype=np.int64)
        taken: set[int] = set(chosen)
        for k, i in enumerate(dup_new):
            cands = np.flatnonzero(existing & (region == region[i]) & (tier != "key"))
            cands = [c for c in rng.permutation(cands) if c not in taken]
            dup_orig[k] = cands[0]
            taken.add(int(cands[0]))
            o = dup_orig[k]
            segment[i], city[i], city_zh[i] = segment[o], city[o], city_zh[o]
            tier[i] = "standard"
            log_size[i] = np.log(rng.uniform(6_000, 20_000))
        return dup_new, dup_orig

    def _terms_and_size(self, log_size, n, rng, tier, unprofitable):
        """Terms, rebates, employees, potential."""
        terms_p = {"key": [0.1, 0.4, 0.5], "growth": [0.4, 0.5, 0.1], "standard": [0.7, 0.25, 0.05]}
        terms = np.empty(n, dtype=np.int64)
        rebate = np.zeros(n)
        for t in TIERS:
            idx = np.flatnonzero(tier == t)
            terms[idx] = _choice(rng, [30, 60, 90], terms_p[t], len(idx))
            if t == "key":
                rebate[idx] = _choice(
                    rng, [0.01, 0.015, 0.02, 0.03, 0.04], [0.2, 0.2, 0.3, 0.2, 0.1], len(idx)
                )
            elif t == "growth":
                has = rng.random(len(idx)) < 0.15
                rebate[idx] = np.where(has, 0.01, 0.0)
        terms[unprofitable] = 90
        size = np.exp(log_size)
        employees = np.maximum(
            5, np.round(60 * (size / 44_000) ** 0.7 * rng.lognormal(0, 0.5, n))
        ).astype(np.int64)
        wallet = rng.beta(3, 4, n)
        potential = np.round(size / wallet, -3)
        return employees, potential, rebate, size, terms

    def _service_and_churn(self, acq, n, rng, tier, unprofitable):
        """Service experience: slow-service customers churn more."""
        service = rng.standard_normal(n)
        retention = np.empty(n)
        nodes, weights = np.polynomial.hermite_e.hermegauss(60)
        for t in TIERS:
            # intercept such that the average over N(0,1) service equals the tier rate
            a = _calibrate_weighted(
                RETENTION[t], -SERVICE_CHURN_EFFECT * nodes, weights / weights.sum()
            )
            idx = tier == t
            retention[idx] = _sigmoid(a - SERVICE_CHURN_EFFECT * service[idx])
        start = np.maximum(acq, 0)
        end = np.full(n, LAST_DAY)
        churn24 = (start < DAY_2025) & (rng.random(n) > retention) & ~unprofitable
        end[churn24] = start[churn24] + (
            rng.random(churn24.sum()) * (DAY_2025 - 1 - start[churn24])
        ).astype(int)
        churn25 = ~churn24 & (rng.random(n) > retention) & ~unprofitable
        s25 = np.maximum(start[churn25], DAY_2025)
        end[churn25] = s25 + (rng.random(churn25.sum()) * (LAST_DAY - s25)).astype(int)
        return end, service, start

    def _over_discounters(self, end, rep, size, start, unprofitable):
        """Over-discounters: reps whose accounts are smaller than most (so their higher
        discounts clearly do not buy more volume), none serving a planted account.
        """
        initial = np.flatnonzero(self.rep_new == 0)
        expected = size * (end - start + 1) / 365
        book = np.array([expected[rep == r].sum() / max(1, (rep == r).sum()) for r in initial])
        clean = ~np.isin(initial, rep[unprofitable])
        by_book = initial[clean][np.argsort(book[clean], kind="stable")]
        over = np.sort(by_book[:N_OVER_DISCOUNT])
        self.rep_over = np.zeros(len(self.rep_ids), dtype=bool)
        self.rep_over[over] = True
        self.truths["over_discounting_reps"] = sorted(self.rep_ids[over].tolist())
        self.truths["over_discount_extra"] = OVER_DISCOUNT_SHIFT

    def _customer_identity(
        self, city_zh: np.ndarray, potential: np.ndarray
    ) -> None:  # long: one table's seeded draws in their fixed order
        """Names, contacts and planted data-quality problems."""
        rng = self.rng
        n = self.n_cust
        brand = rng.integers(0, len(BRANDS), n)
        word = np.array([rng.integers(0, len(INDUSTRY_WORDS[s])) for s in self.cust_segment])
        group = (self.cust_tier == "key") & (rng.random(n) < 0.35)
        names = np.empty(n, dtype=object)
        for _ in range(50):  # redraw clashes until every name is unique
            en = [
                f"{self.cust_city[i]} {BRANDS[brand[i]][0]} "
                f"{INDUSTRY_WORDS[self.cust_segment[i]][word[i]][0]} "
                f"{'Group ' if group[i] else ''}Co., Ltd."
                for i in range(n)
            ]
            names[:] = en
            clash = pd.Series(names).duplicated().to_numpy().copy()
            clash[[dup for _, dup in self.dup_pairs]] = False
            if not clash.any():
                break
            brand[clash] = rng.integers(0, len(BRANDS), clash.sum())
        zh = np.array(
            [
                f"{city_zh[i]}{BRANDS[brand[i]][1]}"
                f"{INDUSTRY_WORDS[self.cust_segment[i]][word[i]][1]}"
                f"{'集团' if group[i] else ''}有限公司"
                for i in range(n)
            ],
            dtype=object,
        )
        surname = rng.integers(0, len(SURNAMES), n)
        given = rng.integers(0, len(GIVEN), n)
        contact = np.array(
            [f"{SURNAMES[s]} {GIVEN[g]}" for s, g in zip(surname, given)], dtype=object
        )
        email = np.array(
            [
                f"{GIVEN[g].lower()}.{SURNAMES[s].lower()}@"
                f"{BRANDS[b][0].lower()}-{self.cust_segment[i][:4]}.com.cn"
                for i, (s, g, b) in enumerate(zip(surname, given, brand))
            ],
            dtype=object,
        )
        prefixes = np.array(
            [
                130,
                131,
                132,
                133,
                135,
                136,
                137,
                138,
                139,
                150,
                151,
                152,
                158,
                159,
                177,
                180,
                181,
                186,
                187,
                188,
                189,
            ]
        )
        numbers = rng.integers(0, 10**8, n)
        for _ in range(50):
            clash = pd.Series(numbers).duplicated().to_numpy().copy()
            if not clash.any():
                break
            numbers[clash] = rng.integers(0, 10**8, clash.sum())
        pre = prefixes[rng.integers(0, len(prefixes), n)]
        phone = np.array(
            [f"+86 {p} {x // 10**4:04d} {x % 10**4:04d}" for p, x in zip(pre, numbers)],
            dtype=object,
        )
        # duplicates: a near-identical name of the same firm, same phone and contact
        variants = [
            lambda s: s.replace("Co., Ltd.", "Co. Ltd"),
            lambda s: s.upper(),
            lambda s: s.replace(" Co., Ltd.", " Co.,Ltd"),
            lambda s: s.replace("  ", " ").replace(" Co., Ltd.", ", Co., Ltd"),
            lambda s: s.replace("Co., Ltd.", "Company Limited"),
        ]
        for k, (orig, dup) in enumerate(self.dup_pairs):
            names[dup] = variants[k % len(variants)](names[orig])
            zh[dup] = zh[orig]
            phone[dup] = phone[orig]
            contact[dup] = contact[orig]
            email[dup] = email[orig] if k % 2 == 0 else np.nan
        # planted gaps (never on the duplicate pairs, so they stay matchable by phone)
        protected = np.zeros(n, dtype=bool)
        for orig, dup in self.dup_pairs:
            protected[[orig, dup]] = True
        no_email = (rng.random(n) < 0.04) & ~protected
        no_phone = (rng.random(n) < 0.03) & ~protected
        email[no_email] = np.nan
        phone[no_phone] = np.nan
        missing_email = int(pd.isna(pd.Series(email)).sum())
        missing_phone = int(pd.isna(pd.Series(phone)).sum())
        self.out["customers"] = pd.DataFrame(
            {
                "customer_id": self.cust_ids,
                "name": names,
                "name_zh": zh,
                "segment": self.cust_segment,
                "tier": self.cust_tier,
                "region": self.cust_region,
                "city": self.cust_city,
                "rep_id": self.rep_ids[self.cust_rep],
                "acquired_date": _dates(self.cust_acq),
                "acquisition_channel": self.cust_channel,
                "payment_terms_days": self.cust_terms,
                "rebate_rate": np.round(self.cust_rebate, 3),
                "employees": self.cust_employees,
                "estimated_potential": potential,
                "contact_name": contact,
                "contact_email": email,
                "contact_phone": phone,
            }
        )
        self.truths["duplicate_customers"] = [
            [self.cust_ids[o], self.cust_ids[d]] for o, d in self.dup_pairs
        ]
        self.truths["missing_contact_fields"] = {
            "contact_email": missing_email,
            "contact_phone": missing_phone,
            "total": missing_email + missing_phone,
        }

    def owner(self, cust: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The rep who owned each account on each day (accounts move to new hires)."""
        cust = np.asarray(cust)
        return np.where(
            np.asarray(day) >= self.cust_transfer[cust],
            self.cust_rep[cust],
            self.cust_prev_rep[cust],
        )

    def ramp(self, rep: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Share of normal volume a new rep's accounts buy, t days after the hire."""
        t = np.asarray(day) - self.rep_hire[rep]
        factor = 1 - (1 - RAMP_START) * np.exp(-np.maximum(t, 0) / RAMP_DAYS)
        return np.where(self.rep_new[rep] == 1, factor, 1.0)
