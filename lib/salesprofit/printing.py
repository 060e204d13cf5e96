"""Print: self-contained HTML pages to A4 PDF bytes, with the browser the course already uses.

Trainers print role-play packs and workbooks (``make print``); a learner prints a
capstone profit plan; a manager prints the report on their own export. All of them go
through :func:`html_to_pdf`: Debian's chromium driven by Playwright (never a download,
never LaTeX), offline. Every request the page makes that is not ``data:``, ``about:``
or a local file is refused and reported, so a printout can never fetch anything from
the network.

:func:`document` wraps body HTML in the course's print style: A4, black text on white
that stays readable on a black-and-white printer, tables that do not split a row
across pages, and ``<section class="sheet">`` blocks that each start on a new page
(one role's brief per sheet, so briefs can be handed out separately).

Playwright runs in a worker thread of its own, so this works from a script and from a
notebook kernel alike (a kernel's main thread already runs an event loop, where
Playwright's synchronous API refuses to start). Like :mod:`salesprofit.export`, it
returns bytes and writes nothing to disk.
"""

from __future__ import annotations

import concurrent.futures
import html as _html
import os
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PRINT_CSS", "PrintError", "Printed", "chromium_path", "document", "html_to_pdf"]

#: Chromium switches: headless, no background traffic, and a dead proxy for everything
#: but loopback, so nothing reaches the network even if a page asks.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=http://127.0.0.1:9",
)

#: The print style of every course PDF (A4, black and white, sheets on their own pages).
PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans", sans-serif;
       font-size: 10.5pt; line-height: 1.4; color: #000; background: #fff; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 6pt; } h2 { font-size: 13pt; margin: 12pt 0 4pt; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p, li { orphans: 3; widows: 3; }
section.sheet { break-before: page; page-break-before: always; }
section.sheet:first-of-type { break-before: auto; page-break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt;
        table-layout: auto; }
th, td { border: 0.6pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr, img, .keep { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
th { background: #e6e6e6; }
img { max-width: 100%; }
.box { border: 0.8pt solid #000; min-height: 14mm; margin: 3pt 0; }
.write { border-bottom: 0.6pt solid #000; display: inline-block; min-width: 30mm; height: 1.2em; }
.small { font-size: 8.5pt; }
.muted { color: #333; }
"""

_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#000;">'
    '{title} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PrintError(RuntimeError):
    """A PDF could not be made (no browser on this computer, or a page failed to print)."""


@dataclass(frozen=True)
class Printed:
    """One printed document: the PDF bytes and any request the page tried to make outside."""

    pdf: bytes
    outside_requests: tuple[str, ...]


def chromium_path() -> str | None:
    """Debian's chromium, or the one named by ``CHROMIUM`` (never Playwright's download)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def document(title: str, body: str, *, lang: str = "en", css: str = "") -> str:
    """A complete HTML page in the course's print style around ``body`` (trusted HTML).

    >>> page = document("Kit 01", "<p>Hello</p>")
    >>> page.startswith("<!DOCTYPE html>") and "<title>Kit 01</title>" in page
    True
    """
    return (
        f'<!DOCTYPE html><html lang="{_html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{_html.escape(title)}</title><style>{PRINT_CSS}{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def _guard(outside: list[str]):
    """A route handler that lets local content through and refuses (and notes) the rest."""

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "about:", "file:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    return guard


def _print_all(pages: Sequence[tuple[str, str]], browser: str) -> list[Printed]:
    from playwright.sync_api import sync_playwright

    done: list[Printed] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=browser, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            for title, page_html in pages:
                page = chromium.new_page()
                outside: list[str] = []

                page.route("**/*", _guard(outside))
                page.set_content(page_html, wait_until="load")
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_FOOTER.format(title=_html.escape(title)),
                )
                page.close()
                done.append(Printed(pdf=pdf, outside_requests=tuple(outside)))
        finally:
            chromium.close()
    return done


def html_to_pdf(pages: Sequence[tuple[str, str]]) -> list[Printed]:
    """Print each ``(title, html)`` page to A4 PDF bytes, in one browser session.

    ``title`` goes into every page's footer with the page number. Raises
    :class:`PrintError` with what to do when this computer has no chromium.
    """
    browser = chromium_path()
    if browser is None:
        raise PrintError(
            "A PDF needs the Chromium browser, which this computer does not have. "
            "Ask whoever set up the course to run `make venv` as administrator (root), "
            "or to install it with `sudo apt-get install chromium`; the Excel file works without it."
        )
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_print_all, list(pages), browser).result()
        except Exception as exc:
            raise PrintError(
                f"The PDF could not be printed ({type(exc).__name__}: {exc})."
            ) from exc
