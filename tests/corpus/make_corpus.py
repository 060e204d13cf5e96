"""Build the corpus of CRM exports that tests/test_crm_export.py reads.

Every file is derived from the sample company's order lines (datasets/, frozen) and
written the way real CRM/ERP exports are: GBK with Chinese headers, a title row,
money as "￥1,234.50" or "1 234,50 €", dates as "2024年1月2日", Excel workbooks, and
files that are broken in the ways users' files break. Seeded: the same run writes the
same bytes (except the XLSX files, whose ZIP containers carry write times).

    python tests/corpus/make_corpus.py [OUT_DIR]

``sample_export_gbk.csv`` is the bigger file the "your data" lab runs on.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATASETS = HERE.parents[1] / "datasets"
SEED = 2026
N_LINES = 12  # order lines in each small valid file

EN = [
    "order_id",
    "order_date",
    "customer_id",
    "product_id",
    "quantity",
    "unit_price",
    "unit_cost",
    "list_price",
    "rep_id",
]


def sample_lines(n: int | None = N_LINES, customers: int | None = None) -> pd.DataFrame:
    """Order lines of the sample company in the canonical columns (first n lines, or
    every line of ``customers`` customers drawn with the seed)."""
    lines = pd.read_csv(DATASETS / "order_lines.csv", dtype={"order_id": str, "product_id": str})
    orders = pd.read_csv(DATASETS / "orders.csv", dtype=str)
    df = lines.merge(
        orders[["order_id", "order_date", "customer_id", "rep_id"]], on="order_id", how="left"
    )
    df = df.rename(columns={"net_price": "unit_price"})
    df["order_date"] = pd.to_datetime(df["order_date"], format="%Y-%m-%d")
    if customers is not None:
        rng = np.random.default_rng(SEED)
        ids = np.sort(df["customer_id"].unique())
        chosen = set(rng.choice(ids, size=customers, replace=False))
        df = df[df["customer_id"].isin(chosen)]
    elif n is not None:
        df = df.head(n)
    return df[EN].reset_index(drop=True)


def customer_names() -> dict[str, str]:
    c = pd.read_csv(DATASETS / "customers.csv", dtype=str)
    return dict(zip(c["customer_id"], c["name_zh"]))


def _cn_date(d: pd.Series) -> pd.Series:
    return (
        d.dt.year.astype(str) + "年" + d.dt.month.astype(str) + "月" + d.dt.day.astype(str) + "日"
    )


def _money(x: pd.Series, mark: str = "￥") -> pd.Series:
    return x.map(lambda v: f"{mark}{v:,.2f}")


def _euro(x: pd.Series) -> pd.Series:
    # "1 234,50 €": space (sometimes a narrow no-break space) groups thousands
    def one(v: float, i: int) -> str:
        whole, cents = f"{v:,.2f}".split(".")
        sep = "\u202f" if i % 2 else " "
        return f"{whole.replace(',', sep)},{cents} €"

    return pd.Series([one(v, i) for i, v in enumerate(x)], index=x.index)


def _csv(df: pd.DataFrame, sep: str = ",") -> str:
    return df.to_csv(index=False, sep=sep, lineterminator="\r\n")


# --------------------------------------------------------------------------------------
# Valid files
# --------------------------------------------------------------------------------------


def valid_files() -> dict[str, bytes]:
    base = sample_lines()
    names = customer_names()
    out: dict[str, bytes] = {}

    df = base.copy()
    df["order_date"] = df["order_date"].dt.strftime("%Y-%m-%d")
    out["v01_utf8_english.csv"] = _csv(df).encode("utf-8")

    df = base.copy()
    df["order_date"] = df["order_date"].dt.strftime("%Y/%m/%d")
    df.columns = [
        "订单号",
        "下单日期",
        "客户编号",
        "产品编号",
        "数量",
        "单价",
        "成本",
        "标准价",
        "销售代表",
    ]
    out["v02_utf8_bom_chinese.csv"] = _csv(df).encode("utf-8-sig")

    df = pd.DataFrame(
        {
            "订单编号": base["order_id"],
            "订单日期": _cn_date(base["order_date"]),
            "客户编号": base["customer_id"],
            "客户名称": base["customer_id"].map(names),
            "产品编号": base["product_id"],
            "数量": base["quantity"],
            "成交价（元）": _money(base["unit_price"]),
            "单位成本": _money(base["unit_cost"]),
            "目录价": _money(base["list_price"]),
            "业务员": base["rep_id"],
        }
    )
    total = {c: "" for c in df.columns}
    total.update({"订单编号": "合计", "数量": str(int(base["quantity"].sum()))})
    body = _csv(pd.concat([df.astype(str), pd.DataFrame([total])], ignore_index=True))
    text = "华信工业用品 订单明细导出（2024年1月）\r\n\r\n" + body
    out["v03_gbk_title_total.csv"] = text.encode("gbk")

    df = pd.DataFrame(
        {
            "订单号": base["order_id"],
            "日期": base["order_date"].dt.strftime("%Y.%m.%d"),
            "客户名称": base["customer_id"].map(names),
            "数量": base["quantity"],
            "成交价": base["unit_price"],
            "业务员": base["rep_id"],
        }
    )
    df.loc[0, "客户名称"] = "䶮" + df.loc[0, "客户名称"]  # only in GB18030, not in GBK
    out["v04_gb18030_names.csv"] = _csv(df).encode("gb18030")

    df = pd.DataFrame(
        {
            "Order No": base["order_id"],
            "Date": base["order_date"].dt.strftime("%Y/%m/%d"),
            "Customer": base["customer_id"],
            "SKU": base["product_id"],
            "Qty": base["quantity"],
            "Net price": _euro(base["unit_price"]),
            "Cost": _euro(base["unit_cost"]),
            "List price": _euro(base["list_price"]),
            "Sales rep": base["rep_id"],
        }
    )
    out["v05_semicolon_decimal_comma.csv"] = _csv(df, sep=";").encode("utf-8")

    df = base.copy()
    df["order_date"] = df["order_date"].dt.strftime("%Y-%m-%d 00:00:00")
    df.columns = [
        "单据编号",
        "单据日期",
        "客户代码",
        "物料编号",
        "销售数量",
        "实际单价",
        "成本价",
        "牌价",
        "销售员",
    ]
    out["v06_tab_utf16.txt"] = _csv(df, sep="\t").encode("utf-16")  # Excel "Unicode text"

    out["v07_title_row.xlsx"] = _xlsx_title_row(base)
    return out


def _xlsx_title_row(base: pd.DataFrame) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "订单明细"
    ws.append(["华信工业用品 订单明细"])
    ws.append([])
    ws.append(
        ["订单号", "下单日期", "客户编号", "产品编号", "数量", "单价", "成本", "标准价", "业务员"]
    )
    for i, r in base.iterrows():
        price: object = float(r["unit_price"])
        if i == 1:
            price = f"¥{r['unit_price']:,.2f}"  # one price typed as text
        ws.append(
            [
                r["order_id"],
                r["order_date"].to_pydatetime(),
                r["customer_id"],
                r["product_id"],
                int(r["quantity"]),
                price,
                float(r["unit_cost"]),
                float(r["list_price"]),
                r["rep_id"],
            ]
        )
    wb.properties.created = wb.properties.modified = datetime(2026, 11, 1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------------------


def broken_files() -> dict[str, bytes]:
    base = sample_lines()
    rng = np.random.default_rng(SEED)
    out: dict[str, bytes] = {}

    def chinese(df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        df["order_date"] = df["order_date"].dt.strftime("%Y-%m-%d")
        df.columns = [
            "订单号",
            "下单日期",
            "客户编号",
            "产品编号",
            "数量",
            "单价",
            "成本",
            "标准价",
            "业务员",
        ]
        return df

    out["b01_missing_quantity.csv"] = _csv(chinese(base).drop(columns="数量")).encode("gbk")

    df = chinese(base).astype(str)
    df.loc[1, "单价"] = "面议"  # Excel row 3
    df.loc[5, "单价"] = "面议"  # row 7
    df.loc[8, "单价"] = "abc"  # row 10
    out["b02_text_in_money.csv"] = _csv(df).encode("gbk")

    df = chinese(base).astype(str)
    df.loc[2, "下单日期"] = "2024-02-30"  # row 4
    df.loc[4, "下单日期"] = "2024年13月1日"  # row 6
    out["b03_impossible_date.csv"] = _csv(df).encode("gbk")

    df = chinese(base).astype(str)
    df.loc[3, "客户编号"] = ""  # row 5
    df.loc[7, "客户编号"] = "  "  # row 9: spaces only
    out["b04_blank_customer.csv"] = _csv(df).encode("utf-8")

    df = chinese(base)
    df.insert(5, "qty", df["数量"])
    out["b05_two_quantity_columns.csv"] = _csv(df).encode("utf-8")

    out["b06_empty.csv"] = b""
    out["b07_header_only.csv"] = "订单号,下单日期,客户编号,数量,单价\r\n".encode("gbk")
    out["b08_image.png"] = (
        b"\x89PNG\r\n\x1a\n" + rng.integers(0, 256, 2048, dtype=np.uint8).tobytes()
    )
    out["b09_random.bin"] = b"\x00" + rng.integers(0, 256, 4096, dtype=np.uint8).tobytes()

    text = _csv(chinese(base))
    lines = text.split("\r\n")
    cells = lines[4].split(",")
    cells[5] = cells[5].replace(".", ",")  # row 5: 单价 with a decimal comma, no quotes
    lines[4] = ",".join(cells)
    out["b10_unquoted_decimal_comma.csv"] = "\r\n".join(lines).encode("utf-8")

    df = chinese(base)
    price = df["单价"].map("{:,.2f}".format)
    price = price.str.replace(",", "#").str.replace(".", ",").str.replace("#", ".")
    price.iloc[6] = f"{df['单价'].iloc[6]:,.2f}"  # row 8 in the other style
    df["单价"] = price
    out["b11_mixed_decimal_styles.csv"] = _csv(df, sep=";").encode("utf-8")

    out["b12_old_excel.xls"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    out["b13_damaged.xlsx"] = _xlsx_title_row(base)[:700]
    out["b14_no_header.csv"] = "\r\n".join(_csv(chinese(base)).split("\r\n")[1:]).encode("utf-8")
    good = _csv(chinese(base)).encode("utf-8")
    lines_b = good.split(b"\r\n")
    lines_b[6] = lines_b[6].decode("utf-8").replace("C", "客").encode("gbk")  # row 7 in GBK
    out["b15_mixed_encoding.csv"] = b"\r\n".join(lines_b)
    zbuf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(zbuf, "w") as z:
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 11, 1, 0, 0, 0))
        z.writestr(info, "<w:document/>")
    out["b16_word.docx"] = zbuf.getvalue()
    return out


def sample_export() -> bytes:
    """The lab's sample: every order line of 300 customers, GBK, Chinese headers."""
    base = sample_lines(n=None, customers=300)
    names = customer_names()
    df = pd.DataFrame(
        {
            "订单编号": base["order_id"],
            "下单日期": _cn_date(base["order_date"]),
            "客户编号": base["customer_id"],
            "客户名称": base["customer_id"].map(names),
            "产品编号": base["product_id"],
            "数量": base["quantity"],
            "成交价": _money(base["unit_price"]),
            "成本": base["unit_cost"].map("{:.2f}".format),
            "标准价": base["list_price"].map("{:.2f}".format),
            "业务员": base["rep_id"],
        }
    )
    return ("华信工业用品 订单明细（2024-2025）\r\n" + _csv(df)).encode("gbk")


def build(out_dir: Path) -> dict[str, bytes]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {**valid_files(), **broken_files(), "sample_export_gbk.csv": sample_export()}
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
    return files


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    written = build(target)
    print(f"{len(written)} files written to {target}")
