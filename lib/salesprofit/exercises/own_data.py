"""Exercises for the "your own data" lab: each builder computes the answer with
:mod:`salesprofit.own_data` and lists the wrong answers typical mistakes give."""

from __future__ import annotations

import pandas as pd

from .. import crm_import, own_data
from ..fmt import num, pct
from ..teach import Exercise, Mistake

__all__ = ["decimal_comma", "rep_leakage"]


def rep_leakage(lines: pd.DataFrame, rep: str) -> Exercise:
    """A rep's discount leakage rate: (list revenue - net revenue) / list revenue."""
    v = own_data.line_values(lines)
    mine = v[(v["rep_id"] == rep) & v["list_revenue"].notna()]
    if mine.empty:
        raise ValueError(f"Rep {rep!r} has no order lines with a list price.")
    list_rev, net = float(mine["list_revenue"].sum()), float(mine["revenue"].sum())
    answer = (list_rev - net) / list_rev
    line_discount = 1 - mine["unit_price"] / mine["list_price"]
    mistakes = [
        Mistake(
            (list_rev - net) / net,
            "You divided the discount by the net revenue. The leakage rate is a share of "
            "what the goods were worth at list price: divide by the list revenue.",
        ),
        Mistake(
            float(line_discount.mean()),
            "That is the plain average of the line discounts: a 30 % discount on one box "
            "counts as much as 5 % on a truckload. Weight by money: sum the money given "
            "away, then divide by the list revenue.",
        ),
        Mistake(
            net / list_rev,
            "That is the share of list price the customers paid, not the share given away: "
            "subtract it from 100 %.",
        ),
    ]
    solution = (
        f"<p>List revenue of rep {rep} = Σ quantity × list price = {num(list_rev)}; "
        f"net revenue = Σ quantity × price paid = {num(net)}.</p>"
        f"<p>Leakage = {num(list_rev)} − {num(net)} = {num(list_rev - net)}, which is "
        f"{pct(answer, 1)} of the list revenue.</p>"
    )
    return Exercise(
        key=f"own-leakage-{rep}",
        question=(
            f"In the sample export, what share of list revenue did rep <b>{rep}</b> give "
            f"away in discounts ({len(mine):,} order lines)? Use the table of the lab's "
            "section 'Discount leakage by rep' or compute it from the totals "
            f"below: list revenue {num(list_rev)}, net revenue {num(net)}."
        ),
        answer=answer,
        unit="percent",
        mistakes=mistakes,
        solution=solution,
    )


def decimal_comma(text: str = "1.234,50 €") -> Exercise:
    """The number a European-style money text means (lab 'fix a file')."""
    answer = float(crm_import.parse_numbers([text])[0])
    digits = text.replace("€", "").replace(" ", "").replace("\u202f", "")
    mistakes = [
        Mistake(
            float(digits.replace(",", ""))
            if digits.replace(",", "").count(".") <= 1
            else float("nan"),
            "You read the dot as the decimal point. In this style the dot groups thousands "
            "and the comma is the decimal separator.",
        ),
        Mistake(answer / 1000, "The dot here groups thousands: it is not a decimal point."),
        Mistake(
            answer * 100,
            "The comma is the decimal separator: the digits after it are cents, not more units.",
        ),
    ]
    return Exercise(
        key="own-decimal-comma",
        question=(
            f"A semicolon-separated export from a European subsidiary shows the price "
            f"<b>{text}</b>. What amount is it, in euros? Type the number."
        ),
        answer=answer,
        unit="number",
        mistakes=mistakes,
        solution=(
            f"<p>In '{text}' the comma is the decimal separator and the dot (or a space) "
            f"groups thousands, so it reads {num(answer, 2)}. The reader decides the "
            "style per column from values that only one style explains (like 12,50).</p>"
        ),
    )
