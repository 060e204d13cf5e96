"""The final assessment: twenty questions, every chapter, each wrong answer names its lab."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from salesprofit import clv, costs, funnel, incentives, pricing
from salesprofit.exercises.final import final_assessment
from salesprofit.fmt import money, num, pct

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def assessment():
    return final_assessment()


def _right(item) -> str:
    return item.question.options[item.correct].text


def test_twenty_questions_over_all_sixteen_chapters(assessment):
    assert len(assessment.items) == 20
    assert {int(i.lab.split(".")[0]) for i in assessment.items} == set(range(1, 17))
    assert assessment.needed == 14  # 70 % of 20


def test_every_lab_named_exists_and_is_that_lab(assessment):
    for item in assessment.items:
        path = ROOT / "notebooks" / item.path
        assert path.exists(), item.path
        heading = next(
            line
            for cell in json.loads(path.read_text(encoding="utf8"))["cells"]
            if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines()
            if line.startswith("# ")
        )
        assert heading.startswith(f"# {item.lab} "), (item.lab, heading)


def test_the_right_answers_are_the_worked_examples(assessment):
    by_text = {i.question.text.split(".")[0]: _right(i) for i in assessment.items}
    # 10 % off at a 30 % margin: 0.10 / (0.30 - 0.10) = 50 % more volume
    assert pct(pricing.breakeven_volume_change(-0.10, 0.30), 0) == "50 %"
    assert "50 %" in by_text.values()
    # CLV: 1,000 x 0.8 / (1 + 0.1 - 0.8) = 2,666.67
    assert money(clv.clv(1000.0, 0.8, 0.10), 0) == "¥2,667" and "¥2,667" in by_text.values()
    # EOQ: sqrt(2 x 1,200 x 50 / 3) = 200
    assert num(costs.eoq(1200, 50.0, 3.0), 0) == "200" and "200 units" in by_text.values()
    # velocity: 50 x 0.25 x 20,000 / 50 = 5,000 a day
    assert funnel.sales_velocity(50, 0.25, 20_000.0, 50) == pytest.approx(5000.0)
    assert "¥5,000 a day" in by_text.values()
    # marginal tiers: 6M x 2 % + 2M x 3 % = 180,000
    tiers = [(0.0, 0.02), (6_000_000.0, 0.03)]
    assert incentives.commission(8_000_000.0, tiers, "marginal") == pytest.approx(180_000.0)
    assert "¥180,000" in by_text.values()
    # optimal price at elasticity -3 and cost 60: 60 x 3 / 2 = 90
    assert "¥90" in by_text.values()


def test_right_answers_sit_in_different_places(assessment):
    places = [i.correct for i in assessment.items]
    assert len(set(places)) == 3


def test_scoring_all_right_all_wrong_and_skipped(assessment):
    best = assessment.score([i.correct for i in assessment.items])
    assert (best.right, best.passed, best.revisit) == (20, True, ())
    assert "A perfect score" in assessment.result_html(best)
    worst = assessment.score([(i.correct + 1) % 3 for i in assessment.items])
    assert worst.right == 0 and not worst.passed and len(worst.revisit) == 20
    html = assessment.result_html(worst)
    assert "0 of 20" in html and "you need 14 of 20" in html
    assert 'href="../03_pricing/01_margin_and_discounts.ipynb">lab 3.1</a>' in html
    answers = [i.correct for i in assessment.items]
    answers[0], answers[5] = None, None
    two_missed = assessment.score(answers)
    assert (two_missed.right, two_missed.passed) == (18, True)
    assert [i.lab for i in two_missed.revisit] == [assessment.items[0].lab, assessment.items[5].lab]
    assert two_missed.verdicts[0] is None


def test_wrong_number_of_answers_is_refused(assessment):
    with pytest.raises(ValueError, match="Expected 20 answers, got 2"):
        assessment.score([0, 1])


def test_widget_scores_live_and_carries_the_key_for_the_book(assessment):
    panel = assessment.widget()
    for choice, item in zip(panel.choices, assessment.items, strict=True):
        choice.value = item.correct
    panel.button.click()
    assert "20 of 20" in panel.result.value
    key = json.loads(base64.b64decode(assessment.static_key()))
    assert key["correct"] == [i.correct for i in assessment.items]
    assert key["labs"][0] == {"lab": assessment.items[0].lab, "path": assessment.items[0].path}
    assert "sp-assessment" in panel._dom_classes
