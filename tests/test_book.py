"""The static book: it builds with no warnings and works with no internet.

The book is built once (``tools/build_book.py --out <tmp>``, i.e. ``jupyter-book build
-W -n --keep-going`` semantics) into a temporary folder, then the HTML, CSS and JS it
produced are inspected:

- the build exits 0 and reports no warning; every page in ``_toc.yml`` has its HTML;
- nothing a browser would fetch points outside the book: no ``http(s)://`` or ``//``
  URL (other than 127.0.0.1/localhost) and no absolute ``/path`` (the book may be
  hosted under a subpath) in script/img/iframe/source/... ``src``, ``link href``,
  inline or built CSS ``url()``/``@import``, or widget HTML in the saved widget state;
- the widget manager (``embed-amd.js`` and the fonts it asks for), require.js and
  MathJax 3 (with its fonts) are in the build, and the pages that need them load the
  local copies, the widget config script first;
- every notebook that displays widgets was saved with their state, and its page
  embeds it (a notebook saved without state shows no calculator, silently);
- HTML outputs of notebooks (self-check quizzes: ``<style>``, radio ``<input>``)
  reach the page intact;
- the vendored files still match the checksums recorded when they were vendored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from servers import toc_files

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Attributes whose URL the browser fetches by itself, per tag.
FETCHED_ATTRS = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
# <link rel=...> values that only name a related page and are never fetched.
NAVIGATION_RELS = {"index", "search", "next", "prev", "up", "author", "license", "help", "top"}

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:\\?["'])?\s*([^"')\\\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*\\?["']([^"'\\]+)""")
HTML_SRC_IN_JSON = re.compile(r"""\b(?:src|srcset)\s*=\s*\\*["']?([^"'\\\s>]+)""")


# --------------------------------------------------------------------------- helpers


def is_fetch_outside(url: str) -> bool:
    """True if a browser fetching ``url`` from a page of the book would leave the book.

    Relative URLs stay inside; data:/blob: need no request; http(s) or ``//`` URLs to
    another host leave the machine; an absolute ``/path`` breaks under a subpath.
    """
    url = url.strip()
    if not url or url.startswith(("#", "data:", "blob:", "about:", "javascript:", "mailto:")):
        return False
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return parts.hostname not in LOCAL_HOSTS
    return url.startswith("/")


def srcset_urls(value: str) -> list[str]:
    return [item.strip().split()[0] for item in value.split(",") if item.strip()]


