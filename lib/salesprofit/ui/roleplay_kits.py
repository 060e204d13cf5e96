"""The role-play kits in words: cached scenarios, the facts of a kit, each kit's text."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from .. import pricing, roleplay
from ..fmt import money, num, pct

__all__ = ["DEFAULT_SEED", "GENERIC_WATCH", "KIT_KEYS", "TEXT", "facts", "scenario"]


DEFAULT_SEED = roleplay.DEFAULT_SEED
KIT_KEYS = tuple(roleplay.KITS)
#: The largest seed the seed boxes take (a 32-bit whole number).
SEED_BOX_MAX = 2_147_483_647


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
