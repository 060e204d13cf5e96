"""Chapter 5 and 10 calculators: the CRM data-quality audit, the customer card, the
data-collection checklist score."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .. import crm, plots
from ..fmt import esc, money, num, pct, table
from .base import LAYOUT, STYLE, Calculator, Result, percent_slider, slider

__all__ = [
    "audit_calculator",
    "checklist_calculator",
    "compute_audit",
    "compute_checklist",
    "compute_customer_card",
    "customer_card_calculator",
]

# --- data-quality audit --------------------------------------------------------------


def compute_audit(
    pairs: pd.DataFrame,
    keys: pd.Series,
    completeness: float,
    validity: float,
    threshold: float,
    shared_only: bool,
    w_completeness: float,
    w_validity: float,
    w_uniqueness: float,
) -> Result:
    """Score the customer master for one matching rule and one set of weights."""
    r = crm.score_matching(
        pairs,
        keys,
        completeness,
        validity,
        threshold,
        shared_only,
        (w_completeness, w_validity, w_uniqueness),
        shown=12,
    )
    chosen, uniq, score = r.pairs, r.uniqueness, r.score
    sentence = (
        f"Completeness {pct(completeness, 2)}, validity {pct(validity, 2)}, uniqueness {pct(uniq, 2)}: "
        f'data-quality score <span class="sp-big">{pct(score, 1)}</span>. '
        f"{len(chosen)} pair{'s' if len(chosen) != 1 else ''} of records look like the same customer:"
    )
    shown = chosen[["id_a", "id_b", "name_a", "name_b", "similarity", "shared_contact"]]
    html = sentence + table(
        shown.head(12),
        {"similarity": lambda v: pct(v, 0), "shared_contact": lambda v: "yes" if v else "no"},
    )
    if r.hidden:
        html += f"<p>… and {r.hidden} more.</p>"
    return Result(html, None, data={"score": score, "uniqueness": uniq, "pairs": chosen})


def audit_calculator(customers: pd.DataFrame, rules=None, threshold: float = 0.95) -> Calculator:
    """The customer-master audit with a matching threshold and weights for the score."""
    rules = crm.CUSTOMER_RULES if rules is None else rules
    pairs = crm.near_duplicates(customers, threshold=0.85)
    base = crm.audit(customers, rules, key="customer_id")
    keys = customers["customer_id"]
    inputs = {
        "threshold": percent_slider("Names at least this similar (%)", threshold, 0.85, 1.0, 1, 0),
        "shared_only": widgets.Checkbox(
            value=True,
            description="Only pairs sharing a phone or e-mail",
            style=STYLE,
            layout=LAYOUT,
        ),
        "w_completeness": slider("Weight: completeness", 1.0, 0, 5, 0.5, 1),
        "w_validity": slider("Weight: validity", 1.0, 0, 5, 0.5, 1),
        "w_uniqueness": slider("Weight: uniqueness", 1.0, 0, 5, 0.5, 1),
    }
    return Calculator(
        "CRM data-quality audit: gaps, errors and duplicates",
        inputs,
        lambda **v: compute_audit(pairs, keys, base.completeness, base.validity, **v),
        percent={"threshold"},
        chart=False,
        intro="Lower the similarity to see more candidate pairs; untick the box to count "
        "them all as duplicates.",
    )


# --- single customer view ---------------------------------------------------------------


def compute_customer_card(view: pd.DataFrame, customer_id: str) -> Result:
    """One customer's card from the single customer view."""
    if customer_id not in view.index:
        raise ValueError(f"There is no customer {customer_id} in the view.")
    r = view.loc[customer_id]
    fmt_date = lambda d: "–" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")  # noqa: E731
    rows = [
        ("Company", f"{r['name']} ({r['name_zh']})"),
        ("Segment / tier", f"{r['segment']} / {r['tier']}"),
        ("City, rep", f"{r['city']}, {r['rep_id']}"),
        (
            "Contact",
            f"{r['contact_name']} · {r['contact_email'] if pd.notna(r['contact_email']) else 'no e-mail'}"
            f" · {r['contact_phone'] if pd.notna(r['contact_phone']) else 'no phone'}",
        ),
        (
            "Orders (2024-25)",
            f"{num(r['orders'])}, {money(r['net_sales'], 0)} sales, "
            f"{money(r['gross_profit'], 0)} gross profit",
        ),
        ("First / last order", f"{fmt_date(r['first_order'])} / {fmt_date(r['last_order'])}"),
        (
            "Contacts",
            f"{num(r['activities'])} activities, {num(r['visits'])} visits, last {fmt_date(r['last_contact'])}",
        ),
        (
            "Service",
            f"{num(r['tickets'])} tickets ({num(r['open_tickets'])} open), median "
            f"{'–' if pd.isna(r['median_resolution_hours']) else num(r['median_resolution_hours'], 1)} h",
        ),
        (
            "Feedback",
            f"{num(r['surveys'])} surveys, NPS "
            f"{'–' if pd.isna(r['nps']) else num(r['nps'])}, CSAT "
            f"{'–' if pd.isna(r['mean_csat']) else num(r['mean_csat'], 1)}",
        ),
        ("Pipeline", f"{money(r['open_pipeline'], 0)} open, {num(r['won_deals'])} deals won"),
    ]
    gaps = ""
    for label, col in (("e-mail", "contact_email"), ("phone", "contact_phone")):
        if pd.isna(r[col]):
            gaps += f"{', ' if gaps else ''}{label}"
    html = table(pd.DataFrame(rows, columns=["", customer_id]))
    if gaps:
        html = f'<p class="sp-bad">Missing: {esc(gaps)}. Ask at the next contact.</p>' + html
    return Result(html, None, data=r)


