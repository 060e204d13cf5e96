"""`make loadtest` in small: two simulated learners on JupyterHub with the course's config.

The full run (10, then 30 learners) is ``make loadtest``; here two learners log in, get
their own servers, open the pricing lab and move its calculator at the same time. The
calculator must answer what the library computes, under load as alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import loadtest  # noqa: E402

CHP = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
pytestmark = pytest.mark.slow


def test_two_learners_move_a_calculator_on_one_server(tmp_path):
    if not CHP.exists() and not shutil.which("configurable-http-proxy"):
        message = "configurable-http-proxy is not installed (make venv installs it into .venv/node)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from salesprofit import pricing

    # in its own process, as `make loadtest` runs it (its kernel clients' threads and
    # event loops end with the process)
    out = tmp_path / "loadtest.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "loadtest.py"), "--waves", "2", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    result = json.loads(out.read_text())
    [wave] = result["waves"]
    assert wave["learners"] == 2
    assert wave["wrong_answers"] == []
    # a 10 % discount at a 30 % margin needs +50 % volume: the first move (8 %) needs
    # 0.08 / 0.22, as the library says
    assert pricing.breakeven_volume_change(-0.08, 0.30) == pytest.approx(0.08 / 0.22)
    assert wave["memory_per_learner_mb"] > 0
    assert wave["memory_learners_total_mb"] == pytest.approx(2 * wave["memory_per_learner_mb"])
    assert wave["move_p95_ms"] >= wave["move_p50_ms"] > 0
    assert "learners" in loadtest.report(result)
