"""Chapter 11 calculators: A/B significance, sample size, the peeking trap and new-product
break-even with cannibalisation. Formula calculators: no data is loaded."""

from __future__ import annotations

from .. import experiments, plots
from ..fmt import money, num, pct
from .base import Calculator, Result, number_box, percent_slider, slider

__all__ = [
    "ab_test_calculator",
    "compute_ab_test",
    "compute_new_product",
    "compute_peeking",
    "compute_sample_size",
    "new_product_calculator",
    "peeking_calculator",
    "sample_size_calculator",
]

# --- A/B significance -------------------------------------------------------------


def _pp(x: float) -> str:
    """A difference of two rates in percentage points, for display (0.049 -> '+4.9')."""
    return f"{x * 100:+.1f}"


def compute_ab_test(
    conversions_a: float,
    customers_a: float,
    conversions_b: float,
    customers_b: float,
    confidence: float,
    chart: bool = True,
) -> Result:
    """The two-proportion test of offer A against offer B, in words."""
    t = experiments.two_proportion_ztest(
        conversions_a, customers_a, conversions_b, customers_b, confidence
    )
    sure = t.ci_low > 0 or t.ci_high < 0
    winner = "A" if t.diff > 0 else "B"
    verdict = (
        f'<span class="sp-big">{winner} wins</span>: the difference is statistically significant.'
        if sure
        else '<span class="sp-bad">Not proven yet</span>: the difference could be chance.'
    )
    html = (
        f"{verdict}<br>Offer A converts <b>{pct(t.rate_a, 1)}</b>, offer B <b>{pct(t.rate_b, 1)}</b>: "
        f"a difference of {_pp(t.diff)} percentage points (A minus B), with a {pct(confidence, 0)} "
        f"confidence interval from {_pp(t.ci_low)} to {_pp(t.ci_high)} points. "
        f"z = {t.z:.2f}, p-value = {t.p_value:.4f}"
        + (" (below 0.0001)." if t.p_value < 1e-4 else ".")
    )
    png = plots.to_png(plots.experiments.ab_chart(t)) if chart else None
    return Result(html, png, data=t)


def ab_test_calculator(
    conversions_a: float = 80,
    customers_a: float = 1000,
    conversions_b: float = 100,
    customers_b: float = 1000,
    confidence: float = 0.95,
) -> Calculator:
    """A/B significance: is offer A really better than offer B?"""
    inputs = {
        "conversions_a": number_box("Orders with offer A", conversions_a, 0, 1e9, 1),
        "customers_a": number_box("Quotes with offer A", customers_a, 1, 1e9, 1),
        "conversions_b": number_box("Orders with offer B", conversions_b, 0, 1e9, 1),
        "customers_b": number_box("Quotes with offer B", customers_b, 1, 1e9, 1),
        "confidence": percent_slider("Confidence (%)", confidence, 0.8, 0.99, 1.0, digits=0),
    }
    return Calculator(
        "A/B test: is the difference real?",
        inputs,
        compute_ab_test,
        percent={"confidence"},
        intro="Enter how many quotes got each offer and how many of them turned into orders.",
    )


# --- sample size ------------------------------------------------------------------------


def compute_sample_size(
    p_base: float,
    p_target: float,
    alpha: float,
    power: float,
    customers_per_day: float,
    chart: bool = True,
) -> Result:
    """Customers per group to detect the change, and how long the test runs."""
    plan = experiments.sample_size_plan(p_base, p_target, alpha, power, customers_per_day)
    need = plan.per_group
    html = (
        f"To tell {pct(p_base, 1)} from {pct(p_target, 1)} with {pct(power, 0)} power at a {pct(alpha, 0)} "
        f'significance level you need <span class="sp-big">{num(need)}</span> customers in each group '
        f"({num(plan.total)} in all; {num(plan.per_group_continuity)} each with Fleiss's continuity "
        f"correction). At {num(customers_per_day)} quotes a day the test runs about "
        f"<b>{num(plan.days, 0)} days</b>. Decide the size before you start, and do not stop early."
    )
    png = None
    if chart:
        title = (
            f"{plan.change * 100:.1f} points need {num(need)} per group; "
            f"half that needs {num(plan.half)}"
        )
        png = plots.to_png(
            plots.experiments.sample_size_chart(
                p_base, plan.grid, plan.sizes, p_target, title=title
            )
        )
    return Result(
        html, png, data={"n": plan.n, "n_continuity": plan.n_continuity, "days": plan.days}
    )


def sample_size_calculator(
    p_base: float = 0.82,
    p_target: float = 0.85,
    alpha: float = 0.05,
    power: float = 0.8,
    customers_per_day: float = 180.0,
) -> Calculator:
    """Sample size for an A/B test of two conversion rates."""
    inputs = {
        "p_base": percent_slider("Conversion today (%)", p_base, 0.005, 0.99, 0.5),
        "p_target": percent_slider("Conversion to detect (%)", p_target, 0.005, 0.99, 0.5),
        "alpha": percent_slider("Significance level (%)", alpha, 0.01, 0.10, 1.0, digits=0),
        "power": percent_slider("Power (%)", power, 0.5, 0.99, 1.0, digits=0),
        "customers_per_day": number_box(
            "Quotes per day (both groups)", customers_per_day, 1, 1e7, 10
        ),
    }
    return Calculator(
        "Sample size: how many customers does the test need?",
        inputs,
        compute_sample_size,
        percent={"p_base", "p_target", "alpha", "power"},
    )