class PageParser(HTMLParser):
    """Collect tags with their attributes, and the text of scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []  # (attrs, body)
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag in ("script", "style"):
            self._open, self._text = (tag, attributes), []

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            body = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._open[1], body))
            else:
                self.styles.append(body)
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


@dataclass
class Page:
    path: Path
    html: str
    parsed: PageParser

    def script_srcs(self) -> list[str]:
        return [a["src"] for t, a in self.parsed.tags if t == "script" and a.get("src")]

    def widget_state(self) -> list[str]:
        return [body for a, body in self.parsed.scripts if a.get("type") == WIDGET_STATE]


def css_urls(text: str) -> list[str]:
    text = CSS_COMMENT.sub("", text)
    return CSS_URL.findall(text) + CSS_IMPORT.findall(text)


def page_violations(page: Page) -> list[str]:
    """Every URL on the page that a browser would fetch from outside the book."""
    found = []
    for tag, attrs in page.parsed.tags:
        for attr in FETCHED_ATTRS.get(tag, ()):
            if attr not in attrs:
                continue
            rels = set(attrs.get("rel", "").lower().split())
            if tag == "link" and rels and rels <= NAVIGATION_RELS:
                continue
            if tag == "input" and attrs.get("type", "").lower() != "image":
                continue
            urls = srcset_urls(attrs[attr]) if attr == "srcset" else [attrs[attr]]
            found += [f"<{tag} {attr}={u!r}>" for u in urls if is_fetch_outside(u)]
        if "style" in attrs:
            bad = [u for u in css_urls(attrs["style"]) if is_fetch_outside(u)]
            found += [f"<{tag} style=url({u!r})>" for u in bad]
    for style in page.parsed.styles:
        found += [f"<style> url({u!r})" for u in css_urls(style) if is_fetch_outside(u)]
    for body in page.widget_state():
        urls = HTML_SRC_IN_JSON.findall(body) + css_urls(body)
        found += [f"widget state: {u!r}" for u in urls if is_fetch_outside(u)]
    return found


def html_for(out: Path, docname: str) -> Path:
    return out / (str(Path(docname).with_suffix("")) + ".html")


def toc_notebooks() -> list[str]:
    return [f for f in toc_files() if f.endswith(".ipynb")]


def shown_outputs(notebook: dict):
    """Outputs of code cells whose output the book shows (not removed by tags)."""
    for cell in notebook["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] != "code" or tags & {"remove-output", "remove-cell"}:
            continue
        yield from cell.get("outputs", [])


def text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


# --------------------------------------------------------------------------- fixture


@dataclass
class Build:
    out: Path
    returncode: int
    log: str
    seconds: float


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Build:
    out = tmp_path_factory.mktemp("book") / "html"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_book.py"), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = time.perf_counter() - start
    print(f"\nbook build: {seconds:.1f} s, exit {proc.returncode}")
    return Build(out, proc.returncode, proc.stdout + proc.stderr, seconds)


@pytest.fixture(scope="module")
def pages(book: Build) -> dict[Path, Page]:
    result = {}
    for path in sorted(book.out.rglob("*.html")):
        html = path.read_text(encoding="utf8")
        parser = PageParser()
        parser.feed(html)
        result[path] = Page(path, html, parser)
    return result


# --------------------------------------------------------------------------- tests


def test_build_exits_zero_without_warnings(book: Build):
    problem = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE):")
    problems = [line for line in book.log.splitlines() if problem.search(line)]
    assert book.returncode == 0, f"book build failed:\n{book.log[-5000:]}"
    assert problems == [], "the build reported:\n" + "\n".join(problems)
    assert (book.out / "index.html").is_file()


def test_every_toc_page_has_html(book: Build):
    missing = [f for f in toc_files() if not html_for(book.out, f).is_file()]
    assert missing == [], f"no HTML for: {missing}"


def test_nothing_is_fetched_from_outside_the_book(book: Build, pages: dict[Path, Page]):
    assert pages, "no HTML pages were built"
    found = []
    for path, page in pages.items():
        found += [f"{path.relative_to(book.out)}: {v}" for v in page_violations(page)]
    for path in sorted(book.out.rglob("*")):
        if path.suffix not in (".css", ".js") or not path.is_file():
            continue
        content = path.read_text(encoding="utf8", errors="replace")
        bad = [u for u in css_urls(content) if is_fetch_outside(u)]
        found += [f"{path.relative_to(book.out)}: url({u!r})" for u in bad]
    assert found == [], "fetched from outside the book:\n" + "\n".join(found[:50])


def test_no_thebe_or_launch_buttons(pages: dict[Path, Page]):
    offenders = [
        p.name
        for p, page in pages.items()
        if re.search(r"THEBE_JS_URL|sphinx-thebe\.js|mybinder\.org|colab\.research", page.html)
    ]
    assert offenders == []


def test_widget_manager_and_require_are_local(book: Build, pages: dict[Path, Page]):
    static = book.out / "_static" / "offline"
    dist = static / "html-manager" / "dist"
    for needed in (static / "widgets-config.js", static / "require.js", dist / "embed-amd.js"):
        assert needed.is_file(), f"missing {needed.relative_to(book.out)}"
    # The fonts the widget manager asks for (webpack asset names) are all there
    # (woff2 at least: every current browser takes the first format it supports).
    embed = (dist / "embed-amd.js").read_text(encoding="utf8")
    fonts = set(re.findall(r'"([0-9a-f]{20}\.woff2)"', embed))
    assert fonts, "no font references found in embed-amd.js"
    assert sorted(f for f in fonts if not (dist / f).is_file()) == []

    widget_pages = [page for page in pages.values() if page.widget_state()]
    assert widget_pages, "no page embeds widget state"
    for page in widget_pages:
        srcs = [s.split("?")[0] for s in page.script_srcs()]
        names = [
            "offline/widgets-config.js",
            "offline/require.js",
            "offline/html-manager/dist/embed-amd.js",
        ]
        positions = []
        for name in names:
            hits = [i for i, s in enumerate(srcs) if s.endswith("_static/" + name)]
            assert hits, f"{page.path.name} does not load _static/{name}"
            target = (page.path.parent / srcs[hits[0]]).resolve()
            assert target.is_file(), f"{page.path.name}: {srcs[hits[0]]} does not resolve"
            positions.append(hits[0])
        assert positions == sorted(positions), f"{page.path.name}: wrong script order {srcs}"


def test_vendored_files_match_their_checksums():
    static = ROOT / "_offline" / "static" / "offline"
    sums = (static / "SHA256SUMS").read_text(encoding="utf8").split("\n")
    recorded = {line.split()[1]: line.split()[0] for line in sums if line.strip()}
    assert "./html-manager/dist/embed-amd.js" in recorded
    changed = [
        name
        for name, digest in recorded.items()
        if hashlib.sha256((static / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], f"vendored files changed (re-run _offline/update_vendor.sh): {changed}"


def test_mathjax_is_local_and_loaded_where_math_is(book: Build, pages: dict[Path, Page]):
    mathjax = book.out / "_static" / "mathjax"
    assert (mathjax / "tex-chtml.js").is_file()
    assert 'VERSION="3.' in (mathjax / "tex-chtml.js").read_text(encoding="utf8")
    fonts = mathjax / "output" / "chtml" / "fonts" / "woff-v2"
    assert list(fonts.glob("*.woff")), "no MathJax fonts"
    # Pages with math, and pages with widgets (labels may hold math), load it.
    math_pages = [p for p in pages.values() if re.search(r'class="[^"]*\bmath\b', p.html)]
    assert math_pages, "no page with math: expected at least the intro's formula"
    for page in math_pages + [p for p in pages.values() if p.widget_state()]:
        srcs = [s.split("?")[0] for s in page.script_srcs()]
        local = [s for s in srcs if s.endswith("_static/mathjax/tex-chtml.js")]
        assert local, f"{page.path.name} does not load the local MathJax"
        assert (page.path.parent / local[0]).resolve().is_file()


def test_widget_notebooks_saved_with_state_and_embedded(book: Build):
    with_widgets = 0
    for docname in toc_notebooks():
        notebook = json.loads((ROOT / docname).read_text(encoding="utf8"))
        views = [
            o["data"][WIDGET_VIEW]["model_id"]
            for o in shown_outputs(notebook)
            if WIDGET_VIEW in o.get("data", {})
        ]
        if not views:
            continue
        with_widgets += 1
        saved = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
        state = saved.get("state", {})
        assert state, (
            f"{docname} displays widgets but was saved without widget state "
            "(run tools/run_notebooks.py)"
        )
        lost = [v for v in views if v not in state]
        assert lost == [], f"{docname}: widget views without saved state: {lost}"
        html = html_for(book.out, docname).read_text(encoding="utf8")
        assert f'<script type="{WIDGET_STATE}">' in html, f"{docname}: page has no widget state"
        assert all(v in html for v in views), f"{docname}: page lacks some widget views"
    assert with_widgets, "no notebook in the toc displays a calculator"


def test_notebook_html_outputs_keep_styles_and_inputs(book: Build):
    for docname in toc_notebooks():
        notebook = json.loads((ROOT / docname).read_text(encoding="utf8"))
        html_outputs = [
            text(o["data"]["text/html"])
            for o in shown_outputs(notebook)
            if "text/html" in o.get("data", {})
        ]
        if not html_outputs:
            continue
        page = html_for(book.out, docname).read_text(encoding="utf8")
        for tag in ("<style", "<input"):
            expected = sum(h.count(tag) for h in html_outputs)
            assert page.count(tag) >= expected, f"{docname}: {tag}> lost from notebook HTML outputs"


#: Modules whose contract functions carry numpydoc sections (clv and data document
#: their own; they are checked for presence only).
NUMPYDOC_MODULES = (
    "pricing",
    "costs",
    "funnel",
    "forecast",
    "incentives",
    "marketing",
    "quality",
    "experiments",
    "segmentation",
    "targets",
    "training",
)


def api_entries(html: str) -> dict[str, str]:
    """Each documented function's id and the HTML of its entry (signature and body)."""
    parts = re.split(r'<dt class="sig sig-object py" id="([\w.]+)">', html)
    return dict(zip(parts[1::2], parts[2::2]))


