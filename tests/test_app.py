"""`make app`: the Voilà calculator gallery (tools/app.py).

The gallery is started once (session fixture in ``conftest.py``); every page is fetched
over HTTP and the widget state of its kernel is read back the way the page's widget
manager reads it, so a calculator that fails to build or shows an error fails here
even without a browser (``test_browser.py`` drives them in chromium).
"""

from __future__ import annotations

import concurrent.futures
import html as htmlmod
import re
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from servers import WIDGET_VIEW, page_outputs, shutdown_kernel, widget_states

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import app  # noqa: E402

pytestmark = pytest.mark.slow


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=120) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        e.close()
        return e.code, ""


def test_discovery_finds_the_chapter_3_calculators_including_data_backed_ones():
    calcs, broken = app.discover()
    names = {(c.module, c.name) for c in calcs}
    assert {
        ("pricing", "breakeven_calculator"),
        ("pricing", "waterfall_calculator"),
        ("pricing", "optimal_price_calculator"),
    } <= names
    # the dynamic-pricing simulator needs a season: the gallery opens it on Huaxin's
    assert ("pricing", "dynamic_pricing_calculator") in names
    assert broken == {}, f"calculator modules that do not import: {broken}"
    pricing = [c for c in calcs if c.module == "pricing"]
    assert pricing[0].chapter == 3 and pricing[0].group.startswith("3. ")
    assert pricing[0].title == "Discount break-even: the extra volume every point of discount needs"
    assert len({c.notebook for c in calcs}) == len(calcs)
    chapters = [c.chapter for c in calcs if c.chapter is not None]
    assert chapters == sorted(chapters)


