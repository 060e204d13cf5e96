"""Click-to-live in the trainer's console, measured in a real browser (part of ``make bench``).

Starts the gallery (``tools/app.py``, Voilà on 127.0.0.1 with a token), opens the console
(``index.ipynb``) in Debian's chromium through Playwright, then, calculator after
calculator, picks it the way a trainer does (the chapter picker, then the calculator
picker, or *Next*) and times the click until the calculator's result is on the screen.
Reports p50 / p95 / max over all clicks against the 1 s budget, the time to the first
live calculator (page load, kernel start and imports included), and the memory of the
console's kernel once every calculator has been opened (what keeping them warm costs).

    python tools/bench_console.py            # every calculator, once each
    python tools/bench_console.py --smoke    # five calculators
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

BUDGET_S = 1.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
]
TITLE_IS = "t => document.querySelector('.sp-console .sp-console-title').innerText === t"
LIVE = ".sp-console .sp-stage .sp-result, .sp-console .sp-stage .sp-error"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _kernel_rss_mb(server_pid: int) -> float | None:
    """Resident memory of the gallery server's kernels (children of Voilà), in MB."""
    try:
        import psutil
    except ImportError:
        return None
    children = psutil.Process(server_pid).children(recursive=True)
    kernels = [p for p in children if "ipykernel" in " ".join(p.cmdline())]
    return sum(p.memory_info().rss for p in kernels) / 2**20 if kernels else None


def measure(smoke: bool = False) -> dict:
    """Click-to-live times of the console, in seconds (see the module docstring)."""
    import app
    from playwright.sync_api import sync_playwright

    from servers import chromium_path, start_gallery, stop

    path = chromium_path()
    if path is None:
        return {"status": "not available", "reason": "chromium is not installed"}
    calcs, _ = app.discover()
    chosen = calcs[1:6] if smoke else calcs[1:]
    out = Path(ROOT / "_build" / "bench-app")
    gallery = start_gallery(out)
    clicks: list[dict] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(120_000)
            start = time.perf_counter()
            page.goto(gallery.url("index.ipynb"), wait_until="commit")
            page.locator(LIVE).first.wait_for(state="visible")
            first_live = time.perf_counter() - start
            group_select = page.locator(".sp-console .sp-console-bar select").nth(0)
            calc_select = page.locator(".sp-console .sp-console-bar select").nth(1)
            previous = calcs[0]
            for calc in chosen:
                t0 = time.perf_counter()
                if calc.group != previous.group:
                    group_select.select_option(label=calc.group)
                    if calc is not next(c for c in calcs if c.group == calc.group):
                        calc_select.select_option(label=calc.title)
                else:
                    calc_select.select_option(label=calc.title)
                page.wait_for_function(TITLE_IS, arg=calc.title)
                page.locator(LIVE).first.wait_for(state="visible")
                clicks.append({"calculator": calc.slug, "seconds": time.perf_counter() - t0})
                previous = calc
            rss = _kernel_rss_mb(gallery.proc.pid)
            browser.close()
    finally:
        stop(gallery.proc)
    times = [c["seconds"] for c in clicks]
    return {
        "status": "ok",
        "clicks": len(times),
        "p50_s": statistics.median(times),
        "p95_s": _percentile(times, 0.95),
        "max_s": max(times),
        "slowest": max(clicks, key=lambda c: c["seconds"])["calculator"],
        "first_live_s": first_live,
        "kernel_rss_mb_all_open": rss,
        "budget_p95_s": BUDGET_S,
        "within_budget": _percentile(times, 0.95) <= BUDGET_S,
        "per_click": clicks,
    }


def report(result: dict) -> str:
    if result.get("status") != "ok":
        return f"console click-to-live: {result.get('status')} ({result.get('reason', '')})"
    rss = result["kernel_rss_mb_all_open"]
    return (
        f"console click-to-live over {result['clicks']} clicks: p50 {result['p50_s'] * 1000:.0f} ms, "
        f"p95 {result['p95_s'] * 1000:.0f} ms, max {result['max_s'] * 1000:.0f} ms "
        f"({result['slowest']}); budget p95 {BUDGET_S:.0f} s: "
        f"{'met' if result['within_budget'] else 'MISSED'}. First live calculator after "
        f"{result['first_live_s']:.1f} s; the console's kernel with every calculator open: "
        + (f"{rss:.0f} MB" if rss is not None else "memory not measured (no psutil)")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="five calculators only")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = measure(smoke=args.smoke)
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
