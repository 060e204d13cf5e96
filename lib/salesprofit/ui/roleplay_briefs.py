"""Role-play briefs: each role's brief, the printable set for a cohort, the briefs panel."""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import roleplay
from ..fmt import esc, money, pct, table
from .base import LAYOUT, STYLE, error_html
from .roleplay_kits import DEFAULT_SEED, GENERIC_WATCH, SEED_BOX_MAX, TEXT, facts, scenario

__all__ = ["PRINT_CSS", "BriefsPanel", "brief_html", "briefs_panel", "printable_briefs"]


PRINT_CSS = """<style>
.sp-brief {font-size: 1rem; line-height: 1.45; max-width: 46em;}
.sp-brief .sp-brief-head {display: flex; justify-content: space-between; border-bottom: 2px solid #0072B2;
  padding-bottom: 0.2em; margin-bottom: 0.6em; font-size: 0.9em; color: #333;}
.sp-brief .sp-secret {color: #D55E00; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;}
.sp-brief h2 {margin: 0.3em 0 0.4em 0; font-size: 1.45em;}
.sp-brief h3 {margin: 0.9em 0 0.3em 0; font-size: 1.1em;}
.sp-brief table {border-collapse: collapse; margin: 0.3em 0;}
.sp-brief th, .sp-brief td {border-bottom: 1px solid #ccc; padding: 0.15em 0.6em; text-align: left; \
vertical-align: top;}
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


def _fill(text: str, f: dict[str, str]) -> str:
    return text.format_map(f)


def _option_rows(sc: roleplay.Scenario, side: str) -> list[tuple[str, str]]:
    """One line per term: a few options and what each is worth to ``side`` against today."""
    lines: dict[str, str] = {}
    for label, option, change, is_today in roleplay.brief_options(sc, side)[
        ["label", "option_label", "change", "is_today"]
    ].itertuples(index=False, name=None):
        cell = f"{esc(option)}: <b>{'today' if is_today else money(change, 0, sign=True)}</b>"
        lines[label] = lines[label] + " · " + cell if label in lines else cell
    # one line per term, so that a brief fits on one printed sheet
    return [(esc(label), text) for label, text in lines.items()]


def _rows(rows: list[tuple[str, str]], num: bool = True) -> str:
    cls = " class='sp-num'" if num else ""
    html = "<table>"
    for a, b in rows:
        html += f"<tr><td>{a}</td><td{cls}>{b}</td></tr>"
    return html + "</table>"


def _items(items: list[str], tag: str = "ul") -> str:
    html = f"<{tag}>"
    for item in items:
        html += f"<li>{item}</li>"
    return html + f"</{tag}>"


def _head(sc: roleplay.Scenario, who: str, secret: str) -> str:
    return (
        f"<div class='sp-brief-head'><span>{esc(sc.title)} · {esc(who)}</span>"
        f"<span class='sp-secret'>{esc(secret)}</span><span>seed {sc.seed}</span></div>"
    )


def _unit(t: roleplay.Term) -> str:
    return f"% {t.unit}" if t.percent else t.unit


_LINE = "<span class='sp-line'></span>"


def _deal_sheet(sc: roleplay.Scenario) -> str:
    rows = [("Team", _LINE)]
    for t in sc.terms:
        unit = f" ({esc(_unit(t))})" if t.unit and not t.is_choice else ""
        rows.append((esc(t.label) + unit, _LINE))
    rows.append(("Signed by both", _LINE))
    return (
        "<h3>Deal sheet (hand to the facilitator)</h3>"
        + _rows(rows, num=False)
        + "<p>No deal? Write <b>no deal</b> and each side's reason.</p>"
    )


def _term_choices(t: roleplay.Term) -> str:
    if not t.is_choice:
        return f"in {esc(_unit(t))}"
    text = ""
    for i, label in enumerate(t.labels):
        text += ("; " if i else "") + esc(label)
    return text


def _scenario_sheet(sc: roleplay.Scenario, f: dict[str, str], tx: dict[str, Any]) -> list[str]:
    parts = [_head(sc, "the scenario", "for everyone"), f"<h2>{esc(sc.title)}</h2>"]
    parts += [f"<p>{_fill(p, f)}</p>" for p in tx["scenario"]]
    roles = [esc(sc.roles[s]) for s in ("seller", "buyer")]
    parts.append("<h3>The roles</h3>" + _items([*roles, "Observer (optional)"]))
    terms = [f"<b>{esc(t.label)}</b>: {_term_choices(t)}" for t in sc.terms]
    parts.append("<h3>Terms on the table</h3>" + _items(terms))
    parts.append(_deal_sheet(sc))
    return parts


def _discount_rows(sc: roleplay.Scenario) -> str:
    m, needs = roleplay.discount_volume(sc)
    rows = [
        (f"a {pct(d, 0)} discount", f"needs {pct(v, 0, sign=True)} volume")
        for d, v in needs[["discount", "volume_change"]].itertuples(index=False, name=None)
    ]
    return (
        "<h3>Every point of discount needs extra volume</h3>"
        f"<p>At your margin of {pct(m, 1)}, to keep today's profit on the same terms:</p>"
        + _rows(rows)
    )


def _side_sheet(
    sc: roleplay.Scenario, role: str, f: dict[str, str], tx: dict[str, Any]
) -> list[str]:
    r, who = tx[role], sc.roles[role]
    parts = [
        _head(sc, who, f"confidential: {who.split(' (')[0].lower()} only"),
        f"<h2>{esc(who)}</h2>",
        f"<p><b>{_fill(r['role'], f)}</b></p>",
    ]
    parts += [f"<p>{_fill(p, f)}</p>" for p in r["story"]]
    parts.append("<h3>Your numbers (do not show them)</h3>")
    parts.append(_rows([(_fill(a, f), _fill(b, f)) for a, b in r["numbers"]]))
    if role == "seller" and sc.kit in ("discount_request", "vip_renewal"):
        parts.append(_discount_rows(sc))
    period = "a quarter" if sc.kit == "quarterly_review" else "a year"
    parts.append(
        f"<h3>What each term is worth to you ({period}, against today, everything else unchanged)</h3>"
    )
    parts.append(_rows(_option_rows(sc, role), num=False))
    target, walk = getattr(sc, f"{role}_target"), getattr(sc, f"{role}_walkaway")
    parts.append(
        "<h3>Your target and your walk-away</h3>"
        f"<p>Today's deal is worth <b>{f['today_seller_value' if role == 'seller' else 'today_buyer_value']}</b> "
        f"{period} to you. Aim for <b>{money(target, 0)}</b>. Do not sign anything worth less than "
        f"<b>{money(walk, 0)}</b>: below that, no deal is better.</p>"
    )
    parts.append("<h3>Tips</h3>" + _items([_fill(t, f) for t in r["tips"]]))
    return parts


def _observer_sheet(sc: roleplay.Scenario, tx: dict[str, Any]) -> list[str]:
    roles = sc.roles
    watch = [
        (f"<span class='sp-box'></span>{esc(w)}", _LINE) for w in [*GENERIC_WATCH, *tx["watch"]]
    ]
    return [
        _head(sc, "observer", "for the observer"),
        f"<h2>{esc(sc.title)}: observer sheet</h2>",
        "<p>Watch, do not speak. Note what you see and hear, with the minute it happened. "
        "You will report first in the debrief.</p>",
        "<h3>Watch for</h3>",
        _rows(watch, num=False),
        "<h3>The deal they reached</h3>" + _rows([(esc(t.label), _LINE) for t in sc.terms]),
        "<h3>One thing each side did well, one thing to try next time</h3>"
        + _rows([(esc(roles["seller"]), _LINE), (esc(roles["buyer"]), _LINE)]),
    ]


def _facilitator_sheet(sc: roleplay.Scenario, f: dict[str, str], tx: dict[str, Any]) -> list[str]:
    roles = sc.roles
    parts = [
        _head(sc, "facilitator", "facilitator only"),
        f"<h2>{esc(sc.title)}: answer key</h2>",
        f"<p>Seed <b>{sc.seed}</b>. The point of this kit: {esc(tx['gist'])}.</p>",
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
        ),
    ]
    best = roleplay.value_moves(sc, 4)
    if len(best):
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
    parts.append(
        "<h3>What good looks like: deals on the frontier that both can accept</h3>"
        + _deals_table(sc, roleplay.best_deals(sc, 3))
    )
    return parts


def brief_html(kit: str, role: str, seed: Any = DEFAULT_SEED, css: bool = True) -> str:
    """One role's sheet for one seed, as HTML ready to print (one sheet per role).

    ``role``: "scenario" (everyone), "seller", "buyer" (confidential: only that
    side's numbers), "observer", or "facilitator" (the answer key: both sides'
    walk-aways and what good looks like).
    """
    sc = scenario(kit, seed)
    f = facts(kit, seed)
    tx = TEXT[kit]
    if role == "scenario":
        parts = _scenario_sheet(sc, f, tx)
    elif role in ("seller", "buyer"):
        parts = _side_sheet(sc, role, f, tx)
    elif role == "observer":
        parts = _observer_sheet(sc, tx)
    elif role == "facilitator":
        parts = _facilitator_sheet(sc, f, tx)
    else:
        raise ValueError("role must be 'scenario', 'seller', 'buyer', 'observer' or 'facilitator'.")
    html = (PRINT_CSS if css else "") + "<div class='sp-brief'>"
    for part in parts:
        html += part
    return html + "</div>"


def _deals_table(sc: roleplay.Scenario, deals: pd.DataFrame) -> str:
    shown = roleplay.deals_in_words(sc, deals)
    shown[sc.roles["seller"]] = [money(v, 0) for v in deals["seller_value"]]
    shown[sc.roles["buyer"]] = [money(v, 0) for v in deals["buyer_value"]]
    return table(shown)


def printable_briefs(kit: str, seed: Any = DEFAULT_SEED) -> str:
    """One HTML file with every sheet of the kit for ``seed``: scenario, seller's brief,
    buyer's brief, observer sheet and the facilitator's answer key, one per printed page."""
    sc = scenario(kit, seed)
    body = ""
    for r in ("scenario", "seller", "buyer", "observer", "facilitator"):
        body += brief_html(kit, r, sc.seed, css=False)
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
        max=SEED_BOX_MAX,
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
