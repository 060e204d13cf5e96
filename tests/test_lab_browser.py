"""What a learner sees in JupyterLab (`make lab`) matches the book: MyST renders, no news prompt.

JupyterLab is started the way ``make lab`` starts it (``tools/lab.py``: 127.0.0.1, a known
token, the course's ``tools/jupyter_lab_config.py``), with empty user settings and
workspaces (as on a fresh clone: nothing remembered from an earlier session). Debian's
chromium, driven by Playwright as in ``test_browser.py``, opens labs and checks that

* the markdown cells and the markdown that code wrote (``say(...)`` outputs) show no raw
  MyST markup: no ``{term}`...```, no ````{directive}`` fence, no ``:::`` fence, no
  ``{glue}`` role (``jupyterlab-myst`` renders MyST; plain JupyterLab shows it raw);
* every glossary word of a cell renders as its word, marked as a link;
* an admonition renders as a box with its title (``tests/lab_myst_sample.ipynb`` holds
  each MyST form the course uses: glossary words, math, admonitions, a colon fence);
* the "Would you like to get notified about official Jupyter news?" prompt does not
  appear, while the same JupyterLab without the course's settings shows it (so the check
  can fail);
* no request leaves 127.0.0.1 (the ``browser`` fixture of ``conftest.py`` records them).

A screenshot of each lab goes to ``_build/screenshots/lab-*.png``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from servers import free_port, stop, wait_for_http

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "_build" / "screenshots"
TOKEN = "sp-lab-browser-token-0123456789"
SAMPLE = "tests/lab_myst_sample.ipynb"
LABS = [
    "notebooks/00_welcome.ipynb",
    "notebooks/03_pricing/01_margin_and_discounts.ipynb",
    "notebooks/09_incentives/01_tiered_bonus.ipynb",
    SAMPLE,
]
RAW_MYST = ("{term}`", "```{", ":::", "{glue", "{math}`", "{ref}`", "{doc}`")
NEWS_PROMPT = "notified about official Jupyter news"
#: A markdown cell as rendered: by jupyterlab-myst, or by plain JupyterLab (markup left raw).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show
RENDERED_CELL = f"{PANEL} .jp-MarkdownCell .myst, {PANEL} .jp-MarkdownCell .jp-MarkdownOutput"
MARKDOWN_OUTPUT = f'{PANEL} .jp-OutputArea-output[data-mime-type="text/markdown"]'
TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<[^>]+>)?`")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


class Lab:
    """``tools/lab.py`` on a free port with a known token and empty user settings."""

    def __init__(self, tmp: Path, extra: list[str] = ()):
        self.port = free_port()
        for name in ("settings", "workspaces"):
            (tmp / name).mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "JUPYTER_TOKEN": TOKEN,
            "CI": "true",
            # a fresh clone's first start: no user settings, no remembered workspace
            "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        }
        self.log = tmp / "lab.log"
        with open(self.log, "w") as handle:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "tools" / "lab.py"),
                    "--port",
                    str(self.port),
                    # the checkpoints JupyterLab makes on opening a notebook: not in the repo
                    f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}",
                    *extra,
                ],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for_http(self.url("api/status"), self.proc, timeout=90)
        except (RuntimeError, TimeoutError):
            stop(self.proc)
            pytest.fail("JupyterLab did not start:\n" + self.log.read_text(errors="replace"))

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={TOKEN}"

    def close(self) -> None:
        stop(self.proc)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    running = Lab(tmp_path_factory.mktemp("lab"))
    yield running
    running.close()


def open_notebook(context, lab: Lab, notebook: str):
    """Open a notebook in JupyterLab; wait until its markdown cells have rendered."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    # `reset`: a fresh workspace, so only this notebook is open
    page.goto(lab.url(f"lab/tree/{notebook}") + "&reset", wait_until="domcontentloaded")
    page.locator(f"{PANEL} .jp-Cell").first.wait_for(state="attached")
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    markdown = sum(c["cell_type"] == "markdown" for c in cells)
    page.wait_for_function(f"document.querySelectorAll({RENDERED_CELL!r}).length >= {markdown}")
    # every cell drawn once (JupyterLab draws cells as they scroll into view)
    page.evaluate(
        "document.querySelectorAll('.jp-Notebook .jp-Cell').forEach(c => c.scrollIntoView())"
    )
    page.wait_for_timeout(1500)  # the MyST renderer works asynchronously
    return page


def rendered_texts(page) -> list[str]:
    """The text of every rendered markdown cell and markdown output (not the hidden source)."""
    return page.evaluate(
        f"() => [...document.querySelectorAll({RENDERED_CELL + ', ' + MARKDOWN_OUTPUT!r})]"
        ".map(e => e.textContent)"
    )


def toasts(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.Toastify__toast, .jp-Notification-Toast')]"
        ".map(e => e.textContent)"
    )


@pytest.mark.parametrize("notebook", LABS)
def test_lab_renders_myst_and_asks_no_news(browser, lab, notebook):
    outside_before = len(browser.outside)
    page = open_notebook(browser, lab, notebook)
    try:
        texts = rendered_texts(page)
        assert texts, "no markdown rendered"
        raw = [(marker, t[:120]) for t in texts for marker in RAW_MYST if marker in t]
        assert not raw, f"raw MyST markup in JupyterLab: {raw}"

        # each glossary word renders as the word, inside a link
        source = "\n".join(
            "".join(c["source"])
            for c in json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"
        )
        words = sorted({m.group(1).strip() for m in TERM.finditer(source)})
        links = set(
            page.evaluate(
                f"() => [...document.querySelectorAll({RENDERED_CELL.replace(',', ' a,') + ' a'!r})]"
                ".map(a => a.textContent.trim())"
            )
        )
        missing = [w for w in words if w not in links]
        assert not missing, f"glossary words not rendered as links: {missing}"

        if notebook == SAMPLE:
            assert words == ["caps", "contribution margin"]
            boxes = page.locator(f"{PANEL} .jp-MarkdownCell aside.myst-admonition")
            assert boxes.count() == 4, "admonition, note, warning and tip render as boxes"
            titles = [
                boxes.nth(i).locator(".myst-admonition-header").inner_text().strip()
                for i in range(4)
            ]
            assert titles == ["After this lab you can", "Note", "Warning", "Tip"]
            assert page.locator(f"{PANEL} .jp-MarkdownCell .myst .katex-html").count() == 2, (
                "math renders"
            )

        page.wait_for_timeout(2000)  # the news prompt comes a moment after start
        assert not [t for t in toasts(page) if NEWS_PROMPT in t], "the news prompt appears"
        page.evaluate(f"document.querySelector('{PANEL} .jp-Cell').scrollIntoView()")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"lab-{Path(notebook).stem}.png"))
    finally:
        page.close()
    outside = browser.outside[outside_before:]
    assert not outside, f"requests that left 127.0.0.1: {outside}"


def test_without_the_course_settings_the_news_prompt_appears(browser, tmp_path):
    """The check above can fail: plain JupyterLab settings ask about the news."""
    bare = Lab(tmp_path, ["--LabApp.app_settings_dir=" + str(tmp_path / "no-overrides")])
    page = None
    try:
        page = open_notebook(browser, bare, SAMPLE)
        page.wait_for_function(
            f"[...document.querySelectorAll('.Toastify__toast, .jp-Notification-Toast')]"
            f".some(e => e.textContent.includes({NEWS_PROMPT!r}))",
            timeout=30_000,
        )
    finally:
        if page is not None:
            page.close()
        bare.close()
