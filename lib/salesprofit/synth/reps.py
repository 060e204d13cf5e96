"""The sales team and its quarterly targets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salesprofit.profitability import line_net_sales

from ._helpers import _dates, _ids
from .names import CITIES, NEW_HIRES, REP_NAMES, REPS_PER_REGION
from .settings import START

__all__ = ["RepTables"]


class RepTables:
    """Steps of the generator that build ``reps`` and ``targets``."""

    def reps(self) -> None:
        """The sales team: 16 reps on 2024-01-01 and four hired during the period.

        Each rep gets hidden behaviour: selling skill (win-rate multiplier around 1),
        and habits for visits, video meetings and calls (multipliers of the tier norms).
        Base salary in CNY per year grows with tenure.
        """
        rng = self.rng
        region, city, hire, new = [], [], [], []
        for r, n in REPS_PER_REGION.items():
            bases = [c[0] for c in CITIES[r]]
            for k in range(n):
                region.append(r)
                city.append(bases[k % min(3, len(bases))])
                hire.append(-int(rng.integers(200, 4200)))
                new.append(0)
        for r, day in NEW_HIRES:
            region.append(r)
            city.append(CITIES[r][0][0])
            hire.append(day)
            new.append(1)
        n = len(region)
        hire_arr = np.array(hire)
        years = np.clip(-hire_arr / 365.0, 0, None)
        salary = (
            np.round((110_000 + 9_000 * np.minimum(years, 12) + rng.normal(0, 8_000, n)) / 1000)
            * 1000
        )
        self.rep_region = np.array(region)
        self.rep_city = np.array(city)
        self.rep_hire = hire_arr
        self.rep_new = np.array(new)
        self.rep_ids = _ids("R", n, 2)
        # behaviour: selling skill, visit/video habits, over-discounting
        self.rep_skill = np.clip(rng.normal(1.0, 0.07, n), 0.85, 1.15)
        self.rep_visit_style = rng.lognormal(0.0, 0.35, n)
        self.rep_video_style = rng.lognormal(0.0, 0.5, n)
        self.rep_call_style = rng.lognormal(0.0, 0.25, n)
        self.out["reps"] = pd.DataFrame(
            {
                "rep_id": self.rep_ids,
                "name": [REP_NAMES[i][0] for i in range(n)],
                "name_zh": [REP_NAMES[i][1] for i in range(n)],
                "region": self.rep_region,
                "base_city": self.rep_city,
                "hire_date": _dates(hire_arr),
                "base_salary": salary,
                "is_new_hire": self.rep_new,
            }
        )
        self.rep_salary = salary
        self.truths["new_hire_reps"] = sorted(self.rep_ids[self.rep_new == 1].tolist())

    def targets(self) -> None:
        """Quarterly revenue and gross-profit targets (CNY) per rep, set near actuals."""
        rng = self.rng
        ln = self.lines
        rev = line_net_sales(ln)
        rep = self.ord_rep[ln["o"].to_numpy()]
        day = ln["day"].to_numpy()
        stamps = START + pd.to_timedelta(day, unit="D")
        frame = pd.DataFrame(
            {"rep": rep, "year": stamps.year, "quarter": stamps.quarter, "rev": rev.to_numpy()}
        )
        actual = frame.groupby(["rep", "year", "quarter"], as_index=False)["rev"].sum()
        actual = actual[actual["rev"] > 0].sort_values(["rep", "year", "quarter"])
        factor = rng.lognormal(np.log(1.04), 0.08, len(actual))
        revenue_target = np.round(actual["rev"].to_numpy() * factor, -4)
        plan_margin = np.where(actual["year"].to_numpy() == 2024, 0.265, 0.27)
        self.out["targets"] = pd.DataFrame(
            {
                "rep_id": self.rep_ids[actual["rep"].to_numpy()],
                "year": actual["year"].to_numpy().astype(np.int64),
                "quarter": actual["quarter"].to_numpy().astype(np.int64),
                "revenue_target": revenue_target,
                "gross_profit_target": np.round(revenue_target * plan_margin, -3),
            }
        )
        self.truths["target_plan_gross_margin"] = {"2024": 0.265, "2025": 0.27}