def test_api_appendix_documents_the_contract(book: Build):
    from test_api_contract import CONTRACT

    folder = book.out / "book" / "appendix" / "api"
    entries = {}
    for page in sorted(folder.glob("*.html")):
        entries.update(api_entries(page.read_text(encoding="utf8")))
    names = [f"salesprofit.{m}.{n}" for m, ns in CONTRACT.items() for n in ns]
    assert [n for n in names if n not in entries] == [], "contract names not in the appendix"
    incomplete = []
    for name in names:
        module = name.split(".")[1]
        if module not in NUMPYDOC_MODULES:
            continue
        body = entries[name]
        lacking = [s for s in ("Parameters", "Returns", "Raises", "Examples") if s not in body]
        if lacking or "&gt;&gt;&gt;" not in body:
            incomplete.append(f"{name}: {lacking or 'no example'}")
    assert incomplete == [], "API entries without their numpydoc sections:\n" + "\n".join(
        incomplete
    )


def test_readme_and_design_link_only_files_that_exist():
    link = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
    missing = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "DESIGN.md"):
        text = doc.read_text(encoding="utf8")
        targets = [t for t in link.findall(text) if "://" not in t]
        missing += [f"{doc.name}: {t}" for t in targets if not (doc.parent / t).exists()]
    assert missing == []
    readme = (ROOT / "README.md").read_text(encoding="utf8")
    assert "docs/DESIGN.md" in readme and "book/appendix/api/index.md" in readme
