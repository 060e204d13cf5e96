"""Performance of the course against the budgets in docs/DESIGN.md (``make bench``).

Measures, in one run, and writes ``bench/results.json`` plus a table on stdout:

- every calculator's update after one input change (calculators found as in the
  gallery, ``tools/app.py``): a sweep over its first slider (or number box), p50 and
  p95 of the whole update, of the chart (time spent in ``salesprofit.plots``) and of
  the numbers (the rest). Calculators whose builder loads data are held to the dataset
  budget (50 ms), the others to the formula budget (16 ms); charts to 100 ms;
- ``import salesprofit`` in a fresh interpreter (median of several);
- each notebook's execution time (nbclient, nothing written back) and the total;
- ``clv.customer_summary`` on 1,000,000 synthetic order lines, and lifetimes'
  ``summary_data_from_transaction_data`` on the same data (the ratio matters);
- ``clv.fit_bgnbd`` against lifetimes' ``BetaGeoFitter.fit`` on the CDNOW sample;
- ``data.read_crm_export`` on a 1,000,000-row GBK CSV: time and peak memory (in a
  fresh process, peak resident memory over the baseline after imports).

lifetimes is a benchmark-only dependency (``requirements-bench.txt``, installed by
``make bench`` into ``.venv/bench``, which only this script puts on ``sys.path``). A
function that does not exist yet, or a lifetimes that cannot run with the course's
pandas/numpy, is reported as such; the bench never crashes on it.

    python tools/bench.py                 # the full run (about 5-10 min on 2 cores)
    python tools/bench.py --smoke         # tiny sizes, a few seconds' worth: for the tests
    python tools/bench.py --only calculators   # re-measure one section, keep the others
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BENCH_LIB = ROOT / ".venv" / "bench"
sys.path.insert(0, str(ROOT / "tools"))

#: docs/DESIGN.md, "Budgets" (seconds)
BUDGETS = {
    "formula_numbers_p95": 0.016,
    "dataset_numbers_p95": 0.050,
    "chart_p95": 0.100,
    "import": 0.300,
    "notebook_mean": 3.0,
    "customer_summary_1m": 1.0,
}


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def not_available(what: str, exc: BaseException | None = None) -> dict:
    reason = f"{type(exc).__name__}: {exc}" if exc else "not available"
    return {"status": "not available", "reason": reason.splitlines()[0][:300]}


# --------------------------------------------------------------------------- calculators


class ChartTimer:
    """Accumulates time spent in ``salesprofit.plots`` functions (outermost calls only)."""

    def __init__(self):
        self.total = 0.0
        self.depth = 0
        self.patched: list[tuple[object, str, object]] = []

    def wrap(self, fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if self.depth:
                return fn(*args, **kwargs)
            self.depth += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.total += time.perf_counter() - start
                self.depth -= 1

        return timed

    def install(self):
        for name, module in list(sys.modules.items()):
            if not (name == "salesprofit.plots" or name.startswith("salesprofit.plots.")):
                continue
            for attr, fn in list(vars(module).items()):
                # a chart re-exported by the package (``plots.waterfall_chart``, defined in
                # ``plots.pricing``) is timed under both names; nested calls count once
                if (
                    callable(fn)
                    and not attr.startswith("_")
                    and str(getattr(fn, "__module__", "")).startswith("salesprofit.plots")
                    and not isinstance(fn, type)
                ):
                    self.patched.append((module, attr, fn))
                    setattr(module, attr, self.wrap(fn))

    def uninstall(self):
        for module, attr, fn in self.patched:
            setattr(module, attr, fn)
        self.patched.clear()


@contextlib.contextmanager
def watch_data_loads():
    """Note whether ``salesprofit.data`` loaders are called (a dataset calculator)."""
    from salesprofit import data

    calls = []
    originals = {}
    for attr in ("load", "load_cdnow", "read_crm_export", "ground_truth"):
        fn = getattr(data, attr, None)
        if fn is None:
            continue
        originals[attr] = fn

        def spy(*a, __fn=fn, __name=attr, **k):
            calls.append(__name)
            return __fn(*a, **k)

        setattr(data, attr, spy)
    try:
        yield calls
    finally:
        for attr, fn in originals.items():
            setattr(data, attr, fn)


def sweep_values(widget, n: int) -> list:
    """``n`` values across a widget's range (or around its value when unbounded)."""
    low, high = getattr(widget, "min", None), getattr(widget, "max", None)
    value = widget.value
    if low is None or high is None or not np.isfinite([low, high]).all() or high - low > 1e6:
        base = float(value) if value else 1.0
        low, high = base * 0.5, base * 1.5
    values = list(np.linspace(low, high, n))
    step = getattr(widget, "step", None)
    if isinstance(value, int) and not isinstance(value, bool):
        values = [round(v) for v in values]
    elif step:
        values = [float(round(round(v / step) * step, 10)) for v in values]
    # never set the current value (no change, no update)
    return [v for v in values if v != value] or [value + (step or 1)]


