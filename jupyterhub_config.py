# JupyterHub for a class of the Sales Profit Playbook (see book/running_a_class.md).
#
# One server, each learner a system user (PAM login, the default): JupyterHub starts
# each learner's own JupyterLab with the course's environment (this checkout's .venv,
# built by `make venv`), opening at the welcome notebook. On first start a learner gets
# a personal copy of the labs in ~/sales-profit-playbook (their work, kept apart) and
# a personal role-play scoreboard (SALESPROFIT_SCOREBOARD, in their home folder).
#
#   sudo .venv/bin/jupyterhub -f jupyterhub_config.py     # then open http://127.0.0.1:8000
#
# Settings you may change without editing this file (environment variables):
#   SP_HUB_IP      address to listen on (default 127.0.0.1; put a TLS proxy in front
#                  or use The Littlest JupyterHub before opening it to a network)
#   SP_HUB_PORT    port (default 8000)
#   SP_HUB_STATE   folder for the hub's database, cookie secret and proxy pid
#                  (default /srv/salesprofit-hub; never inside the repository)
#   SP_LEARNERS    a file with one learner user name a line (default: any system user
#                  in the group `learners`, see below)
#
# With The Littlest JupyterHub or Zero to JupyterHub, do not use this file as is: the
# book page shows the few settings to carry over (user environment, default URL,
# scoreboard variable).

import os
import shutil
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

COURSE = Path(__file__).resolve().parent
VENV = COURSE / ".venv"
STATE = Path(os.environ.get("SP_HUB_STATE", "/srv/salesprofit-hub"))
WORK_FOLDER = "sales-profit-playbook"
SCOREBOARD = ".local/share/salesprofit/scoreboard.sqlite"

# --- network: this machine only unless told otherwise ---------------------------------
c.JupyterHub.ip = os.environ.get("SP_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("SP_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"

# --- the hub's own files, outside the repository -----------------------------------------
STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# JupyterHub's proxy from the project (`make venv` installs it into .venv/node from npm)
_chp = VENV / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
if _chp.exists():
    c.ConfigurableHTTPProxy.command = [str(_chp)]

# --- who may log in ---------------------------------------------------------------------
# PAM: learners log in with their system account. Create them with `adduser`, and list
# them in SP_LEARNERS or put them in the group `learners`.
_learners = os.environ.get("SP_LEARNERS")
if _learners and Path(_learners).is_file():
    c.Authenticator.allowed_users = {
        line.strip() for line in Path(_learners).read_text().splitlines() if line.strip()
    }
else:
    c.PAMAuthenticator.allowed_groups = {"learners"}
c.Authenticator.admin_users = set(filter(None, os.environ.get("SP_HUB_ADMINS", "").split(",")))

# --- every learner's server: the course's environment, the welcome notebook -------------
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = f"~/{WORK_FOLDER}"
c.Spawner.default_url = "/lab/tree/notebooks/00_welcome.ipynb"
# no news feed, update check or extension-manager queries to the internet
c.Spawner.args = [
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    # the course's JupyterLab settings: no news prompt, no update check (as `make lab`)
    f"--LabApp.app_settings_dir={COURSE / 'tools' / 'lab_settings'}",
]
c.Spawner.mem_limit = os.environ.get("SP_HUB_MEM_LIMIT", "1G")  # enforced by TLJH/Z2JH


def learner_home(spawner) -> Path:
    """The learner's home folder (the spawner's, or the system account's)."""
    home = getattr(spawner, "home_dir", None)
    if home:
        return Path(home)
    import pwd

    return Path(pwd.getpwnam(spawner.user.name).pw_dir)


def scoreboard_path(spawner) -> str:
    """Each learner's own role-play scoreboard (SQLite), in their home folder."""
    return str(learner_home(spawner) / SCOREBOARD)


c.Spawner.environment = {
    "SALESPROFIT_SCOREBOARD": scoreboard_path,
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


def copy_course(spawner) -> None:
    """First start: a personal copy of the labs; later starts keep the learner's work."""
    home = learner_home(spawner)
    work = home / WORK_FOLDER
    (home / SCOREBOARD).parent.mkdir(parents=True, exist_ok=True)
    if not (work / "notebooks").exists():
        work.mkdir(parents=True, exist_ok=True)
        shutil.copytree(
            COURSE / "notebooks",
            work / "notebooks",
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
        )
    if os.geteuid() == 0 and not getattr(spawner, "home_dir", None):  # system users
        import pwd

        account = pwd.getpwnam(spawner.user.name)
        for folder in (
            work,
            (home / SCOREBOARD).parent,
            home / ".local",
            home / ".local" / "share",
        ):
            for path in [folder, *folder.rglob("*")] if folder == work else [folder]:
                os.chown(path, account.pw_uid, account.pw_gid)


c.Spawner.pre_spawn_hook = copy_course

# Idle servers stop after an hour (JupyterHub's idle culler is a separate package; the
# singleuser server can also shut itself down)
c.Spawner.args += [
    "--ServerApp.shutdown_no_activity_timeout=3600",
    "--MappingKernelManager.cull_idle_timeout=3600",
]
