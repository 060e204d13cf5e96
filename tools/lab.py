"""Start the course in JupyterLab: 127.0.0.1 only, token on, at the welcome notebook.

Used by ``make lab``. Jupyter generates a fresh token each start (set
``JUPYTER_TOKEN`` to choose one) and prints the address to open, token included.
Extra arguments are passed on to JupyterLab (``--no-browser``, ``--port``...).

The settings come from ``tools/jupyter_lab_config.py`` and the course's JupyterLab
defaults from ``tools/lab_settings/overrides.json`` (no question about Jupyter news on
first start); nothing is written into the user's home for them. The ``jupyterlab-myst``
extension (``requirements.txt``) renders the labs' MyST (glossary words, admonitions,
math) as the book does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WELCOME = "notebooks/00_welcome.ipynb"


def command(port: int, extra: list[str]) -> list[str]:
    """The JupyterLab command line the course runs."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--config={ROOT / 'tools' / 'jupyter_lab_config.py'}",
        f"--ServerApp.root_dir={ROOT}",
        f"--ServerApp.port={port}",
        f"--LabApp.default_url=/lab/tree/{WELCOME}",
        *extra,
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8888)
    args, extra = parser.parse_known_args(argv)
    if os.environ.get("CI"):
        extra = ["--no-browser", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        extra = ["--allow-root", *extra]
    print("Starting the Sales Profit Playbook on this computer only (127.0.0.1).")
    print("Open the address with the token that JupyterLab prints below; stop with Ctrl+C.")
    cmd = command(args.port, extra)
    os.chdir(ROOT)
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main()
