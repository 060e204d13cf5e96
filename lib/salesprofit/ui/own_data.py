"""The "your own data" lab: upload or name an export, see the validation report, then
the course's analyses on it (:mod:`salesprofit.own_data`), with Excel/CSV downloads.

The file is processed in memory (an upload never touches the disk; a path is only
read). A file that cannot be read shows the reader's sentences (file, column, Excel
rows, what was expected), never a traceback; an analysis the file's columns do not
allow is listed as skipped with the reason, and the others still run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import fmt
from ..data import DataError
from ..export import download_link
from ..fmt import esc
from .base import LAYOUT, STYLE, Calculator, Result

__all__ = [
    "EXAMPLES",
    "LabReport",
    "compute_check",
    "compute_own_data",
    "corpus_outcomes",
    "dates_as_text",
    "export_tables",
    "file_check",
    "own_data_lab",
    "problems_html",
    "validation_html",
]

SAMPLE = Path(__file__).resolve().parents[3].joinpath("tests", "corpus", "sample_export_gbk.csv")
TOP = 10  # rows shown per table (own_data.TOP: the figures quoted for them)
_CACHE: dict[tuple[str, str, str], Result] = {}
_WRAP = '<div style="white-space: normal; max-width: 48em; overflow-x: auto">{}</div>'


@dataclass
class LabReport:
    """What the lab computed: the import (or the error) and each analysis' result."""

    source: str = ""
    imported: Any = None  #: salesprofit.crm_import.CrmImport
    error: str | None = None
    results: dict[str, Any] = field(default_factory=dict)  #: own_data.AnalysisResult by key
    overview: Any = None  #: own_data.Overview of the lines
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  #: what the downloads hold


def _png_tag(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{esc(alt)}" style="max-width:640px" src="data:image/png;base64,{data}"/>'


def problems_html(message: str) -> str:
    """The reader's refusal as a list a salesperson can work through."""
    items = ""
    for line in message.splitlines():
        if line.strip():
            items += f"<li>{esc(line)}</li>"
    return (
        '<div class="sp-error"><b>This file cannot be analysed yet.</b><ul>'
        f"{items}</ul>Fix the file (or give a column mapping) and load it again. Nothing "
        "was changed in your file.</div>"
    )


def _listed(words: list[str], sep: str = ", ") -> str:
    """The words one after another with ``sep`` between them (display text)."""
    text = ""
    for word in words:
        text += f"{sep}{word}" if text else word
    return text


def validation_html(imp: Any, overview: Any = None) -> str:
    """How the file was understood: format, encoding, header row, columns, notes.

    ``overview`` is :func:`salesprofit.own_data.overview` of the lines (computed when
    not given)."""
    from .. import own_data

    ov = overview if overview is not None else own_data.overview(imp.data)
    bits = [f"<b>{esc(imp.source)}</b>: {imp.file_format.upper()}"]
    if imp.encoding:
        bits.append(f"encoding {esc(imp.encoding)}")
    if imp.separator:
        sep = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}[imp.separator]
        bits.append(f"{sep}-separated")
    if imp.sheet:
        bits.append(f"sheet '{esc(imp.sheet)}'")
    bits.append(f"header on row {imp.header_row}")
    bits.append(f"<b>{ov.lines:,}</b> order lines read")
    span = (
        f"{ov.first_date:%Y-%m-%d} to {ov.last_date:%Y-%m-%d}, "
        f"{ov.customers:,} customers, {ov.orders:,} orders"
    )
    html = (
        f"<h4>1. Validation report</h4><p>{_listed(bits)} ({span}).</p>{fmt.table(imp.summary())}"
    )
    if imp.ignored:
        html += f"<p>Columns not used: {_listed([f'{esc(c)!r}' for c in imp.ignored])}.</p>"
    if imp.notes:
        html += f"<ul>{_listed([f'<li>{esc(n)}</li>' for n in imp.notes], '')}</ul>"
    return html


def _money(x: float) -> str:
    return fmt.num(x, 0)


