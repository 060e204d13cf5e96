"""The customer models and the your-data analyses at scale (issue 18), run by ``make bench``.

``tools/bench.py`` calls :func:`run` (section ``scale``) and prints :func:`report`; it can
also run alone::

    python tools/bench_scale.py            # the full run (about a minute on 2 cores)
    python tools/bench_scale.py --smoke    # tiny sizes

Two parts, each in the same run for a fair comparison:

- **Fitters against lifetimes.** Customers are simulated from known BG/NBD parameters
  (the published CDNOW estimates, in weeks; seeded) at 2,357, 50,000 and 200,000
  customers, each observed for 52 to 104 weeks; their repeat spends from known
  Gamma-Gamma parameters (CDNOW's). ``clv.fit_bgnbd`` and ``clv.fit_gamma_gamma`` are
  timed against lifetimes' ``BetaGeoFitter.fit`` and ``GammaGammaFitter.fit`` (best of
  a few runs each); the report gives the times, the ratio lifetimes / salesprofit (above
  1: we are faster) and the recovered parameters against the true ones.
- **run_all on a million lines.** A 1,000,000-line export of 50,000 customers (orders
  drawn from a BG/NBD in days, 1 to 40 lines an order, products with list prices and
  costs, 40 reps; seeded) goes through ``own_data.run_all`` in a fresh process: time and
  peak memory (VmHWM, reset after the export is built: the analyses' own peak).

lifetimes comes from ``.venv/bench`` (``requirements-bench.txt``); without it the
lifetimes columns say "not available" and the rest still runs. Nothing here is asserted:
timing is measured, never tested.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

#: The published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2013).
TRUE_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
TRUE_GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}
SIZES = (2_357, 50_000, 200_000)
BUDGET_RUN_ALL_S = 3.0
BUDGET_RUN_ALL_MB = 2048


def best_time(fn, repeats: int):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def simulate_customers(n: int, seed: int) -> pd.DataFrame:
    """BG/NBD histories (weeks) and Gamma-Gamma mean spends of ``n`` customers (seeded)."""
    from salesprofit import _bgnbd, clv

    rng = np.random.default_rng(seed)
    T = np.round(rng.uniform(52.0, 104.0, n), 2)
    sim = _bgnbd.simulate_bgnbd(clv.BGNBDParams(**TRUE_BGNBD, log_likelihood=0.0), n, T, seed)
    sim["recency"] = np.minimum(np.round(sim["recency"], 2), sim["T"])
    x = sim["frequency"].to_numpy()
    nu = rng.gamma(TRUE_GG["q"], 1 / TRUE_GG["gamma"], n)  # each customer's spend rate
    # mean of x Gamma(p, nu) spends ~ Gamma(p x, x nu)
    spend = rng.gamma(TRUE_GG["p"] * np.maximum(x, 1), 1 / (np.maximum(x, 1) * nu))
    sim["monetary_value"] = np.where(x > 0, np.round(spend, 2), 0.0)
    return sim


def _lifetimes():
    from bench import lifetimes_module

    return lifetimes_module()


def _fit_pair(label: str, ours, theirs, names: tuple[str, ...], truth: dict, repeats: int):
    out: dict = {}
    try:
        seconds, fit = best_time(ours, repeats)
        params = {k: float(getattr(fit, k)) for k in names}
        out["salesprofit"] = {
            "status": "ok",
            "seconds": seconds,
            "params": params,
            "standard_errors": dict(zip(names, fit.standard_errors)),
            "relative_error": {k: params[k] / truth[k] - 1 for k in names},
        }
    except Exception as exc:  # noqa: BLE001 (report, never crash the bench)
        out["salesprofit"] = {"status": "failed", "reason": f"{type(exc).__name__}: {exc}"}
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")  # and lifetimes prints its optimiser on failure
            seconds, model = best_time(theirs, repeats)
        p = model.params_
        out["lifetimes"] = {
            "status": "ok",
            "seconds": seconds,
            "params": {k: float(p[k if k != "gamma" else "v"]) for k in names},
        }
        if out["salesprofit"]["status"] == "ok":
            out["ratio"] = seconds / out["salesprofit"]["seconds"]
    except Exception as exc:  # noqa: BLE001 (lifetimes missing or broken: say so)
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        out["lifetimes"] = {"status": "not available", "reason": reason}
    return out


def bench_size(n: int, lt, seed: int) -> dict:
    """Both fitters against lifetimes on ``n`` simulated customers."""
    from salesprofit import clv

    sim = simulate_customers(n, seed + n)
    f, r, T, m = (sim[c] for c in ("frequency", "recency", "T", "monetary_value"))
    rep = f > 0
    repeats = 3 if n <= 50_000 else 2
    bg = _fit_pair(
        "bgnbd",
        lambda: clv.fit_bgnbd(f, r, T),
        lambda: lt.BetaGeoFitter(0.0).fit(f, r, T),
        ("r", "alpha", "a", "b"),
        TRUE_BGNBD,
        repeats,
    )
    gg = _fit_pair(
        "gamma_gamma",
        lambda: clv.fit_gamma_gamma(f, m),
        lambda: lt.GammaGammaFitter(0.0).fit(f[rep], m[rep]),
        ("p", "q", "gamma"),
        TRUE_GG,
        repeats,
    )
    return {"customers": n, "repeat_buyers": int(rep.sum()), "bgnbd": bg, "gamma_gamma": gg}


def bench_fitters(sizes=SIZES, seed: int = 18) -> dict:
    """Both fitters against lifetimes at each size, on the same simulated customers."""
    try:
        lt = _lifetimes()
    except Exception:  # noqa: BLE001 (without lifetimes the comparison says "not available")
        lt = None
    return {str(n): bench_size(n, lt, seed) for n in sizes}


# --------------------------------------------------------------------------- the export


def export_lines(lines: int = 1_000_000, customers: int = 50_000, seed: int = 20261127):
    """Canonical order lines (as ``data.read_crm_export`` gives them) of ``customers``
    customers over two years: orders from a BG/NBD in days (first orders in the first
    year), 1 to 40 lines an order, trimmed to ``lines`` lines (seeded, as the other
    exports of ``make bench``)."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 365, customers)
    rate = rng.gamma(0.9, 1 / 40.0, customers)  # orders a day: about one in 44 days
    drop = rng.beta(0.8, 4.0, customers)
    who, day = [np.arange(customers)], [first.astype(float)]
    clock, alive = first.astype(float), np.ones(customers, dtype=bool)
    while alive.any():  # one step per repeat order, over all customers at once
        idx = np.flatnonzero(alive)
        clock[idx] += rng.exponential(1.0, len(idx)) / rate[idx]
        ok = clock[idx] < 730
        alive[idx[~ok]] = False
        got = idx[ok]
        who.append(got)
        day.append(np.floor(clock[got]))
        alive[got[rng.random(len(got)) < drop[got]]] = False
    orders = pd.DataFrame({"c": np.concatenate(who), "d": np.concatenate(day).astype(int)})
    orders = orders.drop_duplicates().sort_values(["d", "c"], kind="stable")
    per_order = max(lines / len(orders), 1.0)
    basket = rng.gamma(2.0, 0.5, customers)[orders["c"].to_numpy()]  # big and small buyers
    size = np.clip(rng.poisson(np.maximum(per_order * basket - 1, 0)) + 1, 1, 40)
    size[-1] += max(lines - int(size.sum()), 0)
    at = np.repeat(np.arange(len(orders)), size)[:lines]
    c = orders["c"].to_numpy()[at]
    n = len(at)
    products = rng.integers(0, 2_000, n)
    list_by_product = np.round(rng.uniform(5, 500, 2_000), 2)
    cost_share = rng.uniform(0.5, 0.75, 2_000)
    list_price = list_by_product[products]
    reps = rng.integers(0, 40, customers)[c]
    return pd.DataFrame(
        {
            "order_id": pd.array(np.char.mod("SO%08d", at), dtype="str"),
            "order_date": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(orders["d"].to_numpy()[at], unit="D"),
            "customer_id": pd.array(np.char.mod("C%06d", c), dtype="str"),
            "product_id": pd.array(np.char.mod("P%05d", products), dtype="str"),
            "quantity": rng.integers(1, 20, n),
            "unit_price": np.round(list_price * (1 - rng.uniform(0, 0.3, n)), 2),
            "unit_cost": np.round(list_by_product * cost_share, 2)[products],
            "list_price": list_price,
            "rep_id": pd.array(np.char.mod("R%02d", reps), dtype="str"),
        }
    )


