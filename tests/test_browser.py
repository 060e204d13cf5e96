"""The book and the calculator gallery in a real browser (Debian's chromium, offline).

Playwright drives ``/usr/bin/chromium`` (never ``playwright install``): one browser for
the session, a fresh profile, every request recorded. Anything not addressed to
127.0.0.1 fails its test; chromium is also pointed at a dead proxy (loopback is never
proxied), so such a request fails at once instead of leaving the machine or hanging.
(No Playwright ``route``: it would switch off the HTTP cache, and each Voilà page
would download its 10 MB of scripts again.)

The book: built with ``tools/build_book.py`` into a temporary folder (or the folder
named by ``SP_BOOK_HTML``), served on 127.0.0.1; every page in ``_toc.yml`` loads with
no console error, its math is typeset by MathJax, every calculator's widgets render
from the saved state, and every self-check quiz answers a click with feedback.

The gallery: ``tools/app.py`` (Voilà) on 127.0.0.1; on every calculator page a person's
input (arrow keys on a slider handle, or typing into a number box and pressing Enter)
changes the result. For the chapter 3 calculators the new number is the one the
library computes. A screenshot of each page goes to ``_build/screenshots/``.

Without chromium these tests skip, except under CI (``CI`` set), where they fail: the
Makefile installs chromium when it can (see ``make venv``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from servers import chromium_path, serve_folder, toc_files

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "_build" / "screenshots"
sys.path.insert(0, str(ROOT / "tools"))
import app  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # nothing reaches the network: a dead proxy for all but loopback
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
]
LOCAL = {"127.0.0.1"}
#: Console messages that are not errors of the page. pydata-sphinx-theme logs this one
#: with console.error on a first visit (empty localStorage) when ``default_mode`` is not
#: set in the theme options; the page then uses "auto", as intended.
IGNORED_CONSOLE: tuple[str, ...] = ("Got invalid theme mode: . Resetting to auto.",)


def toc_pages() -> list[str]:
    """The HTML path of every page in ``_toc.yml`` (root first)."""
    return [str(Path(f).with_suffix(".html")) for f in toc_files()]


CALCULATORS, _BROKEN = app.discover()
#: What a calculator's inputs look like in the page (ipywidgets 8 classes).
INPUTS = (
    ".widget-slider, .widget-text, .widget-dropdown, .widget-button, .widget-toggle-buttons, "
    ".widget-select, .widget-select-multiple, .widget-checkbox, .widget-radio, "
    ".widget-textarea, .widget-upload"
)


# --------------------------------------------------------------------------- browser


def browser_context():
    """Chromium for the session (the ``browser`` fixture of ``conftest.py``, shared by every
    browser test file: one Playwright per process)."""
    path = chromium_path()
    if path is None:
        message = (
            "chromium is not installed: run `make venv` as root (it installs Debian's "
            "chromium and fonts-noto-cjk), or `apt-get install chromium fonts-noto-cjk`"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sp-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=path,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            locale="en-US",
        )
        context.outside = []  # every request that tried to leave 127.0.0.1

        def record(request):
            url = request.url
            if not url.startswith(("data:", "blob:")) and urlsplit(url).hostname not in LOCAL:
                context.outside.append(url)

        context.on("request", record)
        yield context
        context.close()


class Watched:
    """A page with its console errors, page errors and outside requests recorded."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.outside_before = len(context.outside)
        self.page.on(
            "console",
            lambda m: (
                m.type == "error"
                and not any(s in m.text for s in IGNORED_CONSOLE)
                and self.errors.append(f"console: {m.text}")
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on(
            "websocket",
            lambda ws: urlsplit(ws.url).hostname not in LOCAL and context.outside.append(ws.url),
        )

    @property
    def outside(self) -> list[str]:
        return self.context.outside[self.outside_before :]

    def close(self):
        self.page.close()


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.close()


# --------------------------------------------------------------------------- the book


@pytest.fixture(scope="session")
def book_site(tmp_path_factory):
    given = os.environ.get("SP_BOOK_HTML")
    if given:
        html = Path(given)
    else:
        html = tmp_path_factory.mktemp("book") / "html"
        build = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "build_book.py"), "--out", str(html)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert build.returncode == 0, (
            "the book does not build:\n" + build.stdout[-3000:] + build.stderr[-3000:]
        )
    server = serve_folder(html)
    yield server, html
    server.close()


@pytest.mark.parametrize("page_path", toc_pages())
def test_book_page(book_site, watched, page_path):
    server, html = book_site
    assert (html / page_path).exists(), f"{page_path} was not built"
    page = watched.page
    page.goto(server.url(page_path), wait_until="load")
    text = (html / page_path).read_text(encoding="utf8")

    # math: every formula typeset by MathJax 3
    if 'class="math' in text:
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        page.wait_for_function(
            "document.querySelectorAll('.math').length > 0 && "
            "[...document.querySelectorAll('.math')].every(e => e.querySelector('mjx-container'))",
            timeout=20_000,
        )
        assert page.locator("mjx-merror").count() == 0, "a formula does not typeset"

    # calculators: each saved widget view renders (the manager replaces the script tag)
    views = text.count('type="application/vnd.jupyter.widget-view+json"')
    if views:
        page.wait_for_function(
            f"document.querySelectorAll('.jupyter-widgets.widget-container, "
            f".jupyter-widgets.widget-inline-hbox, .jupyter-widgets.widget-html, "
            f".jupyter-widgets.widget-box').length >= {views}",
            timeout=30_000,
        )
        calcs = text.count("sp-calc")
        if calcs:
            rendered = page.locator(".sp-calc")
            rendered.first.wait_for(timeout=30_000)
            for i in range(rendered.count()):
                calc = rendered.nth(i)
                assert calc.locator(INPUTS).count() > 0, f"calculator {i} shows no inputs"
                assert calc.locator(".sp-result, .sp-error").count() > 0, (
                    f"calculator {i} shows no result"
                )

    # self-checks: a click on an answer shows its feedback
    quizzes = page.locator(".sp-quiz")
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        for j in range(quiz.locator(".sp-q").count()):
            question = quiz.locator(".sp-q").nth(j)
            option = question.locator(".sp-opt").first
            feedback = option.locator(".sp-fb")
            assert not feedback.is_visible()
            option.locator("label").first.click()
            assert feedback.is_visible(), f"quiz {i} question {j}: no feedback after a click"
            assert feedback.inner_text().strip()

    # exercises: with no kernel, the page itself answers a typed answer
    exercises = page.locator(".sp-exercise")
    for i in range(exercises.count()):
        _check_static_exercise(exercises.nth(i), f"{page_path} exercise {i}")

    # the final assessment: scored in the page
    assessments = page.locator(".sp-assessment")
    for i in range(assessments.count()):
        _check_static_assessment(assessments.nth(i), f"{page_path} assessment {i}")

    page.wait_for_timeout(300)  # late console errors (widget manager, MathJax)
    assert not watched.errors, "\n".join(watched.errors)
    assert not watched.outside, f"requests that left 127.0.0.1: {watched.outside}"


def _check_static_assessment(panel, where: str) -> None:
    """Answer all but the first question right: 19 of 20, a pass, lab of question 1 named."""
    key = panel.evaluate(
        "p => JSON.parse(new TextDecoder().decode(Uint8Array.from("
        "atob(p.querySelector('.sp-assessment-key').dataset.check), c => c.charCodeAt(0))))"
    )
    groups = panel.locator(".sp-assessment-choice")
    assert groups.count() == len(key["correct"]), where
    for i, right in enumerate(key["correct"]):
        if i:
            groups.nth(i).locator("input[type=radio]").nth(right).check()
    panel.locator("button").last.click()
    result = panel.locator(".sp-assessment-result .sp-feedback.sp-right")
    result.wait_for(timeout=5_000)
    total = len(key["correct"])
    assert f"{total - 1} of {total}" in result.inner_text(), (where, result.inner_text())
    first = key["labs"][0]
    link = result.locator("a")
    assert link.count() == 1 and link.inner_text() == f"lab {first['lab']}", where
    assert link.get_attribute("href").endswith(first["path"].replace(".ipynb", ".html")), where


def _check_static_exercise(panel, where: str) -> None:
    """Type the right answer, each diagnosed mistake and a word: the page answers each."""
    key = panel.evaluate(
        "p => JSON.parse(new TextDecoder().decode(Uint8Array.from("
        "atob(p.querySelector('.sp-exercise-key').dataset.check), c => c.charCodeAt(0))))"
    )
    box = panel.locator("input").first
    feedback = panel.locator(".sp-exercise-feedback")
    assert panel.locator(".sp-exercise-key").is_hidden(), f"{where}: the key shows"
    tries = [(f"{key['answer']:.6g}", "sp-right", key["right"])]
    tries += [(f"{m['value']:.6g}", "sp-wrong", m["message"]) for m in key["mistakes"]]
    tries.append(("a lot", "sp-hint", key["invalid"]))
    for typed, css, message in tries:
        box.fill(typed)
        panel.locator("button").first.click()
        shown = feedback.locator(f".sp-feedback.{css}")
        shown.wait_for(timeout=5_000)
        expected = re.sub(r"<[^>]+>", "", message).split(". ")[0]
        assert expected in shown.inner_text(), f"{where}: typed {typed}, got {shown.inner_text()!r}"


# --------------------------------------------------------------------------- the gallery


def _expected_chapter3(calc: app.CalculatorInfo):
    """For chapter 3: (input to change, keys to press, text the library says must appear)."""
    from salesprofit import fmt, pricing
    from salesprofit.ui import pricing as ui

    if calc.name == "breakeven_calculator":  # discount 10 % -> 10.5 % (step 0.5 pp)
        needed = pricing.breakeven_volume_change(-0.105, 0.30)
        return "Discount asked for", ["ArrowRight"], fmt.pct(needed, 1, sign=True)
    if calc.name == "waterfall_calculator":  # discount 8 % -> 8.5 %
        res = ui.compute_waterfall(100.0, 0.085, 60, 0.06, 0.02, 2.0, 65.0, chart=False)
        return "On-invoice discount", ["ArrowRight"], fmt.money(res.data["pocket_price"])
    if calc.name == "optimal_price_calculator":  # elasticity -2.5 -> -2.45
        best = pricing.price_move(60.0, 100.0, 1000.0, -2.45).optimal_price
        return "Price elasticity", ["ArrowRight"], fmt.money(best)
    return None


def _state(page) -> str:
    """What the calculator shows: its result text and its chart's source."""
    return page.evaluate("""() => {
        const calc = document.querySelector('.sp-calc');
        const res = [...calc.querySelectorAll('.sp-result, .sp-error')].map(e => e.innerText).join('|');
        const img = [...calc.querySelectorAll('img')].map(i => i.src.length + ':' + i.src.slice(-80)).join('|');
        return res + '#' + img;
    }""")


def _wait_changed(page, before: str, timeout: float = 20.0) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        now = _state(page)
        if now != before:
            page.wait_for_timeout(200)  # let the chart land too
            return _state(page)
        page.wait_for_timeout(100)
    return before


def _nudge(page, calc_el) -> bool:
    """Change one input the way a person would; True if the calculator reacted."""
    before = _state(page)
    handles = calc_el.locator(".noUi-handle")
    for i in range(handles.count()):
        handle = handles.nth(i)
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.focus()
        for _ in range(3):
            handle.press("ArrowLeft" if at_max else "ArrowRight")
            if _wait_changed(page, before, 6) != before:
                return True
    boxes = calc_el.locator(".widget-text input[type=number]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        value = float(box.input_value() or 0)
        box.fill(f"{value * 1.1 + 1:g}")
        box.press("Enter")
        if _wait_changed(page, before, 6) != before:
            return True
    checkboxes = calc_el.locator(".widget-checkbox input[type=checkbox]")
    for i in range(checkboxes.count()):
        checkboxes.nth(i).click()
        if _wait_changed(page, before, 6) != before and not _shows_error(page):
            return True
    selects = calc_el.locator(".widget-dropdown select")
    for i in range(selects.count()):
        select = selects.nth(i)
        options = select.locator("option")
        current = select.input_value()
        for other in [options.nth(k).get_attribute("value") for k in range(options.count())]:
            if other == current:
                continue
            select.select_option(other)
            # a choice the model refuses (two equal periods) shows its sentence: try the next
            if _wait_changed(page, before, 6) != before and not _shows_error(page):
                return True
    return _nudge_multiple(page, calc_el, before)


def _nudge_multiple(page, calc_el, before: str) -> bool:
    """A multiple selection: drop one chosen option (or add one), as a ctrl-click would."""
    selects = calc_el.locator(".widget-select-multiple select")
    for i in range(selects.count()):
        select = selects.nth(i)
        chosen = select.evaluate("s => [...s.selectedOptions].map(o => o.value)")
        every = select.evaluate("s => [...s.options].map(o => o.value)")
        for value in every:
            new = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
            if not new:
                continue
            select.select_option(new)
            if _wait_changed(page, before, 6) != before and not _shows_error(page):
                return True
    return False


def _shows_error(page) -> bool:
    return page.locator(".sp-calc .sp-error").count() > 0


@pytest.mark.parametrize("calc", CALCULATORS, ids=[c.slug for c in CALCULATORS])
def test_gallery_calculator_answers_a_person(gallery, watched, calc):
    page = watched.page
    page.set_default_timeout(90_000)
    page.goto(gallery.url(calc.notebook), wait_until="commit")
    calc_el = page.locator(".sp-calc").first
    calc_el.wait_for(state="visible")
    page.locator(".sp-calc .sp-result, .sp-calc .sp-error").first.wait_for(state="visible")
    assert page.locator(".sp-calc .sp-error").count() == 0, _state(page)
    assert "from salesprofit" not in page.content(), "the code is shown"

    expected = _expected_chapter3(calc) if calc.module == "pricing" else None
    if expected:
        label, keys, text = expected
        slider = calc_el.locator(".widget-slider").filter(has_text=label)
        handle = slider.locator(".noUi-handle")
        before = _state(page)
        handle.focus()
        for key in keys:
            handle.press(key)
        after = _wait_changed(page, before)
        assert after != before, f"{calc.slug}: nothing changed after {keys} on '{label}'"
        result = page.locator(".sp-calc .sp-result").first
        assert text in result.inner_text(), (
            f"{calc.slug}: expected {text!r} in {result.inner_text()!r}"
        )
    else:
        assert _nudge(page, calc_el), f"{calc.slug}: no input changed the result"
    assert page.locator(".sp-calc .sp-error").count() == 0, _state(page)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{calc.slug}.png"), full_page=True)
    # close the page's kernel now rather than at the end of the session
    page.close()
    assert not watched.errors, "\n".join(watched.errors)
    assert not watched.outside, f"requests that left 127.0.0.1: {watched.outside}"


# --------------------------------------------------------------------------- the console


def _console_title(page) -> str:
    return page.locator(".sp-console .sp-console-title").inner_text()


def test_console_projector_view_and_keyboard_stepping(gallery, watched):
    """The trainer's console: ?projector=1 gives large type; PageDown / PageUp step."""
    page = watched.page
    page.set_default_timeout(90_000)
    first, second = CALCULATORS[0], CALCULATORS[1]
    page.goto(gallery.url("index.ipynb") + "&projector=1", wait_until="commit")
    page.locator(".sp-console .sp-calc .sp-result").first.wait_for(state="visible")
    assert _console_title(page) == first.title
    assert page.locator(".sp-console.sp-projector").count() == 1
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.sp-console .sp-result')).fontSize)"
    )
    assert size >= 24, f"projector type is {size}px"

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")
    page.wait_for_function(
        "t => document.querySelector('.sp-console .sp-console-title').innerText === t",
        arg=second.title,
    )
    page.locator(".sp-console .sp-stage .sp-calc .sp-result").first.wait_for(state="visible")
    page.keyboard.press("PageUp")
    page.wait_for_function(
        "t => document.querySelector('.sp-console .sp-console-title').innerText === t",
        arg=first.title,
    )
    # the switch turns large type off again
    page.locator(".sp-projector-switch").click()
    page.wait_for_function("() => !document.querySelector('.sp-console.sp-projector')")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "console.png"), full_page=True)
    assert not watched.errors, "\n".join(watched.errors)
    assert not watched.outside, f"requests that left 127.0.0.1: {watched.outside}"


