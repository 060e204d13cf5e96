"""Servers the tests start on 127.0.0.1: the Voilà gallery and a static file server.

Shared by ``test_app.py``, ``test_browser.py`` and ``test_bench.py`` through the
session fixtures in ``conftest.py`` (one server per test session).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CONFIG_DATA = re.compile(
    r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S
)
CELL_OUTPUT = re.compile(
    r'<script type="application/vnd.voila.cell-output\+json">\s*(.*?)\s*</script>', re.S
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(
    url: str, proc: subprocess.Popen | None = None, timeout: float = 90, ok_only: bool = False
) -> None:
    """Poll ``url`` until the server answers (any HTTP status, or 2xx with ``ok_only``)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError as e:
            e.close()
            if not ok_only:
                return
            time.sleep(0.3)
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"the server exited with status {proc.returncode}") from None
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --------------------------------------------------------------------------- Voilà


@dataclass
class Gallery:
    """A running ``tools/app.py`` (Voilà) and what it serves."""

    port: int
    token: str
    proc: subprocess.Popen
    log: Path
    calculators: list = field(default_factory=list)  # tools.app.CalculatorInfo
    broken: dict = field(default_factory=dict)

    def url(self, page: str = "index.ipynb", token: bool = True) -> str:
        base = f"http://127.0.0.1:{self.port}/voila/render/{page}"
        return f"{base}?token={self.token}" if token else base


def start_gallery(out: Path) -> Gallery:
    """Build the gallery into ``out`` and start Voilà on a free port with a known token."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import app
    finally:
        sys.path.remove(str(ROOT / "tools"))
    port, token = free_port(), uuid.uuid4().hex
    calcs, broken = app.build(out)
    log = out.parent / f"{out.name}-voila.log"
    env = {**app.environment(out), "CI": "true", "VOILA_TOKEN": token}
    # the session's own scoreboard: tests never write into the user's data folder
    env["SALESPROFIT_SCOREBOARD"] = str(out.parent / f"{out.name}-scoreboard.sqlite")
    with open(log, "w") as handle:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tools" / "app.py"),
                "--port",
                str(port),
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    gallery = Gallery(port, token, proc, log, calcs, broken)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/voila/api/shutdown", proc)
    except (TimeoutError, RuntimeError) as exc:
        stop(proc)
        raise RuntimeError("Voilà did not start:\n" + log.read_text(errors="replace")) from exc
    return gallery


def page_outputs(html: str) -> tuple[str, list[dict]]:
    """The kernel id and the cell outputs Voilà rendered into a page."""
    config = json.loads(CONFIG_DATA.search(html).group(1))
    outputs = [json.loads(m) for m in CELL_OUTPUT.findall(html)]
    return config["kernelId"], outputs


def _pack(obj: dict) -> bytes:
    return json.dumps(obj).encode()


async def _widget_states(port: int, token: str, kernel_id: str, timeout: float) -> dict:
    # The kernel websocket's v1 protocol, as JupyterLab's widget manager speaks it (the
    # legacy JSON protocol makes jupyter_server 2 grow without bound on binary replies).
    from jupyter_server.services.kernels.connection.base import (
        deserialize_msg_from_ws_v1,
        serialize_msg_to_ws_v1,
    )
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}")
    ws = await websocket_connect(request, subprotocols=["v1.kernel.websocket.jupyter.org"])
    session, comm_id = uuid.uuid4().hex, uuid.uuid4().hex

    def message(msg_type: str, content: dict, metadata: dict | None = None) -> bytes:
        msg = {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": session,
                "username": "test",
                "version": "5.4",
                "date": "2026-01-01T00:00:00.000000Z",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
        }
        return serialize_msg_to_ws_v1(msg, "shell", pack=_pack)

    await ws.write_message(
        message(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            {"version": "1.0.0"},
        ),
        binary=True,
    )
    await ws.write_message(
        message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}), binary=True
    )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
            if raw is None:
                break
            _channel, parts = deserialize_msg_from_ws_v1(raw)
            header, content, buffers = json.loads(parts[0]), json.loads(parts[3]), parts[4:]
            data = content.get("data", {})
            if (
                header.get("msg_type") == "comm_msg"
                and content.get("comm_id") == comm_id
                and data.get("method") == "update_states"
            ):
                states = data["states"]
                for path, buf in zip(data.get("buffer_paths", []), buffers):
                    target = states
                    for key in path[:-1]:
                        target = target[key]
                    target[path[-1]] = bytes(buf)
                return states
    finally:
        ws.close()
        # wait for the server's close frame, so the socket is closed before the loop ends
        with contextlib.suppress(Exception):
            while await asyncio.wait_for(ws.read_message(), 5) is not None:
                pass
    raise TimeoutError("the kernel sent no widget state")


def shutdown_kernel(port: int, token: str, kernel_id: str) -> None:
    """Stop a page's kernel, as the page does when it is closed."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/voila/api/shutdown/{kernel_id}",
        data=b"",
        method="POST",
        headers={"Authorization": f"token {token}"},
    )
    with urllib.request.urlopen(request, timeout=30):
        pass


