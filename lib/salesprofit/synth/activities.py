"""Sales activities: visits, calls, video meetings, e-mails."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._helpers import _choice, _dates, _ids
from .settings import DAY_2025, LAST_DAY

__all__ = ["ActivityTables"]


class ActivityTables:
    """Steps of the generator that build ``activities``."""

    def activities(self) -> None:
        """Calls, e-mails, visits and video meetings: time (minutes) and cost (CNY).

        Counts per customer-year follow the tier norms and the rep's habits; video
        doubles and visits drop 15 % in 2025. A visit outside the rep's base city is
        a trip (train or flight, hotel), inside it a taxi ride.
        """
        rng = self.rng
        seg_c, seg_lo, seg_hi = self._segments()
        tier = self.cust_tier[seg_c]
        rep = self.cust_rep[seg_c]
        in25 = seg_lo >= DAY_2025
        share = self.cal.share(seg_lo, seg_hi, seasonal=False)
        base = {
            "visit": {"key": 14, "growth": 5, "standard": 1.0},
            "call": {"key": 26, "growth": 12, "standard": 4},
            "email": {"key": 18, "growth": 7, "standard": 2.5},
            "video_meeting": {"key": 5, "growth": 2, "standard": 0.4},
        }
        parts = []
        for typ, by_tier in base.items():
            m = pd.Series(by_tier)[tier].to_numpy() * share
            if typ == "visit":
                m = m * self.rep_visit_style[rep] * np.where(in25, 0.85, 1.0)
                m = np.where(self.cust_unprofitable[seg_c], 55 * share, m)
            elif typ == "video_meeting":
                m = m * self.rep_video_style[rep] * np.where(in25, 2.0, 1.0)
            elif typ == "call":
                m = m * self.rep_call_style[rep]
            k = rng.poisson(m)
            idx = np.repeat(np.arange(len(seg_c)), k)
            day = self.cal.sample(rng, seg_lo[idx], seg_hi[idx], seasonal=False)
            parts.append(
                pd.DataFrame(
                    {
                        "c": seg_c[idx],
                        "rep": self.owner(seg_c[idx], day),
                        "day": day,
                        "type": typ,
                        "opp": -1,
                    }
                )
            )
        self._opportunity_activities(parts, rng)

    def _opportunity_activities(self, parts, rng):
        """Activities that work an opportunity, one or two per stage."""
        st = self.stage_rows
        end = np.where(np.isnan(st["out"].to_numpy()), LAST_DAY, st["out"].to_numpy())
        start = st["in"].to_numpy().astype(int)
        end = np.maximum(end.astype(int), start)
        stage_type = {
            0: (["call", "email"], [0.7, 0.3]),
            1: (["visit", "video_meeting"], [0.6, 0.4]),
            2: (["video_meeting", "visit", "email"], [0.45, 0.35, 0.2]),
            3: (["visit", "call"], [0.6, 0.4]),
        }
        k = 1 + (rng.random(len(st)) < 0.4)
        idx = np.repeat(np.arange(len(st)), k)
        s = st["s"].to_numpy()[idx]
        typ = np.empty(len(idx), dtype=object)
        for code, (opts, p) in stage_type.items():
            j = np.flatnonzero(s == code)
            typ[j] = _choice(rng, opts, p, len(j))
        o = st["o"].to_numpy()[idx]
        day = start[idx] + (rng.random(len(idx)) * (end[idx] - start[idx] + 1)).astype(int)
        day = np.minimum(day, LAST_DAY)
        parts.append(
            pd.DataFrame(
                {"c": self.opp_cust[o], "rep": self.opp_rep[o], "day": day, "type": typ, "opp": o}
            )
        )
        act = pd.concat(parts, ignore_index=True)
        act = act.sort_values(["day", "rep", "c"], kind="stable").reset_index(drop=True)
        n = len(act)
        typ = act["type"].to_numpy()
        away = self.cust_city[act["c"].to_numpy()] != self.rep_city[act["rep"].to_numpy()]
        duration = np.select(
            [typ == "call", typ == "email", typ == "visit"],
            [5 + rng.exponential(9, n), 5 + rng.exponential(8, n), 45 + rng.exponential(60, n)],
            20 + rng.exponential(20, n),
        )
        travel = np.where(
            typ == "visit", np.where(away, rng.uniform(180, 600, n), rng.uniform(30, 110, n)), 0
        )
        cost = np.select(
            [typ == "call", typ == "email", typ == "visit"],
            [
                0.4 + 0.12 * duration,
                np.zeros(n),
                np.where(
                    away, rng.lognormal(np.log(850), 0.35, n), rng.lognormal(np.log(120), 0.35, n)
                ),
            ],
            np.full(n, 3.0),
        )
        self.act = act.assign(cost=np.round(cost, 2))
        opp = act["opp"].to_numpy()
        self.out["activities"] = pd.DataFrame(
            {
                "activity_id": _ids("A", n, 6),
                "date": _dates(act["day"].to_numpy()),
                "rep_id": self.rep_ids[act["rep"].to_numpy()],
                "customer_id": self.cust_ids[act["c"].to_numpy()],
                "opportunity_id": np.where(opp >= 0, self.opp_ids[np.maximum(opp, 0)], None),
                "type": typ,
                "duration_min": np.round(duration).astype(np.int64),
                "travel_min": np.round(travel).astype(np.int64),
                "cost": np.round(cost, 2),
            }
        )
        a = self.out["activities"]
        a["opportunity_id"] = a["opportunity_id"].where(opp >= 0, np.nan)
