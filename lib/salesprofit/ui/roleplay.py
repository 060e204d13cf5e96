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

import threading
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .. import plots, roleplay
from ..fmt import esc, money, num, pct, table
from ..scoreboard import RANK_BY, Scoreboard, clean_team, standings
from .base import LAYOUT, STYLE, Calculator, Result, error_html
from .roleplay_briefs import (
    BriefsPanel,
    _download_link,
    brief_html,
    briefs_panel,
    printable_briefs,
)
from .roleplay_kits import DEFAULT_SEED, KIT_KEYS, SEED_BOX_MAX, TEXT, _grid, facts, scenario

__all__ = [
    "CHARTS",
    "DEFAULT_SEED",
    "KIT_KEYS",
    "TEXT",
    "BriefsPanel",
    "ScoreboardView",
    "ScorerCalculator",
    "brief_html",
    "briefs_panel",
    "build_buyer",
    "build_scorer",
    "build_seller",
    "commission_plan_buyer_calculator",
    "commission_plan_scorer_calculator",
    "commission_plan_seller_calculator",
    "compute_buyer",
    "compute_score",
    "compute_scoreboard",
    "compute_seller",
    "debrief_chart",
    "discount_request_buyer_calculator",
    "discount_request_scorer_calculator",
    "discount_request_seller_calculator",
    "facts",
    "printable_briefs",
    "quarterly_review_buyer_calculator",
    "quarterly_review_scorer_calculator",
    "quarterly_review_seller_calculator",
    "scenario",
    "scoreboard_calculator",
    "unprofitable_account_buyer_calculator",
    "unprofitable_account_scorer_calculator",
    "unprofitable_account_seller_calculator",
    "vip_renewal_buyer_calculator",
    "vip_renewal_scorer_calculator",
    "vip_renewal_seller_calculator",
]


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
    roleplay.check_term_names(sc, terms)
    inputs: dict[str, widgets.Widget] = {
        "seed": widgets.BoundedIntText(
            value=sc.seed,
            min=0,
            max=SEED_BOX_MAX,
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
            if abs(v["commitment_value"]) > 0.5
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
        f"{money(d.joint_gain, 0)}; the best deal of the case created {money(d.best_joint_gain, 0)}.</p>"
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
            f"<div class='sp-result'>Recorded <b>{esc(clean_team(v['team']))}</b>'s deal "
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


discount_request_seller_calculator = _named("seller", "discount_request")
discount_request_buyer_calculator = _named("buyer", "discount_request")
discount_request_scorer_calculator = _named("scorer", "discount_request")
vip_renewal_seller_calculator = _named("seller", "vip_renewal")
vip_renewal_buyer_calculator = _named("buyer", "vip_renewal")
vip_renewal_scorer_calculator = _named("scorer", "vip_renewal")
unprofitable_account_seller_calculator = _named("seller", "unprofitable_account")
unprofitable_account_buyer_calculator = _named("buyer", "unprofitable_account")
unprofitable_account_scorer_calculator = _named("scorer", "unprofitable_account")
commission_plan_seller_calculator = _named("seller", "commission_plan")
commission_plan_buyer_calculator = _named("buyer", "commission_plan")
commission_plan_scorer_calculator = _named("scorer", "commission_plan")
quarterly_review_seller_calculator = _named("seller", "quarterly_review")
quarterly_review_buyer_calculator = _named("buyer", "quarterly_review")
quarterly_review_scorer_calculator = _named("scorer", "quarterly_review")


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
    st = standings(board, kit, by=by)
    ranked = st.ranked
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
            "on the frontier": ["yes" if x else "no" for x in ranked["on_frontier"]],
        }
    )
    html = (
        f"<p>{st.teams} team(s) on <b>{esc(title)}</b>, ranked by {esc(RANK_BY[by])}.</p>"
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
        seed, same = st.latest_seed, st.teams_on_latest_seed
        html += (
            f"<p>The chart shows the {same} team(s) that negotiated seed {seed} (the latest deal's seed)"
            + ("; deals on other seeds have their own frontier." if same < st.teams else ".")
            + "</p>"
        )
        if chart:
            png = plots.to_png(debrief_chart(board, kit, seed))
    elif chart:
        png = plots.to_png(plots.roleplay.spread_chart(ranked, by, RANK_BY[by]))
    return Result(html, png, data=ranked)


#: How often the projected scoreboard looks for new deals, in seconds.
LIVE_SECONDS = 2.0


class ScoreboardView(Calculator):
    """Ranking, spread chart and CSV export of the session scoreboard."""

    def __init__(self, inputs: dict, autoload: bool, live: bool = True):
        self._load = autoload
        self.refresh_button = widgets.Button(
            description="Refresh", icon="refresh", layout=widgets.Layout(width="10em")
        )
        self.export_button = widgets.Button(
            description="Export CSV", icon="download", layout=widgets.Layout(width="10em")
        )
        self.link = widgets.HTML()
        # the projected board follows the room: every few seconds a background watcher
        # asks the file whether a deal was recorded, by any laptop or tab, and redraws
        # only then, keeping the kit and ranking the trainer chose
        self._live = live
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.live = widgets.HTML()
        self._stamp: tuple[int, int] | None = None
        self._redraw = threading.Lock()
        super().__init__(
            "Session scoreboard",
            inputs,
            self._compute_view,
            intro="Every deal the scorers recorded. Leave the location empty for your own data folder.",
        )
        self.children = [
            *self.children[:-2],
            widgets.HBox([self.refresh_button, self.export_button, self.live]),
            self.link,
            *self.children[-2:],
        ]
        if autoload:
            self.watch()
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
        self.watch()

    def watch(self) -> None:
        """Start following the scoreboard file (once; only when ``live``)."""
        if not self._live or self._watcher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(LIVE_SECONDS):
                self.follow()

        self._watcher = threading.Thread(target=loop, name="scoreboard-watcher", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        self._stop.set()
        super().close()

    def _update(self, change=None) -> None:
        # one redraw at a time: the trainer's choices (main thread) and the watcher
        with self._redraw:
            self._redraw_now(change)

    def _redraw_now(self, change=None) -> None:
        super()._update(change)
        if self._load:
            try:
                self._stamp = self.board().stamp()
            except ValueError:
                self._stamp = None

    def follow(self) -> bool:
        """Redraw if a deal was recorded since the last look; True if it redrew."""
        if not self._load:
            return False
        try:
            stamp = self.board().stamp()
        except ValueError:
            return False
        if stamp == self._stamp:
            return False
        self._update()
        self.live.value = f"<small>updated: {stamp[0]} deals recorded</small>"
        return True

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
    live: bool = True,
) -> ScoreboardView:
    """The session scoreboard: ranking, spread of outcomes and CSV export.

    ``location``: the scoreboard file or folder (empty: the trainer's data folder or
    ``$SALESPROFIT_SCOREBOARD``); ``autoload=False`` waits for a click on Refresh
    before reading anything (for notebooks that are executed unattended). Once loaded,
    the board redraws by itself when a deal is recorded anywhere (``live=False``: only on
    Refresh).
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
    return ScoreboardView(inputs, autoload, live)


def debrief_chart(board: Scoreboard, kit: str, seed: Any = DEFAULT_SEED):
    """Every team's latest deal of ``kit`` (for ``seed``) against the scenario's frontier: a Figure."""
    sc = scenario(kit, seed)
    ranked = standings(board, kit).ranked
    ranked = ranked[ranked["seed"] == sc.seed] if len(ranked) else ranked
    now = roleplay.deal_values(sc, **sc.status_quo)
    return plots.roleplay.frontier_chart(
        _grid(sc.kit, sc.seed),
        sc.seller_walkaway,
        sc.buyer_walkaway,
        ranked[["team", "seller_value", "buyer_value", "on_frontier"]],
        (now["seller_value"], now["buyer_value"]),
    )
