"""A class on one server, measured (``make loadtest``): simulated learners on JupyterHub.

Starts JupyterHub with the course's ``jupyterhub_config.py`` on 127.0.0.1 (as the JupyterHub
smoke test does: DummyAuthenticator and SimpleLocalProcessSpawner instead of PAM and system
users), then brings learners in, in waves (10, then 30 in all by default). Each learner logs
in, gets their own server with the course copied into their home, opens a lab (a kernel
session on ``notebooks/03_pricing/01_margin_and_discounts.ipynb``, running the lab's imports
and its discount break-even calculator) and moves the calculator (a new discount), the way a
learner drags a slider. After each wave it records:

- the memory of each learner (their server and kernel, resident), and of the hub and proxy;
- the calculator's response under load: the time from "move the slider" to the new number,
  p50 and p95 over every learner's moves, while all the learners of the wave move at once.

The number the calculator answers is checked against ``pricing.breakeven_volume_change``:
a loaded server that answers wrongly fails the run. Everything talks to 127.0.0.1 only; the
run stops by itself (bounded waves, a time limit per step) and stops the hub and the
learners' servers at the end.

    python tools/loadtest.py                     # waves of 10 and 30 learners
    python tools/loadtest.py --waves 2           # a smoke run (what make test does)
    python tools/loadtest.py --waves 10 30 60    # a bigger room (about 25 GB needed)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PASSWORD = "learning-profit"
LAB = "notebooks/03_pricing/01_margin_and_discounts.ipynb"
#: What the learner's lab runs when opened, then each move of the slider.
OPEN = (
    "from salesprofit.ui import pricing as calc\n"
    "c = calc.breakeven_calculator(margin=0.30, discount=0.10)\n"
)
MOVE = "c.set(discount={discount})\nprint(c.output['volume_needed'])\n"
MOVES = (0.08, 0.12, 0.15)
STEP_TIMEOUT = 240


@dataclass
class Learner:
    """One simulated learner: a browser's cookies and what was measured for them."""

    name: str
    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    kernel_id: str = ""
    move_seconds: list[float] = field(default_factory=list)
    answers: list[float] = field(default_factory=list)

    @property
    def opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _xsrf(self, path: str) -> str:
        return next(c.value for c in self.jar if c.name == "_xsrf" and path.startswith(c.path))

    def log_in(self) -> None:
        with self.opener.open(f"{self.base}/hub/login", timeout=30):
            pass
        form = urllib.parse.urlencode(
            {"username": self.name, "password": PASSWORD, "_xsrf": self._xsrf("/hub/")}
        ).encode()
        with self.opener.open(f"{self.base}/hub/login?next=", data=form, timeout=STEP_TIMEOUT):
            pass

    def open_server(self) -> None:
        """Wait until the learner's JupyterLab answers (it starts on the first login)."""
        deadline = time.monotonic() + STEP_TIMEOUT
        lab = f"{self.base}/user/{self.name}/lab/tree/{LAB}"
        while time.monotonic() < deadline:
            try:
                with self.opener.open(lab, timeout=60) as r:
                    if (
                        "jupyter-config-data" in r.read().decode()
                        and f"/user/{self.name}/" in r.geturl()
                    ):
                        return
            except urllib.error.HTTPError as e:
                e.close()
            time.sleep(1)
        raise TimeoutError(f"{self.name}'s server did not start within {STEP_TIMEOUT} s")

    def open_lab(self) -> None:
        """A kernel session on the lab, as JupyterLab creates one when the notebook opens."""
        path = f"/user/{self.name}/"
        body = json.dumps({"path": LAB, "type": "notebook", "kernel": {"name": "python3"}}).encode()
        request = urllib.request.Request(
            f"{self.base}{path}api/sessions",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "X-XSRFToken": self._xsrf(path)},
        )
        with self.opener.open(request, timeout=STEP_TIMEOUT) as r:
            self.kernel_id = json.loads(r.read())["kernel"]["id"]


def _kernel_client(state: Path, kernel_id: str):
    """A client on the learner's kernel, from the connection file their server wrote."""
    from jupyter_client import BlockingKernelClient
    from jupyter_core.paths import jupyter_runtime_dir

    # a learner's server writes it in their runtime folder: under their home, or (when
    # every learner is this machine's one account, as here as root) in the account's own
    places = [state / "home", Path(jupyter_runtime_dir())]
    deadline = time.monotonic() + STEP_TIMEOUT
    while time.monotonic() < deadline:
        found = [f for place in places for f in place.glob(f"**/kernel-{kernel_id}.json")]
        if found:
            client = BlockingKernelClient(connection_file=str(found[0]))
            client.load_connection_file()
            # no heartbeat: without a kernel manager, a kernel still importing would
            # look dead to the client's heartbeat check
            client.start_channels(hb=False)
            client.wait_for_ready(timeout=STEP_TIMEOUT)
            return client
        time.sleep(0.5)
    raise TimeoutError(f"no connection file for kernel {kernel_id}")


