"""Opportunities and their stage history."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.data import STAGES

from ._helpers import _dates
from .settings import LAST_DAY, STAGE_CONVERSION, STAGE_DAYS

__all__ = ["OpportunityTables"]


class OpportunityTables:
    """Steps of the generator that build ``opportunities`` and ``opportunity_stages``."""

    def opportunities(self) -> None:
        """Opportunities and their stage history (dates as day numbers, amounts in CNY).

        Every stage lasts a gamma-distributed number of days (shape 2, planted mean)
        and converts with the planted probability scaled by the rep's skill; deals
        still in a stage on 2025-12-31 are open.
        """
        rng = self.rng
        per_year = pd.Series({"key": 6.0, "growth": 2.2, "standard": 0.45})
        seg_c, seg_lo, seg_hi = self._segments()
        mean = per_year[self.cust_tier[seg_c]].to_numpy() * (seg_hi - seg_lo + 1) / 365
        k = rng.poisson(mean)
        c = np.repeat(seg_c, k)
        created = (
            np.repeat(seg_lo, k)
            + rng.random(k.sum()) * (np.repeat(seg_hi, k) - np.repeat(seg_lo, k) + 1)
        ).astype(int)
        order = np.lexsort((c, created))
        c, created = c[order], created[order]
        n = len(c)
        rep = self.owner(c, created)
        amount = np.round(
            np.clip(0.15 * self.cust_size[c] * rng.lognormal(0, 0.6, n), 5_000, None), -2
        )
        skill = self.rep_skill[rep] * np.where(created - self.rep_hire[rep] < 180, 0.85, 1.0)
        closed, rows_in, rows_o, rows_out, rows_res, rows_s, stage_now, status = self._walk_stages(
            created, n, rng, skill
        )
        ids = self._opportunity_table(amount, c, closed, created, n, rep, stage_now, status)
        self._stage_table(ids, rows_in, rows_o, rows_out, rows_res, rows_s)
        self._stage_truths()

    def _walk_stages(self, created, n, rng, skill):
        """Each stage: how long the deal stays and whether it moves on, is won or lost."""
        rows_o, rows_s, rows_in, rows_out, rows_res = [], [], [], [], []
        alive = np.ones(n, dtype=bool)
        entered = created.copy()
        stage_now = np.zeros(n, dtype=np.int64)
        status = np.full(n, "open", dtype=object)
        closed = np.full(n, np.nan)
        for s, name in enumerate(STAGES):
            idx = np.flatnonzero(alive)
            dur = np.maximum(1, np.round(rng.gamma(2.0, STAGE_DAYS[name] / 2.0, len(idx))))
            exit_day = entered[idx] + dur
            # reps differ; across the deals that reach the stage the mean is the planted rate
            p = np.clip(STAGE_CONVERSION[name] * skill[idx] / skill[idx].mean(), 0, 0.97)
            advance = rng.random(len(idx)) < p
            still_open = exit_day > LAST_DAY
            outcome = np.where(
                still_open,
                "open",
                np.where(advance, "won" if name == "contract" else "advanced", "lost"),
            )
            rows_o.append(idx)
            rows_s.append(np.full(len(idx), s))
            rows_in.append(entered[idx].astype(float))
            rows_out.append(np.where(still_open, np.nan, exit_day))
            rows_res.append(outcome)
            stage_now[idx] = s
            lost = outcome == "lost"
            won = outcome == "won"
            status[idx[lost]] = "lost"
            status[idx[won]] = "won"
            closed[idx[lost | won]] = exit_day[lost | won]
            alive[idx[(outcome != "advanced")]] = False
            entered[idx] = exit_day
        return closed, rows_in, rows_o, rows_out, rows_res, rows_s, stage_now, status

    def _opportunity_table(self, amount, c, closed, created, n, rep, stage_now, status):
        """The opportunities table: each deal's stage, status and dates."""
        stage_label = np.array(STAGES, dtype=object)[stage_now]
        stage_label[status == "won"] = "won"
        ids = np.array([f"OP{i:05d}" for i in range(1, n + 1)])
        self.opp_ids, self.opp_cust, self.opp_rep = ids, c, rep
        self.out["opportunities"] = pd.DataFrame(
            {
                "opportunity_id": ids,
                "customer_id": self.cust_ids[c],
                "rep_id": self.rep_ids[rep],
                "created_date": _dates(created),
                "amount": amount,
                "stage": stage_label,
                "status": status,
                "closed_date": _dates(closed),
            }
        )
        return ids

    def _stage_table(self, ids, rows_in, rows_o, rows_out, rows_res, rows_s):
        """The stage history table: one row per deal and stage reached."""
        o = np.concatenate(rows_o)
        st = pd.DataFrame(
            {
                "o": o,
                "s": np.concatenate(rows_s),
                "in": np.concatenate(rows_in),
                "out": np.concatenate(rows_out),
                "res": np.concatenate(rows_res),
            }
        ).sort_values(["o", "s"])
        self.stage_rows = st
        self.out["opportunity_stages"] = pd.DataFrame(
            {
                "opportunity_id": ids[st["o"].to_numpy()],
                "stage": np.array(STAGES)[st["s"].to_numpy()],
                "entered_date": _dates(st["in"].to_numpy()),
                "exited_date": _dates(st["out"].to_numpy()),
                "outcome": st["res"].to_numpy(),
            }
        )

    def _stage_truths(self):
        """The planted truths: conversion, days in stage, win probability from each stage."""
        self.truths["stage_conversion_rates"] = dict(STAGE_CONVERSION)
        self.truths["stage_mean_days"] = dict(STAGE_DAYS)
        win = 1.0
        from_stage = {}
        for name in reversed(STAGES):
            win *= STAGE_CONVERSION[name]
            from_stage[name] = round(win, 4)
        self.truths["win_probability_from_stage"] = from_stage