RUN_ALL_CHILD = r"""
import json, sys, time
import pandas as pd
import scipy.optimize, scipy.special  # imports first (the fits load them lazily): the baseline includes them
from salesprofit import own_data

def hwm_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")

lines = pd.read_pickle(sys.argv[1])
try:   # start the peak from here (Linux: writing 5 to clear_refs resets VmHWM)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
base = hwm_mb()
steps = []
start = time.perf_counter()
results = own_data.run_all(lines, progress=lambda done, total, title: steps.append(
    (title, time.perf_counter() - start)))
seconds = time.perf_counter() - start
peak = hwm_mb()
print(json.dumps({"seconds": seconds, "peak_rss_mb": peak, "peak_over_baseline_mb": peak - base,
                  "steps": steps, "analyses": {k: (r.ok, r.reason) for k, r in results.items()}}))
"""


def bench_run_all(lines: int, customers: int) -> dict:
    """``own_data.run_all`` on the export, in a fresh process (time and peak memory)."""
    export = export_lines(lines, customers)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.pkl"
        export.to_pickle(path)
        run = subprocess.run(
            [sys.executable, "-c", RUN_ALL_CHILD, str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    if run.returncode != 0:
        return {"status": "failed", "reason": run.stderr.strip().splitlines()[-1][:300]}
    out = json.loads(run.stdout.strip().splitlines()[-1])
    return {
        "status": "ok",
        "lines": len(export),
        "customers": int(export["customer_id"].nunique()),
        "budget_s": BUDGET_RUN_ALL_S,
        "budget_mb": BUDGET_RUN_ALL_MB,
        "ok": out["seconds"] <= BUDGET_RUN_ALL_S and out["peak_rss_mb"] <= BUDGET_RUN_ALL_MB,
        **out,
    }


def run(smoke: bool = False) -> dict:
    """Both parts; ``smoke``: tiny sizes."""
    sizes = (300, 2_000) if smoke else SIZES
    return {
        "load_average_at_start": os.getloadavg()[0],
        "fitters": bench_fitters(sizes),
        "run_all": bench_run_all(20_000, 1_000) if smoke else bench_run_all(1_000_000, 50_000),
    }


# --------------------------------------------------------------------------- report


def _fit_line(name: str, res: dict) -> str:
    ours, theirs = res.get("salesprofit", {}), res.get("lifetimes", {})
    if ours.get("status") != "ok":
        return f"  {name}: {ours.get('status')}: {ours.get('reason')}"
    params = ", ".join(
        f"{k} {v:.4g} ({ours['relative_error'][k]:+.1%})" for k, v in ours["params"].items()
    )
    them = (
        f"lifetimes {theirs['seconds']:.3f} s, ratio {res['ratio']:.2f}"
        if theirs.get("status") == "ok"
        else f"lifetimes {theirs.get('status')} ({str(theirs.get('reason', ''))[:70]})"
    )
    return f"  {name}: salesprofit {ours['seconds']:.3f} s, {them}; {params}"


def report(results: dict) -> str:
    lines = [
        "Scale: fitters against lifetimes on simulated customers (ratio = lifetimes / "
        "salesprofit, >= 1 means as fast or faster; parameters vs true, relative error; "
        f"load average at start {results.get('load_average_at_start', float('nan')):.1f})"
    ]
    for n, res in results.get("fitters", {}).items():
        lines.append(f" {int(n):,} customers ({res['repeat_buyers']:,} repeat buyers)")
        lines.append(_fit_line("BG/NBD", res["bgnbd"]))
        lines.append(_fit_line("Gamma-Gamma", res["gamma_gamma"]))
    ra = results.get("run_all", {})
    if ra.get("status") == "ok":
        lines.append(
            f"own_data.run_all on {ra['lines']:,} lines, {ra['customers']:,} customers: "
            f"{ra['seconds']:.2f} s (budget {ra['budget_s']:.0f} s), peak memory "
            f"{ra['peak_rss_mb']:.0f} MB ({ra['peak_over_baseline_mb']:.0f} MB over the "
            f"baseline; budget {ra['budget_mb']} MB) {'ok' if ra['ok'] else 'OVER'}"
        )
        steps = ", ".join(f"{t} {s:.2f} s" for t, s in ra["steps"])
        lines.append(f"  steps (time since start): {steps}")
    else:
        lines.append(f"own_data.run_all: {ra.get('status')}: {ra.get('reason')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Customer models and run_all at scale.")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes")
    parser.add_argument("--out", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    results = run(args.smoke)
    if args.out is not None:
        args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
