"""The session scoreboard: SQLite, two processes at once, restart, refusals, CSV."""

import csv
import io
import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from salesprofit import roleplay as rp
from salesprofit import scoreboard as sbm
from salesprofit.scoreboard import Scoreboard

KIT = "discount_request"


def _terms(seed=rp.DEFAULT_SEED, **change):
    return dict(rp.scenario(KIT, seed).status_quo, **change)


def _worker(path, team, n, barrier):
    """One notebook's kernel: records ``n`` deals as fast as it can."""
    board = Scoreboard(path)
    sc = rp.scenario(KIT, 7)
    scores = rp.score(sc, **sc.status_quo).scores()
    barrier.wait()
    for i in range(n):
        board.record(
            team,
            KIT,
            7,
            dict(sc.status_quo, volume=sc.status_quo["volume"] + 100 * (i % 3)),
            scores,
        )


def test_two_processes_recording_at_once_both_land(tmp_path):
    path = tmp_path / "board.sqlite"
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [
        ctx.Process(target=_worker, args=(str(path), team, 25, barrier))
        for team in ("North", "South")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    deals = Scoreboard(path).deals()
    assert len(deals) == 50
    assert deals["team"].value_counts().to_dict() == {"North": 25, "South": 25}
    assert deals["id"].is_unique
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_survives_a_restart(tmp_path):
    path = tmp_path / "sessions" / "board.sqlite"
    first = Scoreboard(path)
    row = first.record("Table 1", KIT, rp.DEFAULT_SEED, _terms(price=95.0, volume=1800.0))
    del first  # the kernel dies
    again = Scoreboard(path)  # a new kernel opens the same file
    deals = again.deals()
    assert deals["id"].tolist() == [row] and deals["team"].tolist() == ["Table 1"]
    assert deals["terms"][0]["price"] == 95.0 and deals["terms"][0]["volume"] == 1800.0
    expected = rp.score(rp.scenario(KIT), **_terms(price=95.0, volume=1800.0))
    assert deals["seller_value"][0] == pytest.approx(expected.seller_value)
    assert bool(deals["on_frontier"][0]) == expected.on_frontier


def test_bad_input_is_refused_and_nothing_recorded_is_lost(tmp_path):
    board = Scoreboard(tmp_path / "b.sqlite")
    board.record("Table 1", KIT, rp.DEFAULT_SEED, _terms())
    with pytest.raises(ValueError, match=r"team's name.*empty"):
        board.record("   ", KIT, rp.DEFAULT_SEED, _terms())
    with pytest.raises(ValueError, match="cannot be below zero"):
        board.record("Table 2", KIT, rp.DEFAULT_SEED, _terms(price=-10.0))
    with pytest.raises(ValueError, match="whole number"):
        board.record("Table 2", KIT, -1, _terms())
    with pytest.raises(ValueError, match="no role-play kit"):
        board.record("Table 2", "poker", 1, _terms())
    with pytest.raises(ValueError, match="too long"):
        board.record("x" * 61, KIT, rp.DEFAULT_SEED, _terms())
    assert board.count() == 1 and board.deals()["team"].tolist() == ["Table 1"]


def test_reading_a_missing_scoreboard_creates_nothing(tmp_path):
    path = tmp_path / "none" / "b.sqlite"
    board = Scoreboard(path)
    assert board.count() == 0 and board.deals().empty and board.rank(KIT).empty
    assert not path.exists() and not path.parent.exists()


def test_location_default_env_and_never_the_repository(tmp_path, monkeypatch):
    monkeypatch.delenv(sbm.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if not sbm.sys.platform.startswith(("win", "darwin")):
        assert (
            sbm.default_path() == tmp_path / "xdg" / "sales-profit-playbook" / "scoreboard.sqlite"
        )
    monkeypatch.setenv(sbm.ENV_VAR, str(tmp_path / "chosen.sqlite"))
    assert Scoreboard().path == str((tmp_path / "chosen.sqlite").resolve())
    assert Scoreboard(tmp_path).path == str((tmp_path / "scoreboard.sqlite").resolve())  # a folder
    repo = Path(sbm.__file__).resolve().parents[2]
    with pytest.raises(ValueError, match="inside the course folder"):
        Scoreboard(repo / "notebooks" / "board.sqlite")
    assert not (repo / "notebooks" / "board.sqlite").exists()


def test_rank_uses_each_teams_latest_deal(tmp_path):
    board = Scoreboard(tmp_path / "b.sqlite")
    sc = rp.scenario(KIT)
    best = rp.frontier(sc, acceptable_only=True).iloc[-1]
    board.record("A", KIT, sc.seed, _terms(), recorded_at="2026-01-01T09:00:00+00:00")
    board.record("B", KIT, sc.seed, {t: best[t] for t in sc.term_names})
    board.record("A", KIT, sc.seed, _terms(volume=sc.status_quo["volume"] + 300))  # a correction
    ranked = board.rank(KIT)
    assert ranked["team"].tolist() == ["B", "A"] and ranked["rank"].tolist() == [1, 2]
    assert (
        ranked.loc[ranked["team"] == "A", "terms"].iloc[0]["volume"]
        == sc.status_quo["volume"] + 300
    )
    assert board.rank(KIT, by="buyer_value")["team"].tolist()[0] in {"A", "B"}
    with pytest.raises(ValueError, match="rank by one of"):
        board.rank(KIT, by="luck")
    assert board.deals(team="A")["recorded_at"].iloc[0] == "2026-01-01T09:00:00+00:00"


def test_csv_export_neutralises_formulas(tmp_path):
    board = Scoreboard(":memory:")
    board.record('=HYPERLINK("http://x")', KIT, rp.DEFAULT_SEED, _terms())
    board.record("@team", KIT, rp.DEFAULT_SEED, _terms())
    board.record("Plain team", KIT, rp.DEFAULT_SEED, _terms(price=80.0))
    text = board.export_csv(tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["team"] for r in rows] == ['\'=HYPERLINK("http://x")', "'@team", "Plain team"]
    assert float(rows[2]["price"]) == 80.0
    assert float(rows[0]["seller_vs_target"]) < 0  # negative numbers stay numbers
    assert (
        sbm.neutralise("+1") == "'+1"
        and sbm.neutralise("-x") == "'-x"
        and sbm.neutralise(-1.0) == -1.0
    )


def test_in_memory_scoreboard_keeps_its_deals():
    board = Scoreboard(":memory:")
    assert repr(board) == "<Scoreboard (in memory)>"
    for team in ("A", "B"):
        board.record(team, KIT, rp.DEFAULT_SEED, _terms())
    assert board.count() == 2


def test_demo_session_and_its_standings():
    board = sbm.demo_session(KIT)
    deals = board.deals()
    assert deals["team"].tolist() == [f"Table {i}" for i in range(1, 7)]
    st = sbm.standings(board, KIT)
    assert st.teams == 6 and st.latest_seed == rp.DEFAULT_SEED and st.teams_on_latest_seed == 6
    # four deals drawn inside the frontier, two on it
    assert st.on_frontier == 2
    best = deals.loc[deals["seller_vs_target"].idxmax()]
    assert st.best_team == best["team"] and st.best_vs_target == best["seller_vs_target"]
    empty = sbm.standings(Scoreboard(":memory:"), KIT)
    assert empty.teams == 0 and empty.best_team is None and empty.latest_seed is None


def test_team_names_are_tidied_as_recorded():
    assert sbm.clean_team("  Table   3 ") == "Table 3"
    with pytest.raises(ValueError, match="empty"):
        sbm.clean_team("   ")
