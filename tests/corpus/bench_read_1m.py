"""Benchmark: read and validate a 1,000,000-row GBK CSV export with read_crm_export.

    python tests/corpus/bench_read_1m.py [ROWS]

Writes a seeded GBK export (Chinese headers, dates like 2024年8月27日, prices like
"￥1,234.50" and "1,234.50", a customer-name column that is not used) to a temporary
folder, then reads it in a fresh process and prints wall time, CPU time, the peak of
Python allocations (tracemalloc) and the process's peak resident memory (ru_maxrss).
Budget (issue 8): under 10 s and under 2 GB on 2 cores.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

MEASURE = r"""
import json, resource, sys, time, tracemalloc
from salesprofit.data import read_crm_export
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
t0, c0 = time.perf_counter(), time.process_time()
df = read_crm_export(sys.argv[1])
t1, c1 = time.perf_counter(), time.process_time()
out = {"rows": len(df), "wall_s": t1 - t0, "cpu_s": c1 - c0,
       "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
       "columns": list(df.columns)}
if trace:
    out["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
print(json.dumps(out))
"""


def write_export(path: Path, n: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    cust = rng.integers(1, 5001, n)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 730, n), unit="D")
    price = np.round(rng.lognormal(4, 1, n), 2)
    df = pd.DataFrame(
        {
            "订单号": pd.Series(rng.integers(1, max(2, n // 3), n)).map("SO{:07d}".format),
            "下单日期": (
                days.year.astype(str)
                + "年"
                + days.month.astype(str)
                + "月"
                + days.day.astype(str)
                + "日"
            ),
            "客户编号": pd.Series(cust).map("K{:05d}".format),
            "客户名称": pd.Series(cust).map("华信客户{:05d}有限公司".format),
            "产品编号": pd.Series(rng.integers(1, 900, n)).map("P{:04d}".format),
            "数量": rng.integers(1, 50, n),
            "单价": [f"￥{p:,.2f}" for p in price],
            "成本": [f"{p:,.2f}" for p in np.round(price * 0.7, 2)],
            "标准价": np.round(price * 1.1, 2),
            "业务员": pd.Series(rng.integers(1, 30, n)).map("业务员{:02d}".format),
        }
    )
    df.to_csv(path, index=False, encoding="gbk")


def main(n: int = 1_000_000) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export_gbk.csv"
        write_export(path, n)
        size = path.stat().st_size
        runs = {}
        for mode in ("plain", "trace"):
            res = subprocess.run(
                [sys.executable, "-c", MEASURE, str(path), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[mode] = json.loads(res.stdout)
    report = {
        "rows": n,
        "file_mib": size / 2**20,
        "wall_s": runs["plain"]["wall_s"],
        "cpu_s": runs["plain"]["cpu_s"],
        "maxrss_mib": runs["plain"]["maxrss_mib"],
        "tracemalloc_peak_mib": runs["trace"]["tracemalloc_peak_mib"],
    }
    print(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
