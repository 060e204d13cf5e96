"""Role-play kits: the seller's negotiation calculator, the facilitator's scorer, the
session scoreboard view, and the printable briefs.

Per kit (``discount_request``, ``vip_renewal``, ``unprofitable_account``,
``commission_plan``, ``quarterly_review``) there are three builders, callable with no
arguments (they open on the kit's default seed and today's deal):

* ``<kit>_seller_calculator()``: what the seller keeps open during the negotiation:
  live profit, margin and break-even volume for the terms on the table;
* ``<kit>_buyer_calculator()``: the same from the buyer's side (the buyer's own numbers);
* ``<kit>_scorer_calculator()``: the facilitator scores each team's agreed deal for both
  sides, sees it against the Pareto frontier, and records it on the scoreboard with a
  button (a refused input, such as an empty team name, shows its message).

``scoreboard_calculator()`` ranks the teams, charts the spread and exports CSV.
:func:`brief_html` renders a role's brief (scenario, seller, buyer, observer,
facilitator) for one seed; :func:`printable_briefs` puts them all in one HTML file,
one sheet each, for the cohort's seed. All numbers come from
:mod:`salesprofit.roleplay`; nothing here does arithmetic of its own.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import plots, pricing, roleplay
from ..fmt import esc, money, num, pct, table
from ..scoreboard import RANK_BY, Scoreboard
from .base import LAYOUT, STYLE, Calculator, Result, error_html

DEFAULT_SEED = roleplay.DEFAULT_SEED
KIT_KEYS = tuple(roleplay.KITS)

PRINT_CSS = """<style>
.sp-brief {font-size: 1rem; line-height: 1.45; max-width: 46em;}
.sp-brief .sp-brief-head {display: flex; justify-content: space-between; border-bottom: 2px solid #0072B2;
  padding-bottom: 0.2em; margin-bottom: 0.6em; font-size: 0.9em; color: #333;}
.sp-brief .sp-secret {color: #D55E00; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;}
.sp-brief h2 {margin: 0.3em 0 0.4em 0; font-size: 1.45em;}
.sp-brief h3 {margin: 0.9em 0 0.3em 0; font-size: 1.1em;}
.sp-brief table {border-collapse: collapse; margin: 0.3em 0;}
.sp-brief th, .sp-brief td {border-bottom: 1px solid #ccc; padding: 0.15em 0.6em; text-align: left; vertical-align: top;}
.sp-brief td.sp-num {text-align: right; white-space: nowrap;}
.sp-brief .sp-line {border-bottom: 1px solid #555; display: inline-block; min-width: 14em; height: 1.3em;}
.sp-brief .sp-box {display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #333; margin-right: 0.4em;}
@media print {
  .bd-header, .bd-header-article, .header-article, .bd-sidebar-primary, .bd-sidebar-secondary,
  .bd-footer, .bd-footer-article, .bd-footer-content, .prev-next-area, .footer-article, footer,
  .headerbtn, .article-header-buttons, .topbar, .toggle-secondary-sidebar, .bd-search, nav,
  .sidebar-toggle, .primary-toggle, .secondary-toggle, #pst-back-to-top, .cell_input, .jp-InputArea
  {display: none !important;}
  .bd-main, .bd-content, .bd-article-container, .bd-article, .bd-page-width {max-width: 100% !important;
    width: 100% !important; margin: 0 !important; padding: 0 !important;}
  html {font-size: 12px !important;}
  body {font-size: 10pt;}
  h1 {font-size: 15pt !important; margin: 0 0 0.3em 0 !important;}
  .sp-brief {max-width: 100%; page-break-after: always; break-after: page; line-height: 1.3;}
  .sp-brief h3 {margin: 0.5em 0 0.15em 0;}
  .sp-brief p {margin: 0.25em 0;}
  .sp-brief th, .sp-brief td {padding: 0.05em 0.5em;}
  .sp-brief:last-child {page-break-after: auto; break-after: auto;}
  .sp-brief table, .sp-brief ul {page-break-inside: avoid; break-inside: avoid;}
  a[href]::after {content: none !important;}
}
</style>"""


# --------------------------------------------------------------------------- caches


@lru_cache(maxsize=64)
def _scenario(kit: str, seed: int) -> roleplay.Scenario:
    return roleplay.scenario(kit, seed)


@lru_cache(maxsize=16)
def _grid(kit: str, seed: int) -> pd.DataFrame:
    return roleplay.grid(_scenario(kit, seed))


def scenario(kit: str, seed: Any = DEFAULT_SEED) -> roleplay.Scenario:
    """The kit's scenario for ``seed`` (checked, cached)."""
    roleplay.kit(kit)
    return _scenario(kit, roleplay.check_seed(seed))


# --------------------------------------------------------------------------- facts in words

_PER_UNIT = {"unit_cost", "list_price", "competitor_price", "unit_worth", "salvage", "today_price"}
_PCT = {
    "seller_capital",
    "buyer_capital",
    "retention",
    "gross_margin",
    "today_rate",
    "commission",
    "volatility",
    "gap_cost",
}
_UNITS = {"today_volume", "need"}


def _fmt(name: str, value: Any) -> str:
    if name in _PER_UNIT:
        return money(value, 2)
    if name in _PCT:
        return pct(value, 1)
    if name in _UNITS:
        return num(value, 0)
    if name == "support_lift":
        return pct(value, 2)
    if name == "discount_lift":
        return f"{value:.1f}"
    return money(value, 0)


def facts(kit: str, seed: Any = DEFAULT_SEED) -> dict[str, str]:
    """Every number of the scenario as display text, keyed for the brief templates.

    Tuples (service costs by level) appear as ``name_0``, ``name_1`` ...; derived
    numbers: ``today_seller_value``, ``today_profit``, ``today_buyer_value``,
    ``today_revenue``, ``list_margin``, the four targets and walk-aways, ``seed``.
    """
    sc = scenario(kit, seed)
    out: dict[str, str] = {"seed": str(sc.seed), "title": sc.title}
    for k, v in sc.params.items():
        if isinstance(v, tuple):
            for i, x in enumerate(v):
                out[f"{k}_{i}"] = money(x, 2) if k.endswith("_unit") else money(x, 0)
        else:
            out[k] = _fmt(k, v)
    now = roleplay.deal_values(sc, **sc.status_quo)
    out["today_seller_value"] = money(now["seller_value"], 0)
    out["today_profit"] = money(now["seller_profit"], 0)
    out["today_result"] = (
        f"loses {money(-now['seller_profit'], 0)}"
        if now["seller_profit"] < 0
        else f"earns only {money(now['seller_profit'], 0)}"
    )
    out["today_buyer_value"] = money(now["buyer_value"], 0)
    out["today_revenue"] = money(now["revenue"], 0)
    out["today_margin"] = pct(roleplay.margin(sc, **sc.status_quo), 1)
    if "unit_cost" in sc.params:
        ref = sc.params.get("list_price", sc.params.get("today_price"))
        out["list_margin"] = pct(pricing.contribution_margin(ref, sc.params["unit_cost"]), 1)
    for k in ("seller_target", "seller_walkaway", "buyer_target", "buyer_walkaway"):
        out[k] = money(getattr(sc, k), 0)
    return out


# --------------------------------------------------------------------------- the kits in words
# Each kit: the public scenario, each role's story and tips, and what an observer watches.
# Numbers are placeholders filled from facts(): never typed here.

TEXT: dict[str, dict[str, Any]] = {
    "discount_request": {
        "scenario": [
            "Huaxin Industrial Supply sells the HX-200 hydraulic fitting kit to Dongfang Machinery. "
            "Dongfang buys <b>{today_volume} kits a year</b> at the list price of <b>{list_price}</b> a kit, "
            "with standard delivery (5 working days), payment in 30 days and a one-year contract.",
            "A competitor has offered Dongfang a similar kit at <b>{competitor_price}</b>. Dongfang's "
            "purchasing manager has asked Huaxin's key account manager to come in: <i>“We want a discount, "
            "or we move our business.”</i>",
            "You have <b>25 minutes</b> to agree a one-page deal, or to walk away. Everything below is open: "
            "price, volume, payment terms, delivery and contract length.",
        ],
        "seller": {
            "role": "You are Huaxin's key account manager for Dongfang Machinery.",
            "story": [
                "Dongfang is a steady customer and you would hate to lose it, but your manager has been "
                "clear: no discount that costs profit. Every point of discount must be paid for with "
                "extra volume or other terms.",
                "Today's deal earns you <b>{today_profit}</b> a year on sales of {today_revenue} "
                "(a {today_margin} margin after the cost of the 30-day terms).",
            ],
            "numbers": [
                ("Unit cost of an HX-200 kit", "{unit_cost}"),
                ("Your margin at list price", "{list_margin}"),
                ("Your cost of money tied up in receivables", "{seller_capital} a year"),
                ("48-hour delivery costs you", "{seller_service_unit_1} a kit"),
                (
                    "Next-day delivery with consignment stock costs you",
                    "{seller_service_unit_2} a kit plus {seller_service_year_2} a year",
                ),
                (
                    "Each contract year beyond the first is worth to you",
                    "{seller_year_value} a year (no re-tender, planned capacity)",
                ),
            ],
            "tips": [
                "Ask before you give: why a discount, and what would Dongfang buy for it?",
                "Trade, never give: <i>“If you ..., then we can ...”</i>. Put several terms in one package.",
                "Keep the calculator open (seed {seed}): it shows your profit and the volume that keeps it whole.",
            ],
        },
        "buyer": {
            "role": "You are Dongfang Machinery's purchasing manager.",
            "story": [
                "Your boss wants lower costs this year. The competitor's offer gives you a lever, but "
                "switching suppliers costs time, and Huaxin's kits have given you no quality problems.",
                "Dongfang needs <b>{need} kits a year</b>; it buys {today_volume} from Huaxin and the "
                "rest from other suppliers. Today's deal is worth <b>{today_buyer_value}</b> a year to you.",
            ],
            "numbers": [
                (
                    "What a Huaxin kit is worth to you (what it saves you against other sources, quality included)",
                    "{unit_worth} a kit",
                ),
                (
                    "A kit beyond your yearly need of {need} is worth only",
                    "{salvage} (it sits in stock)",
                ),
                (
                    "Your cost of money",
                    "{buyer_capital} a year: longer payment terms save you cash",
                ),
                (
                    "48-hour delivery is worth to you",
                    "{buyer_service_unit_1} a kit (less safety stock)",
                ),
                (
                    "Next-day delivery with consignment stock is worth to you",
                    "{buyer_service_unit_2} a kit",
                ),
                (
                    "Each contract year beyond the first costs you",
                    "{buyer_year_cost} a year of flexibility",
                ),
            ],
            "tips": [
                "Do not show your numbers; do say what matters to you and why.",
                "A discount is not the only way to save money: look at every term.",
                "Your value of a deal: kits up to your need × their worth, minus what you pay, plus the "
                "value of payment terms and delivery, minus the cost of a longer contract.",
            ],
        },
        "watch": [
            "Did the seller ask why the buyer wants a discount before answering?",
            "Was a discount ever given without something in return (volume, payment terms, contract length)?",
            "Did either side talk about volume, payment terms, delivery and contract length, or only price?",
            "Did the seller check the calculator before agreeing to a price?",
        ],
        "gist": "every point of discount needs extra volume to keep profit whole",
    },
    "vip_renewal": {
        "scenario": [
            "Jinlong Electric is one of Huaxin Industrial Supply's largest accounts: <b>{today_volume} "
            "control units a year</b> at <b>{today_price}</b> each (list price {list_price}), payment in 45 "
            "days, standard account service. The contract ends this month.",
            "A competitor has quoted Jinlong <b>{competitor_price}</b> a unit. Jinlong's head of purchasing "
            "says: <i>“We have been loyal for years. To renew, we expect you to show us that loyalty pays.”</i>",
            "You have <b>30 minutes</b> to agree the renewal: price, annual volume, payment terms, the "
            "service package and the contract length.",
        ],
        "seller": {
            "role": "You are Huaxin's key account manager for Jinlong Electric.",
            "story": [
                "Jinlong is a VIP account: losing it would hurt your year. But a VIP offer must buy "
                "retention, not just give margin away.",
                "Today's deal earns you <b>{today_profit}</b> a year on sales of {today_revenue}. Accounts "
                "like Jinlong renew with a probability of about {retention} each year.",
            ],
            "numbers": [
                ("Unit cost of a control unit", "{unit_cost}"),
                ("Your margin at list price", "{list_margin}"),
                ("Your cost of money tied up in receivables", "{seller_capital} a year"),
                ("A dedicated account manager costs you", "{seller_service_year_1} a year"),
                (
                    "Account manager + quarterly reviews + 24-hour line costs you",
                    "{seller_service_year_2} a year",
                ),
                (
                    "Each committed year beyond the first is worth to you",
                    "{seller_year_value} a year (the renewal risk you no longer carry)",
                ),
            ],
            "tips": [
                "Find out what 'loyalty' means to them before you price it.",
                "A multi-year commitment is worth a lot to you: what can you offer for it that costs you little?",
                "Keep the calculator open (seed {seed}).",
            ],
        },
        "buyer": {
            "role": "You are Jinlong Electric's head of purchasing.",
            "story": [
                "Huaxin is a good supplier, but your board asked you to cut purchasing costs and to "
                "reduce the hours your engineers spend chasing orders.",
                "Jinlong needs <b>{need} units a year</b>. Today's deal is worth <b>{today_buyer_value}</b> "
                "a year to you.",
            ],
            "numbers": [
                ("What a Huaxin unit is worth to you", "{unit_worth} a unit"),
                ("A unit beyond your yearly need is worth only", "{salvage}"),
                ("Your cost of money", "{buyer_capital} a year"),
                (
                    "A dedicated account manager is worth to you",
                    "{buyer_service_year_1} a year (engineering hours saved)",
                ),
                (
                    "Account manager + quarterly reviews + 24-hour line is worth to you",
                    "{buyer_service_year_2} a year",
                ),
                (
                    "Each contract year beyond the first costs you",
                    "{buyer_year_cost} a year of flexibility",
                ),
            ],
            "tips": [
                "You hold the renewal: use it, but a better package can beat a lower price.",
                "Ask what Huaxin can do on service and payment, not only on price.",
            ],
        },
        "watch": [
            "Did the seller find out what the buyer values before offering anything?",
            "Was the multi-year commitment traded for something, or given away?",
            "Was the service package discussed as value for the buyer or as a cost for the seller?",
            "Did the price cut come first (a common mistake) or last?",
        ],
        "gist": "a VIP offer must buy retention, not give margin away",
    },
    "unprofitable_account": {
        "scenario": [
            "Chenguang Hardware is a long-standing Huaxin Industrial Supply customer: <b>{today_volume} "
            "cases a year</b> at <b>{today_price}</b> a case, paid in 60 days, with Huaxin's heaviest service: "
            "a weekly visit, rush orders at any time and small deliveries every day.",
            "Huaxin's new cost-to-serve report shows the account losing money. Huaxin has asked for a "
            "meeting to 'review the terms'. A competitor sells similar goods at <b>{competitor_price}</b> "
            "a case with basic service.",
            "You have <b>30 minutes</b>: price, volume, payment terms, service level and contract length "
            "are all open.",
        ],
        "seller": {
            "role": "You are Huaxin's account manager for Chenguang Hardware.",
            "story": [
                "Chenguang is friendly and loyal, but at today's terms the account "
                "<b>{today_result}</b> a year once the cost to serve is counted. Your manager wants it at "
                "least at break-even; the target is a profit of {seller_target} a year.",
            ],
            "numbers": [
                ("Unit cost of a case", "{unit_cost}"),
                ("Margin at today's price, before cost to serve", "{list_margin}"),
                ("Your cost of money", "{seller_capital} a year"),
                (
                    "Basic service costs you",
                    "{seller_service_unit_0} a case plus {seller_service_year_0} a year",
                ),
                (
                    "Middle service costs you",
                    "{seller_service_unit_1} a case plus {seller_service_year_1} a year",
                ),
                (
                    "Today's service costs you",
                    "{seller_service_unit_2} a case plus {seller_service_year_2} a year",
                ),
                (
                    "Each contract year beyond the first is worth to you",
                    "{seller_year_value} a year",
                ),
            ],
            "tips": [
                "Show the customer what the service costs; do not lead with a price rise.",
                "Offer choices: a service menu lets the customer pick what they really value.",
                "Keep the calculator open (seed {seed}).",
            ],
        },
        "buyer": {
            "role": "You are the owner of Chenguang Hardware.",
            "story": [
                "You like Huaxin's service, but margins in your shop are thin and you cannot take a big "
                "price rise. Today's deal is worth <b>{today_buyer_value}</b> a year to you.",
                "You sell about <b>{need} cases a year</b>.",
            ],
            "numbers": [
                ("What a Huaxin case is worth to you", "{unit_worth}"),
                ("A case beyond your yearly need is worth only", "{salvage}"),
                ("Your cost of money", "{buyer_capital} a year"),
                ("Middle service is worth to you", "{buyer_service_year_1} a year"),
                ("Today's service is worth to you", "{buyer_service_year_2} a year"),
                ("Each contract year beyond the first costs you", "{buyer_year_cost} a year"),
            ],
            "tips": [
                "Which parts of today's service do you really use? Which could you do without?",
                "A price rise hurts; a change you barely notice may not.",
            ],
        },
        "watch": [
            "Did the seller explain the cost to serve with facts, calmly?",
            "Was service level treated as a term to trade, or was it all about price?",
            "Did the buyer get choices (a menu) or an ultimatum?",
            "Did the relationship survive: how did the buyer feel at the end?",
        ],
        "gist": "cost to serve is eating the margin: renegotiate the service, not only the price",
    },
    "commission_plan": {
        "scenario": [
            "Huaxin Industrial Supply is setting next year's pay plan for one of its sales reps. "
            "Today the rep earns a base salary of <b>{today_base}</b> a year plus <b>{today_rate}</b> "
            "commission on the gross margin of what they sell, with no accelerator. Last year the rep sold "
            "<b>{last_year_sales}</b> at a gross margin of {gross_margin}.",
            "The sales manager and the rep meet to agree the plan: base salary, commission rate, quota, "
            "an accelerator above quota and how long the plan runs (one or two years).",
            "You have <b>25 minutes</b>.",
        ],
        "seller": {
            "role": "You are the sales manager (you speak for the company's profit).",
            "story": [
                "The rep is good and you do not want to lose them: replacing a rep costs months of sales. "
                "But the cost of sales must stay under control.",
                "Your forecast of the rep's sales next year: <b>{company_forecast}</b>. At today's plan "
                "the company keeps <b>{today_profit}</b> of gross margin after the rep's pay.",
            ],
            "numbers": [
                ("Gross margin on the rep's sales", "{gross_margin}"),
                ("Your forecast of the rep's sales", "{company_forecast}"),
                (
                    "A two-year plan is worth to the company",
                    "{retention_value} a year (the rep is less likely to leave)",
                ),
            ],
            "tips": [
                "Pay for what you want more of: margin, and sales above quota.",
                "If the rep believes in a bigger year than you do, an accelerator may cost you little.",
                "Keep the calculator open (seed {seed}).",
            ],
        },
        "buyer": {
            "role": "You are the sales rep.",
            "story": [
                "You had a good year and you know your pipeline. Another distributor has offered you "
                "<b>{outside_offer}</b> a year.",
                "Your own forecast of your sales next year: <b>{rep_forecast}</b>. At today's plan that "
                "pays you <b>{today_buyer_value}</b>.",
            ],
            "numbers": [
                ("Your forecast of your sales", "{rep_forecast}"),
                ("The outside offer (your walk-away)", "{outside_offer} a year"),
                (
                    "A two-year plan costs you",
                    "{lock_in_cost} a year (you cannot renegotiate if you grow)",
                ),
            ],
            "tips": [
                "What do you believe about next year that your manager does not? Can the plan pay on that?",
                "Base salary is safe; commission and accelerators pay for the year you expect.",
            ],
        },
        "watch": [
            "Did they discuss the forecast openly, and notice they disagree?",
            "Did the plan end up paying for results (commission, accelerator) or for time (base)?",
            "Was the plan length traded for something?",
            "Did the manager check the cost of sales with the calculator?",
        ],
        "gist": "a commission plan pays for what you want more of",
    },
    "quarterly_review": {
        "scenario": [
            "A Huaxin sales rep and their manager meet for the quarterly review. Last quarter the rep sold "
            "<b>{last_quarter_sales}</b> against a target of <b>{last_quarter_target}</b>. The rep earns "
            "{commission} of sales as commission.",
            "They must agree next quarter's target, a bonus for hitting it, days of pre-sales support, "
            "how much discount the rep may give without approval, and whether the target is fixed for one "
            "quarter or two. Each pre-sales day lifts sales by about {support_lift}; each point of "
            "discount authority lifts sales by about {discount_lift} points. Quarterly sales vary by "
            "about {volatility} around the forecast.",
            "You have <b>25 minutes</b>.",
        ],
        "seller": {
            "role": "You are the sales manager.",
            "story": [
                "Your own quarterly plan needs <b>{plan}</b> from this rep. Every ¥ of target you do not "
                "give this rep you must find elsewhere, at a cost of about {gap_cost} of it.",
                "Your forecast of the rep's sales without extra support: <b>{manager_forecast}</b>.",
            ],
            "numbers": [
                ("Gross margin on the rep's sales", "{gross_margin}"),
                ("A pre-sales day costs you", "{day_cost}"),
                (
                    "A target fixed for two quarters is worth to you",
                    "{planning_value} (planning certainty)",
                ),
            ],
            "tips": [
                "Start from the KPIs: what happened last quarter, and why?",
                "A target the rep believes in is worth more than a high one they do not.",
                "Keep the calculator open (seed {seed}).",
            ],
        },
        "buyer": {
            "role": "You are the sales rep.",
            "story": [
                "You know your pipeline better than your manager. Your own forecast for next quarter: "
                "<b>{rep_forecast}</b>.",
            ],
            "numbers": [
                ("Your forecast of next quarter's sales", "{rep_forecast}"),
                (
                    "A target fixed for two quarters costs you",
                    "{lock_in_cost} (no reset if the market turns)",
                ),
                (
                    "Missing your target costs you about",
                    "{miss_cost} (a poor review, a smaller raise)",
                ),
            ],
            "tips": [
                "Bring facts about your pipeline, not feelings.",
                "Support and authority can help you sell more: ask for what would really move your numbers.",
            ],
        },
        "watch": [
            "Did the review start from last quarter's facts (KPIs) before talking about the next target?",
            "Did the two share their forecasts, and resolve the difference?",
            "Were support and discount authority discussed as ways to reach the target?",
            "Did the rep leave believing the target is reachable?",
        ],
        "gist": "a target both sides believe in, with the support to reach it",
    },
}

GENERIC_WATCH = [
    "Who made the first offer, and what was it?",
    "Which terms were discussed: price, volume, payment, service, contract length (or their equivalents)?",
    "Were concessions traded in packages (“if you ..., then we ...”) or given one at a time?",
    "Did the concessions get smaller as the deal came closer?",
    "Did anyone reveal their walk-away? Did it help or hurt them?",
]


# --------------------------------------------------------------------------- briefs


def _fill(text: str, f: dict[str, str]) -> str:
    return text.format_map(f)


def _option_rows(sc: roleplay.Scenario, side: str) -> pd.DataFrame:
    """A few options of each term and what each is worth to ``side`` against today."""
    ov = roleplay.option_values(sc)
    keep = []
    for name, grp in ov.groupby("term", sort=False):
        if len(grp) > 4:
            idx = np.unique(np.linspace(0, len(grp) - 1, 4).round().astype(int))
            sq = grp.index[grp["option"] == sc.status_quo[name]]
            grp = grp.loc[sorted(set(grp.index[idx]) | set(sq))]
        keep.append(grp)
    ov = pd.concat(keep)
    today = [o == sc.status_quo[t] for t, o in zip(ov["term"], ov["option"])]
    ov = ov.assign(
        cell=[
            f"{esc(lab)}: <b>{'today' if is_today else money(v, 0, sign=True)}</b>"
            for lab, is_today, v in zip(ov["option_label"], today, ov[f"{side}_change"])
        ]
    )
    # one line per term, so that a brief fits on one printed sheet
    return ov.groupby("label", sort=False)["cell"].agg(" · ".join).reset_index()


def _rows(rows: list[tuple[str, str]], num: bool = True) -> str:
    cls = " class='sp-num'" if num else ""
    body = "".join(f"<tr><td>{a}</td><td{cls}>{b}</td></tr>" for a, b in rows)
    return f"<table>{body}</table>"


def _head(sc: roleplay.Scenario, who: str, secret: str) -> str:
    return (
        f"<div class='sp-brief-head'><span>{esc(sc.title)} · {esc(who)}</span>"
        f"<span class='sp-secret'>{esc(secret)}</span><span>seed {sc.seed}</span></div>"
    )


def _unit(t: roleplay.Term) -> str:
    return f"% {t.unit}" if t.percent else t.unit


def _deal_sheet(sc: roleplay.Scenario) -> str:
    lines = "".join(
        f"<tr><td>{esc(t.label)}{(' (' + esc(_unit(t)) + ')') if t.unit and not t.is_choice else ''}"
        f"</td><td><span class='sp-line'></span></td></tr>"
        for t in sc.terms
    )
    return (
        f"<h3>Deal sheet (hand to the facilitator)</h3><table>"
        f"<tr><td>Team</td><td><span class='sp-line'></span></td></tr>{lines}"
        f"<tr><td>Signed by both</td><td><span class='sp-line'></span></td></tr></table>"
        f"<p>No deal? Write <b>no deal</b> and each side's reason.</p>"
    )


def brief_html(kit: str, role: str, seed: Any = DEFAULT_SEED, css: bool = True) -> str:
    """One role's sheet for one seed, as HTML ready to print (one sheet per role).

    ``role``: "scenario" (everyone), "seller", "buyer" (confidential: only that
    side's numbers), "observer", or "facilitator" (the answer key: both sides'
    walk-aways and what good looks like).
    """
    sc = scenario(kit, seed)
    f = facts(kit, seed)
    tx = TEXT[kit]
    roles = sc.roles
    parts: list[str] = []
    if role == "scenario":
        parts += [_head(sc, "the scenario", "for everyone"), f"<h2>{esc(sc.title)}</h2>"]
        parts += [f"<p>{_fill(p, f)}</p>" for p in tx["scenario"]]
        parts.append(
            "<h3>The roles</h3><ul>"
            + "".join(f"<li>{esc(roles[s])}</li>" for s in ("seller", "buyer"))
            + "<li>Observer (optional)</li></ul>"
        )
        parts.append(
            "<h3>Terms on the table</h3><ul>"
            + "".join(
                f"<li><b>{esc(t.label)}</b>: "
                + ("; ".join(esc(x) for x in t.labels) if t.is_choice else f"in {esc(_unit(t))}")
                + "</li>"
                for t in sc.terms
            )
            + "</ul>"
        )
        parts.append(_deal_sheet(sc))
    elif role in ("seller", "buyer"):
        r = tx[role]
        parts += [
            _head(sc, roles[role], f"confidential: {roles[role].split(' (')[0].lower()} only"),
            f"<h2>{esc(roles[role])}</h2>",
            f"<p><b>{_fill(r['role'], f)}</b></p>",
        ]
        parts += [f"<p>{_fill(p, f)}</p>" for p in r["story"]]
        parts.append("<h3>Your numbers (do not show them)</h3>")
        parts.append(_rows([(_fill(a, f), _fill(b, f)) for a, b in r["numbers"]]))
        if role == "seller" and kit in ("discount_request", "vip_renewal"):
            ref = sc.params.get("list_price", sc.params.get("today_price"))
            m = pricing.contribution_margin(ref, sc.params["unit_cost"])
            cuts = [d for d in (0.02, 0.05, 0.10) if d < m]
            parts.append(
                "<h3>Every point of discount needs extra volume</h3>"
                f"<p>At your margin of {pct(m, 1)}, to keep today's profit on the same terms:</p>"
                + _rows(
                    [
                        (
                            f"a {pct(d, 0)} discount",
                            f"needs {pct(pricing.breakeven_volume_change(-d, m), 0, sign=True)} volume",
                        )
                        for d in cuts
                    ]
                )
            )
        period = "a quarter" if kit == "quarterly_review" else "a year"
        parts.append(
            f"<h3>What each term is worth to you ({period}, against today, everything else unchanged)</h3>"
        )
        parts.append(
            _rows(
                [(esc(a), b) for a, b in _option_rows(sc, role).itertuples(index=False, name=None)],
                num=False,
            )
        )
        target, walk = getattr(sc, f"{role}_target"), getattr(sc, f"{role}_walkaway")
        parts.append(
            "<h3>Your target and your walk-away</h3>"
            f"<p>Today's deal is worth <b>{f['today_seller_value' if role == 'seller' else 'today_buyer_value']}</b> "
            f"{period} to you. Aim for <b>{money(target, 0)}</b>. Do not sign anything worth less than "
            f"<b>{money(walk, 0)}</b>: below that, no deal is better.</p>"
        )
        parts.append(
            "<h3>Tips</h3><ul>" + "".join(f"<li>{_fill(t, f)}</li>" for t in r["tips"]) + "</ul>"
        )
    elif role == "observer":
        parts += [
            _head(sc, "observer", "for the observer"),
            f"<h2>{esc(sc.title)}: observer sheet</h2>",
            "<p>Watch, do not speak. Note what you see and hear, with the minute it happened. "
            "You will report first in the debrief.</p>",
            "<h3>Watch for</h3>",
        ]
        items = GENERIC_WATCH + tx["watch"]
        parts.append(
            "<table>"
            + "".join(
                f"<tr><td><span class='sp-box'></span>{esc(w)}</td><td><span class='sp-line'></span></td></tr>"
                for w in items
            )
            + "</table>"
        )
        parts.append(
            "<h3>The deal they reached</h3>"
            + _rows([(esc(t.label), "<span class='sp-line'></span>") for t in sc.terms])
        )
        parts.append(
            "<h3>One thing each side did well, one thing to try next time</h3>"
            + _rows(
                [
                    (esc(roles["seller"]), "<span class='sp-line'></span>"),
                    (esc(roles["buyer"]), "<span class='sp-line'></span>"),
                ]
            )
        )
    elif role == "facilitator":
        parts += [
            _head(sc, "facilitator", "facilitator only"),
            f"<h2>{esc(sc.title)}: answer key</h2>",
            f"<p>Seed <b>{sc.seed}</b>. The point of this kit: {esc(tx['gist'])}.</p>",
        ]
        parts.append(
            _rows(
                [
                    (
                        f"{esc(roles['seller'])}: today / target / walk-away",
                        f"{f['today_seller_value']} / {f['seller_target']} / {f['seller_walkaway']}",
                    ),
                    (
                        f"{esc(roles['buyer'])}: today / target / walk-away",
                        f"{f['today_buyer_value']} / {f['buyer_target']} / {f['buyer_walkaway']}",
                    ),
                ]
            )
        )
        ov = roleplay.option_values(sc)
        ov = ov[ov["option"] != [sc.status_quo[t] for t in ov["term"]]]
        cheap = ov[(ov["seller_change"] + ov["buyer_change"]) > 0]
        if len(cheap):
            best = cheap.assign(j=cheap["seller_change"] + cheap["buyer_change"]).sort_values(
                "j", ascending=False
            )
            best = best.drop_duplicates("term").head(4)
            parts.append(
                "<h3>Where the value is (each move alone, against today)</h3>"
                + table(
                    best[["label", "option_label", "seller_change", "buyer_change"]].rename(
                        columns={
                            "label": "term",
                            "option_label": "move to",
                            "seller_change": f"{roles['seller']}",
                            "buyer_change": f"{roles['buyer']}",
                        }
                    ),
                    {
                        roles["seller"]: lambda v: money(v, 0, sign=True),
                        roles["buyer"]: lambda v: money(v, 0, sign=True),
                    },
                )
            )
        good = roleplay.best_deals(sc, 3)
        parts.append(
            "<h3>What good looks like: deals on the frontier that both can accept</h3>"
            + _deals_table(sc, good)
        )
    else:
        raise ValueError("role must be 'scenario', 'seller', 'buyer', 'observer' or 'facilitator'.")
    return (PRINT_CSS if css else "") + "<div class='sp-brief'>" + "".join(parts) + "</div>"


def _deals_table(sc: roleplay.Scenario, deals: pd.DataFrame) -> str:
    shown = pd.DataFrame({t.label: [t.describe(v) for v in deals[t.name]] for t in sc.terms})
    shown[sc.roles["seller"]] = [money(v, 0) for v in deals["seller_value"]]
    shown[sc.roles["buyer"]] = [money(v, 0) for v in deals["buyer_value"]]
    return table(shown)


def printable_briefs(kit: str, seed: Any = DEFAULT_SEED) -> str:
    """One HTML file with every sheet of the kit for ``seed``: scenario, seller's brief,
    buyer's brief, observer sheet and the facilitator's answer key, one per printed page."""
    sc = scenario(kit, seed)
    body = "".join(
        brief_html(kit, r, sc.seed, css=False)
        for r in ("scenario", "seller", "buyer", "observer", "facilitator")
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{esc(sc.title)}: briefs for seed {sc.seed}</title>{PRINT_CSS}"
        "<style>body{font-family: sans-serif; margin: 2em;} .sp-brief{margin-bottom: 3em;}</style>"
        f"</head><body>{body}</body></html>"
    )


def _download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    b64 = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{esc(filename)}' href='data:{mime};base64,{b64}' "
        f"style='font-weight:700'>{esc(label)}</a>"
    )


class BriefsPanel(widgets.VBox):
    """Seed box, button and download link for the printable briefs."""

    def __repr__(self) -> str:  # short and stable: nbval compares text/plain
        return f"<Printable briefs: {self.title}>"


def briefs_panel(kit: str = "discount_request", seed: Any = DEFAULT_SEED) -> BriefsPanel:
    """For the facilitator: type the cohort's seed, click, download every sheet to print."""
    seed_box = widgets.BoundedIntText(
        value=roleplay.check_seed(seed),
        min=0,
        max=2**31 - 1,
        description="Seed for this cohort",
        style=STYLE,
        layout=LAYOUT,
    )
    button = widgets.Button(
        description="Make the printable briefs",
        button_style="primary",
        layout=widgets.Layout(width="20em"),
    )
    link = widgets.HTML()

    def make(_=None):
        try:
            html = printable_briefs(kit, seed_box.value)
        except ValueError as exc:
            link.value = error_html(str(exc))
            return
        name = f"{kit}_seed_{seed_box.value}_briefs.html"
        link.value = (
            _download_link(html.encode("utf-8"), name, "text/html", f"Download {name}")
            + " · open it in a browser and print: one sheet per role."
        )

    button.on_click(make)
    panel = BriefsPanel(
        [
            widgets.HTML(f"<h4>Print the briefs: {esc(roleplay.kit(kit).title)}</h4>"),
            seed_box,
            button,
            link,
        ]
    )
    panel.title = roleplay.kit(kit).title
    panel.make = make  # for tests and notebooks
    panel.seed_box, panel.link = seed_box, link
    return panel


# --------------------------------------------------------------------------- calculators


def _term_widget(t: roleplay.Term, value: float) -> widgets.Widget:
    desc = t.label + (f" ({t.unit})" if t.unit and not t.is_choice and not t.percent else "")
    if t.is_choice:
        return widgets.Dropdown(
            options=[(lab, float(i)) for i, lab in enumerate(t.labels or ())],
            value=float(value),
            description=t.label,
            style=STYLE,
            layout=LAYOUT,
        )
    if t.percent:
        return widgets.FloatText(
            value=round(float(value) * 100, 6),
            step=t.step * 100,
            description=f"{t.label} (%)",
            style=STYLE,
            layout=LAYOUT,
        )
    return widgets.FloatText(
        value=float(value), step=t.step, description=desc, style=STYLE, layout=LAYOUT
    )


def _inputs(
    kit: str, seed: Any, terms: dict[str, Any], team: str | None = None
) -> tuple[dict, set]:
    sc = scenario(kit, seed)
    unknown = set(terms) - set(sc.term_names)
    if unknown:
        raise ValueError(f"the {sc.title} kit has no term called {sorted(unknown)[0]!r}.")
    inputs: dict[str, widgets.Widget] = {
        "seed": widgets.BoundedIntText(
            value=sc.seed,
            min=0,
            max=2**31 - 1,
            description="Seed (on your brief)",
            style=STYLE,
            layout=LAYOUT,
        )
    }
    if team is not None:
        inputs["team"] = widgets.Text(
            value=team, description="Team", placeholder="e.g. Table 3", style=STYLE, layout=LAYOUT
        )
    percent = set()
    for t in sc.terms:
        inputs[t.name] = _term_widget(t, terms.get(t.name, sc.status_quo[t.name]))
        if t.percent:
            percent.add(t.name)
    return inputs, percent


def _volume_word(kit: str) -> tuple[str, str]:
    if kit in ("commission_plan",):
        return "sales", "¥ of sales a year"
    if kit == "quarterly_review":
        return "sales", "¥ of sales this quarter"
    return "volume", "units a year"


def compute_seller(kit: str, seed: int, **terms: Any) -> Result:
    """The seller's live view of the terms on the table: profit, margin, break-even volume."""
    sc = scenario(kit, seed)
    v = roleplay.seller_view(sc, **terms)
    word, unit = _volume_word(kit)
    period = "a quarter" if kit == "quarterly_review" else "a year"
    cls = "sp-big" if v["vs_walkaway"] >= 0 else "sp-bad"
    be, bw = v["breakeven_volume"], v["volume_for_walkaway"]

    def vol(x):
        return (
            "no volume is enough: these terms lose money on every unit"
            if not np.isfinite(x)
            else (money(x, 0) if word == "sales" else f"{num(x, 0)} {unit}")
        )

    on_table = money(v["revenue"], 0) if word == "sales" else f"{num(terms['volume'], 0)} {unit}"
    html = (
        f"On these terms you earn <span class='{cls}'>{money(v['profit'], 0)}</span> {period} on sales of "
        f"{money(v['revenue'], 0)}: a <b>{pct(v['margin'], 1)}</b> margin. "
        + (
            f"With the value of the commitment, the deal is worth <b>{money(v['value'], 0)}</b> to you. "
            if abs(v["value"] - v["profit"]) > 0.5
            else ""
        )
        + table(
            pd.DataFrame(
                {
                    "": [
                        "today's deal is worth",
                        f"{word} that keeps today's value on these terms",
                        f"{word} that reaches your walk-away",
                        f"{word} on the table",
                        "against your target",
                        "against your walk-away",
                    ],
                    "value": [
                        money(v["today_value"], 0),
                        vol(be),
                        vol(bw),
                        on_table,
                        money(v["vs_target"], 0, sign=True),
                        money(v["vs_walkaway"], 0, sign=True),
                    ],
                }
            )
        )
        + (
            ""
            if v["vs_walkaway"] >= 0
            else "<p class='sp-bad'>Below your walk-away: no deal is better than this one.</p>"
        )
    )
    return Result(html, None, data=v)


def compute_buyer(kit: str, seed: int, **terms: Any) -> Result:
    """The buyer's value of the terms on the table, against their target and walk-away."""
    sc = scenario(kit, seed)
    v = roleplay.buyer_view(sc, **terms)
    period = "a quarter" if kit == "quarterly_review" else "a year"
    cls = "sp-big" if v["vs_walkaway"] >= 0 else "sp-bad"
    html = (
        f"This deal is worth <span class='{cls}'>{money(v['value'], 0)}</span> {period} to you: "
        f"{money(v['vs_target'], 0, sign=True)} against your target, "
        f"{money(v['vs_walkaway'], 0, sign=True)} against your walk-away."
        + (
            ""
            if v["vs_walkaway"] >= 0
            else "<p class='sp-bad'>Below your walk-away: no deal is better than this one.</p>"
        )
    )
    return Result(html, None, data=v)


def compute_score(kit: str, seed: int, team: str = "", chart: bool = True, **terms: Any) -> Result:
    """The facilitator's score of one agreed deal, with the trade-offs named and the frontier chart."""
    sc = scenario(kit, seed)
    d = roleplay.score(sc, grid_table=_grid(sc.kit, sc.seed), **terms)
    rs, rb = sc.roles["seller"], sc.roles["buyer"]

    def mark(x):
        return f"<span class='{'sp-big' if x >= 0 else 'sp-bad'}'>{money(x, 0, sign=True)}</span>"

    verdict = (
        "on the Pareto frontier: no other deal is better for both"
        if d.on_frontier
        else f"inside the frontier: another deal was worth at least {money(d.both_could_gain, 0)} more "
        f"to <i>each</i> side"
    )
    html = (
        f"<p><b>{esc(team) or 'This deal'}</b> is {verdict}."
        + (
            ""
            if d.acceptable
            else " <span class='sp-bad'>One side is below its walk-away: "
            "it should not have signed.</span>"
        )
        + "</p>"
        + "<table class='sp-table'><tr><th></th><th>value</th><th>vs target</th><th>vs walk-away</th></tr>"
        f"<tr><td>{esc(rs)}</td><td>{money(d.seller_value, 0)}</td><td>{mark(d.seller_vs_target)}</td>"
        f"<td>{mark(d.seller_vs_walkaway)}</td></tr>"
        f"<tr><td>{esc(rb)}</td><td>{money(d.buyer_value, 0)}</td><td>{mark(d.buyer_vs_target)}</td>"
        f"<td>{mark(d.buyer_vs_walkaway)}</td></tr></table>"
        f"<p>Seller's profit {money(d.seller_profit, 0)} on sales of {money(d.revenue, 0)}: "
        f"a {pct(d.seller_margin, 1)} margin. Value created together (above both walk-aways): "
        f"{money(d.joint_gain, 0)}; the best deal of the case created {money(d.joint_gain + d.left_on_table, 0)}.</p>"
    )
    if d.tradeoffs:
        html += "<p><b>Trade-offs against today's deal</b> (each term on its own):</p>" + table(
            pd.DataFrame(
                [
                    {
                        "term": t.label,
                        "from": t.was,
                        "to": t.now,
                        rs: t.seller_change,
                        rb: t.buyer_change,
                        "verdict": t.verdict,
                    }
                    for t in d.tradeoffs
                ]
            ),
            {rs: lambda x: money(x, 0, sign=True), rb: lambda x: money(x, 0, sign=True)},
        )
    else:
        html += "<p>No term moved from today's deal.</p>"
    png = None
    if chart:
        now = roleplay.deal_values(sc, **sc.status_quo)
        deals = pd.DataFrame(
            {
                "team": [team or "this deal"],
                "seller_value": [d.seller_value],
                "buyer_value": [d.buyer_value],
                "on_frontier": [d.on_frontier],
            }
        )
        png = plots.to_png(
            plots.roleplay.frontier_chart(
                _grid(sc.kit, sc.seed),
                sc.seller_walkaway,
                sc.buyer_walkaway,
                deals,
                (now["seller_value"], now["buyer_value"]),
                roles=("seller", "buyer"),
            )
        )
    return Result(html, png, data=d)


class ScorerCalculator(Calculator):
    """The facilitator's scorer: a Calculator with a button that records the deal."""

    def __init__(self, kit: str, inputs: dict, percent: set, scoreboard: Any = None):
        self.kit = kit
        self.scoreboard_path = scoreboard
        self.button = widgets.Button(
            description="Record this deal",
            button_style="success",
            icon="check",
            layout=widgets.Layout(width="16em"),
        )
        self.status = widgets.HTML()
        self.recorded: list[int] = []
        super().__init__(
            f"{roleplay.kit(kit).title}: score a team's deal",
            inputs,
            lambda **v: compute_score(kit, **v),
            percent=percent,
            intro="Type the seed and the deal the team agreed; click <b>Record</b> to put it on "
            "the scoreboard.",
        )
        self.children = [*self.children[:-2], self.button, self.status, *self.children[-2:]]
        self.button.on_click(lambda _: self.record())

    def record(self) -> int | None:
        """Record the deal on the scoreboard; shows the result or the refusal under the button."""
        v = self.values()
        terms = (
            {k: v[k] for k in scenario(self.kit, v["seed"]).term_names}
            if self.error is None
            else None
        )
        try:
            if terms is None:
                raise ValueError(self.error or "check the inputs")
            board = Scoreboard(self.scoreboard_path)
            scores = self.output.scores() if self.output is not None else None
            row = board.record(v["team"], self.kit, v["seed"], terms, scores)
        except ValueError as exc:
            self.status.value = error_html(f"Not recorded: {exc}")
            return None
        self.recorded.append(row)
        self.status.value = (
            f"<div class='sp-result'>Recorded <b>{esc(' '.join(v['team'].split()))}</b>'s deal "
            f"(#{row}). {board.count()} deal(s) on the scoreboard.</div>"
        )
        return row


def build_seller(
    kit: str = "discount_request", seed: Any = DEFAULT_SEED, **terms: Any
) -> Calculator:
    """The seller's negotiation calculator of ``kit`` (terms default to today's deal)."""
    inputs, percent = _inputs(kit, seed, terms)
    sc = scenario(kit, seed)
    return Calculator(
        f"{sc.title}: your deal as the {sc.roles['seller'].split(' (')[0].lower()}",
        inputs,
        lambda **v: compute_seller(kit, **v),
        percent=percent,
        chart=False,
        intro="Type the terms on the table: profit, margin and the volume you need update live.",
    )


def build_buyer(
    kit: str = "discount_request", seed: Any = DEFAULT_SEED, **terms: Any
) -> Calculator:
    """The buyer's calculator of ``kit``: their value of the terms on the table."""
    inputs, percent = _inputs(kit, seed, terms)
    sc = scenario(kit, seed)
    return Calculator(
        f"{sc.title}: the deal's value to the {sc.roles['buyer'].split(' (')[0].lower()}",
        inputs,
        lambda **v: compute_buyer(kit, **v),
        percent=percent,
        chart=False,
        intro="Type the terms on the table: your value against target and walk-away updates live.",
    )


def build_scorer(
    kit: str = "discount_request",
    seed: Any = DEFAULT_SEED,
    team: str = "",
    scoreboard: Any = None,
    **terms: Any,
) -> ScorerCalculator:
    """The facilitator's scorer of ``kit``; records to ``scoreboard`` (a path; default: the
    trainer's data folder, see :mod:`salesprofit.scoreboard`) only when the button is clicked."""
    inputs, percent = _inputs(kit, seed, terms, team=team)
    return ScorerCalculator(kit, inputs, percent, scoreboard)


def _named(kind: str, kit: str):
    builder = {"seller": build_seller, "buyer": build_buyer, "scorer": build_scorer}[kind]

    def make(seed: Any = DEFAULT_SEED, **kwargs: Any):
        return builder(kit, seed, **kwargs)

    title = roleplay.KITS[kit].title
    make.__name__ = make.__qualname__ = f"{kit}_{kind}_calculator"
    make.__doc__ = {
        "seller": f"{title}: the seller's negotiation calculator (profit, margin, break-even volume).",
        "buyer": f"{title}: the buyer's calculator (their value against target and walk-away).",
        "scorer": f"{title}: the facilitator's scorer (score, frontier, record to the scoreboard).",
    }[kind]
    return make


for _kit in KIT_KEYS:
    for _kind in ("seller", "buyer", "scorer"):
        globals()[f"{_kit}_{_kind}_calculator"] = _named(_kind, _kit)
del _kit, _kind


# --------------------------------------------------------------------------- the scoreboard view


CHARTS = {"spread": "Spread of outcomes", "frontier": "Deals against the frontier"}


def compute_scoreboard(
    board: Scoreboard | None,
    kit: str,
    by: str = "seller_vs_target",
    show: str = "spread",
    chart: bool = True,
) -> Result:
    """Ranking of the teams of one kit from ``board``, with the spread chart (``show="spread"``)
    or every team's deal against the Pareto frontier (``show="frontier"``, for the seed of the
    latest recorded deal)."""
    title = roleplay.kit(kit).title
    if board is None:
        return Result("<p>Click <b>Refresh</b> to load the session's deals.</p>", None, data=None)
    ranked = board.rank(kit, by=by)
    if ranked.empty:
        return Result(f"<p>No deals recorded for {esc(title)} yet.</p>", None, data=ranked)
    shown = pd.DataFrame(
        {
            "rank": ranked["rank"],
            "team": ranked["team"],
            "seed": ranked["seed"],
            "seller vs target": ranked["seller_vs_target"],
            "seller margin": ranked["seller_margin"],
            "buyer value": ranked["buyer_value"],
            "created together": ranked["joint_gain"],
            "on the frontier": np.where(ranked["on_frontier"], "yes", "no"),
        }
    )
    html = (
        f"<p>{len(ranked)} team(s) on <b>{esc(title)}</b>, ranked by {esc(RANK_BY[by])}.</p>"
        + table(
            shown,
            {
                "seller vs target": lambda x: money(x, 0, sign=True),
                "seller margin": pct,
                "buyer value": lambda x: money(x, 0),
                "created together": lambda x: money(x, 0),
            },
        )
    )
    png = None
    if show == "frontier":
        seed = int(ranked.loc[ranked["id"].idxmax(), "seed"])
        same = int((ranked["seed"] == seed).sum())
        html += (
            f"<p>The chart shows the {same} team(s) that negotiated seed {seed} (the latest deal's seed)"
            + ("; deals on other seeds have their own frontier." if same < len(ranked) else ".")
            + "</p>"
        )
        if chart:
            png = plots.to_png(debrief_chart(board, kit, seed))
    elif chart:
        png = plots.to_png(plots.roleplay.spread_chart(ranked, by, RANK_BY[by]))
    return Result(html, png, data=ranked)


class ScoreboardView(Calculator):
    """Ranking, spread chart and CSV export of the session scoreboard."""

    def __init__(self, inputs: dict, autoload: bool):
        self._load = autoload
        self.refresh_button = widgets.Button(
            description="Refresh", icon="refresh", layout=widgets.Layout(width="10em")
        )
        self.export_button = widgets.Button(
            description="Export CSV", icon="download", layout=widgets.Layout(width="10em")
        )
        self.link = widgets.HTML()
        super().__init__(
            "Session scoreboard",
            inputs,
            self._compute_view,
            intro="Every deal the scorers recorded. Leave the location empty for your own data folder.",
        )
        self.children = [
            *self.children[:-2],
            widgets.HBox([self.refresh_button, self.export_button]),
            self.link,
            *self.children[-2:],
        ]
        self.refresh_button.on_click(lambda _: self.refresh())
        self.export_button.on_click(lambda _: self.export())

    def board(self) -> Scoreboard:
        return Scoreboard(self.inputs["location"].value or None)

    def _compute_view(self, kit: str, by: str, show: str, location: str) -> Result:
        return compute_scoreboard(
            Scoreboard(location or None) if self._load else None, kit, by, show
        )

    def refresh(self) -> None:
        self._load = True
        self._update()

    def export(self) -> str | None:
        try:
            text = self.board().export_csv()
        except ValueError as exc:
            self.link.value = error_html(str(exc))
            return None
        self.link.value = (
            _download_link(
                text.encode("utf-8"), "scoreboard.csv", "text/csv", "Download scoreboard.csv"
            )
            + " (every kit, every deal)"
        )
        return text


def scoreboard_calculator(
    kit: str = "discount_request",
    by: str = "seller_vs_target",
    show: str = "spread",
    location: str = "",
    autoload: bool = True,
) -> ScoreboardView:
    """The session scoreboard: ranking, spread of outcomes and CSV export.

    ``location``: the scoreboard file or folder (empty: the trainer's data folder or
    ``$SALESPROFIT_SCOREBOARD``); ``autoload=False`` waits for a click on Refresh
    before reading anything (for notebooks that are executed unattended).
    """
    inputs = {
        "kit": widgets.Dropdown(
            options=[(roleplay.KITS[k].title, k) for k in KIT_KEYS],
            value=kit,
            description="Kit",
            style=STYLE,
            layout=LAYOUT,
        ),
        "by": widgets.Dropdown(
            options=[(v, k) for k, v in RANK_BY.items()],
            value=by,
            description="Rank by",
            style=STYLE,
            layout=LAYOUT,
        ),
        "show": widgets.Dropdown(
            options=[(v, k) for k, v in CHARTS.items()],
            value=show,
            description="Chart",
            style=STYLE,
            layout=LAYOUT,
        ),
        "location": widgets.Text(
            value=location,
            description="Scoreboard file",
            placeholder="your data folder",
            style=STYLE,
            layout=LAYOUT,
        ),
    }
    return ScoreboardView(inputs, autoload)


def debrief_chart(board: Scoreboard, kit: str, seed: Any = DEFAULT_SEED):
    """Every team's latest deal of ``kit`` (for ``seed``) against the scenario's frontier: a Figure."""
    sc = scenario(kit, seed)
    ranked = board.rank(kit)
    ranked = ranked[ranked["seed"] == sc.seed] if len(ranked) else ranked
    now = roleplay.deal_values(sc, **sc.status_quo)
    return plots.roleplay.frontier_chart(
        _grid(sc.kit, sc.seed),
        sc.seller_walkaway,
        sc.buyer_walkaway,
        ranked[["team", "seller_value", "buyer_value", "on_frontier"]],
        (now["seller_value"], now["buyer_value"]),
    )
