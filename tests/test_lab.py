"""`make lab`: JupyterLab on 127.0.0.1 with a token, opening at the welcome notebook."""

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from servers import free_port, stop, wait_for_http

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sp-test-token-0123456789"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture(scope="module")
def lab():
    port = free_port()
    env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "CI": "true"}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "lab.py"), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/api/status", proc, timeout=60)
    except RuntimeError:
        pytest.fail("JupyterLab exited: " + proc.stdout.read())
    except TimeoutError:
        stop(proc)
        pytest.fail("JupyterLab did not answer within 60 s")
    yield base, port
    stop(proc)
    proc.stdout.close()


@pytest.mark.slow
def test_lab_needs_the_token(lab):
    base, _ = lab
    assert status(f"{base}/api/contents/notebooks/00_welcome.ipynb?content=0") == 403
    assert status(f"{base}/api/contents/notebooks/00_welcome.ipynb?content=0&token={TOKEN}") == 200
    assert status(f"{base}/lab/tree/notebooks/00_welcome.ipynb?token={TOKEN}") == 200


@pytest.mark.slow
def test_lab_listens_on_loopback_only(lab):
    _, port = lab
    other = [
        a
        for a in {i[4][0] for i in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        if not a.startswith("127.")
    ]
    for address in other:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((address, port)) != 0, f"JupyterLab answers on {address}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.slow
def test_lab_opens_at_the_welcome_notebook_and_fetches_no_news(lab):
    base, _ = lab
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{base}/?token={TOKEN}", timeout=10)
    assert redirect.value.code in (301, 302)
    assert (
        redirect.value.headers["Location"]
        .split("?")[0]
        .endswith("/lab/tree/notebooks/00_welcome.ipynb")
    )
    redirect.value.close()
    with urllib.request.urlopen(f"{base}/lab?token={TOKEN}", timeout=10) as r:
        page = r.read().decode()
    assert '"news": {"disabled": true}' in page  # no announcements feed from the internet