def _run(client, code: str) -> str:
    """Execute ``code``; its printed output, or RuntimeError with the kernel's error."""
    printed: list[str] = []

    def collect(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            printed.append("ERROR " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

    reply = client.execute_interactive(code, timeout=STEP_TIMEOUT, output_hook=collect)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("".join(printed) or reply["content"].get("evalue", "error"))
    return "".join(printed)


def _memory_by_learner(hub_pid: int) -> tuple[dict[str, float], float]:
    """Resident memory (MB) of each learner's server and kernels, and of the hub and proxy."""
    import psutil

    hub = psutil.Process(hub_pid)
    learners: dict[str, float] = {}
    rest = hub.memory_info().rss
    for child in hub.children():
        try:
            user = child.environ().get("JUPYTERHUB_USER")
            tree = [child, *child.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in tree)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if user:
            learners[user] = rss / 2**20
        else:
            rest += rss  # the proxy
    return learners, rest / 2**20


def run_wave(base: str, state: Path, learners: list[Learner], stagger: float = 0.0) -> None:
    """Bring ``learners`` in: log in, start their servers, open the lab; one every
    ``stagger`` seconds (a room logs in over a minute or two, not in the same instant)."""

    def arrive(numbered: tuple[int, Learner]) -> None:
        i, learner = numbered
        time.sleep(i * stagger)
        learner.log_in()
        learner.open_server()
        learner.open_lab()

    with concurrent.futures.ThreadPoolExecutor(len(learners)) as pool:
        list(pool.map(arrive, enumerate(learners)))


def move_all(state: Path, learners: list[Learner]) -> None:
    """Every learner opens the calculator and moves it, all at the same time."""

    def move(learner: Learner) -> None:
        client = _kernel_client(state, learner.kernel_id)
        try:
            _run(client, OPEN)
            for discount in MOVES:
                start = time.perf_counter()
                answer = float(_run(client, MOVE.format(discount=discount)).strip())
                learner.move_seconds.append(time.perf_counter() - start)
                learner.answers.append(answer)
        finally:
            client.stop_channels()

    with concurrent.futures.ThreadPoolExecutor(len(learners)) as pool:
        list(pool.map(move, learners))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(waves: list[int], stagger: float = 0.0) -> dict:
    """Run the waves (cumulative learner counts); return the figures of each."""
    from salesprofit import pricing
    from servers import start_hub, stop

    expected = [float(pricing.breakeven_volume_change(-d, 0.30)) for d in MOVES]
    results = []
    with tempfile.TemporaryDirectory(prefix="sp-loadtest-") as folder:
        state = Path(folder)
        base, proc = start_hub(state)
        everyone: list[Learner] = []
        try:
            for size in waves:
                start = time.perf_counter()
                new = [Learner(f"learner{i + 1:03d}", base) for i in range(len(everyone), size)]
                run_wave(base, state, new, stagger)
                arrived = time.perf_counter() - start
                everyone += new
                for learner in everyone:
                    learner.move_seconds.clear()
                    learner.answers.clear()
                move_all(state, everyone)
                wrong = [lr.name for lr in everyone if lr.answers != expected]
                memory, hub_mb = _memory_by_learner(proc.pid)
                moves = [s for lr in everyone for s in lr.move_seconds]
                per = list(memory.values())
                results.append(
                    {
                        "learners": size,
                        "arrival_s": arrived,
                        "move_p50_ms": statistics.median(moves) * 1000,
                        "move_p95_ms": _percentile(moves, 0.95) * 1000,
                        "memory_per_learner_mb": statistics.mean(per) if per else None,
                        "memory_per_learner_max_mb": max(per) if per else None,
                        "memory_learners_total_mb": sum(per),
                        "memory_hub_and_proxy_mb": hub_mb,
                        "wrong_answers": wrong,
                    }
                )
        finally:
            stop(proc)
    return {
        "lab": LAB,
        "moves_per_learner": len(MOVES),
        "stagger_s": stagger,
        "cpus": os.cpu_count(),
        "waves": results,
    }


def report(result: dict) -> str:
    lines = [
        f"{'learners':>8}  {'arrive':>7}  {'move p50':>8}  {'move p95':>8}  "
        f"{'MB/learner':>10}  {'learners MB':>11}  {'hub MB':>7}"
    ]
    for w in result["waves"]:
        lines.append(
            f"{w['learners']:>8}  {w['arrival_s']:>6.0f}s  {w['move_p50_ms']:>6.0f}ms  "
            f"{w['move_p95_ms']:>6.0f}ms  {w['memory_per_learner_mb']:>10.0f}  "
            f"{w['memory_learners_total_mb']:>11.0f}  {w['memory_hub_and_proxy_mb']:>7.0f}"
            + (f"  WRONG: {w['wrong_answers']}" if w["wrong_answers"] else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waves", type=int, nargs="+", default=[10, 30])
    parser.add_argument(
        "--stagger",
        type=float,
        default=2.0,
        help="seconds between two learners' arrivals (default 2: a room logging in)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "loadtest.json")
    args = parser.parse_args(argv)
    if sorted(args.waves) != args.waves or args.waves[0] < 1:
        parser.error("--waves: growing learner counts, such as 10 30")
    result = measure(args.waves, args.stagger)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf8")
    print(report(result))
    print(f"results in {args.out}")
    return 1 if any(w["wrong_answers"] for w in result["waves"]) else 0


if __name__ == "__main__":
    sys.exit(main())
