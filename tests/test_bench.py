"""`make bench` in miniature: tools/bench.py --smoke runs every section on tiny sizes,
writes its JSON and prints the table; a missing function is reported, not a crash."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import bench  # noqa: E402


@pytest.mark.slow
def test_bench_smoke_run(tmp_path):
    out = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bench.py"), "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["smoke"] is True
    calcs = results["calculators"]
    breakeven = calcs["pricing.breakeven_calculator"]
    assert breakeven["status"] == "ok" and breakeven["kind"] == "formula"
    assert 0 < breakeven["numbers_p50"] <= breakeven["total_p95"]
    assert breakeven["chart_p95"] > 0  # its chart redraw is measured separately
    assert results["import"]["status"] == "ok" and 0 < results["import"]["median_s"] < 5
    assert results["notebooks"]["count"] == 1 and not results["notebooks"]["failed"]
    for section in ("customer_summary", "bgnbd"):
        assert results[section]["salesprofit"]["status"] in ("ok", "not available")
        assert results[section]["lifetimes"]["status"] in ("ok", "not available")
    assert results["crm_export"]["status"] in ("ok", "not available", "failed")
    assert "import salesprofit" in run.stdout and "budget" in run.stdout


def test_missing_function_is_reported_not_raised(monkeypatch):
    import salesprofit.clv as clv

    monkeypatch.delattr(clv, "customer_summary", raising=False)
    result = bench.bench_customer_summary(200)
    assert result["salesprofit"]["status"] == "not available"
    assert "customer_summary" in result["salesprofit"]["reason"]


def test_sweep_values_stay_in_range_and_change():
    import ipywidgets as w

    slider = w.FloatSlider(value=10, min=0, max=30, step=0.5)
    values = bench.sweep_values(slider, 7)
    assert all(0 <= v <= 30 for v in values) and 10 not in values
    assert values == sorted(values) and len(values) >= 6
    box = w.FloatText(value=100.0)
    assert all(50 <= v <= 150 for v in bench.sweep_values(box, 5))
    assert bench.choice_values(w.Checkbox(value=False), 3) == [True, False, True]
