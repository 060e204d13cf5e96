"""Quizzes and exercises: feedback a trainer would give."""

import pytest

from salesprofit import exercises, pricing
from salesprofit.teach import Quiz, question


def test_quiz_html_is_stable_and_scoped():
    quiz = Quiz(
        "03-1",
        [
            question(
                "Which is bigger?",
                ("Markup", True, "Cost is smaller than price."),
                ("Margin", False, "Margin divides by the larger price."),
            )
        ],
    )
    html = quiz.html()
    # The whole quiz, written out by hand: ids come from the quiz key and the positions
    # only (no random or memory-derived id, so nbval compares it byte for byte), the
    # right option carries data-correct="true", and each option's feedback follows it.
    expected = (
        '<div class="sp-quiz" id="sp-quiz-03-1"><h4>Self-check</h4>'
        '<div class="sp-q"><p class="sp-qtext">1. Which is bigger?</p>'
        '<div class="sp-opt"><input type="radio" id="sp-03-1-q1-a" name="sp-03-1-q1" '
        'data-correct="true"><label for="sp-03-1-q1-a">Markup</label>'
        '<div class="sp-fb sp-right"><b>Right.</b> Cost is smaller than price.</div></div>'
        '<div class="sp-opt"><input type="radio" id="sp-03-1-q1-b" name="sp-03-1-q1" '
        'data-correct="false"><label for="sp-03-1-q1-b">Margin</label>'
        '<div class="sp-fb sp-wrong"><b>Not quite.</b> Margin divides by the larger price.'
        "</div></div></div></div>"
    )
    style, _, body = html.partition("</style>")
    assert style.startswith("<style>") and ".sp-quiz" in style  # scoped CSS, shown first
    assert body == expected
    assert "<script" not in html  # works without a kernel or JS
    assert repr(quiz) == "<Quiz 03-1: 1 questions>"


def test_question_needs_one_right_option():
    with pytest.raises(ValueError, match="exactly one right option"):
        question("?", ("a", True, ""), ("b", True, ""))


def test_discount_exercise_diagnoses_mistakes():
    ex = exercises.discount_volume(margin=0.30, discount=0.10)
    assert ex.answer == pytest.approx(0.5)
    assert ex.check("50").correct
    assert ex.check("50.0 %").correct
    assert ex.check(49.9).correct  # rounding is fine
    assert "old margin" in ex.check(33.3).message  # 10 / 30
    markup = pricing.margin_to_markup(0.30)  # 42.86 %
    assert "markup" in ex.check(round(10 / (markup * 100 - 10) * 100, 1)).message
    assert "fraction" in ex.check(0.5).message
    assert "sign" in ex.check(-50).message
    assert ex.check("").kind == "empty"
    assert ex.check("fifty").kind == "invalid"
    assert ex.check(80).kind == "wrong"


def test_pocket_margin_exercise():
    ex = exercises.pocket_margin(200, 0.10, 60, 0.06, 0.02, 3.0, 120)
    invoice = 180.0
    pocket = invoice - invoice * 0.06 * 60 / 365 - invoice * 0.02 - 3.0
    assert ex.answer == pytest.approx((pocket - 120) / pocket)
    assert ex.check(round(ex.answer * 100, 2)).correct
    assert "invoice margin" in ex.check(round((180 - 120) / 180 * 100, 1)).message
    assert "markup" in ex.check(round((pocket - 120) / 120 * 100, 1)).message


def test_optimal_price_exercise():
    ex = exercises.optimal_price(60.0, -2.5)
    assert ex.answer == pytest.approx(100.0)
    assert ex.check("100").correct
    assert "markup on cost" in ex.check(84).message  # 60 * (1 + 1/2.5)


def test_dynamic_price_exercise_cap():
    ex = exercises.dynamic_price(100.0, 1.3, 0.5, 0.10)
    assert ex.answer == pytest.approx(110.0)
    assert "cap" in ex.check(115).message
    assert ex.check(110).correct


def test_exercise_widget_checks_on_click():
    ex = exercises.discount_volume(0.30, 0.10)
    panel = ex.widget()
    panel.box.value = "50"
    panel.click()
    assert "Right" in panel.feedback.value
    panel.box.value = "33.3"
    panel.click()
    assert "old margin" in panel.feedback.value


def test_solution_is_folded():
    html = exercises.discount_volume(0.30, 0.10).solution_html()
    assert html.count("<details") == 1 and "50.0 %" in html
