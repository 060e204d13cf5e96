"""Running a class: ``jupyterhub_config.py`` starts, a learner logs in and gets their own
server with the welcome notebook (JupyterHub on 127.0.0.1, DummyAuthenticator,
SimpleLocalProcessSpawner, the project's configurable-http-proxy from ``.venv/node``).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from servers import start_hub, stop

ROOT = Path(__file__).resolve().parent.parent
CHP = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"

pytestmark = pytest.mark.slow


def learner_config():
    """The course's config file evaluated like JupyterHub does (for its helpers)."""
    from traitlets.config import Config

    namespace = {"get_config": Config, "__file__": str(ROOT / "jupyterhub_config.py")}
    exec(
        compile((ROOT / "jupyterhub_config.py").read_text(), "jupyterhub_config.py", "exec"),
        namespace,
    )
    return namespace


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not CHP.exists() and not shutil.which("configurable-http-proxy"):
        message = "configurable-http-proxy is not installed (make venv installs it into .venv/node)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    state = tmp_path_factory.mktemp("hub")
    try:
        base, proc = start_hub(state)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield base, state
    stop(proc)  # JupyterHub stops the learners' servers on exit (cleanup_servers)


def test_scoreboard_and_work_are_per_learner(tmp_path):
    ns = learner_config()

    class Spawner:
        def __init__(self, name):
            self.home_dir = str(tmp_path / name)
            self.user = type("U", (), {"name": name})()

    a, b = Spawner("ana"), Spawner("bo")
    env = ns["c"].Spawner.environment
    assert env["SALESPROFIT_SCOREBOARD"](a) != env["SALESPROFIT_SCOREBOARD"](b)
    assert env["SALESPROFIT_SCOREBOARD"](a).startswith(a.home_dir)
    ns["copy_course"](a)
    assert (Path(a.home_dir) / "sales-profit-playbook" / "notebooks" / "00_welcome.ipynb").exists()
    mine = Path(a.home_dir) / "sales-profit-playbook" / "notebooks" / "00_welcome.ipynb"
    mine.write_text(mine.read_text() + " ")  # a learner's edit survives the next start
    ns["copy_course"](a)
    assert mine.read_text().endswith(" ")
    assert ns["c"].Spawner.cmd[0].endswith("jupyterhub-singleuser")
    assert ns["c"].Spawner.default_url == "/lab/tree/notebooks/00_welcome.ipynb"
    assert ns["c"].JupyterHub.ip == "127.0.0.1"


def test_a_learner_logs_in_and_opens_the_welcome_notebook_on_their_own_server(hub):
    base, state = hub
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/hub/login", timeout=30) as r:
        assert r.status == 200
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    form = urllib.parse.urlencode(
        {"username": "learner1", "password": "learning-profit", "_xsrf": xsrf}
    ).encode()
    with opener.open(f"{base}/hub/login?next=", data=form, timeout=120) as r:
        assert r.status == 200
    # the learner's own server starts (the spawn-pending page polls); its JupyterLab page
    # then logs the learner in to it (OAuth with the hub) and opens the welcome notebook
    deadline = time.time() + 150
    lab = f"{base}/user/learner1/lab/tree/notebooks/00_welcome.ipynb"
    last = None
    while time.time() < deadline:
        try:
            with opener.open(lab, timeout=30) as r:
                page = r.read().decode()
                if "jupyter-config-data" in page and "/user/learner1/" in r.geturl():
                    break
                last = r.geturl()
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code} {e.url}"
            e.close()
        time.sleep(1)
    else:
        pytest.fail(
            f"the learner's server did not open the welcome notebook: {last}\n"
            + (state / "hub.log").read_text()[-4000:]
        )
    url = f"{base}/user/learner1/api/contents/notebooks/00_welcome.ipynb?content=0"
    with opener.open(url, timeout=30) as r:
        model = json.loads(r.read())
    assert model["type"] == "notebook" and model["name"] == "00_welcome.ipynb"
    # their own copy, in their own home folder
    assert (
        state / "home" / "learner1" / "sales-profit-playbook" / "notebooks" / "00_welcome.ipynb"
    ).exists()
    # another learner cannot read it
    other = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        with other.open(url, timeout=30) as r:
            landed = r.geturl()
    except urllib.error.HTTPError as e:
        landed = e.code
        e.close()
    assert landed in (401, 403) or "/hub/login" in landed
