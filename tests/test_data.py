"""salesprofit.data: every table loads typed and validated; bad files fail in plain English.

The corruption tests copy one table to a temporary folder, break it the way a real
export breaks (a missing column, text in a number column, a negative price, a
discount of 100 %, an unreadable date ...) and check that ``load`` raises a
``DataError`` naming the table, the column and the rows, never a pandas or pandera
traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salesprofit import data
from salesprofit.data import TABLES, DataError

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "datasets"

EXPECTED_TABLES = [
    "activities",
    "campaign_responses",
    "campaigns",
    "customers",
    "expenses",
    "inventory",
    "opportunities",
    "opportunity_stages",
    "order_lines",
    "orders",
    "price_experiment",
    "products",
    "reps",
    "returns",
    "surveys",
    "targets",
    "tickets",
]


# --- the catalogue of tables --------------------------------------------------------


def test_tables_sorted_and_complete():
    assert data.tables() == EXPECTED_TABLES


def test_data_dir_is_the_repository_datasets_folder(monkeypatch):
    monkeypatch.delenv(data.ENV_VAR, raising=False)
    assert data.data_dir() == DATASETS.resolve()


def test_env_var_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    assert data.data_dir() == tmp_path.resolve()
    with pytest.raises(DataError, match="Table 'reps': file not found"):
        data.load("reps")


# --- every table loads, typed ---------------------------------------------------------


@pytest.mark.parametrize("table", EXPECTED_TABLES)
def test_every_table_loads_typed(table):
    df = data.load(table)
    spec = TABLES[table]
    assert list(df.columns) == spec.column_names
    assert len(df) > 0
    for col in spec.columns:
        dtype = df[col.name].dtype
        if col.kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), col.name
        elif col.kind in ("int", "flag"):
            assert dtype == np.int64, col.name
        elif col.kind in ("float", "money", "fraction"):
            assert dtype == np.float64, col.name
        else:
            assert pd.api.types.is_string_dtype(dtype), col.name
        if not col.nullable:
            assert df[col.name].notna().all(), col.name


def test_load_returns_a_fresh_frame_each_call():
    first = data.load("reps")
    first.loc[0, "base_salary"] = -1.0
    first["extra"] = 1
    second = data.load("reps")
    assert second.loc[0, "base_salary"] > 0
    assert "extra" not in second.columns


def test_unknown_table_lists_the_known_ones():
    with pytest.raises(DataError) as info:
        data.load("sales")
    message = str(info.value)
    assert "Unknown table 'sales'" in message
    assert "order_lines" in message and "price_experiment" in message


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"Table 'orders': file not found"):
        data.load("orders", data_dir=tmp_path)


def test_ground_truth_is_available():
    truth = data.ground_truth()
    assert truth["seed"] == 2024
    assert set(truth["price_elasticity_by_segment"]) == set(data.SEGMENTS)


def test_import_salesprofit_does_not_import_pandera():
    code = "import sys, salesprofit, salesprofit.data; print('pandera' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert out.stdout.strip() == "False"


# --- corrupted copies raise DataError naming table, column and rows ----------------------


def _corrupt(tmp_path: Path, table: str, edit) -> Path:
    """Copy ``table`` into tmp_path, apply ``edit`` to its text frame, write it back."""
    frame = pd.read_csv(DATASETS / f"{table}.csv", dtype=str, keep_default_na=False)
    frame = edit(frame)
    frame.to_csv(tmp_path / f"{table}.csv", index=False, lineterminator="\n")
    return tmp_path


def _error(tmp_path: Path, table: str) -> DataError:
    with pytest.raises(DataError) as info:
        data.load(table, data_dir=tmp_path)
    err = info.value
    assert isinstance(err, ValueError)
    # a clean message: no chained pandas/pandera exception shown to the user
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__
    return err


def _set(column: str, rows: list[int], value: str):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[rows, column] = value
        return frame

    return edit


CORRUPTIONS = [
    # (table, column, edit, words the message must contain)
    (
        "order_lines",
        "discount",
        _set("discount", [10, 38], "1.2"),
        ["at least 0 and below 1", "0.15 means 15 %", "12, 40"],
    ),
    ("order_lines", "discount", _set("discount", [5], "-0.1"), ["below 1", "7"]),
    ("order_lines", "list_price", _set("list_price", [3], "-5"), ["above 0", "5"]),
    (
        "order_lines",
        "quantity",
        _set("quantity", [0, 7], "lots"),
        ["must be numbers", "2, 9", "'lots'"],
    ),
    ("order_lines", "quantity", _set("quantity", [4], "2.5"), ["whole numbers", "6"]),
    ("products", "list_price", _set("list_price", [2], "¥12"), ["must be numbers", "4"]),
    ("products", "unit_cost", _set("unit_cost", [1], "-3"), ["above 0", "3"]),
    (
        "orders",
        "order_date",
        _set("order_date", [2, 3], "31/12/2024"),
        ["YYYY-MM-DD", "4, 5", "'31/12/2024'"],
    ),
    ("orders", "order_date", _set("order_date", [6], "2024-02-30"), ["YYYY-MM-DD", "8"]),
    ("orders", "status", _set("status", [1], "shipped"), ["one of", "delivered", "3"]),
    ("orders", "customer_id", _set("customer_id", [9], ""), ["must not be empty", "11"]),
    ("orders", "order_id", _set("order_id", [4], "O000001"), ["unique", "6"]),
    ("customers", "tier", _set("tier", [0], "vip"), ["one of", "key", "2"]),
    ("customers", "rebate_rate", _set("rebate_rate", [5], "2"), ["at most 0.1", "7"]),
    ("reps", "rep_id", _set("rep_id", [0], "Rep 1"), ["look like", "2"]),
    ("price_experiment", "quantity", _set("quantity", [3], "-1"), ["at least 0", "5"]),
    ("surveys", "nps_score", _set("nps_score", [0], "11"), ["at most 10", "2"]),
]


@pytest.mark.parametrize(
    "table,column,edit,words",
    CORRUPTIONS,
    ids=[f"{t}-{c}-{i}" for i, (t, c, _, _) in enumerate(CORRUPTIONS)],
)
def test_corruption_names_table_column_and_rows(tmp_path, table, column, edit, words):
    folder = _corrupt(tmp_path, table, edit)
    message = str(_error(folder, table))
    assert f"Table '{table}', column '{column}'" in message
    assert "first bad rows" in message or "rows" in message
    for word in words:
        assert word in message, (word, message)


def test_missing_column(tmp_path):
    folder = _corrupt(tmp_path, "order_lines", lambda f: f.drop(columns=["discount"]))
    message = str(_error(folder, "order_lines"))
    assert "Table 'order_lines', column 'discount': the column is missing" in message


def test_net_price_must_match_list_price_and_discount(tmp_path):
    def edit(frame):
        frame.loc[[20], "net_price"] = "999999"
        return frame

    message = str(_error(_corrupt(tmp_path, "order_lines", edit), "order_lines"))
    assert "Table 'order_lines', column 'net_price'" in message
    assert "list_price x (1 - discount)" in message and "22" in message


def test_dates_in_the_wrong_order(tmp_path):
    def edit(frame):
        closed = frame.index[frame["resolved_date"] != ""][0]
        frame.loc[closed, "resolved_date"] = "2000-01-01"
        return frame

    message = str(_error(_corrupt(tmp_path, "tickets", edit), "tickets"))
    assert "Table 'tickets', column 'resolved_date'" in message
    assert "cannot be before opened_date" in message


def test_empty_and_garbled_files(tmp_path):
    (tmp_path / "reps.csv").write_bytes(b"")
    assert "is empty" in str(_error(tmp_path, "reps"))
    (tmp_path / "reps.csv").write_bytes("rep_id,name\nR01,张伟\n".encode("gb18030"))
    assert "not UTF-8" in str(_error(tmp_path, "reps"))


def test_several_problems_are_all_reported(tmp_path):
    def edit(frame):
        frame.loc[[1], "discount"] = "1.5"
        frame.loc[[2], "list_price"] = "-1"
        return frame

    message = str(_error(_corrupt(tmp_path, "order_lines", edit), "order_lines"))
    assert "column 'discount'" in message and "column 'list_price'" in message


def test_a_valid_copy_loads_from_another_folder(tmp_path):
    shutil.copy(DATASETS / "reps.csv", tmp_path / "reps.csv")
    assert data.load("reps", data_dir=tmp_path).equals(data.load("reps"))


# --- the data dictionary documents every column --------------------------------------


def test_readme_documents_every_table_and_column():
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    for name, spec in TABLES.items():
        assert f"### {name}" in readme
        for col in spec.columns:
            assert f"| `{col.name}` |" in readme, (name, col.name)


# --- CDNOW ----------------------------------------------------------------------------


def test_cdnow_summary_matches_the_published_sample():
    s = data.load_cdnow("summary")
    assert list(s.columns) == ["customer_id", "frequency", "recency", "T", "monetary_value"]
    assert len(s) == 2357
    assert s["customer_id"].tolist() == list(range(1, 2358))
    # totals of the file as shipped by lifetimes (Fader & Hardie's 39-week calibration)
    assert (s["frequency"] == 0).sum() == 1411
    assert s["frequency"].sum() == 2457
    assert s["frequency"].mean() == pytest.approx(1.0424, abs=1e-4)
    assert s["T"].max() == pytest.approx(38.86)
    assert (s.loc[s["frequency"] == 0, "monetary_value"] == 0).all()


def test_cdnow_transactions_agree_with_the_summary():
    t = data.load_cdnow("transactions")
    assert list(t.columns) == ["customer_id", "date", "quantity", "amount"]
    assert len(t) == 6919
    assert t["customer_id"].nunique() == 2357
    assert t["date"].min() == pd.Timestamp("1997-01-01")
    assert t["date"].max() == pd.Timestamp("1998-06-30")
    assert t["amount"].sum() == pytest.approx(244_091.94)
    # rebuild the calibration summary: purchase days up to 1997-09-30, in weeks
    cal = t[t["date"] <= data.CDNOW_CALIBRATION_END]
    days = cal.groupby(["customer_id", "date"], as_index=False)["amount"].sum()
    first = days.groupby("customer_id")["date"].min()
    last = days.groupby("customer_id")["date"].max()
    repeat = days[days["date"] > days["customer_id"].map(first)]
    s = data.load_cdnow("summary").set_index("customer_id")
    assert (days.groupby("customer_id").size() - 1).equals(s["frequency"])
    recency = (last - first).dt.days / 7
    assert np.abs(recency - s["recency"]).max() < 0.006
    T = (data.CDNOW_CALIBRATION_END - first).dt.days / 7
    assert np.abs(T - s["T"]).max() < 0.006
    monetary = repeat.groupby("customer_id")["amount"].mean().reindex(s.index, fill_value=0)
    assert np.abs(monetary - s["monetary_value"]).max() < 0.006


def test_cdnow_unknown_kind():
    with pytest.raises(DataError, match="summary"):
        data.load_cdnow("monthly")


def test_the_same_check_failing_in_two_columns_names_both(tmp_path):
    def edit(frame):
        frame.loc[[3], "customer_id"] = ""
        frame.loc[[8], "rep_id"] = ""
        return frame

    message = str(_error(_corrupt(tmp_path, "orders", edit), "orders"))
    assert "column 'customer_id': values must not be empty" in message
    assert "column 'rep_id': values must not be empty" in message