def _section_profitability(out: Any, facts: dict) -> tuple[str, dict[str, pd.DataFrame]]:
    from ..plots import to_png
    from ..plots.segmentation import whale_chart

    table, curve, summary = out
    top = table.head(TOP).reset_index()
    html = (
        f"<p>{summary.customers:,} customers earn a gross profit of "
        f"<b>{_money(summary.total_profit)}</b>; {summary.unprofitable_customers:,} "
        f"lose money on gross margin alone (together {_money(summary.loss_of_unprofitable)}"
        f"). The whale curve peaks at <b>{fmt.pct(summary.peak_share, 0)}</b> of total "
        f"profit. Your export has no cost to serve (visits, freight, service): with it, "
        f"the curve rises higher (chapter 12).</p>"
        + fmt.table(
            top,
            {"revenue": _money, "gross_profit": _money, "margin": fmt.pct, "profit_share": fmt.pct},
        )
        + _png_tag(to_png(whale_chart(curve)), "whale curve")
    )
    return html, {"customer profit": table.reset_index()}


def _section_leakage(
    out: pd.DataFrame, label: str, facts: dict
) -> tuple[str, dict[str, pd.DataFrame]]:
    from ..plots import to_png
    from ..plots.own_data import leakage_chart

    html = (
        f"<p>Discounts gave away <b>{_money(facts['leakage'])}</b> "
        f"({fmt.pct(facts['leakage_rate'])} of list revenue). "
        f"Highest average discount: {label} <b>{esc(out.index[0])}</b> "
        f"({fmt.pct(out['leakage_rate'].iloc[0])}).</p>"
        + fmt.table(
            out.head(TOP).reset_index(),
            {
                "list_revenue": _money,
                "revenue": _money,
                "leakage": _money,
                "leakage_rate": fmt.pct,
                "leakage_share": fmt.pct,
            },
        )
        + (
            _png_tag(to_png(leakage_chart(out, label)), f"discount by {label}")
            if label == "rep"
            else ""
        )
    )
    return html, {f"leakage by {label}": out.reset_index()}


def _section_abc(out: Any, facts: dict) -> tuple[str, dict[str, pd.DataFrame]]:
    from ..plots import to_png
    from ..plots.segmentation import pareto_chart

    per, summary = out
    a = summary.loc["A"]
    html = (
        f"<p>Class A: <b>{int(a['customers']):,}</b> customers "
        f"({fmt.pct(a['customer_share'])}) bring {fmt.pct(a['revenue_share'])} of revenue."
        "</p>"
        + fmt.table(
            summary.reset_index(),
            {
                "revenue": _money,
                "customer_share": fmt.pct,
                "revenue_share": fmt.pct,
                "gross_profit": _money,
            },
        )
        + _png_tag(to_png(pareto_chart(per["revenue"], per["abc_class"], 0.8, 0.95)), "ABC curve")
    )
    return html, {"abc tiers": per.reset_index(), "abc summary": summary.reset_index()}


def _section_products(out: pd.DataFrame, facts: dict) -> tuple[str, dict[str, pd.DataFrame]]:
    html = (
        f"<p>{facts['products']:,} products sold; the top {min(TOP, facts['products'])} bring "
        f"{fmt.pct(facts['top_share'])} of revenue.</p>"
        + fmt.table(
            out.head(TOP).reset_index(),
            {
                "units": _money,
                "revenue": _money,
                "gross_profit": _money,
                "revenue_share": fmt.pct,
                "margin": fmt.pct,
            },
        )
    )
    return html, {"product mix": out.reset_index()}


def _section_clv(out: Any, facts: dict) -> tuple[str, dict[str, pd.DataFrame]]:
    from ..plots import to_png
    from ..plots.own_data import clv_chart

    c = out.customers
    note = f" {esc(out.note)}" if out.note else ""
    html = (
        f"<p>Observed up to {out.observation_end:%Y-%m-%d}. Expected {esc(out.value)} "
        f"from these customers in the next {out.horizon_days:.0f} days (discounted): "
        f"<b>{_money(facts['clv'])}</b>.{note} {facts['at_risk']:,} repeat buyers have a "
        "probability below 50 % of still being active: call them first.</p>"
        + fmt.table(
            c.head(TOP).reset_index(),
            {
                "frequency": fmt.num,
                "recency": fmt.num,
                "T": fmt.num,
                "monetary_value": _money,
                "p_alive": fmt.pct,
                "expected_orders": lambda v: fmt.num(v, 1),
                "clv": _money,
            },
        )
        + _png_tag(to_png(clv_chart(c, out.horizon_days, out.value)), "CLV outlook")
    )
    return html, {"clv outlook": c.reset_index()}


_SECTIONS = {
    "profitability": _section_profitability,
    "leakage_rep": lambda o, f: _section_leakage(o, "rep", f),
    "leakage_customer": lambda o, f: _section_leakage(o, "customer", f),
    "abc": _section_abc,
    "product_mix": _section_products,
    "clv": _section_clv,
}