def pick_input(calc):
    import ipywidgets as w

    inputs = list(getattr(calc, "inputs", {}).items())
    for kinds in (
        (w.FloatSlider, w.IntSlider),
        (w.BoundedFloatText, w.BoundedIntText, w.FloatText, w.IntText),
        (w.Dropdown, w.SelectMultiple, w.Checkbox, w.ToggleButtons, w.RadioButtons),
    ):
        for name, widget in inputs:
            if isinstance(widget, kinds):
                return name, widget
    return None, None


def choice_values(widget, n: int) -> list:
    """A sweep over a choice widget: its options in turn (subsets for a multiple choice)."""
    import ipywidgets as w

    if isinstance(widget, w.Checkbox):
        return [not widget.value if i % 2 == 0 else widget.value for i in range(n)]
    options = [o[1] if isinstance(o, tuple) else o for o in widget.options]
    if isinstance(widget, w.SelectMultiple):
        full = tuple(options)
        subsets = [tuple(o for o in full if o != drop) for drop in full] or [full]
        return [subsets[i % len(subsets)] if i % 2 == 0 else full for i in range(n)]
    others = [o for o in options if o != widget.value] or options
    return [others[i % len(others)] if i % 2 == 0 else widget.value for i in range(n)]


def bench_calculator(info, points: int) -> dict:
    module = importlib.import_module(f"salesprofit.ui.{info.module}")
    builder = getattr(module, info.name)
    with watch_data_loads() as loads:
        start = time.perf_counter()
        calc = builder()
        build = time.perf_counter() - start
    name, widget = pick_input(calc)
    if widget is None:
        return {
            "status": "not measurable",
            "reason": "no input the bench can sweep",
            "build_s": build,
        }
    timer = ChartTimer()
    timer.install()
    totals, charts = [], []
    try:
        import ipywidgets as w

        values = (
            sweep_values(widget, points + 1)
            if isinstance(
                widget,
                (
                    w.FloatSlider,
                    w.IntSlider,
                    w.FloatText,
                    w.IntText,
                    w.BoundedFloatText,
                    w.BoundedIntText,
                ),
            )
            else choice_values(widget, points + 1)
        )
        for i, value in enumerate(values):
            timer.total = 0.0
            start = time.perf_counter()
            widget.value = value
            elapsed = time.perf_counter() - start
            if i == 0:
                continue  # warm-up (first chart of a kind, lazy imports)
            totals.append(elapsed)
            charts.append(timer.total)
    finally:
        timer.uninstall()
    numbers = [t - c for t, c in zip(totals, charts)]
    kind = "dataset" if loads else "formula"
    has_chart = any(c > 0 for c in charts)
    result = {
        "status": "ok",
        "kind": kind,
        "input": name,
        "changes": len(totals),
        "build_s": build,
        "total_p50": pct(totals, 50),
        "total_p95": pct(totals, 95),
        "numbers_p50": pct(numbers, 50),
        "numbers_p95": pct(numbers, 95),
        "chart_p50": pct(charts, 50) if has_chart else None,
        "chart_p95": pct(charts, 95) if has_chart else None,
        "error_shown": getattr(calc, "error", None),
    }
    budget = BUDGETS[f"{kind}_numbers_p95"]
    result["numbers_budget"] = budget
    result["numbers_ok"] = result["numbers_p95"] <= budget
    result["chart_ok"] = (not has_chart) or result["chart_p95"] <= BUDGETS["chart_p95"]
    return result


