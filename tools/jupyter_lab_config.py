# JupyterLab settings for the course: local only, token on, nothing fetched from outside.
c = get_config()  # noqa: F821  (provided by Jupyter when it loads this file)
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.allow_remote_access = False
c.ServerApp.port_retries = 0
c.LabApp.news_url = None  # no announcements feed from the internet
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"  # no PyPI queries from the extension manager