def export_tables(report: LabReport) -> dict[str, pd.DataFrame]:
    """The sheets of the Excel download: the validation summary and each analysis."""
    return dict(report.tables)


def _read(upload: Any, path: str, mapping: dict | None, report: LabReport) -> Any:
    """The upload (or the file at ``path``) read and checked: ``(cache key, CrmImport)``,
    or a Result to show instead (nothing to read, a file that cannot be opened or read)."""
    from ..crm_import import inspect_crm_export

    try:
        if upload:
            item = upload[0]
            report.source = str(item.get("name", "uploaded file"))
            content = bytes(item["content"])
        elif str(path).strip():
            report.source = Path(str(path).strip()).name
            with open(Path(str(path).strip()).expanduser(), "rb") as fh:  # read-only
                content = fh.read()
        else:
            return Result(
                "<p>Upload a CSV or XLSX export, or type the path of one.</p>", None, report
            )
        key = (report.source, hashlib.sha256(content).hexdigest(), repr(mapping))
        if key in _CACHE:  # the same file again (e.g. the notebook and its lab)
            return _CACHE[key]
        return key, inspect_crm_export(content, mapping=mapping, name=report.source)
    except OSError as exc:
        report.error = f"File '{report.source}' cannot be opened: {exc.strerror or exc}."
    except DataError as exc:
        report.error = str(exc)
    return Result(_WRAP.format(problems_html(report.error)), None, report)


def _skipped(reason: str) -> str:
    end = "" if reason.endswith(".") else "."
    return f'<p class="sp-bad">Skipped: {esc(reason)}{end}</p>'


def compute_own_data(
    upload: Any = (),
    path: str = "",
    mapping: dict | None = None,
    progress: Any = None,
) -> Result:
    """Read the upload (if any) or the file at ``path``, then run every analysis it allows.

    ``upload`` is a FileUpload value (a tuple of dicts with ``name`` and ``content``);
    ``progress(done, total, title)`` is told before each analysis (``own_data.run_all``).
    Returns a :class:`~salesprofit.ui.base.Result` whose ``data`` is a :class:`LabReport`.
    """
    from .. import own_data

    report = LabReport()
    read = _read(upload, path, mapping, report)
    if isinstance(read, Result):
        return read
    cache_key, imp = read
    report.imported = imp
    report.tables["validation"] = imp.summary()
    analysis = own_data.analyse_export(imp.data, progress=progress)
    report.results, report.overview = analysis.results, analysis.overview
    html = f"{validation_html(imp, analysis.overview)}<h4>2. The analyses</h4>"
    for i, (key, res) in enumerate(report.results.items(), start=1):
        html += f"<h4>2.{i} {esc(res.title)}</h4>"
        if not res.ok:
            html += _skipped(res.reason)
            continue
        body, sheets = _SECTIONS[key](res.output, res.facts)
        report.tables.update(sheets)
        html += body
    stem = Path(report.source).stem or "export"
    links = download_link(
        report.tables.get("customer profit", report.tables["validation"]),
        f"{stem}_customers.csv",
        "Customer table (CSV)",
    )
    html += (
        f"<h4>3. Take it with you</h4><p>{links} &nbsp; (all tables as one Excel "
        "workbook: the button below)</p>"
    )
    result = Result(_WRAP.format(html), None, report)
    if len(_CACHE) >= 4:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[cache_key] = result
    return result