def widget_states(port: int, token: str, kernel_id: str, timeout: float = 30) -> dict:
    """Every widget model's state in a Voilà page's kernel, asked for the way the page's
    widget manager asks (``jupyter.widget.control`` comm, ``request_states``)."""
    return asyncio.run(_widget_states(port, token, kernel_id, timeout))


# --------------------------------------------------------------------------- JupyterHub

HUB_TEST_CONFIG = """
# the course's configuration, then what a smoke test needs instead of PAM and system users
load_subconfig({config!r})
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "learning-profit"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home!r} + "/{{username}}"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.cleanup_servers = True
import os
if os.geteuid() == 0:   # CI containers run as root: all learners share this account here
    c.Spawner.args = [*c.Spawner.args, "--allow-root"]
"""


def start_hub(state: Path) -> tuple[str, subprocess.Popen]:
    """JupyterHub with the course's ``jupyterhub_config.py`` on 127.0.0.1, learners' homes
    under ``state``: DummyAuthenticator (password ``learning-profit``) and
    SimpleLocalProcessSpawner instead of PAM and system users. Returns the base URL and
    the process; raises ``RuntimeError`` with the log's end when it does not start."""
    port = free_port()
    config = state / "test_config.py"
    config.write_text(
        HUB_TEST_CONFIG.format(
            config=str(ROOT / "jupyterhub_config.py"),
            home=str(state / "home"),
            hub_port=free_port(),
            proxy_api_port=free_port(),
        )
    )
    env = {**os.environ, "SP_HUB_STATE": str(state), "SP_HUB_PORT": str(port)}
    env["PATH"] = os.pathsep.join([str(ROOT / ".venv" / "bin"), env.get("PATH", "")])
    with open(state / "hub.log", "w") as log:  # the child keeps its own copy
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/hub/health", proc, timeout=90, ok_only=True)
    except (TimeoutError, RuntimeError) as exc:
        stop(proc)
        raise RuntimeError(
            "JupyterHub did not start:\n" + (state / "hub.log").read_text()[-4000:]
        ) from exc
    return base, proc


# --------------------------------------------------------------------------- static files


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@dataclass
class StaticServer:
    port: int
    server: http.server.ThreadingHTTPServer
    thread: threading.Thread

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def serve_folder(folder: Path) -> StaticServer:
    """Serve ``folder`` on 127.0.0.1 (a thread of this process)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return StaticServer(server.server_address[1], server, thread)


def chromium_path() -> str | None:
    """Debian's chromium, or the one named by ``CHROMIUM`` (never Playwright's download)."""
    from salesprofit.printing import chromium_path as library_chromium_path

    return library_chromium_path()


def toc_files() -> list[str]:
    """Every document named in ``_toc.yml`` (root first), as written there."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return files