# --- the peeking trap -----------------------------------------------------------------------


def compute_peeking(
    looks: float, rate: float, customers_per_group: float, chart: bool = True
) -> Result:
    """Simulated A/A tests (no real difference) checked ``looks`` times."""
    r = experiments.peeking_simulation(
        rate, int(customers_per_group), int(looks), simulations=2000, seed=11
    )
    html = (
        f"Both offers are <i>identical</i> here. Looking once at the end, {pct(r.false_positive_fixed, 1)} of "
        f"tests wrongly declare a winner (the promised 5 %). Looking after every batch and stopping at the first "
        f'p &lt; 0.05, <span class="sp-bad">{pct(r.false_positive_peeking, 1)}</span> do, over '
        f"{num(r.simulations)} simulated tests."
    )
    png = plots.to_png(plots.experiments.peeking_chart(r)) if chart else None
    return Result(html, png, data=r)


def peeking_calculator(
    looks: int = 10, rate: float = 0.82, customers_per_group: int = 2000
) -> Calculator:
    """The peeking trap: repeated looks inflate false alarms."""
    inputs = {
        "looks": slider("Looks at the results", looks, 1, 30, 1, digits=0),
        "rate": percent_slider("Conversion rate (%)", rate, 0.05, 0.95, 1.0, digits=0),
        "customers_per_group": slider(
            "Customers per group", customers_per_group, 200, 10000, 200, digits=0
        ),
    }
    return Calculator(
        "The peeking trap: stopping when it looks good", inputs, compute_peeking, percent={"rate"}
    )


# --- new-product break-even ---------------------------------------------------------------


def compute_new_product(
    price: float,
    unit_cost: float,
    fixed_costs: float,
    cannibalisation: float,
    old_price: float,
    old_unit_cost: float,
    expected_units: float,
    chart: bool = True,
) -> Result:
    """Break-even units of a launch, net of the margin lost on the product it replaces."""
    o = experiments.launch_outcome(
        price, unit_cost, fixed_costs, cannibalisation, old_price, old_unit_cost, expected_units
    )
    b, profit = o.breakeven, o.profit
    html = (
        f"Each new unit earns {money(b.unit_contribution)} but takes {money(b.lost_contribution)} of margin from "
        f"the old product: <b>{money(b.net_contribution)}</b> net. Break-even is "
        f'<span class="sp-big">{num(b.breakeven_units)}</span> units, not '
        f"{num(b.breakeven_units_ignoring_cannibalisation)}. At {num(expected_units)} units the launch makes "
        f'<span class="{"sp-big" if profit >= 0 else "sp-bad"}">{money(profit, 0)}</span>.'
    )
    if o.shrinks_pair:
        html += (
            f"<p>Cannibalisation above 100 % means the old product loses {num(o.old_units_lost, 2)} units "
            "for every new unit sold: more than the new one adds, so the pair sells fewer units than "
            "before (some buyers of the old model left instead of switching). The launch still pays "
            "only while each new unit earns more than the old margin it destroys.</p>"
        )
    png = None
    if chart:
        png = plots.to_png(plots.experiments.new_product_chart(b, fixed_costs, o.chart_top))
    return Result(html, png, data={"breakeven": b, "profit": profit})


def new_product_calculator(
    price: float = 120.0,
    unit_cost: float = 70.0,
    fixed_costs: float = 260_000.0,
    cannibalisation: float = 0.6,
    old_price: float = 100.0,
    old_unit_cost: float = 60.0,
    expected_units: float = 12_000.0,
) -> Calculator:
    """New-product break-even with cannibalisation."""
    inputs = {
        "price": number_box("New product: price (¥)", price, 0.01, 1e9, 1),
        "unit_cost": number_box("New product: unit cost (¥)", unit_cost, 0, 1e9, 1),
        "fixed_costs": number_box("Launch fixed costs (¥)", fixed_costs, 0, 1e12, 10_000),
        "cannibalisation": percent_slider(
            "Old product's sales lost per new sale (%)", cannibalisation, 0, 1.5, 5, digits=0
        ),
        "old_price": number_box("Old product: price (¥)", old_price, 0, 1e9, 1),
        "old_unit_cost": number_box("Old product: unit cost (¥)", old_unit_cost, 0, 1e9, 1),
        "expected_units": number_box("Units you expect to sell", expected_units, 0, 1e12, 500),
    }
    return Calculator(
        "New product: break-even after cannibalisation",
        inputs,
        compute_new_product,
        percent={"cannibalisation"},
    )
