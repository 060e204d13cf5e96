# JupyterLab settings for the course: local only, token on, nothing fetched from outside.
from pathlib import Path

c = get_config()  # noqa: F821  (provided by Jupyter when it loads this file)
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.allow_remote_access = False
c.ServerApp.port_retries = 0
c.LabApp.news_url = None  # no announcements feed from the internet
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"  # no PyPI queries from the extension manager
# The course's default settings (tools/lab_settings/overrides.json), kept in the project, so
# they hold on a fresh clone and nothing is written into the user's home: news "Never"
# (no "Would you like to get notified about official Jupyter news?" prompt on first start).
c.LabApp.app_settings_dir = str(Path(__file__).resolve().parent / "lab_settings")