def bench_calculators(points: int, modules: set[str] | None = None) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import app

    calcs, broken = app.discover()
    if modules is not None:
        calcs = [c for c in calcs if c.module in modules]
    out = {}
    for info in calcs:
        key = f"{info.module}.{info.name}"
        try:
            out[key] = bench_calculator(info, points)
        except Exception as exc:  # noqa: BLE001 -- a calculator being written right now
            out[key] = not_available(key, exc)
        print(f"  calculator {key}: {out[key].get('status')}", file=sys.stderr, flush=True)
    for name, error in broken.items() if modules is None else []:
        out[f"{name} (module)"] = {"status": "not available", "reason": error[:300]}
    return out


# --------------------------------------------------------------------------- import, notebooks


def bench_import(repeats: int) -> dict:
    code = (
        "import time; t = time.perf_counter(); import salesprofit; print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(repeats):
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        )
        times.append(float(run.stdout.strip()))
    med = statistics.median(times)
    return {
        "status": "ok",
        "median_s": med,
        "runs": times,
        "budget_s": BUDGETS["import"],
        "ok": med <= BUDGETS["import"],
    }


def bench_notebooks(limit: int | None) -> dict:
    import nbformat
    from nbclient import NotebookClient
    from run_notebooks import find_notebooks

    os.environ["PYTHONHASHSEED"] = "0"
    notebooks = find_notebooks()
    if limit is not None:
        notebooks = notebooks[:limit]
    per, failed = {}, {}
    for path in notebooks:
        label = path.relative_to(ROOT).as_posix()
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        try:
            NotebookClient(
                nb,
                timeout=600,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
        except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
            failed[label] = (
                f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            )
            continue
        per[label] = time.perf_counter() - start
        print(f"  notebook {label}: {per[label]:.1f} s", file=sys.stderr, flush=True)
    total = sum(per.values())
    mean = total / len(per) if per else float("nan")
    return {
        "status": "ok",
        "seconds": per,
        "failed": failed,
        "total_s": total,
        "mean_s": mean,
        "count": len(per),
        "budget_mean_s": BUDGETS["notebook_mean"],
        "ok": bool(per) and mean <= BUDGETS["notebook_mean"] and not failed,
    }


# --------------------------------------------------------------------------- CLV vs lifetimes


def lifetimes_module():
    """lifetimes from .venv/bench (or the environment); raises if it is not usable."""
    if BENCH_LIB.is_dir() and str(BENCH_LIB) not in sys.path:
        sys.path.append(str(BENCH_LIB))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import lifetimes
        import lifetimes.utils
    return lifetimes


def synthetic_order_lines(n: int, seed: int = 20261127):
    """``n`` order lines: customer ids, order dates over two years, line values (seeded)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    customers = max(n // 20, 10)
    ids = rng.zipf(1.6, n) % customers
    days = rng.integers(0, 730, n)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D")
    values = np.round(rng.gamma(2.0, 150.0, n), 2)
    return pd.DataFrame({"customer_id": ids, "order_date": dates, "value": values})


def timed(fn, repeats: int = 1):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_customer_summary(n: int) -> dict:
    out: dict = {"rows": n}
    df = synthetic_order_lines(n)
    end = df["order_date"].max()
    try:
        from salesprofit.clv import customer_summary
    except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
        out["salesprofit"] = not_available("clv.customer_summary", exc)
        ours = None
    else:
        try:
            seconds, ours = timed(
                lambda: customer_summary(
                    df, "customer_id", "order_date", "value", observation_end=end
                ),
                repeats=2,
            )
            out["salesprofit"] = {
                "status": "ok",
                "seconds": seconds,
                "customers": len(ours),
                "budget_s": BUDGETS["customer_summary_1m"] if n >= 1_000_000 else None,
                "ok": seconds <= BUDGETS["customer_summary_1m"],
            }
        except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
            out["salesprofit"] = not_available("clv.customer_summary", exc)
            ours = None
    try:
        lt = lifetimes_module()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, theirs = timed(
                lambda: lt.utils.summary_data_from_transaction_data(
                    df,
                    "customer_id",
                    "order_date",
                    monetary_value_col="value",
                    observation_period_end=end,
                    freq="D",
                )
            )
        out["lifetimes"] = {"status": "ok", "seconds": seconds, "version": lt.__version__}
        if ours is not None:
            out["speedup"] = seconds / out["salesprofit"]["seconds"]
            cols = [c for c in ("frequency", "recency", "T", "monetary_value") if c in ours.columns]
            a = ours[cols].sort_index()
            b = theirs[cols].sort_index()
            a.index = a.index.astype(b.index.dtype)
            out["same_result"] = bool(
                np.allclose(a.to_numpy(float), b.loc[a.index].to_numpy(float), rtol=1e-9, atol=1e-9)
            )
    except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
        out["lifetimes"] = not_available("lifetimes", exc)
    return out


def bench_bgnbd(smoke: bool) -> dict:
    out: dict = {}
    from salesprofit import data

    summary = data.load_cdnow("summary")
    if smoke:
        summary = summary.iloc[:300]
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    out["customers"] = len(summary)
    try:
        from salesprofit.clv import fit_bgnbd

        seconds, fit = timed(lambda: fit_bgnbd(f, r, T))
        out["salesprofit"] = {
            "status": "ok",
            "seconds": seconds,
            "params": {k: float(getattr(fit, k)) for k in ("r", "alpha", "a", "b")},
            "log_likelihood": float(fit.log_likelihood),
        }
    except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
        out["salesprofit"] = not_available("clv.fit_bgnbd", exc)
    try:
        lt = lifetimes_module()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = lt.BetaGeoFitter(penalizer_coef=0.0)
            seconds, _ = timed(lambda: model.fit(f, r, T))
        out["lifetimes"] = {
            "status": "ok",
            "seconds": seconds,
            "params": {k: float(v) for k, v in model.params_.items()},
        }
        if out["salesprofit"].get("status") == "ok":
            out["speedup"] = seconds / out["salesprofit"]["seconds"]
    except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
        out["lifetimes"] = not_available("lifetimes", exc)
    return out


# --------------------------------------------------------------------------- CRM export

CRM_CHILD = r"""
import json, sys, time
import salesprofit.data as data   # imports first: the baseline includes them
import pandas

def hwm_mb():
    # VmHWM: this process's peak resident memory (ru_maxrss would include the parent's,
    # which Linux carries over a fork)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

try:   # start the peak from here (Linux: writing 5 to clear_refs resets VmHWM)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
base = hwm_mb()
start = time.perf_counter()
df = data.read_crm_export(sys.argv[1])
seconds = time.perf_counter() - start
peak = hwm_mb()
print(json.dumps({"seconds": seconds, "rows": len(df), "peak_rss_mb": peak,
                  "peak_over_baseline_mb": peak - base}))
"""


def write_gbk_export(path: Path, n: int, seed: int = 7) -> None:
    """A CRM export as a Chinese sales team would save it: GBK, Chinese headers."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    names = np.array(["华信工业", "东方机电", "北方贸易", "南海五金", "长江设备", "西部物资"])
    df = pd.DataFrame(
        {
            "订单号": [f"SO{i:08d}" for i in range(n)],
            "下单日期": (
                pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
            ).strftime("%Y-%m-%d"),
            "客户名称": names[rng.integers(0, len(names), n)] + rng.integers(1, 500, n).astype(str),
            "产品编号": [f"P{k:04d}" for k in rng.integers(0, 800, n)],
            "数量": rng.integers(1, 50, n),
            "单价": np.round(rng.uniform(5, 500, n), 2),
        }
    )
    df.to_csv(path, index=False, encoding="gbk")


def bench_crm_export(n: int) -> dict:
    try:
        from salesprofit.data import read_crm_export  # noqa: F401
    except Exception as exc:  # noqa: BLE001 -- the bench reports a failure, never crashes
        return not_available("data.read_crm_export", exc)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crm_export_gbk.csv"
        write_gbk_export(path, n)
        size_mb = path.stat().st_size / 2**20
        run = subprocess.run(
            [sys.executable, "-c", CRM_CHILD, str(path)], capture_output=True, text=True, cwd=ROOT
        )
    if run.returncode != 0:
        return {"status": "failed", "rows": n, "reason": run.stderr.strip().splitlines()[-1][:300]}
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return {"status": "ok", "rows": n, "file_mb": size_mb, **result}


# --------------------------------------------------------------------------- report


def fmt_ms(value) -> str:
    return "–" if value is None or np.isnan(value) else f"{value * 1000:.1f}"


def report(results: dict) -> str:
    lines = []
    calcs = results.get("calculators", {})
    lines.append(
        "Calculators: update after one input change (ms; budget numbers 16 formula / "
        "50 dataset, chart 100)"
    )
    lines.append(
        f"{'calculator':58} {'kind':8} {'num p50':>8} {'num p95':>8} {'chart p50':>9} "
        f"{'chart p95':>9}  verdict"
    )
    for key, r in calcs.items():
        if r.get("status") != "ok":
            lines.append(f"{key:58} {r.get('status')}: {r.get('reason', '')[:60]}")
            continue
        verdict = "ok" if r["numbers_ok"] and r["chart_ok"] else "OVER BUDGET"
        lines.append(
            f"{key:58} {r['kind']:8} {fmt_ms(r['numbers_p50']):>8} {fmt_ms(r['numbers_p95']):>8} "
            f"{fmt_ms(r['chart_p50']):>9} {fmt_ms(r['chart_p95']):>9}  {verdict}"
        )
    imp = results.get("import", {})
    if imp.get("status") == "ok":
        lines.append(
            f"\nimport salesprofit: {fmt_ms(imp['median_s'])} ms (budget 300)  "
            f"{'ok' if imp['ok'] else 'OVER BUDGET'}"
        )
    nbs = results.get("notebooks", {})
    if nbs.get("status") == "ok":
        lines.append(
            f"notebooks: {nbs['count']} in {nbs['total_s']:.1f} s, mean {nbs['mean_s']:.2f} s "
            f"(budget 3 s a notebook)  {'ok' if nbs['ok'] else 'OVER BUDGET'}"
        )
        slow = sorted(nbs["seconds"].items(), key=lambda kv: -kv[1])[:5]
        lines.append("  slowest: " + ", ".join(f"{k} {v:.1f} s" for k, v in slow))
        for k, v in nbs.get("failed", {}).items():
            lines.append(f"  FAILED {k}: {v}")
    cs = results.get("customer_summary", {})
    if cs:
        ours, theirs = cs.get("salesprofit", {}), cs.get("lifetimes", {})
        lines.append(
            f"customer_summary on {cs['rows']:,} lines: salesprofit "
            + (
                f"{ours['seconds']:.3f} s"
                if ours.get("status") == "ok"
                else ours.get("reason", "n/a")
            )
            + " | lifetimes "
            + (
                f"{theirs['seconds']:.3f} s"
                if theirs.get("status") == "ok"
                else theirs.get("reason", "n/a")
            )
            + (
                f" | {cs['speedup']:.1f}x faster, same result: {cs.get('same_result')}"
                if "speedup" in cs
                else ""
            )
            + (
                f"  (budget 1 s: {'ok' if ours.get('ok') else 'OVER BUDGET'})"
                if ours.get("status") == "ok" and cs["rows"] >= 1_000_000
                else ""
            )
        )
    bg = results.get("bgnbd", {})
    if bg:
        ours, theirs = bg.get("salesprofit", {}), bg.get("lifetimes", {})
        lines.append(
            f"BG/NBD fit on CDNOW ({bg.get('customers')} customers): salesprofit "
            + (
                f"{ours['seconds']:.3f} s"
                if ours.get("status") == "ok"
                else ours.get("reason", "n/a")
            )
            + " | lifetimes "
            + (
                f"{theirs['seconds']:.3f} s"
                if theirs.get("status") == "ok"
                else theirs.get("reason", "n/a")
            )
            + (f" | {bg['speedup']:.1f}x" if "speedup" in bg else "")
        )
    crm = results.get("crm_export", {})
    if crm:
        if crm.get("status") == "ok":
            lines.append(
                f"read_crm_export, {crm['rows']:,}-row GBK CSV ({crm['file_mb']:.0f} MB): "
                f"{crm['seconds']:.2f} s, peak memory {crm['peak_rss_mb']:.0f} MB "
                f"({crm['peak_over_baseline_mb']:.0f} MB over the baseline)"
            )
        else:
            lines.append(f"read_crm_export: {crm.get('status')}: {crm.get('reason')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark against the budgets of docs/DESIGN.md.")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (for the tests)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument(
        "--only",
        nargs="*",
        default=None,
        choices=[
            "calculators",
            "import",
            "notebooks",
            "customer_summary",
            "bgnbd",
            "crm_export",
            "scale",
            "console",
        ],
    )
    args = parser.parse_args(argv)
    smoke = args.smoke
    sections = {
        "calculators": lambda: bench_calculators(
            3 if smoke else 20, {"pricing"} if smoke else None
        ),
        "import": lambda: bench_import(2 if smoke else 7),
        "notebooks": lambda: bench_notebooks(1 if smoke else None),
        "customer_summary": lambda: bench_customer_summary(5_000 if smoke else 1_000_000),
        "bgnbd": lambda: bench_bgnbd(smoke),
        "crm_export": lambda: bench_crm_export(2_000 if smoke else 1_000_000),
        "scale": lambda: __import__("bench_scale").run(smoke),  # tools/bench_scale.py
        # click-to-live in the gallery's console, in chromium (tools/bench_console.py);
        # not in the smoke run: it starts Voilà and a browser
        "console": lambda: (
            {"status": "not run in the smoke bench"}
            if smoke
            else __import__("bench_console").measure()
        ),
    }
    results: dict = {}
    if args.only is not None and args.out.exists():  # re-measure some sections, keep the rest
        results = json.loads(args.out.read_text(encoding="utf8"))
    results.update(
        {
            "smoke": smoke,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "budgets": BUDGETS,
        }
    )
    start = time.perf_counter()
    for name, run in sections.items():
        if args.only is not None and name not in args.only:
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            results[name] = run()
        except Exception as exc:  # noqa: BLE001 -- report, never crash the whole bench
            traceback.print_exc()
            results[name] = not_available(name, exc)
    results["wall_s" if args.only is None else "wall_s_last_sections"] = time.perf_counter() - start
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf8"
    )
    print(report(results))
    if "scale" in results:
        print(__import__("bench_scale").report(results["scale"]))
    if "console" in results:
        print(__import__("bench_console").report(results["console"]))
    print(f"\nwall time {time.perf_counter() - start:.0f} s; results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
