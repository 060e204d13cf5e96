"""Self-checks and exercises: quizzes with feedback, exercises with automatic checks.

* :class:`Quiz` renders as plain HTML with a little CSS (radio buttons whose
  feedback appears when chosen). No script, no kernel: it works in the static
  book, in JupyterLab and in Voilà alike, and its HTML is the same every run
  (safe for nbval).
* :class:`Exercise` holds one numeric question, its right answer (computed by the
  library) and the wrong answers that typical mistakes produce (margin taken for
  markup, discount applied to cost, a monthly rate used as yearly...). Its
  :meth:`Exercise.check` tells the learner whether an answer is right and, if
  not, which mistake it looks like, the way a trainer would. :meth:`Exercise.widget`
  gives the same check as an answer box and a button, so nobody has to edit code.

Chapter exercises are built by functions in :mod:`salesprofit.exercises`.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass, field

from .fmt import esc, money, num, pct

__all__ = [
    "Assessment",
    "Exercise",
    "Feedback",
    "Item",
    "Mistake",
    "Option",
    "Question",
    "Quiz",
    "Score",
    "question",
]

QUIZ_CSS = """<style>
.sp-quiz {border: 1px solid #cfd8dc; border-radius: 6px; padding: 0.6em 1em; margin: 0.8em 0; background: #fbfcfd;}
.sp-quiz h4 {margin: 0.2em 0 0.6em 0;}
.sp-quiz .sp-q {margin: 0.2em 0 0.9em 0;}
.sp-quiz .sp-qtext {font-weight: 600; margin: 0 0 0.3em 0;}
.sp-quiz .sp-opt {margin: 0.15em 0 0.15em 0.6em;}
.sp-quiz .sp-opt label {cursor: pointer; margin-left: 0.3em;}
.sp-quiz .sp-fb {display: none; margin: 0.25em 0 0.4em 1.8em; padding: 0.3em 0.6em; border-radius: 4px;}
.sp-quiz .sp-opt input:checked ~ .sp-fb {display: block;}
.sp-quiz .sp-right {background: #e3f4ea; border-left: 4px solid #009E73;}
.sp-quiz .sp-wrong {background: #fdf1ea; border-left: 4px solid #D55E00;}
.sp-feedback {padding: 0.4em 0.8em; border-radius: 4px; margin: 0.3em 0;}
.sp-feedback.sp-right {background: #e3f4ea; border-left: 4px solid #009E73;}
.sp-feedback.sp-wrong {background: #fdf1ea; border-left: 4px solid #D55E00;}
.sp-feedback.sp-hint {background: #eef4fb; border-left: 4px solid #0072B2;}
details.sp-solution {border: 1px solid #cfd8dc; border-radius: 6px; padding: 0.4em 0.9em; margin: 0.6em 0;}
details.sp-solution summary {cursor: pointer; font-weight: 600;}
</style>"""


# ---------------------------------------------------------------------------
# Quizzes


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    text: str
    options: tuple[Option, ...]

    def __post_init__(self):
        if sum(o.correct for o in self.options) != 1:
            raise ValueError(f"Question {self.text!r} needs exactly one right option.")


def question(text: str, *options: tuple[str, bool, str]) -> Question:
    """``question("...", ("option", True, "why it is right"), ("option", False, "why not"), ...)``."""
    return Question(text, tuple(Option(*o) for o in options))


class Quiz:
    """A self-check: a few multiple-choice questions with feedback on every option.

    ``key`` makes the HTML ids unique on a page (use the chapter and lab, e.g.
    ``"03-1"``). Display it as the last expression of a cell.
    """

    def __init__(self, key: str, questions: list[Question], title: str = "Self-check"):
        if not key.replace("-", "").replace("_", "").isalnum():
            raise ValueError("A quiz key uses letters, digits, '-' and '_' only.")
        self.key, self.questions, self.title = key, list(questions), title

    def html(self) -> str:
        parts = [
            QUIZ_CSS,
            f'<div class="sp-quiz" id="sp-quiz-{self.key}"><h4>{esc(self.title)}</h4>',
        ]
        for qi, q in enumerate(self.questions, 1):
            name = f"sp-{self.key}-q{qi}"
            parts.append(f'<div class="sp-q"><p class="sp-qtext">{qi}. {q.text}</p>')
            for oi, o in enumerate(q.options):
                oid = f"{name}-{chr(97 + oi)}"
                verdict = "<b>Right.</b> " if o.correct else "<b>Not quite.</b> "
                parts.append(
                    f'<div class="sp-opt"><input type="radio" id="{oid}" name="{name}" '
                    f'data-correct="{str(o.correct).lower()}"><label for="{oid}">{o.text}</label>'
                    f'<div class="sp-fb {"sp-right" if o.correct else "sp-wrong"}">{verdict}{o.feedback}</div></div>'
                )
            parts.append("</div>")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"<Quiz {self.key}: {len(self.questions)} questions>"


# ---------------------------------------------------------------------------
# Exercises


#: What an exercise says to an answer that is none of the diagnosed ones; one sentence each,
#: said by :meth:`Exercise.check` live and by the static book's script from the same key.
EMPTY = "Type your answer first, then check it."
FRACTION = (
    "Nearly: that looks like the answer as a fraction. Type it in percent (for 12.5 % type 12.5)."
)
SIGN = "The size is right but the sign is wrong: is it a gain or a loss?"
WRONG = (
    "Not yet. Go back to the formula above and check each input; "
    "the solution below shows the steps."
)


@dataclass(frozen=True)
class Mistake:
    """A wrong answer a typical mistake produces, and what to tell the learner."""

    value: float
    diagnosis: str


@dataclass(frozen=True)
class Feedback:
    correct: bool
    kind: str  # "right", "mistake", "wrong", "empty", "invalid"
    message: str

    def _repr_html_(self) -> str:
        css = {"right": "sp-right", "mistake": "sp-wrong", "wrong": "sp-wrong"}.get(
            self.kind, "sp-hint"
        )
        return f'{QUIZ_CSS}<div class="sp-feedback {css}">{self.message}</div>'

    def __repr__(self) -> str:
        return f"<Feedback {self.kind}>"


@dataclass
class Exercise:
    """One numeric exercise with an automatic check.

    ``answer`` is in model units (a fraction for ``unit="percent"``); the learner
    answers in display units (percent: 33.3 for 33.3 %). ``tolerance`` is in
    display units (percentage points, money, units) and covers rounding.
    """

    key: str
    question: str
    answer: float
    unit: str = "percent"  # "percent", "money" or "number"
    mistakes: list[Mistake] = field(default_factory=list)
    solution: str = ""
    tolerance: float | None = None

    def __post_init__(self):
        if self.unit not in {"percent", "money", "number"}:
            raise ValueError("unit is 'percent', 'money' or 'number'")
        if self.tolerance is None:
            shown = self.shown(self.answer)
            self.tolerance = max(0.15 if self.unit == "percent" else 0.01, abs(shown) * 0.005)
        # a "mistake" that lands on the right answer would only confuse: drop it
        self.mistakes = [
            m
            for m in self.mistakes
            if math.isfinite(m.value) and not self._close(self.shown(m.value), self.answer)
        ]

    # display units -------------------------------------------------------
    def shown(self, value: float) -> float:
        return value * 100 if self.unit == "percent" else value

    def format(self, value: float) -> str:
        return {
            "percent": lambda v: pct(v, 1),
            "money": lambda v: money(v, 2),
            "number": lambda v: num(v, 1),
        }[self.unit](value)

    def _close(self, typed: float, model_value: float) -> bool:
        return abs(typed - self.shown(model_value)) <= self.tolerance

    def check(self, typed) -> Feedback:
        """Check an answer typed in display units (33.3 for 33.3 %)."""
        if typed is None or (isinstance(typed, str) and not typed.strip()):
            return Feedback(False, "empty", EMPTY)
        try:
            value = float(str(typed).replace(",", "").replace("%", "").replace("¥", "").strip())
        except ValueError:
            return Feedback(
                False,
                "invalid",
                f"'{esc(typed)}' is not a number. Type digits only, "
                f"e.g. {self.shown(self.answer) * 0.9:.1f}.",
            )
        if not math.isfinite(value):
            return Feedback(False, "invalid", "Type a finite number.")
        if self._close(value, self.answer):
            return Feedback(True, "right", f"Right: {self.format(self.answer)}.")
        for m in self.mistakes:
            if self._close(value, m.value):
                return Feedback(False, "mistake", f"Not quite. {m.diagnosis}")
        if self.unit == "percent" and abs(value * 100 - self.shown(self.answer)) <= self.tolerance:
            return Feedback(False, "mistake", FRACTION)
        if self.unit == "percent" and abs(value + self.shown(self.answer)) <= self.tolerance:
            return Feedback(False, "mistake", SIGN)
        return Feedback(False, "wrong", WRONG)

    def static_key(self) -> str:
        """What the static book needs to check an answer with no kernel, base64-encoded JSON.

        The book's small script (``selfcheck.js``) reads it from the exercise's panel: the
        right answer and the tolerance in display units, the mistakes' values and
        diagnoses, and every feedback sentence already written here, so the page and
        :meth:`check` say the same thing. Encoded so that the answer is not shown by
        accident; it is not a secret from a learner who reads the page's source.
        """
        payload = {
            "answer": self.shown(self.answer),
            "tolerance": self.tolerance,
            "percent": self.unit == "percent",
            "right": self.check(self.shown(self.answer)).message,
            "mistakes": [
                {"value": self.shown(m.value), "message": f"Not quite. {m.diagnosis}"}
                for m in self.mistakes
            ],
            "empty": EMPTY,
            "invalid": "That is not a number. Type digits only.",
            "fraction": FRACTION,
            "sign": SIGN,
            "wrong": WRONG,
        }
        return base64.b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()

    def widget(self):
        """Answer box, Check button and feedback, for learners who do not write code.

        Live (JupyterLab, Voilà) the button calls :meth:`check`; in the static book, where
        no kernel answers, the book's ``selfcheck.js`` checks the answer in the page from
        :meth:`static_key`, with the same sentences.
        """
        import ipywidgets as widgets

        unit_label = {
            "percent": "Your answer (%)",
            "money": "Your answer (¥)",
            "number": "Your answer",
        }
        box = widgets.Text(
            placeholder="type a number",
            description=unit_label[self.unit],
            style={"description_width": "10em"},
        )
        button = widgets.Button(description="Check", button_style="primary", icon="check")
        feedback = widgets.HTML()

        def on_click(_=None):
            feedback.value = self.check(box.value)._repr_html_()

        button.on_click(on_click)
        button.add_class("sp-check")
        box.add_class("sp-answer")
        feedback.add_class("sp-exercise-feedback")
        key = f'<span class="sp-exercise-key" data-check="{self.static_key()}" hidden></span>'
        panel = widgets.VBox(
            [
                widgets.HTML(QUIZ_CSS + f"<p>{self.question}</p>{key}"),
                widgets.HBox([box, button]),
                feedback,
            ]
        )
        panel.add_class("sp-exercise")
        panel.box, panel.button, panel.feedback, panel.click = box, button, feedback, on_click
        return panel

    def solution_html(self) -> str:
        return (
            f'{QUIZ_CSS}<details class="sp-solution"><summary>Show the solution</summary>'
            f"{self.solution}<p><b>Answer: {self.format(self.answer)}</b></p></details>"
        )

    def show_solution(self):
        """The worked solution, folded until the learner opens it."""
        from IPython.display import HTML

        return HTML(self.solution_html())

    def __repr__(self) -> str:
        return f"<Exercise {self.key}>"


# ---------------------------------------------------------------------------
# The final assessment


@dataclass(frozen=True)
class Item:
    """One question of an :class:`Assessment` and the lab that teaches its answer."""

    question: Question
    lab: str  # "3.1"
    path: str  # "03_pricing/01_margin_and_discounts.ipynb", under notebooks/

    @property
    def correct(self) -> int:
        return next(i for i, o in enumerate(self.question.options) if o.correct)


@dataclass(frozen=True)
class Score:
    """The result of an assessment: how many right, and the labs to revisit."""

    right: int
    total: int
    passed: bool
    verdicts: tuple[bool | None, ...]  # per question: right, wrong, or None (not answered)
    revisit: tuple[Item, ...]  # the items answered wrongly or not at all, in order

    @property
    def share(self) -> float:
        return self.right / self.total


class Assessment:
    """A scored test: multiple-choice items, a pass mark, and per wrong answer the lab to revisit.

    Live (JupyterLab, Voilà) :meth:`widget` scores with :meth:`score`; in the static book the
    same widget is scored in the page by ``selfcheck.js`` from :meth:`static_key`.
    ``pass_mark`` is a fraction of the questions.
    """

    def __init__(self, key: str, items: list[Item], pass_mark: float = 0.7, title: str = ""):
        if not items:
            raise ValueError("An assessment needs at least one question.")
        if not 0 < pass_mark <= 1:
            raise ValueError("The pass mark is a fraction of the questions, such as 0.7.")
        self.key, self.items, self.pass_mark = key, list(items), pass_mark
        self.title = title or "Final assessment"

    @property
    def needed(self) -> int:
        """How many right answers pass."""
        return math.ceil(self.pass_mark * len(self.items) - 1e-9)

    def score(self, answers: list[int | None]) -> Score:
        """Score ``answers`` (the chosen option's position per question, ``None`` if skipped).

        >>> q = question("2 + 2?", ("4", True, "Yes."), ("5", False, "No."))
        >>> a = Assessment("t", [Item(q, "1.1", "x.ipynb"), Item(q, "1.2", "y.ipynb")], pass_mark=0.5)
        >>> s = a.score([0, 1])
        >>> (s.right, s.total, s.passed, [i.lab for i in s.revisit])
        (1, 2, True, ['1.2'])
        """
        if len(answers) != len(self.items):
            raise ValueError(f"Expected {len(self.items)} answers, got {len(answers)}.")
        verdicts = tuple(
            None if a is None else a == item.correct
            for a, item in zip(answers, self.items, strict=True)
        )
        right = sum(v is True for v in verdicts)
        revisit = tuple(item for v, item in zip(verdicts, self.items, strict=True) if v is not True)
        passed = right >= self.needed
        return Score(right, len(self.items), passed, verdicts, revisit)

    def messages(self) -> dict[str, str]:
        """The sentences of a result, with ``{right}``, ``{total}``, ``{share}`` placeholders."""
        return {
            "score": "You answered <b>{right} of {total}</b> right ({share} %).",
            "passed": "That passes: well done. The labs below are worth a second look.",
            "failed": "Not yet a pass (you need {need} of {total}). Revisit these labs, then try again.",
            "perfect": "A perfect score: you have the whole playbook.",
            "revisit": "Revisit",
            "question": "question",
        }

    def result_html(self, s: Score, link_suffix: str = ".ipynb") -> str:
        m = self.messages()
        need = self.needed
        parts = [m["score"].format(right=s.right, total=s.total, share=round(s.share * 100))]
        if s.right == s.total:
            parts.append(m["perfect"])
        else:
            parts.append(
                (m["passed"] if s.passed else m["failed"]).format(need=need, total=s.total)
            )
            links = "".join(
                f"<li>{m['question'].capitalize()} {self.items.index(i) + 1}: {m['revisit']} "
                f'<a href="../{esc(i.path.removesuffix(".ipynb") + link_suffix)}">lab {esc(i.lab)}</a></li>'
                for i in s.revisit
            )
            parts.append(f"<ul>{links}</ul>")
        css = "sp-right" if s.passed else "sp-wrong"
        return f'<div class="sp-feedback {css}">' + " ".join(parts) + "</div>"

    def static_key(self) -> str:
        """Answers, labs and sentences for ``selfcheck.js``, base64-encoded JSON."""
        payload = {
            "correct": [i.correct for i in self.items],
            "labs": [{"lab": i.lab, "path": i.path} for i in self.items],
            "pass_mark": self.pass_mark,
            "messages": self.messages(),
        }
        return base64.b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()

    def widget(self):
        """The questions as radio buttons, a Score button and the result."""
        import ipywidgets as widgets

        head = widgets.HTML(
            QUIZ_CSS + f"<h4>{esc(self.title)}</h4>"
            f'<span class="sp-assessment-key" data-check="{self.static_key()}" hidden></span>'
        )
        rows, choices = [head], []
        for n, item in enumerate(self.items, 1):
            choice = widgets.RadioButtons(
                options=[(o.text, i) for i, o in enumerate(item.question.options)],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
            choice.add_class("sp-assessment-choice")
            choices.append(choice)
            text = widgets.HTML(f'<p class="sp-qtext">{n}. {item.question.text}</p>')
            rows += [text, choice]
        button = widgets.Button(
            description="Score my answers", button_style="primary", icon="check"
        )
        button.add_class("sp-score")
        result = widgets.HTML()
        result.add_class("sp-assessment-result")

        def on_click(_=None):
            result.value = self.result_html(self.score([c.value for c in choices]))

        button.on_click(on_click)
        panel = widgets.VBox([*rows, button, result])
        panel.add_class("sp-assessment")
        panel.choices, panel.button, panel.result, panel.click = choices, button, result, on_click
        return panel

    def __repr__(self) -> str:
        return f"<Assessment {self.key}: {len(self.items)} questions>"
