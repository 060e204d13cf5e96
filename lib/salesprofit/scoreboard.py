"""The session scoreboard: every scored role-play deal, kept in a SQLite file.

A trainer scores each team's agreed deal with a kit's scorer
(:mod:`salesprofit.ui.roleplay`); the deal is recorded here with the team, the kit,
the seed, the terms and the scores, and the scoreboard ranks teams, lists deals and
exports them to CSV for the debrief.

Where the file lives, in this order: the ``path`` argument; the environment variable
``SALESPROFIT_SCOREBOARD``; a per-user data folder
(``$XDG_DATA_HOME/sales-profit-playbook/scoreboard.sqlite``, by default
``~/.local/share/...``; ``%APPDATA%`` on Windows, ``~/Library/Application Support``
on macOS). Never inside the course repository: results of a session are not course
material and must not be committed. ``":memory:"`` gives a throwaway scoreboard
(demonstrations, tests).

Safety: standard-library ``sqlite3`` in WAL mode with a busy timeout; each write is
one ``BEGIN IMMEDIATE`` transaction on its own short-lived connection, so two
notebooks (two processes) recording at once both land and a kernel restart loses
nothing. Bad input (an empty team name, a price below zero) raises ``ValueError``
with a plain sentence before anything is written; what is recorded is never changed
or deleted by this module.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sqlite3
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import roleplay

__all__ = [
    "Scoreboard",
    "Standings",
    "clean_team",
    "default_path",
    "demo_session",
    "neutralise",
    "resolve_path",
    "standings",
]

ENV_VAR = "SALESPROFIT_SCOREBOARD"
APP_FOLDER = "sales-profit-playbook"
FILE_NAME = "scoreboard.sqlite"
MAX_TEAM = 60
TIMEOUT_S = 30.0
#: The scores kept as their own columns (ranking and the debrief chart use them).
SCORE_COLUMNS = (
    "seller_value",
    "seller_profit",
    "seller_margin",
    "seller_vs_target",
    "seller_vs_walkaway",
    "buyer_value",
    "buyer_vs_walkaway",
    "joint_gain",
    "both_could_gain",
    "left_on_table",
    "on_frontier",
)
RANK_BY = {
    "seller_vs_target": "the seller's result against target",
    "seller_value": "the seller's value",
    "buyer_value": "the buyer's value",
    "joint_gain": "the value both sides gained together",
}
_REPO = Path(__file__).resolve().parents[2]

SCHEMA = """
CREATE TABLE IF NOT EXISTS deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at TEXT NOT NULL,
    team TEXT NOT NULL CHECK (length(trim(team)) > 0),
    kit TEXT NOT NULL,
    seed INTEGER NOT NULL CHECK (seed >= 0),
    terms TEXT NOT NULL,
    scores TEXT NOT NULL,
    seller_value REAL, seller_profit REAL, seller_margin REAL, seller_vs_target REAL,
    seller_vs_walkaway REAL, buyer_value REAL, buyer_vs_walkaway REAL, joint_gain REAL,
    both_could_gain REAL, left_on_table REAL, on_frontier REAL
);
CREATE INDEX IF NOT EXISTS deals_kit_team ON deals (kit, team);
"""


def default_path() -> Path:
    """The scoreboard file when no path is given: ``$SALESPROFIT_SCOREBOARD`` or the
    per-user data folder (not created until something is recorded).

    >>> import os
    >>> os.environ.get("SALESPROFIT_SCOREBOARD") is not None or default_path().name == "scoreboard.sqlite"
    True
    """
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER / FILE_NAME


def resolve_path(path: str | os.PathLike | None = None) -> str:
    """Where a scoreboard lives (``":memory:"`` as is), refusing the course repository.

    A folder is accepted and the file name added.

    >>> resolve_path(":memory:")
    ':memory:'
    """
    if path is None or str(path).strip() == "":
        p = default_path()
    elif str(path) == ":memory:":
        return ":memory:"
    else:
        p = Path(str(path).strip()).expanduser()
    if p.is_dir():
        p = p / FILE_NAME
    p = p.resolve()
    if (_REPO / "pyproject.toml").exists() and p.is_relative_to(_REPO):
        raise ValueError(
            f"the scoreboard cannot live inside the course folder ({_REPO}): it holds a "
            "session's results, which must not be committed. Choose a folder outside it, "
            "or leave the location empty for your own data folder."
        )
    return str(p)


def _clean_team(team: Any) -> str:
    if not isinstance(team, str):
        raise ValueError("the team name must be text, for example 'Table 3' or 'Li & Wang'.")
    name = " ".join(team.split())
    if not name:
        raise ValueError("enter the team's name before recording the deal (it is empty).")
    if len(name) > MAX_TEAM:
        raise ValueError(
            f"the team name is too long ({len(name)} characters): keep it to {MAX_TEAM}."
        )
    return name


def _plain(x: Any) -> Any:
    """A JSON-safe number: NaN and infinities become None."""
    if isinstance(x, bool):
        return float(x)
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"a score must be a number (got {x!r}).") from None
    return v if math.isfinite(v) else None


def neutralise(cell: Any) -> Any:
    """A CSV cell made safe for spreadsheets: text starting with ``= + - @`` (or a tab or
    carriage return) gets a leading apostrophe so it is never run as a formula.
    Numbers pass unchanged.

    >>> neutralise("=HYPERLINK(1)"), neutralise("Team A"), neutralise(-3.5)
    ("'=HYPERLINK(1)", 'Team A', -3.5)
    """
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


class Scoreboard:
    """A session scoreboard in one SQLite file (or ``":memory:"``).

    >>> sb = Scoreboard(":memory:")
    >>> s = roleplay.scenario("discount_request", seed=1)
    >>> row = sb.record("Table 1", "discount_request", 1, s.status_quo)
    >>> sb.count(), sb.deals()["team"].tolist()
    (1, ['Table 1'])
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = resolve_path(path)
        self._memory = (
            sqlite3.connect(":memory:", isolation_level=None) if self.path == ":memory:" else None
        )
        self._ready = False

    def __repr__(self) -> str:
        return "<Scoreboard (in memory)>" if self._memory else f"<Scoreboard {self.path}>"

    # -- connections -------------------------------------------------------------
    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._memory is not None:
            con = self._memory
        else:
            p = Path(self.path)
            if not p.exists():
                if not create:
                    return None
                p.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=TIMEOUT_S, isolation_level=None)
            con.execute(f"PRAGMA busy_timeout = {int(TIMEOUT_S * 1000)}")
        if not self._ready:
            self._prepare(con)
            self._ready = True
        return con

    def _prepare(self, con: sqlite3.Connection) -> None:
        """WAL mode and the tables, retried while another process holds the file.

        Two notebooks opening a new scoreboard at the same moment both try to switch it
        to WAL, which needs the file to themselves; SQLite answers "database is locked"
        at once there instead of waiting for the busy timeout, so it is retried here.
        """
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            try:
                if self._memory is None:
                    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
                    if str(mode).lower() != "wal":
                        con.execute("PRAGMA journal_mode = WAL")
                con.execute("BEGIN IMMEDIATE")
                try:
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            con.execute(statement)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _close(self, con: sqlite3.Connection | None) -> None:
        if con is not None and con is not self._memory:
            con.close()

    # -- writing -------------------------------------------------------------------
    def record(
        self,
        team: str,
        kit: str,
        seed: int,
        terms: Mapping[str, Any],
        scores: Mapping[str, Any] | None = None,
        recorded_at: str | None = None,
    ) -> int:
        """Record one agreed deal; returns its row id.

        ``terms`` are checked against the kit (a price below zero, a missing term ...
        is refused with a sentence); ``scores`` default to
        :func:`salesprofit.roleplay.score` of the terms. ``recorded_at`` is an ISO time
        (now, UTC, when omitted). Nothing is written when anything is refused.
        """
        name = _clean_team(team)
        sc = roleplay.scenario(kit, roleplay.check_seed(seed))
        clean = roleplay.check_terms(sc, dict(terms))
        for k, v in clean.items():
            if np.ndim(v):
                raise ValueError(f"record one deal at a time: {k} holds several values.")
        if scores is None:
            scores = roleplay.score(sc, **clean).scores()
        plain_scores = {str(k): _plain(v) for k, v in dict(scores).items()}
        plain_terms = {k: float(v) for k, v in clean.items()}
        when = recorded_at or datetime.now(UTC).isoformat(timespec="seconds")
        row = (
            when,
            name,
            sc.kit,
            sc.seed,
            json.dumps(plain_terms, sort_keys=True),
            json.dumps(plain_scores, sort_keys=True),
            *[plain_scores.get(c) for c in SCORE_COLUMNS],
        )
        con = self._connect(create=True)
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                cur = con.execute(
                    f"INSERT INTO deals (recorded_at, team, kit, seed, terms, scores, "
                    f"{', '.join(SCORE_COLUMNS)}) VALUES ({', '.join('?' * (6 + len(SCORE_COLUMNS)))})",
                    row,
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            return int(cur.lastrowid)
        finally:
            self._close(con)

    # -- reading -------------------------------------------------------------------
    def count(self) -> int:
        """How many deals are recorded."""
        con = self._connect(create=False)
        if con is None:
            return 0
        try:
            return int(con.execute("SELECT count(*) FROM deals").fetchone()[0])
        finally:
            self._close(con)

    def stamp(self) -> tuple[int, int]:
        """What changes whenever a deal is recorded, by this or any other process.

        ``(count, last id)``: a projected scoreboard compares it every few seconds and
        redraws only when it changed. ``(0, 0)`` while nothing is recorded.
        """
        con = self._connect(create=False)
        if con is None:
            return (0, 0)
        try:
            count, last = con.execute("SELECT count(*), coalesce(max(id), 0) FROM deals").fetchone()
            return (int(count), int(last))
        finally:
            self._close(con)

    def deals(self, kit: str | None = None, team: str | None = None) -> pd.DataFrame:
        """Every recorded deal (oldest first), optionally of one kit and/or team.

        Columns: ``id, recorded_at, team, kit, seed``, the scores, and ``terms`` (a dict).
        """
        cols = ["id", "recorded_at", "team", "kit", "seed", *SCORE_COLUMNS, "terms"]
        con = self._connect(create=False)
        if con is None:
            return pd.DataFrame(columns=cols)
        try:
            where, args = [], []
            if kit is not None:
                where.append("kit = ?")
                args.append(roleplay.kit(kit).key)
            if team is not None:
                where.append("team = ?")
                args.append(_clean_team(team))
            sql = (
                f"SELECT {', '.join(cols)} FROM deals"
                + (f" WHERE {' AND '.join(where)}" if where else "")
                + " ORDER BY id"
            )
            rows = con.execute(sql, args).fetchall()
        finally:
            self._close(con)
        df = pd.DataFrame(rows, columns=cols)
        df["terms"] = [json.loads(t) for t in df["terms"]]
        for c in SCORE_COLUMNS:
            df[c] = df[c].astype(float)
        df["on_frontier"] = df["on_frontier"] == 1.0
        return df

    def rank(self, kit: str, by: str = "seller_vs_target") -> pd.DataFrame:
        """Teams of one kit ranked by ``by`` (best first), each team's latest deal.

        ``by``: "seller_vs_target" (default), "seller_value", "buyer_value" or
        "joint_gain". A team that re-records a deal counts with its latest one.
        """
        if by not in RANK_BY:
            raise ValueError(f"rank by one of {', '.join(RANK_BY)} (got {by!r}).")
        df = self.deals(kit=kit)
        if df.empty:
            return df.assign(rank=pd.Series(dtype=int))
        latest = df.sort_values("id").groupby("team", as_index=False).tail(1)
        ranked = latest.sort_values([by, "id"], ascending=[False, True]).reset_index(drop=True)
        ranked.insert(0, "rank", ranked[by].rank(ascending=False, method="min").astype(int))
        return ranked

    def export_csv(self, path: str | os.PathLike | None = None, kit: str | None = None) -> str:
        """All recorded deals as CSV text (one column per term), written to ``path`` when
        given. Text cells that a spreadsheet would run as a formula are neutralised.
        """
        df = self.deals(kit=kit)
        term_names: list[str] = []
        for t in df["terms"]:
            term_names += [k for k in t if k not in term_names]
        header = ["id", "recorded_at", "team", "kit", "seed", *term_names, *SCORE_COLUMNS]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for _, r in df.iterrows():
            row = [
                int(r["id"]),
                r["recorded_at"],
                r["team"],
                r["kit"],
                int(r["seed"]),
                *[r["terms"].get(n, "") for n in term_names],
                *[
                    ("" if pd.isna(r[c]) else (bool(r[c]) if c == "on_frontier" else float(r[c])))
                    for c in SCORE_COLUMNS
                ],
            ]
            writer.writerow([neutralise(c) for c in row])
        text = buffer.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text


@dataclass(frozen=True)
class Standings:
    """One kit's standings: what the scoreboard view and the debrief show.

    ``ranked``: :meth:`Scoreboard.rank` (each team's latest deal, best first);
    ``best_team`` and ``best_vs_target`` (¥): the first team and its seller's value
    against target; ``on_frontier``: how many of the teams reached a deal on the
    frontier; ``latest_seed``: the seed of the latest recorded deal (its frontier is the
    one the debrief chart draws) and ``teams_on_latest_seed`` how many teams played it.
    """

    kit: str
    by: str
    ranked: pd.DataFrame
    best_team: str | None
    best_vs_target: float
    on_frontier: int
    latest_seed: int | None
    teams_on_latest_seed: int

    @property
    def teams(self) -> int:
        """How many teams are ranked."""
        return len(self.ranked)


def standings(board: Scoreboard, kit: str, by: str = "seller_vs_target") -> Standings:
    """The standings of ``kit`` on ``board``, ranked by ``by`` (see :meth:`Scoreboard.rank`).

    >>> board = demo_session("discount_request")
    >>> s = standings(board, "discount_request")
    >>> s.teams, s.on_frontier, s.teams_on_latest_seed
    (6, 2, 6)
    """
    ranked = board.rank(kit, by=by)
    if ranked.empty:
        return Standings(kit, by, ranked, None, math.nan, 0, None, 0)
    latest_seed = int(ranked.loc[ranked["id"].idxmax(), "seed"])
    return Standings(
        kit=kit,
        by=by,
        ranked=ranked,
        best_team=str(ranked["team"].iloc[0]),
        best_vs_target=float(ranked["seller_vs_target"].iloc[0]),
        on_frontier=int(ranked["on_frontier"].sum()),
        latest_seed=latest_seed,
        teams_on_latest_seed=int((ranked["seed"] == latest_seed).sum()),
    )


def demo_session(
    kit: str = "discount_request",
    seed: int = roleplay.DEFAULT_SEED,
    inside: int = 4,
    on_frontier: int = 2,
    draw_seed: int = 7,
) -> Scoreboard:
    """A finished session in memory, to show the debrief before a first class.

    ``inside`` teams agree acceptable deals inside the frontier and ``on_frontier``
    teams acceptable deals on it, drawn from :func:`salesprofit.roleplay.grid` with
    ``numpy.random.default_rng(draw_seed)``; the teams are called "Table 1", "Table 2"
    ... and record one minute apart on 2026-11-27. Nothing is written to a file.

    >>> len(demo_session().deals())
    6
    """
    sc = roleplay.scenario(kit, roleplay.check_seed(seed))
    grid = roleplay.grid(sc)
    rng = np.random.default_rng(draw_seed)
    acceptable = grid["acceptable"].to_numpy()
    efficient = grid["efficient"].to_numpy()
    picks = list(rng.choice(np.flatnonzero(acceptable & ~efficient), size=inside, replace=False))
    picks += list(
        rng.choice(np.flatnonzero(acceptable & efficient), size=on_frontier, replace=False)
    )
    board = Scoreboard(":memory:")
    for i, row in enumerate(picks):
        deal = grid.iloc[int(row)]
        board.record(
            f"Table {i + 1}",
            kit,
            sc.seed,
            {t: float(deal[t]) for t in sc.term_names},
            recorded_at=f"2026-11-27T10:{i:02d}:00+00:00",
        )
    return board


def clean_team(team: Any) -> str:
    """A team's name as the scoreboard records it (spaces tidied), or a ``ValueError``."""
    return _clean_team(team)
