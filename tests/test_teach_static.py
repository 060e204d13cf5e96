"""Exercises in the static book: the key the page checks against says what check() says."""

from __future__ import annotations

import base64
import json

from salesprofit.teach import Exercise, Mistake


def _exercise() -> Exercise:
    # Chapter 3's worked example: a 30 % margin, a 10 % discount needs +50 % volume
    # (-(-0.10) / (0.30 - 0.10) = 0.5). Taking the discount off the margin's base wrongly
    # gives 0.10 / 0.30 = 33.3 %.
    return Exercise(
        key="t-1",
        question="Extra volume for a 10 % discount at a 30 % margin?",
        answer=0.5,
        unit="percent",
        mistakes=[Mistake(0.10 / 0.30, "You divided by the old margin.")],
    )


def _key(ex: Exercise) -> dict:
    return json.loads(base64.b64decode(ex.static_key()).decode())


def test_key_holds_the_answer_in_display_units_and_the_same_sentences():
    ex = _exercise()
    key = _key(ex)
    assert key["answer"] == 50.0
    assert key["tolerance"] == ex.tolerance
    assert key["percent"] is True
    assert key["right"] == ex.check("50").message == "Right: 50.0 %."
    [mistake] = key["mistakes"]
    assert abs(mistake["value"] - 33.333333) < 1e-5
    assert mistake["message"] == ex.check("33.3").message
    assert key["fraction"] == ex.check("0.5").message
    assert key["sign"] == ex.check("-50").message
    assert key["wrong"] == ex.check("12").message
    assert key["empty"] == ex.check("").message


def test_the_widget_carries_the_key_hidden_and_the_classes_the_script_needs():
    ex = _exercise()
    panel = ex.widget()
    assert "sp-exercise" in panel._dom_classes
    assert "sp-check" in panel.button._dom_classes
    assert "sp-answer" in panel.box._dom_classes
    assert "sp-exercise-feedback" in panel.feedback._dom_classes
    question = panel.children[0].value
    assert f'data-check="{ex.static_key()}" hidden' in question
    assert "50.0" not in question  # the answer is not shown in the page's text