def test_console_opens_every_chapter_from_the_picker(gallery, watched):
    """Every chapter's first calculator opens live from the console's chapter picker."""
    page = watched.page
    page.set_default_timeout(90_000)
    page.goto(gallery.url("index.ipynb"), wait_until="commit")
    page.locator(".sp-console .sp-calc .sp-result").first.wait_for(state="visible")
    select = page.locator(".sp-console .sp-console-bar select").first
    groups = list(dict.fromkeys(c.group for c in CALCULATORS))
    for group in groups:
        expected = next(c.title for c in CALCULATORS if c.group == group)
        select.select_option(label=group)
        page.wait_for_function(
            "t => document.querySelector('.sp-console .sp-console-title').innerText === t",
            arg=expected,
        )
        page.locator(
            ".sp-console .sp-stage .sp-result, .sp-console .sp-stage .sp-error"
        ).first.wait_for(state="visible")
        assert page.locator(".sp-console .sp-stage .sp-error").count() == 0, group
    assert not watched.errors, "\n".join(watched.errors)
    assert not watched.outside, f"requests that left 127.0.0.1: {watched.outside}"


def test_projected_scoreboard_shows_a_deal_recorded_in_another_page(gallery, browser):
    """A scorer records a team's deal in one page; the projected scoreboard shows it by itself."""
    board_page = Watched(browser)
    scorer_page = Watched(browser)
    try:
        board, scorer = board_page.page, scorer_page.page
        for page in (board, scorer):
            page.set_default_timeout(90_000)
        board_calc = next(c for c in CALCULATORS if c.name == "scoreboard_calculator")
        scorer_calc = next(c for c in CALCULATORS if c.name == "discount_request_scorer_calculator")
        board.goto(gallery.url(board_calc.notebook), wait_until="commit")
        board.locator(".sp-calc .sp-result").first.wait_for(state="visible")
        team = f"Table {int(time.time()) % 100_000}"
        assert team not in board.locator(".sp-calc").inner_text()

        scorer.goto(gallery.url(scorer_calc.notebook), wait_until="commit")
        scorer.locator(".sp-calc .sp-result").first.wait_for(state="visible")
        box = scorer.locator(".sp-calc .widget-text").filter(has_text="Team").locator("input")
        box.fill(team)
        box.press("Enter")
        scorer.get_by_role("button", name="Record this deal").click()
        scorer.get_by_text("Recorded").first.wait_for()

        # no click on the board: it follows the file by itself, ranking choice kept
        board.locator(".sp-calc .sp-result").filter(has_text=team).wait_for(timeout=30_000)
        assert "updated" in board.locator(".sp-calc").inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        board.screenshot(path=str(SCREENSHOTS / "scoreboard-live.png"), full_page=True)
        for w in (board_page, scorer_page):
            assert not w.errors, "\n".join(w.errors)
            assert not w.outside, f"requests that left 127.0.0.1: {w.outside}"
    finally:
        board_page.close()
        scorer_page.close()
