"""Chapter 16 calculators: the profit bridge for chosen periods and the one-page profit dashboard.

The order lines (with their order dates and product categories) are loaded once
when a calculator is built; each change re-runs :mod:`salesprofit.variance` on
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd

from .. import plots, variance
from ..fmt import money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result

__all__ = [
    "DashboardData",
    "SalesData",
    "bridge_calculator",
    "compute_bridge",
    "compute_dashboard",
    "dashboard",
    "load_dashboard_data",
    "load_sales_data",
]

LEVELS = {"product": "product_id", "category": "category"}


@dataclass(frozen=True)
class SalesData:
    lines: pd.DataFrame  # order lines of delivered orders with order_date, category, customer_id
    periods: dict  # period label -> boolean mask over lines
    _summaries: dict = field(default_factory=dict, repr=False, compare=False)

    def summary(self, label: str, level: str) -> pd.DataFrame:
        """``variance.period_summary`` of one period at one level, computed once and kept."""
        key = (label, level)
        if key not in self._summaries:
            cols = [LEVELS[level], "quantity", "net_price", "unit_cost"]
            self._summaries[key] = variance.period_summary(
                self.lines.loc[self.periods[label], cols], by=LEVELS[level]
            )
        return self._summaries[key]


def load_sales_data() -> SalesData:
    """Delivered order lines of the sample company with their period labels."""
    from .. import data

    lines = variance.sales_lines(
        data.load("orders"), data.load("order_lines"), data.load("products")
    )
    return SalesData(lines, variance.period_masks(lines["order_date"]))


def _grain(label: str) -> str:
    return "quarter" if "-Q" in label else ("half" if "-H" in label else "year")


def compute_bridge(
    d: SalesData, base: str, current: str, level: str = "product", chart: bool = True
) -> Result:
    """The price-volume-mix-cost bridge between two periods."""
    if base == current:
        raise ValueError("Choose two different periods to compare.")
    if _grain(base) != _grain(current):
        raise ValueError(
            "Compare periods of the same length (a year with a year, a quarter with a quarter)."
        )
    b = variance.profit_bridge(d.summary(base, level), d.summary(current, level))
    eff = b.effects()
    main = b.main_driver
    rows = pd.DataFrame(
        {
            "effect": [
                "profit " + base,
                "price",
                "volume",
                "mix",
                "unit cost",
                "new products",
                "lost products",
                "profit " + current,
            ],
            "amount": [b.base_profit, *eff.to_numpy(), b.current_profit],
        }
    )
    html = (
        f"Gross profit went from {money(b.base_profit, 0)} in {base} to <b>{money(b.current_profit, 0)}</b> in "
        f'{current}: <span class="{"sp-big" if b.change >= 0 else "sp-bad"}">{money(b.change, 0, sign=True)}</span> '
        f"({pct(b.profit_growth, 1, sign=True)}) while sales moved "
        f"{pct(b.revenue_growth, 1, sign=True)}. The biggest driver: <b>{main}</b> "
        f"({money(eff[main], 0, sign=True)}). The effects add up exactly to the change."
        + table(rows, {"amount": lambda v: money(v, 0)})
    )
    png = plots.to_png(plots.variance.bridge_chart(b, base, current)) if chart else None
    return Result(html, png, data=b)


def bridge_calculator(
    base: str = "2024",
    current: str = "2025",
    level: str = "product",
    sales_data: SalesData | None = None,
) -> Calculator:
    """Profit bridge (price, volume, mix, cost) for two chosen periods."""
    d = sales_data or load_sales_data()
    options = list(d.periods)
    inputs = {
        "base": widgets.Dropdown(
            options=options, value=base, description="Base period", style=STYLE, layout=LAYOUT
        ),
        "current": widgets.Dropdown(
            options=options, value=current, description="Compare with", style=STYLE, layout=LAYOUT
        ),
        "level": widgets.Dropdown(
            options=list(LEVELS),
            value=level,
            description="Mix measured by",
            style=STYLE,
            layout=LAYOUT,
        ),
    }
    return Calculator(
        "Profit bridge: why did profit change?",
        inputs,
        lambda **v: compute_bridge(d, **v),
        intro="Pick two periods of the same length. 'Mix measured by category' moves the mix "
        "within each category into the price and cost bars.",
    )


# --- the one-page dashboard ---------------------------------------------------------------


@dataclass(frozen=True)
class DashboardData:
    sales: SalesData
    expenses: pd.DataFrame
    surveys: pd.DataFrame
    customer_profit: pd.DataFrame  # profitability.customer_profit over both years
    potential: pd.Series  # customers' estimated yearly potential
    customers: pd.DataFrame | None = None  # indexed by customer_id (name, segment, tier)


def load_dashboard_data() -> DashboardData:
    from .. import data, profitability

    tables = {
        t: data.load(t)
        for t in ("orders", "order_lines", "customers", "activities", "tickets", "returns")
    }
    cp = profitability.sample_company_profit(tables, data.ground_truth()["cost_of_capital"])
    return DashboardData(
        load_sales_data(),
        data.load("expenses"),
        data.load("surveys"),
        cp,
        tables["customers"].set_index("customer_id")["estimated_potential"],
        tables["customers"].set_index("customer_id"),
    )


def _points(x: float) -> str:
    """A change of a rate in percentage points, for display."""
    return f"{x * 100:+.1f} pts"


def compute_dashboard(d: DashboardData, base: str, current: str, chart: bool = True) -> Result:
    """The profit dashboard of one year against the previous one."""
    v = variance.dashboard(
        d.sales.lines,
        d.expenses,
        d.surveys,
        d.potential,
        base,
        current,
        d.customer_profit,
        d.customers,
    )
    p1, b, sat = v.pl.loc[current], v.bridge, v.satisfaction
    tiles = [
        ("Sales", money(p1["revenue"], 0), pct(v.revenue_growth, 1, sign=True)),
        ("Gross profit", money(p1["gross_profit"], 0), pct(v.gross_profit_growth, 1, sign=True)),
        ("Gross margin", pct(p1["gross_margin"], 1), _points(v.gross_margin_change)),
        (
            "Operating profit",
            money(p1["operating_profit"], 0),
            pct(v.operating_profit_growth, 1, sign=True),
        ),
        (
            "Share of wallet",
            pct(v.share_of_wallet, 1),
            _points(v.share_of_wallet_change),
        ),
        ("NPS", num(sat.loc[current, "nps"], 1), f"{v.nps_change:+.1f}"),
    ]
    tile_html = ""
    for name, value, delta in tiles:
        tile_html += (
            f'<div style="display:inline-block;min-width:10em;margin:0.2em 0.6em 0.6em 0;padding:0.4em 0.7em;'
            f'border:1px solid #cfd8dc;border-radius:6px"><div style="font-size:0.85em;color:#555">{name}</div>'
            f'<div style="font-size:1.3em;font-weight:700">{value}</div>'
            f'<div style="font-size:0.85em">{delta} vs {base}</div></div>'
        )
    lm = v.loss_makers
    html = (
        f"<h4>Huaxin Industrial Supply: profit in {current}</h4>{tile_html}"
        f"<p>Profit bridge {base} → {current}: price {money(b.price, 0, sign=True)}, volume "
        f"{money(b.volume, 0, sign=True)}, mix {money(b.mix, 0, sign=True)}, unit cost {money(b.cost, 0, sign=True)}, "
        f"new products {money(b.new, 0, sign=True)}, lost products {money(b.lost, 0, sign=True)}.</p>"
        f"<p><b>{num(lm.losing_customers)}</b> customers lost money over the two years after cost to serve "
        f"(together {money(lm.total_loss, 0)}). Categories whose profit grew least in {current}:</p>"
        + table(
            v.laggards.reset_index()[["category", "revenue_growth", "profit_growth"]].rename(
                columns={"revenue_growth": "sales growth", "profit_growth": "profit growth"}
            ),
            {
                "sales growth": lambda x: pct(x, 1, sign=True),
                "profit growth": lambda x: pct(x, 1, sign=True),
            },
        )
    )
    png = None
    if chart:
        png = plots.to_png(plots.variance.dashboard_chart(b, v.categories, sat, base, current))
    return Result(
        html,
        png,
        data={
            "pl": v.pl,
            "bridge": b,
            "categories": v.categories,
            "satisfaction": sat,
            "share_of_wallet": (v.share_of_wallet_base, v.share_of_wallet),
            "losing_customers": d.customer_profit[d.customer_profit["profit"] < 0],
            "dashboard": v,
        },
    )


def dashboard(
    base: str = "2024", current: str = "2025", dashboard_data: DashboardData | None = None
) -> Calculator:
    """The one-page profit dashboard, for a chosen year against the previous one."""
    d = dashboard_data or load_dashboard_data()
    years = sorted({k for k in d.sales.periods if "-" not in k})
    inputs = {
        "base": widgets.Dropdown(
            options=years, value=base, description="Compare", style=STYLE, layout=LAYOUT
        ),
        "current": widgets.Dropdown(
            options=years, value=current, description="with", style=STYLE, layout=LAYOUT
        ),
    }
    return Calculator("One-page profit dashboard", inputs, lambda **v: compute_dashboard(d, **v))
