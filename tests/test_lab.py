"""`make lab`: JupyterLab on 127.0.0.1 with a token, opening at the welcome notebook."""

import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

from servers import free_port, stop, wait_for_http
from test_prose_words import notebook_prose

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "sp-test-token-0123456789"


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = free_port()
    user = tmp_path_factory.mktemp("lab-user")
    env = {
        **os.environ,
        "JUPYTER_TOKEN": TOKEN,
        "CI": "true",
        # a first start: no user settings or workspace remembered from another session
        "JUPYTERLAB_SETTINGS_DIR": str(user / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(user / "workspaces"),
    }
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


@pytest.mark.slow
def test_lab_settings_ask_no_news_and_check_no_updates(lab):
    """The course's settings (tools/lab_settings/overrides.json) reach a first start."""
    base, _ = lab
    plugin = "@jupyterlab/apputils-extension:notification"
    with urllib.request.urlopen(f"{base}/lab/api/settings/{plugin}?token={TOKEN}", timeout=10) as r:
        schema = json.loads(r.read())["schema"]["properties"]  # the overrides set the defaults
    assert schema["fetchNews"]["default"] == "false"  # "Never": no "Would you like to get ..."
    assert schema["checkForUpdates"]["default"] is False


def test_lab_renders_myst_with_jupyterlab_myst():
    """The MyST renderer for JupyterLab is pinned and installed in the course's environment."""
    pins = dict(
        line.split("==")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["jupyterlab-myst"] == metadata.version("jupyterlab-myst")
    assert f"jupyterlab-myst=={pins['jupyterlab-myst']}" in (ROOT / "constraints.txt").read_text()


#: The MyST forms ``tests/lab_myst_sample.ipynb`` holds, which ``test_lab_browser.py`` sees
#: rendered in JupyterLab (jupyterlab-myst): a lab may use these and no others.
RENDERED_ROLES = {"term"}
RENDERED_DIRECTIVES = {"admonition", "note", "tip", "warning"}
ROLE = re.compile(r"\{([a-z][\w:-]*)\}`")
DIRECTIVE = re.compile(r"^\s*(?:```+|:::+)\s*\{([a-z][\w:-]*)\}", re.M)


def _markdown(path: Path) -> list[tuple[str, str]]:
    """(where, text) of every markdown cell and every markdown output of a notebook."""
    return notebook_prose(path, mimes=("text/markdown",))


def _notebooks() -> list[Path]:
    return sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def test_labs_use_only_myst_that_jupyterlab_renders():
    sample = {
        m
        for _, text in _markdown(ROOT / "tests" / "lab_myst_sample.ipynb")
        for m in ROLE.findall(text) + DIRECTIVE.findall(text)
    }
    assert sample == RENDERED_ROLES | RENDERED_DIRECTIVES
    unknown = []
    for path in _notebooks():
        for where, text in _markdown(path):
            roles = set(ROLE.findall(text)) - RENDERED_ROLES
            directives = set(DIRECTIVE.findall(text)) - RENDERED_DIRECTIVES
            if roles or directives:
                unknown.append(f"{path.relative_to(ROOT)} {where}: {sorted(roles | directives)}")
    assert not unknown, (
        "MyST that no browser test has seen rendered in JupyterLab (add it to "
        "tests/lab_myst_sample.ipynb and check it renders, or write it another way):\n"
        + "\n".join(unknown)
    )


def test_no_heading_in_markdown_a_cell_prints():
    """A heading in a cell's Markdown result (``say("### ...")``) shows twice in JupyterLab:
    jupyterlab-myst lifts the first heading of a Markdown output into a title block above
    the heading itself. Headings belong in markdown cells."""
    heading = re.compile(r"^\s{0,3}#{1,6}\s", re.M)
    found = [
        f"{path.relative_to(ROOT)} {where}: {heading.search(text).group(0).strip()} "
        + text[heading.search(text).end() :].split("\n", 1)[0]
        for path in _notebooks()
        for where, text in _markdown(path)
        if where.endswith("output") and heading.search(text)
    ]
    assert not found, "move these headings into markdown cells:\n" + "\n".join(found)


def test_headings_to_cells_moves_printed_headings_into_markdown_cells():
    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from headings_to_cells import move_headings
    finally:
        sys.path.remove(str(ROOT / "tools"))
    source = (
        'say(\n    "## What this means\\n\\n"\n    f"- Keep {pct(m)}.\\n\\n"\n    "## Self-check")'
    )
    printed = "## What this means\n\n- Keep 25.0 %.\n\n## Self-check"
    cell = nbformat.v4.new_code_cell(source)
    cell.id = "c1"
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result", {"text/markdown": printed, "text/plain": printed}, execution_count=1
        )
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert move_headings(nb) == (2, [])
    assert [(c.cell_type, c.source) for c in nb.cells] == [
        ("markdown", "## What this means"),
        ("code", 'say(\n    f"- Keep {pct(m)}.\\n\\n")'),
        ("markdown", "## Self-check"),
    ]
    assert [c.id for c in nb.cells] == ["c1-h", "c1", "c1-t"]
    data = nb.cells[1].outputs[0]["data"]
    assert data["text/markdown"] == data["text/plain"] == "- Keep 25.0 %.\n\n"
    assert move_headings(nb) == (0, [])  # idempotent
