"""Role-play kits: seeded negotiation scenarios, deal scoring and the Pareto frontier.

The model is the classic multi-issue ("integrative") negotiation of Raiffa,
*The Art and Science of Negotiation* (Harvard University Press, 1982) and
Lax & Sebenius, *The Manager as Negotiator* (Free Press, 1986): a deal fixes
several terms at once (price, volume, payment terms, service level, contract
length ...); each side values every term with its own economics; the *walk-away*
(reservation value, "BATNA") is what a side gets if there is no deal; and the
*Pareto frontier* (efficient frontier) is the set of deals where neither side can
gain without the other losing. Deals inside the frontier "leave money on the
table": another deal would have been better for both.

Five kits (see ``KITS``), each a function of a seed, so every cohort gets fresh
numbers (``numpy.random.default_rng(seed)``):

* ``discount_request``: the buyer asks for a discount; every point of discount needs
  extra volume to keep the seller's profit whole (chapter 3).
* ``vip_renewal``: a key account wants concessions to renew (chapters 1 and 12).
* ``unprofitable_account``: cost to serve eats the margin; renegotiate service (4, 12).
* ``commission_plan``: a sales manager and a rep agree next year's plan (chapter 9).
* ``quarterly_review``: KPI review and next quarter's target (chapters 6 and 14).

In every kit the side called ``seller`` is the one whose profit the course teaches
(the supplier's salesperson, or the company's sales manager) and ``buyer`` is the
other side (the customer's buyer, or the sales rep). Money is in the sample
company's currency (¥); supply deals are valued per year; the commission plan per
year; the quarterly review per quarter. Pure: numbers in, numbers out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check, finite, out, values
from .pricing import breakeven_volume_change, contribution_margin
from .roleplay_core import DEFAULT_SEED, NEAR, DealScore, Kit, Scenario, Term, TradeOff, check_seed
from .roleplay_staff import (
    COMMISSION_TERMS,
    REVIEW_TERMS,
    _commission_breakeven,
    _commission_plan,
    _commission_values,
    _quarterly_review,
    _review_breakeven,
    _review_values,
)
from .roleplay_supply import (
    SUPPLY_TERMS,
    _discount_request,
    _supply_breakeven,
    _supply_values,
    _unprofitable_account,
    _vip_renewal,
)

__all__ = [
    "COMMISSION_TERMS",
    "DEFAULT_SEED",
    "KITS",
    "NEAR",
    "REVIEW_TERMS",
    "SUPPLY_TERMS",
    "DealScore",
    "Kit",
    "Scenario",
    "Term",
    "TradeOff",
    "best_deals",
    "brief_facts",
    "brief_options",
    "buyer_view",
    "check_seed",
    "check_term_names",
    "check_terms",
    "deal_values",
    "deals_in_words",
    "discount_volume",
    "frontier",
    "frontier_gap",
    "grid",
    "kit",
    "margin",
    "near_tolerance",
    "option_values",
    "pareto_mask",
    "scenario",
    "score",
    "seller_view",
    "tradeoffs",
    "value_moves",
]


def _seller_role(kit: str) -> dict:
    return {
        "discount_request": {
            "seller": "Key account manager (seller)",
            "buyer": "Purchasing manager (buyer)",
        },
        "vip_renewal": {
            "seller": "Key account manager (seller)",
            "buyer": "Head of purchasing (buyer)",
        },
        "unprofitable_account": {
            "seller": "Account manager (seller)",
            "buyer": "Owner of the customer firm (buyer)",
        },
        "commission_plan": {"seller": "Sales manager (the company)", "buyer": "Sales rep"},
        "quarterly_review": {"seller": "Sales manager (the company)", "buyer": "Sales rep"},
    }[kit]


KITS: dict[str, Kit] = {
    "discount_request": Kit(
        "discount_request",
        "The discount request",
        "chapter 3",
        _seller_role("discount_request"),
        _discount_request,
        _supply_values,
        _supply_breakeven,
    ),
    "vip_renewal": Kit(
        "vip_renewal",
        "The VIP renewal",
        "chapters 1 and 12",
        _seller_role("vip_renewal"),
        _vip_renewal,
        _supply_values,
        _supply_breakeven,
    ),
    "unprofitable_account": Kit(
        "unprofitable_account",
        "The unprofitable account",
        "chapters 4 and 12",
        _seller_role("unprofitable_account"),
        _unprofitable_account,
        _supply_values,
        _supply_breakeven,
    ),
    "commission_plan": Kit(
        "commission_plan",
        "The commission plan",
        "chapter 9",
        _seller_role("commission_plan"),
        _commission_plan,
        _commission_values,
        _commission_breakeven,
    ),
    "quarterly_review": Kit(
        "quarterly_review",
        "The quarterly review",
        "chapters 6 and 14",
        _seller_role("quarterly_review"),
        _quarterly_review,
        _review_values,
        _review_breakeven,
    ),
}


def kit(key: str) -> Kit:
    """The kit called ``key`` (one of ``KITS``)."""
    try:
        return KITS[key]
    except KeyError:
        raise ValueError(
            f"there is no role-play kit called {key!r}: choose one of {', '.join(KITS)}."
        ) from None


def _grid_arrays(terms: tuple[Term, ...]) -> dict[str, np.ndarray]:
    mesh = np.meshgrid(*[np.asarray(t.options, dtype=float) for t in terms], indexing="ij")
    return {t.name: m.ravel() for t, m in zip(terms, mesh)}


def scenario(key: str, seed: int = DEFAULT_SEED) -> Scenario:
    """The numbers of kit ``key`` for one cohort's ``seed``.

    The same seed always gives the same numbers; another seed, fresh ones. Targets
    and walk-aways are set so that the zone of possible agreement is never empty.

    >>> s = scenario("discount_request", seed=1)
    >>> s.title, s.term_names
    ('The discount request', ('price', 'volume', 'payment_days', 'service', 'years'))
    >>> scenario("discount_request", seed=1).params == s.params
    True
    >>> s.seller_walkaway < s.seller_target and s.buyer_walkaway < s.buyer_target
    True
    """
    k = kit(key)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    drawn = k.generate(rng)
    p, terms, sq = drawn["params"], drawn["terms"], drawn["status_quo"]
    now = k.values(p, **sq)
    s_now, b_now = float(now["seller_value"]), float(now["buyer_value"])
    grid = k.values(p, **_grid_arrays(terms))
    s_all, b_all = grid["seller_value"], grid["buyer_value"]
    s_scale = float(np.ptp(s_all)) or 1.0
    b_scale = float(np.ptp(b_all)) or 1.0

    if key in ("discount_request", "vip_renewal"):
        s_walk = s_now * drawn["seller_walkaway"]
        s_target = s_now * drawn["seller_target"]
        revenue = float(now["revenue"])
        b_walk = b_now + revenue * drawn["buyer_walkaway"]
        b_target = b_now + revenue * drawn["buyer_target"]
    elif key == "unprofitable_account":
        # the seller must at least break even on the account; the target is a healthy margin
        s_walk = 0.0
        s_target = float(now["revenue"]) * 0.08
        revenue = float(now["revenue"])
        b_walk = b_now + revenue * drawn["buyer_walkaway"]
        b_target = b_now + revenue * drawn["buyer_target"]
    elif key == "commission_plan":
        s_walk = s_now * drawn["seller_walkaway"]
        s_target = s_now * drawn["seller_target"]
        b_walk = p["outside_offer"]
        b_target = b_walk + (b_walk - b_now) + 0.02 * b_now
    else:  # quarterly_review: no agreement means the plan is imposed and the rep disengages
        s_walk = s_now - 0.08 * s_scale
        s_target = s_now + 0.10 * s_scale
        b_walk = b_now + 0.05 * b_scale
        b_target = b_now + 0.30 * b_scale
    # never an empty zone of agreement: if no grid deal clears both walk-aways, ease them
    for _ in range(50):
        if np.any((s_all >= s_walk) & (b_all >= b_walk)):
            break
        s_walk -= 0.02 * s_scale
        b_walk -= 0.02 * b_scale
    return Scenario(
        kit=key,
        seed=seed,
        title=k.title,
        roles=dict(k.roles),
        terms=terms,
        params=p,
        status_quo=dict(sq),
        seller_target=float(s_target),
        seller_walkaway=float(s_walk),
        buyer_target=float(b_target),
        buyer_walkaway=float(b_walk),
        brief=drawn["brief"],
    )


def check_term_names(sc: Scenario, names: Any) -> None:
    """A plain-language ``ValueError`` when ``names`` holds a term the kit does not have.

    >>> check_term_names(scenario("discount_request", seed=1), ["colour"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: The discount request has no term called 'colour': its terms are price, volume, ...
    """
    unknown = set(names) - set(sc.term_names)
    if unknown:
        raise ValueError(
            f"{sc.title} has no term called {sorted(unknown)[0]!r}: its terms are "
            f"{', '.join(sc.term_names)}."
        )


def check_terms(sc: Scenario, terms: Mapping[str, Any]) -> dict[str, Any]:
    """The deal's terms, complete and inside the model, or a plain-language ``ValueError``.

    >>> s = scenario("discount_request", seed=1)
    >>> check_terms(s, dict(s.status_quo, price=-5))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Price per unit must be at least 0 (got -5): a price is what the customer ...
    """
    check_term_names(sc, terms)
    missing = [t.label for t in sc.terms if t.name not in terms or terms[t.name] is None]
    if missing:
        raise ValueError(f"fill in every term of the deal: {', '.join(missing)} is missing.")
    clean = {}
    for t in sc.terms:
        v = terms[t.name]
        try:
            arr = values(v)
        except (TypeError, ValueError):
            raise ValueError(f"{t.label} must be a number (got {v!r}).") from None
        finite(t.label, arr)
        check(t.label, arr, ge=t.low, why=t.why)
        check(t.label, arr, le=t.high, why="that is beyond what this kit's numbers cover")
        if t.is_choice and np.any(arr != np.rint(arr)):
            raise ValueError(
                f"{t.label} must be one of the levels on offer: "
                + "; ".join(f"{i} = {lab}" for i, lab in enumerate(t.labels or ()))
                + "."
            )
        clean[t.name] = v
    return clean


def deal_values(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """Each side's value of a deal (vectorised over the terms).

    Returns ``seller_value`` (profit plus what the seller's brief counts for a longer
    commitment), ``seller_profit``, ``revenue`` (sales the deal brings; the rep's
    expected sales in the staff kits) and ``buyer_value``, in ¥ per year (per quarter
    for the quarterly review). Scalars in, floats out.

    >>> s = scenario("discount_request", seed=1)
    >>> v = deal_values(s, **s.status_quo)
    >>> v["revenue"] == s.status_quo["price"] * s.status_quo["volume"]
    True
    """
    clean = check_terms(sc, terms)
    res = KITS[sc.kit].values(sc.params, **clean)
    return {k: out(v) for k, v in res.items()}


def margin(sc: Scenario, **terms: Any) -> Any:
    """The seller's profit as a share of the deal's revenue (a fraction).

    >>> s = scenario("discount_request", seed=1)
    >>> 0 < margin(s, **s.status_quo) < 1
    True
    """
    v = deal_values(sc, **terms)
    rev = values(v["revenue"])
    with np.errstate(divide="ignore", invalid="ignore"):
        return out(np.where(rev > 0, values(v["seller_profit"]) / rev, np.nan))


def seller_view(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """What the seller's negotiation calculator shows for the terms on the table.

    ``profit``, ``margin``, ``value`` (profit plus the value of a longer commitment),
    ``commitment_value`` (that value alone: ``value - profit``), ``revenue``;
    ``breakeven_volume``: the volume (sales for the staff kits) at which these terms
    still earn today's value, ``volume_for_walkaway`` the same for the
    seller's walk-away (``inf`` when the terms lose money on every unit);
    ``vs_target`` and ``vs_walkaway`` in ¥.

    >>> s = scenario("discount_request", seed=1)
    >>> v = seller_view(s, **s.status_quo)
    >>> round(v["breakeven_volume"]) == s.status_quo["volume"]
    True
    """
    clean = check_terms(sc, terms)
    k = KITS[sc.kit]
    now = k.values(sc.params, **sc.status_quo)
    res = k.values(sc.params, **clean)
    be_now = k.breakeven(sc.params, profit_to_keep=float(now["seller_value"]), **clean)
    be_walk = k.breakeven(sc.params, profit_to_keep=sc.seller_walkaway, **clean)
    rev = values(res["revenue"])
    with np.errstate(divide="ignore", invalid="ignore"):
        m = np.where(rev > 0, values(res["seller_profit"]) / rev, np.nan)
    return {
        "profit": out(res["seller_profit"]),
        "value": out(res["seller_value"]),
        "commitment_value": out(values(res["seller_value"]) - values(res["seller_profit"])),
        "revenue": out(res["revenue"]),
        "margin": out(m),
        "unit_contribution": out(be_now["unit_contribution"]),
        "breakeven_volume": out(be_now["volume_needed"]),
        "volume_for_walkaway": out(be_walk["volume_needed"]),
        "today_value": float(now["seller_value"]),
        "vs_target": out(values(res["seller_value"]) - sc.seller_target),
        "vs_walkaway": out(values(res["seller_value"]) - sc.seller_walkaway),
    }


def buyer_view(sc: Scenario, **terms: Any) -> dict[str, Any]:
    """The buyer's value of the terms, against their target and walk-away (¥).

    >>> s = scenario("discount_request", seed=1)
    >>> buyer_view(s, **s.status_quo)["vs_walkaway"] < 0
    True
    """
    v = deal_values(sc, **terms)
    b = values(v["buyer_value"])
    return {
        "value": v["buyer_value"],
        "vs_target": out(b - sc.buyer_target),
        "vs_walkaway": out(b - sc.buyer_walkaway),
    }


def pareto_mask(seller: Any, buyer: Any) -> np.ndarray:
    """True for each deal that no other deal dominates.

    Deal *j* dominates deal *i* when it is at least as good for both sides and
    strictly better for one. Vectorised: sort by seller value (then buyer value)
    descending on the distinct pairs and keep each pair whose buyer value beats every
    pair before it. Equal deals do not dominate each other.

    >>> pareto_mask([3, 2, 1, 2], [1, 2, 3, 1]).tolist()
    [True, True, True, False]
    """
    s, b = values(seller).ravel(), values(buyer).ravel()
    if s.shape != b.shape:
        raise ValueError("seller and buyer values must come in pairs of the same length.")
    finite("a deal value", s)
    finite("a deal value", b)
    if s.size == 0:
        return np.zeros(0, dtype=bool)
    pairs, inverse = np.unique(np.column_stack([s, b]), axis=0, return_inverse=True)
    order = np.lexsort((-pairs[:, 1], -pairs[:, 0]))
    sorted_b = pairs[order, 1]
    best_before = np.concatenate([[-np.inf], np.maximum.accumulate(sorted_b)[:-1]])
    keep_sorted = sorted_b > best_before
    keep = np.empty(len(pairs), dtype=bool)
    keep[order] = keep_sorted
    return keep[np.ravel(inverse)]


def grid(sc: Scenario) -> pd.DataFrame:
    """Every deal of the scenario's term grid, valued for both sides.

    Columns: one per term, ``seller_value``, ``seller_profit``, ``revenue``,
    ``buyer_value``, ``acceptable`` (both at or above their walk-away) and
    ``efficient`` (on the Pareto frontier).

    >>> g = grid(scenario("discount_request", seed=1))
    >>> bool(g["efficient"].any()) and bool(g["acceptable"].any())
    True
    """
    arrays = _grid_arrays(sc.terms)
    res = KITS[sc.kit].values(sc.params, **arrays)
    df = pd.DataFrame(arrays)
    for k in ("seller_value", "seller_profit", "revenue", "buyer_value"):
        df[k] = np.broadcast_to(res[k], len(df)).astype(float)
    df["acceptable"] = (df["seller_value"] >= sc.seller_walkaway) & (
        df["buyer_value"] >= sc.buyer_walkaway
    )
    df["efficient"] = pareto_mask(df["seller_value"].to_numpy(), df["buyer_value"].to_numpy())
    return df


def frontier(sc: Scenario, acceptable_only: bool = False) -> pd.DataFrame:
    """The Pareto frontier of the scenario: the grid deals no other deal dominates,
    sorted from best-for-the-buyer to best-for-the-seller.

    >>> f = frontier(scenario("discount_request", seed=1))
    >>> bool(f["seller_value"].is_monotonic_increasing and f["buyer_value"].is_monotonic_decreasing)
    True
    """
    g = grid(sc)
    f = g[g["efficient"] & (g["acceptable"] if acceptable_only else True)]
    return f.sort_values(["seller_value", "buyer_value"], ascending=[True, False]).reset_index(
        drop=True
    )


def frontier_gap(frontier_seller: Any, frontier_buyer: Any, seller: Any, buyer: Any) -> Any:
    """How much *both* sides could have gained: the largest amount by which some
    frontier deal beats the deal for the seller and for the buyer at once (0 when
    none does). Vectorised over the deals (``seller``, ``buyer``).

    >>> frontier_gap([10, 6], [4, 8], 5, 3)
    1.0
    >>> frontier_gap([10, 6], [4, 8], 8, 6)
    0.0
    """
    fs, fb = values(frontier_seller).ravel(), values(frontier_buyer).ravel()
    s, b = values(seller), values(buyer)
    gain = np.minimum(fs - s[..., None], fb - b[..., None])
    return out(np.maximum(gain.max(axis=-1), 0.0))


def near_tolerance(g: pd.DataFrame) -> float:
    """The ¥ amount under which a deal counts as on the frontier (``NEAR`` of the value spread)."""
    return NEAR * float(np.ptp(g["seller_value"]) + np.ptp(g["buyer_value"]))


def _verdict(ds: float, db: float, eps: float) -> str:
    if abs(ds) <= eps and abs(db) <= eps:
        return "no change"
    if ds >= -eps and db >= -eps:
        return "better for both"
    if ds < -eps and db < -eps:
        return "worse for both"
    giver, taker = ("seller", "buyer") if ds < 0 else ("buyer", "seller")
    cost, gain = (-ds, db) if ds < 0 else (-db, ds)
    if abs(gain - cost) <= 0.05 * max(gain, cost):
        return f"mostly a transfer from {giver} to {taker}"
    if gain > cost:
        return f"{giver} gave, {taker} gained more: value created"
    return f"{giver} gave more than {taker} gained: value lost"


def tradeoffs(sc: Scenario, **terms: Any) -> tuple[TradeOff, ...]:
    """What each term of the deal did for each side against the status quo.

    For each term that moved: the deal's values minus the values of the same deal
    with that one term put back to the status quo (¥, seller and buyer), and a verdict
    naming who gave and who gained. A concession that costs the giver less than it
    is worth to the other side creates value.

    >>> s = scenario("discount_request", seed=1)
    >>> [t.term for t in tradeoffs(s, **dict(s.status_quo, payment_days=60))]
    ['payment_days']
    """
    clean = check_terms(sc, terms)
    k = KITS[sc.kit]
    deal = k.values(sc.params, **clean)
    eps = 1e-9 * (abs(float(deal["seller_value"])) + abs(float(deal["buyer_value"])) + 1.0)
    rows = []
    for t in sc.terms:
        was, now = float(sc.status_quo[t.name]), float(clean[t.name])
        if was == now:
            continue
        back = k.values(sc.params, **dict(clean, **{t.name: was}))
        ds = float(deal["seller_value"] - back["seller_value"])
        db = float(deal["buyer_value"] - back["buyer_value"])
        rows.append(
            TradeOff(
                t.name, t.label, t.describe(was), t.describe(now), ds, db, _verdict(ds, db, eps)
            )
        )
    return tuple(rows)


def score(sc: Scenario, grid_table: pd.DataFrame | None = None, **terms: Any) -> DealScore:
    """Score an agreed deal for both sides, against targets, walk-aways and the frontier.

    ``both_could_gain``: the most by which another deal of the grid beats this one for
    both sides at once; ``left_on_table``: the best joint gain of the grid minus this
    deal's; ``on_frontier``: ``both_could_gain`` within the ``NEAR`` tolerance.
    ``grid_table``: :func:`grid` of ``sc`` when the caller already has it (a calculator
    scoring many deals of one scenario).

    >>> s = scenario("discount_request", seed=1)
    >>> d = score(s, **s.status_quo)
    >>> d.on_frontier, d.both_could_gain > 0
    (False, True)
    >>> best = frontier(s).iloc[0]
    >>> score(s, **{t: best[t] for t in s.term_names}).on_frontier
    True
    """
    clean = check_terms(sc, terms)
    for name, v in clean.items():
        if np.ndim(v):
            raise ValueError(f"score one deal at a time: {name} holds several values.")
    k = KITS[sc.kit]
    res = k.values(sc.params, **clean)
    s_val, b_val = float(res["seller_value"]), float(res["buyer_value"])
    g = grid(sc) if grid_table is None else grid_table
    f = g[g["efficient"]]
    gap = float(frontier_gap(f["seller_value"], f["buyer_value"], s_val, b_val))
    joint = (s_val - sc.seller_walkaway) + (b_val - sc.buyer_walkaway)
    best_joint = float(
        ((g["seller_value"] - sc.seller_walkaway) + (g["buyer_value"] - sc.buyer_walkaway)).max()
    )
    rev = float(res["revenue"])
    profit = float(res["seller_profit"])
    return DealScore(
        kit=sc.kit,
        seed=sc.seed,
        terms={n: float(v) for n, v in clean.items()},
        seller_value=s_val,
        seller_profit=profit,
        revenue=rev,
        seller_margin=profit / rev if rev > 0 else float("nan"),
        seller_target=sc.seller_target,
        seller_walkaway=sc.seller_walkaway,
        buyer_value=b_val,
        buyer_target=sc.buyer_target,
        buyer_walkaway=sc.buyer_walkaway,
        joint_gain=joint,
        both_could_gain=gap,
        left_on_table=max(best_joint - joint, 0.0),
        on_frontier=gap <= near_tolerance(g),
        tradeoffs=tradeoffs(sc, **clean),
    )


def brief_facts(sc: Scenario, role: str) -> dict[str, Any]:
    """The numbers one role may see: ``role`` is "public", "seller", "buyer" or
    "facilitator" (everything, plus targets and walk-aways of both sides).

    >>> s = scenario("discount_request", seed=1)
    >>> "unit_cost" in brief_facts(s, "seller") and "unit_cost" not in brief_facts(s, "buyer")
    True
    """
    if role not in ("public", "seller", "buyer", "facilitator"):
        raise ValueError("role must be 'public', 'seller', 'buyer' or 'facilitator'.")
    names = list(sc.brief.get("public", ()))
    if role == "facilitator":
        names += list(sc.brief.get("seller", ())) + list(sc.brief.get("buyer", ()))
    elif role != "public":
        names += list(sc.brief.get(role, ()))
    facts = {n: sc.params[n] for n in names}
    if role in ("seller", "facilitator"):
        facts.update(seller_target=sc.seller_target, seller_walkaway=sc.seller_walkaway)
    if role in ("buyer", "facilitator"):
        facts.update(buyer_target=sc.buyer_target, buyer_walkaway=sc.buyer_walkaway)
    return facts


def option_values(sc: Scenario, term: str | None = None) -> pd.DataFrame:
    """What each option of each term is worth to each side against the status quo,
    everything else unchanged (¥ per the kit's period): the "how you value the terms"
    table of a brief (each side sees only its own column).

    Columns: ``term``, ``label``, ``option``, ``option_label``, ``seller_change``,
    ``buyer_change``. Vectorised per term.

    >>> s = scenario("discount_request", seed=1)
    >>> t = option_values(s, "payment_days")
    >>> float(t.loc[t["option"] == 30, "seller_change"].iloc[0])
    0.0
    >>> bool((t["buyer_change"] >= 0).all() and (t["seller_change"] <= 0).all())
    True
    """
    k = KITS[sc.kit]
    base = k.values(sc.params, **sc.status_quo)
    frames = []
    for t in sc.terms:
        if term is not None and t.name != term:
            continue
        opts = np.asarray(t.options, dtype=float)
        res = k.values(sc.params, **dict(sc.status_quo, **{t.name: opts}))
        frames.append(
            pd.DataFrame(
                {
                    "term": t.name,
                    "label": t.label,
                    "option": opts,
                    "option_label": [t.describe(o) for o in opts],
                    "seller_change": np.broadcast_to(res["seller_value"], opts.shape)
                    - float(base["seller_value"]),
                    "buyer_change": np.broadcast_to(res["buyer_value"], opts.shape)
                    - float(base["buyer_value"]),
                }
            )
        )
    if not frames:
        raise ValueError(f"the {sc.title} kit has no term called {term!r}.")
    return pd.concat(frames, ignore_index=True)


def best_deals(sc: Scenario, n: int = 3) -> pd.DataFrame:
    """``n`` frontier deals inside the zone of agreement (both above walk-away), spread
    from best-for-the-buyer to best-for-the-seller: what good looks like.

    >>> s = scenario("discount_request", seed=1)
    >>> b = best_deals(s)
    >>> len(b) == 3 and bool((b["seller_value"] >= s.seller_walkaway).all())
    True
    """
    f = frontier(sc, acceptable_only=True)
    if len(f) <= n:
        return f
    pick = np.unique(np.linspace(0, len(f) - 1, n).round().astype(int))
    return f.iloc[pick].reset_index(drop=True)


def brief_options(sc: Scenario, side: str, per_term: int = 4) -> pd.DataFrame:
    """A few options of each term and what each is worth to ``side`` against today (¥).

    The "how you value the terms" lines of a brief: at most ``per_term`` options spread
    over each term's range, plus today's option. Columns: ``term``, ``label``,
    ``option``, ``option_label``, ``change`` (¥ for ``side``) and ``is_today``.

    >>> s = scenario("discount_request", seed=1)
    >>> o = brief_options(s, "seller")
    >>> bool(o.groupby("term")["is_today"].any().all()), float(o.loc[o["is_today"], "change"].abs().max())
    (True, 0.0)
    """
    if side not in ("seller", "buyer"):
        raise ValueError("side must be 'seller' or 'buyer'.")
    ov = option_values(sc)
    keep = []
    for name, grp in ov.groupby("term", sort=False):
        if len(grp) > per_term:
            idx = np.unique(np.linspace(0, len(grp) - 1, per_term).round().astype(int))
            today = grp.index[grp["option"] == sc.status_quo[name]]
            grp = grp.loc[sorted(set(grp.index[idx]) | set(today))]
        keep.append(grp)
    ov = pd.concat(keep)
    return pd.DataFrame(
        {
            "term": ov["term"],
            "label": ov["label"],
            "option": ov["option"],
            "option_label": ov["option_label"],
            "change": ov[f"{side}_change"],
            "is_today": [o == sc.status_quo[t] for t, o in zip(ov["term"], ov["option"])],
        }
    ).reset_index(drop=True)


def value_moves(sc: Scenario, n: int = 4) -> pd.DataFrame:
    """Where the value is: the single-term moves away from today that create value for
    the two sides together, best first, one per term (at most ``n``), for the answer key.

    Columns: ``term``, ``label``, ``option_label``, ``seller_change``, ``buyer_change``
    and ``joint_change`` (their sum, ¥ per the kit's period).

    >>> s = scenario("discount_request", seed=1)
    >>> m = value_moves(s)
    >>> bool((m["joint_change"] > 0).all()) and m["term"].is_unique
    True
    """
    ov = option_values(sc)
    ov = ov[ov["option"] != [sc.status_quo[t] for t in ov["term"]]]
    ov = ov.assign(joint_change=ov["seller_change"] + ov["buyer_change"])
    moves = ov[ov["joint_change"] > 0].sort_values("joint_change", ascending=False)
    moves = moves.drop_duplicates("term").head(n)
    columns = ["term", "label", "option_label", "seller_change", "buyer_change", "joint_change"]
    return moves[columns].reset_index(drop=True)


def discount_volume(
    sc: Scenario, discounts: Any = (0.02, 0.05, 0.10)
) -> tuple[float, pd.DataFrame]:
    """The seller's margin and the extra volume each discount needs to keep today's profit.

    For the kits priced per unit (``discount_request``, ``vip_renewal``): the
    contribution margin at the reference price (list price, or today's price) and, for
    each discount below that margin, :func:`salesprofit.pricing.breakeven_volume_change`
    (a fraction: 0.25 is 25 % more volume). An empty table for the other kits.

    >>> s = scenario("discount_request", seed=1)
    >>> m, t = discount_volume(s)
    >>> bool((t["volume_change"] > t["discount"]).all())
    True
    """
    ref = sc.params.get("list_price", sc.params.get("today_price"))
    if ref is None or "unit_cost" not in sc.params:
        return float("nan"), pd.DataFrame({"discount": [], "volume_change": []})
    m = float(contribution_margin(ref, sc.params["unit_cost"]))
    cuts = [d for d in discounts if d < m]
    return m, pd.DataFrame(
        {"discount": cuts, "volume_change": [float(breakeven_volume_change(-d, m)) for d in cuts]}
    )


def deals_in_words(sc: Scenario, deals: pd.DataFrame) -> pd.DataFrame:
    """Deals (rows of :func:`grid`) with each term in words, one column per term label.

    >>> s = scenario("discount_request", seed=1)
    >>> list(deals_in_words(s, best_deals(s, 1)).columns) == [t.label for t in s.terms]
    True
    """
    return pd.DataFrame({t.label: [t.describe(v) for v in deals[t.name]] for t in sc.terms})