def customer_card_calculator(
    view: pd.DataFrame, customer_ids, customer_id: str | None = None
) -> Calculator:
    ids = [c for c in customer_ids if c in view.index]
    if not ids:
        raise ValueError("None of the customers given is in the view.")
    pick = widgets.Dropdown(
        options=[(f"{c} {view.loc[c, 'name']}"[:60], c) for c in ids],
        value=customer_id if customer_id in ids else ids[0],
        description="Customer",
        style=STYLE,
        layout=LAYOUT,
    )
    return Calculator(
        "Single customer view: everything on one card",
        {"customer_id": pick},
        lambda customer_id: compute_customer_card(view, customer_id),
        chart=False,
    )


# --- data-collection checklist ------------------------------------------------------------


def compute_checklist(items: pd.DataFrame, chart: bool = True, **weights: float) -> Result:
    t = items.copy()
    t["weight"] = [float(weights.get(f"w{i}", w)) for i, w in enumerate(t["weight"])]
    scored, score = crm.checklist_score(t)
    worst = scored.sort_values("share").iloc[0]
    sentence = (
        f'Data-quality score: <span class="sp-big">{pct(score, 1)}</span>. The weakest item: '
        f"<b>{esc(worst['item'])}</b> ({pct(worst['share'], 1)} of records)."
    )
    html = sentence + table(
        scored[["item", "passed", "checked", "share", "weight", "points"]],
        {
            "passed": num,
            "checked": num,
            "share": lambda v: pct(v, 1),
            "weight": lambda v: num(v, 1),
            "points": lambda v: pct(v, 1),
        },
    )
    png = plots.to_png(plots.crm.checklist_chart(scored, score)) if chart else None
    return Result(html, png, data={"score": score, "table": scored})


def checklist_calculator(items: pd.DataFrame) -> Calculator:
    """One weight slider per checklist item (from ``crm.collection_checklist``)."""
    inputs = {
        f"w{i}": slider(f"Weight {i + 1}: {item[:34]}", float(w), 0, 5, 0.5, 1)
        for i, (item, w) in enumerate(zip(items["item"], items["weight"]))
    }
    for w in inputs.values():
        w.style = {"description_width": "24em"}
        w.layout = widgets.Layout(width="42em")
    return Calculator(
        "Data-collection checklist → data-quality score",
        inputs,
        lambda **w: compute_checklist(items, **w),
        intro="Weight what matters most to your decisions; 0 leaves an item out.",
    )
