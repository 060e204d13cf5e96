"""The print path (salesprofit.printing): A4 PDFs from self-contained HTML, offline."""

import io
import os

import pytest

from salesprofit import printing

pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def printed():
    if printing.chromium_path() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: run `make venv` as root")
        pytest.skip("chromium is not installed")
    body = (
        "<h1>Pack</h1><p>Scenario</p>"
        "<section class='sheet'><h2>Seller brief</h2><img src='https://example.com/x.png'></section>"
        "<section class='sheet'><h2>Buyer brief 买方</h2></section>"
    )
    (doc,) = printing.html_to_pdf([("Kit test", printing.document("Kit test", body))])
    return doc


def test_each_sheet_starts_a_page_on_a4(printed):
    reader = pypdf.PdfReader(io.BytesIO(printed.pdf))
    # the first sheet shares the cover page; the second starts a new page
    assert len(reader.pages) == 2
    assert "Seller brief" in reader.pages[0].extract_text()
    assert "Buyer brief" in reader.pages[1].extract_text()
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595.28, abs=1)  # A4: 210 mm = 595.28 pt
    assert float(box.height) == pytest.approx(841.89, abs=1)  # 297 mm


def test_footer_numbers_pages(printed):
    reader = pypdf.PdfReader(io.BytesIO(printed.pdf))
    assert "Kit test · 2 / 2" in reader.pages[1].extract_text()


def test_outside_requests_are_refused_and_reported(printed):
    assert printed.outside_requests == ("https://example.com/x.png",)


def test_no_browser_is_a_clear_message(monkeypatch):
    monkeypatch.setattr(printing, "chromium_path", lambda: None)
    with pytest.raises(printing.PrintError, match="Chromium browser"):
        printing.html_to_pdf([("x", "<p>x</p>")])