def own_data_lab(path: str | Path | None = None) -> Calculator:
    """The lab: an upload button and a path box (``path`` preset; default the sample export).

    An upload wins over the path. Everything is read in memory.
    """
    upload = widgets.FileUpload(
        accept=".csv,.txt,.tsv,.xlsx", multiple=False, description="Upload export"
    )
    shown = str(path) if path is not None else str(SAMPLE)
    box = widgets.Text(
        value=shown,
        description="…or file path",
        style=STYLE,
        layout=LAYOUT,
        continuous_update=False,
    )
    bar = widgets.IntProgress(
        value=0, min=0, max=1, description="Analyses", style=STYLE, layout=LAYOUT
    )
    step = widgets.Label()

    def show(done: int, total: int, title: str) -> None:
        bar.max, bar.value = max(total, 1), done
        step.value = "all done" if done >= total else f"{done + 1} of {total}: {title}…"

    calc = Calculator(
        "Your own order lines: validation and analyses",
        {"upload": upload, "path": box},
        lambda **v: compute_own_data(**v, progress=show),
        intro="Export order lines from your CRM or ERP (CSV or Excel). The file "
        "is read in memory and never changed.",
        chart=False,
    )
    button = widgets.Button(description="Prepare the Excel file", icon="download")
    link = widgets.HTML()

    def prepare(_: Any = None) -> None:
        report = calc.output
        if report is None or not getattr(report, "tables", None):
            link.value = "<p>Load a file that can be read first.</p>"
            return
        stem = Path(report.source).stem or "export"
        link.value = download_link(
            report.tables,
            f"{stem}_analysis.xlsx",
            f"Download {stem}_analysis.xlsx ({len(report.tables)} sheets)",
        )

    def clear(_: Any = None) -> None:
        link.value = ""

    button.on_click(prepare)
    calc.result.observe(clear, names="value")
    head, *inputs, result = calc.children
    calc.children = (head, *inputs, widgets.HBox([bar, step]), result, widgets.HBox([button, link]))
    calc.progress_bar, calc.progress_step = bar, step
    calc.excel_button, calc.excel_link, calc.prepare_excel = button, link, prepare
    return calc


#: Example exports of the test corpus, by what they show (for the "fix a file" lab).
EXAMPLES = {
    "GBK, title row, ￥ prices, Chinese dates": "v03_gbk_title_total.csv",
    "Semicolons and 1 234,50 €": "v05_semicolon_decimal_comma.csv",
    "Excel with a title row": "v07_title_row.xlsx",
    "Customer names instead of ids, no costs": "v04_gb18030_names.csv",
    "Missing quantity column": "b01_missing_quantity.csv",
    "Text in the price column": "b02_text_in_money.csv",
    "Dates that do not exist": "b03_impossible_date.csv",
    "Blank customers": "b04_blank_customer.csv",
    "Two quantity columns": "b05_two_quantity_columns.csv",
    "Unquoted decimal comma": "b10_unquoted_decimal_comma.csv",
    "Mixed decimal styles": "b11_mixed_decimal_styles.csv",
    "Two encodings in one file": "b15_mixed_encoding.csv",
    "A picture, not a spreadsheet": "b08_image.png",
}


def dates_as_text(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines to show, with their order dates written as 2026-11-01 (display only)."""
    shown = lines.copy()
    shown["order_date"] = shown["order_date"].dt.strftime("%Y-%m-%d")
    return shown


def corpus_outcomes() -> pd.DataFrame:
    """What the reader makes of each example export (:data:`EXAMPLES`): one row per file
    with ``file``, ``what it shows``, ``result`` (read or refused) and ``message``."""
    from ..crm_import import inspect_crm_export

    rows = []
    for what, name in EXAMPLES.items():
        try:
            imp = inspect_crm_export(SAMPLE.parent.joinpath(name))
        except DataError as exc:
            rows.append(
                {"file": name, "what it shows": what, "result": "refused", "message": str(exc)}
            )
            continue
        notes = _listed(list(imp.notes), "; ") if imp.notes else "nothing left out"
        message = f"{len(imp.data):,} order lines; {notes}"
        rows.append({"file": name, "what it shows": what, "result": "read", "message": message})
    return pd.DataFrame(rows)


def compute_check(example: str) -> Result:
    """Only the validation step on one corpus example: the report or the refusal."""
    from ..crm_import import inspect_crm_export

    if example not in EXAMPLES:
        raise ValueError(f"Choose one of the examples: {_listed(list(EXAMPLES))}.")
    path = SAMPLE.parent.joinpath(EXAMPLES[example])
    try:
        imp = inspect_crm_export(path)
    except DataError as exc:
        return Result(
            _WRAP.format(problems_html(str(exc))), None, LabReport(path.name, error=str(exc))
        )
    head = fmt.table(dates_as_text(imp.data.head(5)))
    return Result(
        _WRAP.format(validation_html(imp) + "<p>The first rows as read:</p>" + head),
        None,
        LabReport(path.name, imp),
    )


def file_check(example: str = "GBK, title row, ￥ prices, Chinese dates") -> Calculator:
    """Pick an example export and see what the reader makes of it."""
    pick = widgets.Dropdown(
        options=list(EXAMPLES),
        value=example,
        description="Example file",
        style=STYLE,
        layout=LAYOUT,
    )
    return Calculator(
        "What the reader makes of a file", {"example": pick}, compute_check, chart=False
    )