def lab_builders() -> dict[int, set[tuple[str, str]]]:
    """Chapter -> the calculator builders its labs call (``<alias>.<name>_calculator(``)."""
    import json

    found: dict[int, set[tuple[str, str]]] = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*/*.ipynb")):
        chapter = int(path.parent.name[:2])
        code = "\n".join(
            "".join(c["source"])
            for c in json.loads(path.read_text(encoding="utf8"))["cells"]
            if c["cell_type"] == "code"
        )
        aliases = dict(
            (alias or module, module)
            for module, alias in re.findall(
                r"from salesprofit\.ui import (\w+)(?: as (\w+))?", code
            )
        )
        for alias, name in re.findall(r"\b(\w+)\.(\w+_(?:calculator|explorer))\(", code):
            if alias in aliases:
                found.setdefault(chapter, set()).add((aliases[alias], name))
    return found


def test_every_chapter_with_calculators_in_its_labs_is_in_the_gallery():
    calcs, _ = app.discover()
    in_gallery = {(c.module, c.name) for c in calcs}
    chapters = {c.chapter for c in calcs}
    labs = lab_builders()
    assert len(labs) == 16, f"chapters whose labs call calculators: {sorted(labs)}"
    missing_chapters = sorted(set(labs) - chapters)
    assert not missing_chapters, (
        f"chapters with calculators in their labs but none in the gallery: {missing_chapters}"
    )
    missing = sorted(
        (ch, m, n) for ch, builders in labs.items() for m, n in builders if (m, n) not in in_gallery
    )
    assert not missing, f"lab calculators the gallery does not open: {missing}"


def test_no_calculator_title_is_a_function_name():
    calcs, _ = app.discover()
    machine = [
        c for c in calcs if c.title.lower() in {c.name.replace("_", " "), c.name} or "_" in c.title
    ]
    assert not machine, [f"{c.module}.{c.name}: {c.title!r}" for c in machine]
    groups = {c.group for c in calcs}
    assert "Role-play kits" in groups, groups
    assert all(len(g) <= 60 for g in groups), groups


def test_no_argument_call():
    def a(x=1, *args, **kw): ...
    def b(x, y=2): ...

    assert app.no_argument_call(a) and not app.no_argument_call(b)


def test_the_template_loads_nothing_from_the_internet(gallery):
    text = (
        app.share_dir(gallery.log.parent / "app")
        / "voila"
        / "templates"
        / app.TEMPLATE
        / "index.html.j2"
    ).read_text(encoding="utf8")
    assert (
        "cdn.jsdelivr.net" not in text and "extends 'nbconvert/templates/lab/index.html.j2'" in text
    )
    status, page = fetch(gallery.url("index.ipynb"))
    assert status == 200
    assert not re.search(r"<(?:link|script)[^>]+(?:href|src)=\"(?:https?:)?//", page)


def test_the_gallery_needs_the_token_and_listens_on_loopback_only(gallery):
    assert fetch(gallery.url("index.ipynb", token=False))[0] in (302, 403)
    other = [
        a
        for a in {i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        if not a.startswith("127.")
    ]
    for address in other:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((address, gallery.port)) != 0, f"Voilà answers on {address}"


def test_the_index_links_every_calculator_by_chapter(gallery):
    status, page = fetch(gallery.url("index.ipynb"))
    assert status == 200
    text = htmlmod.unescape(page)
    assert gallery.calculators, "no calculator discovered"
    for calc in gallery.calculators:
        assert f'href="{calc.notebook}"' in text, calc
        assert calc.title in text
        assert calc.group in text


def check_page(gallery, calc) -> list[str]:
    """What is wrong with one gallery page (nothing if it renders its calculator)."""
    problems = []
    status, page = fetch(gallery.url(calc.notebook))
    if status != 200:
        return [f"{calc.notebook}: HTTP {status}"]
    kernel_id, outputs = page_outputs(page)
    try:
        if any(o.get("output_type") == "error" or o.get("name") == "stderr" for o in outputs):
            return [f"{calc.notebook}: error output {outputs}"]
        if "salesprofit.ui" in page or "import " in page.split("</head>", 1)[-1]:
            problems.append(f"{calc.notebook}: the code is shown")
        views = [
            o["data"][WIDGET_VIEW]["model_id"] for o in outputs if WIDGET_VIEW in o.get("data", {})
        ]
        if len(views) != 1:
            return problems + [f"{calc.notebook}: {len(views)} widget views"]
        states = widget_states(gallery.port, gallery.token, kernel_id)
    finally:
        shutdown_kernel(gallery.port, gallery.token, kernel_id)
    root = states.get(views[0], {}).get("state", {})
    if root.get("_model_name") != "VBoxModel" or "sp-calc" not in root.get("_dom_classes", []):
        return problems + [
            f"{calc.notebook}: the view is not a calculator: {root.get('_model_name')}"
        ]
    images = [
        s["state"].get("value")
        for s in states.values()
        if s["state"].get("_model_name") == "ImageModel"
    ]
    # a chart, when there is one, is a PNG (calculators without a chart leave it empty)
    if any(v and not (isinstance(v, bytes) and v[:8] == b"\x89PNG\r\n\x1a\n") for v in images):
        problems.append(f"{calc.notebook}: its chart is not a PNG")
    html_values = [
        s["state"].get("value", "")
        for s in states.values()
        if s["state"].get("_model_name") == "HTMLModel"
    ]
    if not any('class="sp-result"' in v for v in html_values):
        problems.append(f"{calc.notebook}: no result shown")
    if any("sp-error" in v and "Check the inputs" in v for v in html_values):
        problems.append(f"{calc.notebook}: shows an error at its initial values")
    if not any(s["state"].get("_model_name") in INPUT_MODELS for s in states.values()):
        problems.append(f"{calc.notebook}: no inputs")
    return problems


INPUT_MODELS = {
    "FloatSliderModel",
    "IntSliderModel",
    "BoundedFloatTextModel",
    "FloatTextModel",
    "DropdownModel",
    "IntTextModel",
    "BoundedIntTextModel",
    "TextModel",
    "SelectionSliderModel",
    "ToggleButtonsModel",
    "RadioButtonsModel",
    "CheckboxModel",
    "FloatRangeSliderModel",
    "IntRangeSliderModel",
    "TextareaModel",
    "SelectModel",
    "SelectMultipleModel",
    "ButtonModel",
    "FileUploadModel",
}


def test_every_gallery_page_renders_its_calculator_with_state(gallery):
    # two pages at a time (each page starts its own kernel)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda c: check_page(gallery, c), gallery.calculators))
    problems = [p for r in results for p in r]
    assert not problems, "\n".join(problems)
