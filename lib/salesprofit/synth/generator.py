"""The generator: one random generator builds every table in a fixed order."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from salesprofit.data import TABLES

from ._helpers import Company, _Calendar, _round_floats
from .activities import ActivityTables
from .customers import CustomerTables
from .experiment import ExperimentTables
from .marketing import MarketingTables
from .observed import ObservedTruths
from .operations import OperationTables
from .opportunities import OpportunityTables
from .orders import OrderTables
from .products import ProductTables
from .reps import RepTables
from .service import ServiceTables
from .settings import DEFAULT_SEED

__all__ = ["generate"]


class _Generator(
    RepTables,
    MarketingTables,
    CustomerTables,
    ProductTables,
    OrderTables,
    OpportunityTables,
    ActivityTables,
    ServiceTables,
    OperationTables,
    ExperimentTables,
    ObservedTruths,
):
    """Builds the tables in a fixed order from one random generator."""

    def __init__(self, seed: int) -> None:
        """One random generator for everything, seeded with ``seed``."""
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.cal = _Calendar()
        self.truths: dict[str, Any] = {}
        self.out: dict[str, pd.DataFrame] = {}

    def run(self) -> Company:
        """Build every table in a fixed order and check them against the specs."""
        self.reps()
        self.campaign_schedule()
        self.customers()
        self.products()
        self.orders()
        self.targets()
        self.opportunities()
        self.activities()
        self.tickets_and_returns()
        self.surveys()
        self.campaigns()
        self.expenses()
        self.inventory()
        self.price_experiment()
        self.observed_truths()
        company = Company()
        for name in sorted(TABLES):
            df = self.out[name]
            expected = TABLES[name].column_names
            if list(df.columns) != expected:
                raise RuntimeError(f"generator drift in {name}: {list(df.columns)} != {expected}")
            company[name] = df.reset_index(drop=True)
        company.truths = _round_floats(self.truths)
        return company


def generate(seed: int = DEFAULT_SEED) -> Company:
    """Generate the sample company: a dict ``table name -> DataFrame`` with ``.truths``.

    Columns follow :data:`salesprofit.data.TABLES`; dates are ISO strings
    (YYYY-MM-DD), money is CNY rounded to the cent, fractions are fractions.
    The same ``seed`` always gives the same tables.
    """
    return _Generator(int(seed)).run()
