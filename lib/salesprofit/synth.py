"""Synth: the seeded generator of the sample company, Huaxin Industrial Supply.

Huaxin Industrial Supply (华信工业用品) is a fictional Chinese B2B distributor of
industrial (MRO) supplies: fasteners, bearings, power and hand tools, hydraulics,
electrical parts, safety gear, welding supplies, lubricants and cutting tools. This
module invents two full years of its history (2024-01-01 to 2025-12-31) and writes
one CSV per table, the data dictionary ``README.md`` and ``ground_truth.json``::

    python -m salesprofit.synth --out datasets/ [--seed 2024]

The history is built to be realistic rather than uniform noise: lognormal list prices
and a Pareto-like spread of customer sizes, category margins, discounts that cluster
at round numbers and grow with the account, Chinese New Year and holiday dips,
customers who churn, reps who behave differently. It also *plants* known truths
(price elasticity by segment, retention by tier, stage conversion rates, campaign
response rates, unprofitable customers, over-discounting reps, duplicates ...) and
records them in ``ground_truth.json`` so that a notebook can show that an analysis
recovers what is really there.

One ``numpy.random.default_rng(seed)`` drives every draw, in a fixed order, so the
same seed always gives byte-identical files. Columns, their order, types and the data
dictionary come from :data:`salesprofit.data.TABLES`, the same structure that
:func:`salesprofit.data.load` validates against.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from salesprofit.data import CAMPAIGN_CHANNELS, CATEGORIES, REGIONS, SEGMENTS, STAGES, TABLES, TIERS

__all__ = ["DEFAULT_SEED", "Company", "customer_profit", "generate", "main", "write"]

DEFAULT_SEED = 2024

START = pd.Timestamp("2024-01-01")
N_DAYS = 731  # 2024-01-01 .. 2025-12-31 (2024 is a leap year)
DAY_2025 = 366  # day number of 2025-01-01
LAST_DAY = N_DAYS - 1

# --------------------------------------------------------------------------------------
# Planted truths (the ground truth the analyses should recover)
# --------------------------------------------------------------------------------------

#: Monthly seasonality of order volume, January..December (mean 1): Chinese New Year
#: dip, spring and autumn peaks, a year-end push.
SEASONALITY = (0.80, 0.62, 1.08, 1.10, 1.12, 1.08, 0.92, 0.90, 1.08, 1.02, 1.10, 1.18)

#: Yearly probability that an active customer is still buying next year.
RETENTION = {"key": 0.93, "growth": 0.82, "standard": 0.68}

#: Constant price elasticity of demand in the price experiment, by segment.
ELASTICITY = {
    "manufacturing": -1.8,
    "automotive": -2.7,
    "construction": -2.3,
    "utilities": -1.35,
    "healthcare": -1.55,
}

#: Probability of moving on from each stage (contract: probability of winning).
STAGE_CONVERSION = {"lead": 0.60, "needs_analysis": 0.65, "proposal": 0.55, "contract": 0.80}

#: Mean days spent in each stage (gamma distributed, shape 2).
STAGE_DAYS = {"lead": 12.0, "needs_analysis": 18.0, "proposal": 25.0, "contract": 10.0}

#: Share of contacts who respond, by campaign channel.
RESPONSE_RATE = {
    "email": 0.035,
    "wechat": 0.05,
    "search_ads": 0.04,
    "telemarketing": 0.08,
    "trade_show": 0.16,
}

#: Annual cost of capital used to price payment terms.
COST_OF_CAPITAL = 0.06

#: Extra discount (fraction of list) that over-discounting reps give.
OVER_DISCOUNT_SHIFT = 0.05

#: Price experiment: conversion of script A at list price, uplift factor of script B,
#: and the share of the elasticity that acts through conversion (the rest through
#: quantity bought).
EXPERIMENT_CONVERSION_A = 0.82
EXPERIMENT_B_UPLIFT = 1.06
EXPERIMENT_CONVERSION_SHARE = 0.15
EXPERIMENT_PRICE_INDEX = (0.80, 0.90, 1.00, 1.10, 1.20)
EXPERIMENT_QUOTES = 15_000
EXPERIMENT_START = pd.Timestamp("2025-03-03")

#: Categories' 2025 list price and unit cost changes (fractions).
PRICE_CHANGE_2025 = {
    "fasteners": 0.04,
    "bearings": 0.03,
    "power_tools": -0.02,
    "hand_tools": 0.02,
    "hydraulics": 0.03,
    "electrical": 0.02,
    "safety": 0.05,
    "welding": 0.03,
    "lubricants": 0.06,
    "cutting_tools": 0.03,
}
COST_CHANGE_2025 = {
    "fasteners": 0.06,
    "bearings": 0.02,
    "power_tools": -0.03,
    "hand_tools": 0.02,
    "hydraulics": 0.04,
    "electrical": 0.01,
    "safety": 0.03,
    "welding": 0.05,
    "lubricants": 0.07,
    "cutting_tools": 0.02,
}

#: Log-scale effect of a customer's (standardised) slow service on churn and on
#: ticket resolution time; 2025 tickets resolve this much faster.
SERVICE_CHURN_EFFECT = 0.6
SERVICE_HOURS_EFFECT = 0.45
SERVICE_SPEEDUP_2025 = 0.25
#: NPS points lost per unit of log(resolution hours / 24) in post-ticket surveys.
NPS_PER_LOG_HOURS = -0.8

#: New reps' accounts buy RAMP_START of normal volume at the hire date, recovering
#: with this time constant (days).
RAMP_START = 0.5
RAMP_DAYS = 120.0
#: Volume growth of every account in 2025 (on top of the list price changes).
VOLUME_GROWTH_2025 = 1.05

N_EXISTING, N_NEW, N_DUPLICATES, N_UNPROFITABLE, N_OVER_DISCOUNT = 1000, 500, 5, 5, 3

# --------------------------------------------------------------------------------------
# Names and catalogue
# --------------------------------------------------------------------------------------

CITIES = {  # region -> (English, Chinese, weight); the first ones host reps
    "east": [
        ("Shanghai", "上海", 3),
        ("Suzhou", "苏州", 3),
        ("Hangzhou", "杭州", 2),
        ("Ningbo", "宁波", 2),
        ("Nanjing", "南京", 2),
        ("Wuxi", "无锡", 2),
        ("Changzhou", "常州", 1),
    ],
    "south": [
        ("Guangzhou", "广州", 3),
        ("Shenzhen", "深圳", 3),
        ("Dongguan", "东莞", 2),
        ("Foshan", "佛山", 2),
        ("Xiamen", "厦门", 1),
        ("Zhuhai", "珠海", 1),
    ],
    "north": [
        ("Tianjin", "天津", 3),
        ("Beijing", "北京", 2),
        ("Qingdao", "青岛", 2),
        ("Jinan", "济南", 1),
        ("Tangshan", "唐山", 1),
        ("Shijiazhuang", "石家庄", 1),
    ],
    "central": [
        ("Wuhan", "武汉", 3),
        ("Changsha", "长沙", 2),
        ("Zhengzhou", "郑州", 2),
        ("Hefei", "合肥", 1),
        ("Nanchang", "南昌", 1),
    ],
    "west": [
        ("Chengdu", "成都", 3),
        ("Chongqing", "重庆", 3),
        ("Xi'an", "西安", 2),
        ("Kunming", "昆明", 1),
    ],
}
REGION_SHARE = {"east": 0.35, "south": 0.25, "north": 0.20, "central": 0.12, "west": 0.08}
SEGMENT_SHARE = {
    "manufacturing": 0.38,
    "automotive": 0.17,
    "construction": 0.20,
    "utilities": 0.13,
    "healthcare": 0.12,
}

BRANDS = [
    ("Hengtai", "恒泰"),
    ("Xinda", "鑫达"),
    ("Huarui", "华瑞"),
    ("Jinlong", "金龙"),
    ("Tianyi", "天翼"),
    ("Zhongke", "中科"),
    ("Dongfang", "东方"),
    ("Hongyuan", "宏远"),
    ("Yongsheng", "永盛"),
    ("Ruifeng", "瑞丰"),
    ("Kaida", "凯达"),
    ("Boyuan", "博远"),
    ("Weida", "伟达"),
    ("Shengtai", "盛泰"),
    ("Haitian", "海天"),
    ("Zhenghe", "正和"),
    ("Changjiang", "长江"),
    ("Huaxing", "华兴"),
    ("Mingyang", "明阳"),
    ("Jiahe", "嘉和"),
    ("Fuda", "富达"),
    ("Lianfeng", "联丰"),
    ("Tongda", "通达"),
    ("Guangyu", "广宇"),
    ("Xinyuan", "新源"),
    ("Baolong", "宝龙"),
    ("Jinyu", "金宇"),
    ("Sanhe", "三和"),
    ("Dingsheng", "鼎盛"),
    ("Anda", "安达"),
    ("Hongda", "宏达"),
    ("Zhongxin", "中信"),
    ("Yuantong", "远通"),
    ("Huatai", "华泰"),
    ("Kangli", "康力"),
    ("Xiangyu", "翔宇"),
    ("Longteng", "龙腾"),
    ("Jiaxin", "佳鑫"),
    ("Ruida", "锐达"),
    ("Tianrun", "天润"),
]
INDUSTRY_WORDS = {
    "manufacturing": [
        ("Precision Machinery", "精密机械"),
        ("Precision Parts", "精密零件"),
        ("Machinery Manufacturing", "机械制造"),
        ("Mould", "模具"),
        ("Plastics", "塑胶"),
        ("Electronics", "电子"),
        ("Metal Products", "金属制品"),
        ("Packaging Machinery", "包装机械"),
    ],
    "automotive": [
        ("Auto Parts", "汽车零部件"),
        ("Auto Components", "汽车配件"),
        ("Vehicle Systems", "车辆系统"),
        ("Motor", "电机"),
        ("Auto Electronics", "汽车电子"),
    ],
    "construction": [
        ("Construction Engineering", "建筑工程"),
        ("Steel Structure", "钢结构"),
        ("Building Materials", "建材"),
        ("Municipal Engineering", "市政工程"),
        ("Installation Engineering", "安装工程"),
    ],
    "utilities": [
        ("Power Supply", "供电"),
        ("Water Supply", "供水"),
        ("Gas", "燃气"),
        ("Thermal Power", "热电"),
        ("Environmental Services", "环保"),
    ],
    "healthcare": [
        ("Pharmaceutical", "制药"),
        ("Medical Devices", "医疗器械"),
        ("Biotech", "生物科技"),
        ("Hospital Services", "医院后勤服务"),
    ],
}
SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Gao",
    "Lin",
    "Luo",
]
GIVEN = [
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Lei",
    "Qiang",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiuying",
    "Hua",
    "Ping",
    "Gang",
    "Hui",
    "Lan",
    "Bo",
    "Xin",
    "Peng",
]
REP_NAMES = [
    ("Zhang Wei", "张伟"),
    ("Li Na", "李娜"),
    ("Wang Fang", "王芳"),
    ("Liu Yang", "刘洋"),
    ("Chen Jie", "陈杰"),
    ("Yang Min", "杨敏"),
    ("Zhao Lei", "赵磊"),
    ("Huang Tao", "黄涛"),
    ("Zhou Jing", "周静"),
    ("Wu Qiang", "吴强"),
    ("Xu Li", "徐丽"),
    ("Sun Hao", "孙浩"),
    ("Ma Jun", "马军"),
    ("Zhu Ying", "朱颖"),
    ("Hu Bin", "胡斌"),
    ("Guo Xin", "郭鑫"),
    ("He Ping", "何平"),
    ("Gao Yan", "高燕"),
    ("Lin Feng", "林峰"),
    ("Luo Chao", "罗超"),
]
#: Initial reps per region (16), then the four hires of 2024-2025 (region, day hired).
REPS_PER_REGION = {"east": 5, "south": 4, "north": 3, "central": 2, "west": 2}
NEW_HIRES = [("east", 63), ("south", 182), ("central", 371), ("west", 456)]

#: category -> (list-price margin, [(item, median list price, sales unit)], variants)
_QUALITY = (
    ("economy", 0.70),
    ("standard", 0.90),
    ("premium", 1.0),
    ("heavy-duty", 1.25),
    ("imported", 1.45),
)
CATALOGUE: dict[str, tuple[float, list[tuple[str, float, str]], tuple[tuple[str, float], ...]]] = {
    "fasteners": (
        0.42,
        [
            ("Hex bolt grade 8.8", 45, "box of 100"),
            ("Socket head cap screw 12.9", 60, "box of 100"),
            ("Hex nut grade 8", 25, "box of 200"),
            ("Flat washer, zinc", 18, "box of 500"),
            ("Stainless hex bolt A2-70", 70, "box of 50"),
            ("Chemical anchor stud", 55, "box of 10"),
            ("Wedge anchor", 48, "box of 50"),
            ("Threaded rod 1 m", 35, "bundle of 10"),
        ],
        (("M6", 0.6), ("M8", 0.8), ("M10", 1.0), ("M12", 1.4), ("M16", 2.2)),
    ),
    "bearings": (
        0.30,
        [
            ("Deep-groove ball bearing", 28, "piece"),
            ("Sealed ball bearing 2RS", 35, "piece"),
            ("Tapered roller bearing", 85, "piece"),
            ("Pillow block bearing unit", 120, "piece"),
            ("Angular contact bearing", 160, "piece"),
            ("Spherical roller bearing", 420, "piece"),
            ("Linear bearing", 45, "piece"),
            ("Needle roller bearing", 30, "piece"),
        ],
        (
            ("20 mm bore", 0.6),
            ("25 mm bore", 0.8),
            ("30 mm bore", 1.0),
            ("40 mm bore", 1.5),
            ("50 mm bore", 2.2),
        ),
    ),
    "power_tools": (
        0.22,
        [
            ("Cordless drill 18V", 780, "piece"),
            ("Angle grinder 125 mm", 420, "piece"),
            ("Impact wrench 1/2 in", 1350, "piece"),
            ("Rotary hammer SDS-plus", 1100, "piece"),
            ("Circular saw 185 mm", 890, "piece"),
            ("Magnetic drill", 4200, "piece"),
            ("Cordless impact driver 18V", 860, "piece"),
            ("Heat gun 2000 W", 320, "piece"),
        ],
        _QUALITY,
    ),
    "hand_tools": (
        0.35,
        [
            ("Combination wrench set 8-24 mm", 260, "set"),
            ("Torque wrench 40-200 Nm", 680, "piece"),
            ("Screwdriver set 12 pc", 120, "set"),
            ("Socket set 1/2 in 24 pc", 380, "set"),
            ("Pliers set 3 pc", 150, "set"),
            ("Pipe wrench 350 mm", 140, "piece"),
            ("Hex key set 9 pc", 65, "set"),
            ("Tool trolley 7 drawers", 2600, "piece"),
        ],
        _QUALITY,
    ),
    "hydraulics": (
        0.28,
        [
            ("Hydraulic hose assembly 1 m", 85, "piece"),
            ("Hydraulic gear pump", 1800, "piece"),
            ("Solenoid directional valve", 1150, "piece"),
            ("Hydraulic cylinder", 2400, "piece"),
            ("Pressure gauge 0-25 MPa", 120, "piece"),
            ("Quick coupling", 95, "pair"),
            ("Hydraulic filter element", 160, "piece"),
            ("Pneumatic cylinder", 380, "piece"),
        ],
        (("DN6", 0.6), ("DN10", 0.8), ("DN12", 1.0), ("DN16", 1.3), ("DN25", 1.9)),
    ),
    "electrical": (
        0.27,
        [
            ("Miniature circuit breaker 3P", 95, "piece"),
            ("AC contactor", 180, "piece"),
            ("Thermal overload relay", 130, "piece"),
            ("Industrial socket IP67", 110, "piece"),
            ("Terminal blocks", 60, "pack of 50"),
            ("Power cable YJV 3-core", 1400, "100 m reel"),
            ("LED high-bay light 150 W", 520, "piece"),
            ("Variable frequency drive 4 kW", 2900, "piece"),
        ],
        _QUALITY,
    ),
    "safety": (
        0.38,
        [
            ("Safety helmet ABS", 180, "box of 10"),
            ("Cut-resistant gloves", 160, "box of 12 pairs"),
            ("Safety shoes, steel toe", 260, "pair"),
            ("Safety glasses", 96, "box of 12"),
            ("Half-mask respirator", 85, "piece"),
            ("Respirator filter cartridges", 210, "box of 10 pairs"),
            ("Reflective vest", 110, "box of 10"),
            ("Fall-arrest harness", 420, "piece"),
        ],
        _QUALITY,
    ),
    "welding": (
        0.26,
        [
            ("Welding rod E7018", 95, "5 kg box"),
            ("MIG wire ER70S-6", 210, "15 kg spool"),
            ("Inverter welder", 3800, "piece"),
            ("Auto-darkening welding helmet", 420, "piece"),
            ("Welding gloves", 150, "box of 10 pairs"),
            ("TIG torch", 650, "piece"),
            ("Argon regulator", 280, "piece"),
            ("Welding blanket 2x2 m", 190, "piece"),
        ],
        _QUALITY,
    ),
    "lubricants": (
        0.33,
        [
            ("Lithium grease EP2", 420, "15 kg pail"),
            ("Hydraulic oil VG46", 520, "18 L drum"),
            ("Gear oil VG220", 610, "18 L drum"),
            ("Penetrating spray", 150, "box of 12"),
            ("Food-grade grease H1", 520, "box of 12 cartridges"),
            ("Cutting fluid concentrate", 680, "20 L drum"),
            ("Chain lubricant spray", 190, "box of 12"),
            ("Industrial degreaser", 110, "5 L can"),
        ],
        _QUALITY,
    ),
    "cutting_tools": (
        0.36,
        [
            ("HSS twist drill", 45, "pack of 10"),
            ("Carbide end mill 4-flute", 160, "piece"),
            ("Cutting disc 125 mm", 140, "box of 50"),
            ("Flap disc 100 mm", 85, "box of 10"),
            ("Machine tap set", 95, "set"),
            ("Bi-metal hole saw", 75, "piece"),
            ("Turning insert CNMG", 260, "box of 10"),
            ("Grinding wheel 150 mm", 60, "piece"),
        ],
        _QUALITY,
    ),
}
#: How much each segment buys of each category (relative weights).
SEGMENT_CATEGORY_PREFERENCE = {
    "manufacturing": (1.4, 1.3, 0.8, 1.0, 1.1, 1.0, 0.9, 0.8, 1.1, 1.5),
    "automotive": (1.3, 1.2, 0.9, 1.1, 0.9, 0.8, 0.8, 1.1, 1.3, 1.3),
    "construction": (1.5, 0.4, 1.6, 1.3, 0.7, 1.0, 1.6, 1.4, 0.5, 1.0),
    "utilities": (0.9, 0.8, 0.8, 1.1, 0.9, 1.9, 1.4, 0.7, 0.8, 0.5),
    "healthcare": (0.7, 0.4, 0.6, 0.9, 0.3, 1.6, 1.8, 0.2, 0.7, 0.3),
}
#: Planted product associations: buyers of the first item often add the second.
ASSOCIATIONS = [
    ("Inverter welder", "Welding rod E7018"),
    ("Angle grinder 125 mm", "Cutting disc 125 mm"),
    ("Cordless drill 18V", "HSS twist drill"),
    ("Hydraulic gear pump", "Hydraulic oil VG46"),
    ("Deep-groove ball bearing", "Lithium grease EP2"),
    ("Half-mask respirator", "Respirator filter cartridges"),
    ("Safety helmet ABS", "Reflective vest"),
]
ASSOCIATION_PROBABILITY = 0.45
#: Consumables sold by the box that the price experiment ran on.
EXPERIMENT_ITEMS = (
    "Hex bolt grade 8.8",
    "Socket head cap screw 12.9",
    "Cut-resistant gloves",
    "Safety glasses",
    "Cutting disc 125 mm",
    "Flap disc 100 mm",
    "Welding rod E7018",
    "Penetrating spray",
)

CAMPAIGNS = [  # (name, channel, start, days)
    ("New-year restock e-mail", "email", "2024-01-08", 14),
    ("South China Industrial Expo 2024", "trade_show", "2024-03-19", 4),
    ("Spring safety week", "wechat", "2024-03-25", 21),
    ("Search ads Q2 2024", "search_ads", "2024-04-01", 91),
    ("Cutting tools promotion", "email", "2024-04-15", 21),
    ("Key-account call-out: lubricants", "telemarketing", "2024-05-13", 28),
    ("WeChat mini-programme launch", "wechat", "2024-06-03", 30),
    ("Mid-year power tools offer", "email", "2024-06-17", 14),
    ("Search ads Q3 2024", "search_ads", "2024-07-01", 92),
    ("New-customer prospecting calls", "telemarketing", "2024-08-05", 42),
    ("China Industrial Fair Shanghai 2024", "trade_show", "2024-09-24", 5),
    ("Autumn welding campaign", "wechat", "2024-10-14", 21),
    ("Search ads Q4 2024", "search_ads", "2024-10-08", 85),
    ("Year-end budget spend", "email", "2024-11-18", 21),
    ("Year-end WeChat offer", "wechat", "2024-12-02", 21),
    ("Post-holiday restock", "email", "2025-02-10", 14),
    ("South China Industrial Expo 2025", "trade_show", "2025-03-18", 4),
    ("Search ads Q1-Q2 2025", "search_ads", "2025-03-01", 122),
    ("Safety month 2025", "wechat", "2025-06-02", 28),
    ("Hydraulics service offer", "telemarketing", "2025-04-14", 35),
    ("Bearings and grease bundle", "email", "2025-05-12", 21),
    ("Utilities tender season", "email", "2025-06-16", 14),
    ("Search ads Q3 2025", "search_ads", "2025-07-01", 92),
    ("Win-back calls", "telemarketing", "2025-08-11", 35),
    ("WeChat live demo: cordless tools", "wechat", "2025-08-25", 14),
    ("China Industrial Fair Shanghai 2025", "trade_show", "2025-09-23", 5),
    ("Autumn e-mail catalogue", "email", "2025-09-08", 14),
    ("Search ads Q4 2025", "search_ads", "2025-10-08", 70),
    ("Year-end WeChat offer 2025", "wechat", "2025-11-17", 21),
    ("Healthcare facilities mailing", "email", "2025-10-20", 21),
]
#: channel -> (contacts low, high, share of prospects, fixed cost, cost per contact)
CAMPAIGN_ECONOMICS = {
    "email": (1200, 2400, 0.45, 3000.0, 1.2),
    "wechat": (900, 1600, 0.40, 6000.0, 3.5),
    "search_ads": (800, 1400, 0.92, 0.0, 28.0),
    "telemarketing": (320, 650, 0.75, 4000.0, 32.0),
    "trade_show": (280, 520, 0.65, 150000.0, 60.0),
}
NEW_CUSTOMER_CHANNEL_SHARE = {
    "referral": 0.22,
    "field_prospecting": 0.23,
    "trade_show": 0.15,
    "search_ads": 0.14,
    "wechat": 0.10,
    "email": 0.08,
    "telemarketing": 0.08,
}


class Company(dict):
    """The generated tables (``name -> DataFrame``) with the planted ``truths`` attached."""

    truths: dict[str, Any]


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _dates(days: np.ndarray) -> pd.Series:
    """Day numbers (0 = 2024-01-01) as ISO date strings; NaN stays empty."""
    days = np.asarray(days, dtype=float)
    out = pd.Series(np.full(days.shape, np.nan, dtype=object))
    ok = ~np.isnan(days)
    stamps = START + pd.to_timedelta(days[ok].astype(np.int64), unit="D")
    out[ok] = stamps.strftime("%Y-%m-%d").to_numpy()
    return out


def _choice(
    rng: np.random.Generator, options: Sequence[Any], p: Sequence[float], size: int
) -> np.ndarray:
    """``size`` draws from ``options`` with probabilities ``p`` (normalised)."""
    p = np.asarray(p, dtype=float)
    return np.asarray(options)[rng.choice(len(options), size=size, p=p / p.sum())]


def _row_choice(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row of ``probs`` (rows need not be normalised)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return (u[:, None] >= cum).sum(axis=1)


def _nice_price(p: np.ndarray) -> np.ndarray:
    """Round list prices the way a catalogue does (9.8, 45, 1280)."""
    p = np.asarray(p, dtype=float)
    return np.select(
        [p < 10, p < 100, p < 1000],
        [np.round(p, 1), np.round(p * 2) / 2, np.round(p)],
        np.round(p, -1),
    )


def _ids(prefix: str, n: int, width: int) -> np.ndarray:
    """Identifiers prefix0001 ... for n rows, zero-padded to ``width`` digits."""
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function: log-odds to probability."""
    return 1.0 / (1.0 + np.exp(-x))


def _calibrate_logit(target: float, offsets: np.ndarray) -> float:
    """Intercept a with mean(sigmoid(a + offsets)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if _sigmoid(mid + offsets).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


class _Calendar:
    """Day weights for sampling dates: weekdays, public holidays and seasonality."""

    def __init__(self) -> None:
        """Weights of the 731 days; each month's seasonal weights sum to its index."""
        stamps = START + pd.to_timedelta(np.arange(N_DAYS), unit="D")
        self.month = stamps.month.to_numpy() - 1
        self.year = stamps.year.to_numpy()
        weekday = stamps.day_of_week.to_numpy()
        base = np.select([weekday < 5, weekday == 5], [1.0, 0.25], 0.05)
        holidays = [
            ("2024-02-10", "2024-02-17"),
            ("2025-01-28", "2025-02-04"),
            ("2024-05-01", "2024-05-05"),
            ("2025-05-01", "2025-05-05"),
            ("2024-10-01", "2024-10-07"),
            ("2025-10-01", "2025-10-07"),
        ]
        for a, b in holidays:
            base[(stamps >= a) & (stamps <= b)] = 0.03
        self.business = base
        seasonal = base.copy()
        key = (self.year - 2024) * 12 + self.month
        month_sum = np.bincount(key, weights=base)
        seasonal = base / month_sum[key] * np.asarray(SEASONALITY)[self.month]
        self.cum_seasonal = np.concatenate([[0.0], np.cumsum(seasonal)])
        flat = base / np.bincount(self.year - 2024, weights=base)[self.year - 2024]
        self.cum_business = np.concatenate([[0.0], np.cumsum(flat)])

    def sample(
        self, rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray, seasonal: bool = True
    ) -> np.ndarray:
        """One day in [lo, hi] (inclusive) per element, by the day weights."""
        cum = self.cum_seasonal if seasonal else self.cum_business
        a, b = cum[lo], cum[hi + 1]
        u = a + rng.random(len(lo)) * (b - a)
        day = np.searchsorted(cum, u, side="right") - 1
        return np.clip(day, lo, hi)

    def share(self, lo: np.ndarray, hi: np.ndarray, seasonal: bool = True) -> np.ndarray:
        """Share of a year's volume that falls in [lo, hi]."""
        cum = self.cum_seasonal if seasonal else self.cum_business
        scale = 12.0 if seasonal else 1.0
        return (cum[hi + 1] - cum[lo]) / scale


# --------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------


class _Generator:
    """Builds the tables in a fixed order from one random generator."""

    def __init__(self, seed: int) -> None:
        """One random generator for everything, seeded with ``seed``."""
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.cal = _Calendar()
        self.truths: dict[str, Any] = {}
        self.out: dict[str, pd.DataFrame] = {}

    # ---------------------------------------------------------------- reps
    def reps(self) -> None:
        """The sales team: 16 reps on 2024-01-01 and four hired during the period.

        Each rep gets hidden behaviour: selling skill (win-rate multiplier around 1),
        and habits for visits, video meetings and calls (multipliers of the tier norms).
        Base salary in CNY per year grows with tenure.
        """
        rng = self.rng
        region, city, hire, new = [], [], [], []
        for r, n in REPS_PER_REGION.items():
            bases = [c[0] for c in CITIES[r]]
            for k in range(n):
                region.append(r)
                city.append(bases[k % min(3, len(bases))])
                hire.append(-int(rng.integers(200, 4200)))
                new.append(0)
        for r, day in NEW_HIRES:
            region.append(r)
            city.append(CITIES[r][0][0])
            hire.append(day)
            new.append(1)
        n = len(region)
        hire_arr = np.array(hire)
        years = np.clip(-hire_arr / 365.0, 0, None)
        salary = (
            np.round((110_000 + 9_000 * np.minimum(years, 12) + rng.normal(0, 8_000, n)) / 1000)
            * 1000
        )
        self.rep_region = np.array(region)
        self.rep_city = np.array(city)
        self.rep_hire = hire_arr
        self.rep_new = np.array(new)
        self.rep_ids = _ids("R", n, 2)
        # behaviour: selling skill, visit/video habits, over-discounting
        self.rep_skill = np.clip(rng.normal(1.0, 0.07, n), 0.85, 1.15)
        self.rep_visit_style = rng.lognormal(0.0, 0.35, n)
        self.rep_video_style = rng.lognormal(0.0, 0.5, n)
        self.rep_call_style = rng.lognormal(0.0, 0.25, n)
        self.out["reps"] = pd.DataFrame(
            {
                "rep_id": self.rep_ids,
                "name": [REP_NAMES[i][0] for i in range(n)],
                "name_zh": [REP_NAMES[i][1] for i in range(n)],
                "region": self.rep_region,
                "base_city": self.rep_city,
                "hire_date": _dates(hire_arr),
                "base_salary": salary,
                "is_new_hire": self.rep_new,
            }
        )
        self.rep_salary = salary
        self.truths["new_hire_reps"] = sorted(self.rep_ids[self.rep_new == 1].tolist())

    # ---------------------------------------------------------------- campaigns (schedule)
    def campaign_schedule(self) -> None:
        """Campaign channels, dates, contacts and spend (CNY); responses come later."""
        rng = self.rng
        n = len(CAMPAIGNS)
        channel = np.array([c[1] for c in CAMPAIGNS])
        start = np.array([(pd.Timestamp(c[2]) - START).days for c in CAMPAIGNS])
        end = start + np.array([c[3] for c in CAMPAIGNS]) - 1
        econ = [CAMPAIGN_ECONOMICS[c] for c in channel]
        contacts = np.array([rng.integers(e[0], e[1] + 1) for e in econ])
        spend = np.array([e[3] + e[4] * k for e, k in zip(econ, contacts)])
        spend = np.round(spend * rng.lognormal(0.0, 0.08, n), -2)
        self.camp_channel, self.camp_start, self.camp_end = channel, start, end
        self.camp_contacts, self.camp_spend = contacts, spend
        self.camp_ids = _ids("M", n, 2)

    # ---------------------------------------------------------------- customers
    def customers(self) -> None:
        """Customer accounts: size, tier, region, rep, terms, churn and planted cases.

        Size is the expected yearly purchase volume at 2024 list prices (CNY),
        lognormal; tiers follow size. Each customer is active from its first order
        (2024-01-01 for older accounts) until it churns: at each year end it stays
        with the tier's retention probability (lower for customers with slow service);
        a churned customer stops buying at a random day of its last year.
        """
        rng = self.rng
        n = N_EXISTING + N_NEW
        existing = np.arange(n) < N_EXISTING
        segment = _choice(rng, SEGMENTS, [SEGMENT_SHARE[s] for s in SEGMENTS], n)
        region = _choice(rng, REGIONS, [REGION_SHARE[r] for r in REGIONS], n)
        # size: expected yearly net sales with us, lognormal (Pareto-like spread)
        log_size = np.log(44_000) + 1.4 * rng.standard_normal(n) - 0.25 * (~existing)
        score = log_size + 0.35 * rng.standard_normal(n)
        cut_key, cut_growth = np.quantile(score, [0.92, 0.68])
        tier = np.where(
            score >= cut_key, "key", np.where(score >= cut_growth, "growth", "standard")
        )
        # acquisition
        acq = np.empty(n, dtype=np.int64)
        tenure = np.minimum(rng.exponential(4.5 * 365, existing.sum()), 5000)
        acq[existing] = -1 - tenure.astype(int)
        channel = np.empty(n, dtype=object)
        channel[existing] = _choice(
            rng,
            ["referral", "field_prospecting", "trade_show", "search_ads", "email", "telemarketing"],
            [0.3, 0.35, 0.15, 0.08, 0.05, 0.07],
            existing.sum(),
        )
        new_idx = np.flatnonzero(~existing)
        chans = list(NEW_CUSTOMER_CHANNEL_SHARE)
        channel[new_idx] = _choice(
            rng, chans, list(NEW_CUSTOMER_CHANNEL_SHARE.values()), len(new_idx)
        )
        self.cust_campaign = np.full(n, -1)
        for i in new_idx:  # a few hundred: campaign of the customer's channel
            if channel[i] in CAMPAIGN_CHANNELS:
                cands = np.flatnonzero(self.camp_channel == channel[i])
                w = self.camp_contacts[cands].astype(float)
                c = cands[rng.choice(len(cands), p=w / w.sum())]
                self.cust_campaign[i] = c
                span = self.camp_end[c] - self.camp_start[c] + 45
                acq[i] = min(self.camp_start[c] + int(rng.integers(0, span + 1)), LAST_DAY - 5)
            else:
                acq[i] = int(rng.integers(0, LAST_DAY - 5))
        # cities
        city = np.empty(n, dtype=object)
        city_zh = np.empty(n, dtype=object)
        for r in REGIONS:
            idx = np.flatnonzero(region == r)
            opts = CITIES[r]
            k = _row_choice(rng, np.tile([c[2] for c in opts], (len(idx), 1)).astype(float))
            city[idx] = [opts[j][0] for j in k]
            city_zh[idx] = [opts[j][1] for j in k]
        # reps: initial reps of the region; new hires take 60 % of later acquisitions
        rep = np.empty(n, dtype=np.int64)
        for r in REGIONS:
            idx = np.flatnonzero(region == r)
            initial = np.flatnonzero((self.rep_region == r) & (self.rep_new == 0))
            rep[idx] = initial[rng.integers(0, len(initial), len(idx))]
            hires = np.flatnonzero((self.rep_region == r) & (self.rep_new == 1))
            for h in hires:
                take = idx[(acq[idx] >= self.rep_hire[h]) & (rng.random(len(idx)) < 0.6)]
                rep[take] = h
        # planted unprofitable accounts: growth-tier, served from another city, each
        # with a different rep, active for both years
        away = np.array([city[i] != self.rep_city[rep[i]] for i in range(n)])
        pool = np.flatnonzero(existing & (tier == "growth") & away)
        pool = rng.permutation(pool)
        chosen: list[int] = []
        for i in pool:
            if rep[i] not in {rep[j] for j in chosen}:
                chosen.append(int(i))
            if len(chosen) == N_UNPROFITABLE:
                break
        unprofitable = np.zeros(n, dtype=bool)
        unprofitable[chosen] = True
        log_size[unprofitable] = np.log(rng.uniform(80_000, 120_000, N_UNPROFITABLE))
        # new hires inherit a quarter of their region's smaller accounts on the day
        # they join (not the planted unprofitable ones)
        prev_rep = rep.copy()
        transfer = np.full(n, N_DAYS + 1)
        for h in np.flatnonzero(self.rep_new == 1):
            cands = np.flatnonzero(
                existing
                & (region == self.rep_region[h])
                & (tier != "key")
                & ~unprofitable
                & (self.rep_new[rep] == 0)
            )
            take = cands[rng.random(len(cands)) < 0.25]
            transfer[take] = self.rep_hire[h]
            rep[take] = h
        # duplicates: new small accounts re-entered for an existing firm
        dup_new = rng.permutation(
            np.flatnonzero(~existing & np.isin(channel, ["referral", "field_prospecting"]))
        )[:N_DUPLICATES]
        dup_orig = np.empty(N_DUPLICATES, dtype=np.int64)
        taken: set[int] = set(chosen)
        for k, i in enumerate(dup_new):
            cands = np.flatnonzero(existing & (region == region[i]) & (tier != "key"))
            cands = [c for c in rng.permutation(cands) if c not in taken]
            dup_orig[k] = cands[0]
            taken.add(int(cands[0]))
            o = dup_orig[k]
            segment[i], city[i], city_zh[i] = segment[o], city[o], city_zh[o]
            tier[i] = "standard"
            log_size[i] = np.log(rng.uniform(6_000, 20_000))
        # terms, rebates, employees, potential
        terms_p = {"key": [0.1, 0.4, 0.5], "growth": [0.4, 0.5, 0.1], "standard": [0.7, 0.25, 0.05]}
        terms = np.empty(n, dtype=np.int64)
        rebate = np.zeros(n)
        for t in TIERS:
            idx = np.flatnonzero(tier == t)
            terms[idx] = _choice(rng, [30, 60, 90], terms_p[t], len(idx))
            if t == "key":
                rebate[idx] = _choice(
                    rng, [0.01, 0.015, 0.02, 0.03, 0.04], [0.2, 0.2, 0.3, 0.2, 0.1], len(idx)
                )
            elif t == "growth":
                has = rng.random(len(idx)) < 0.15
                rebate[idx] = np.where(has, 0.01, 0.0)
        terms[unprofitable] = 90
        size = np.exp(log_size)
        employees = np.maximum(
            5, np.round(60 * (size / 44_000) ** 0.7 * rng.lognormal(0, 0.5, n))
        ).astype(np.int64)
        wallet = rng.beta(3, 4, n)
        potential = np.round(size / wallet, -3)
        # service experience: slow-service customers churn more
        service = rng.standard_normal(n)
        retention = np.empty(n)
        nodes, weights = np.polynomial.hermite_e.hermegauss(60)
        for t in TIERS:
            # intercept such that the average over N(0,1) service equals the tier rate
            a = _calibrate_weighted(
                RETENTION[t], -SERVICE_CHURN_EFFECT * nodes, weights / weights.sum()
            )
            idx = tier == t
            retention[idx] = _sigmoid(a - SERVICE_CHURN_EFFECT * service[idx])
        start = np.maximum(acq, 0)
        end = np.full(n, LAST_DAY)
        churn24 = (start < DAY_2025) & (rng.random(n) > retention) & ~unprofitable
        end[churn24] = start[churn24] + (
            rng.random(churn24.sum()) * (DAY_2025 - 1 - start[churn24])
        ).astype(int)
        churn25 = ~churn24 & (rng.random(n) > retention) & ~unprofitable
        s25 = np.maximum(start[churn25], DAY_2025)
        end[churn25] = s25 + (rng.random(churn25.sum()) * (LAST_DAY - s25)).astype(int)

        # over-discounters: reps whose accounts are smaller than most (so their higher
        # discounts clearly do not buy more volume), none serving a planted account
        initial = np.flatnonzero(self.rep_new == 0)
        expected = size * (end - start + 1) / 365
        book = np.array([expected[rep == r].sum() / max(1, (rep == r).sum()) for r in initial])
        clean = ~np.isin(initial, rep[unprofitable])
        by_book = initial[clean][np.argsort(book[clean], kind="stable")]
        over = np.sort(by_book[:N_OVER_DISCOUNT])
        self.rep_over = np.zeros(len(self.rep_ids), dtype=bool)
        self.rep_over[over] = True
        self.truths["over_discounting_reps"] = sorted(self.rep_ids[over].tolist())
        self.truths["over_discount_extra"] = OVER_DISCOUNT_SHIFT

        self.n_cust = n
        self.cust_ids = _ids("C", n, 4)
        self.cust_segment, self.cust_region, self.cust_tier = segment, region, tier
        self.cust_city = city
        self.cust_rep, self.cust_acq, self.cust_start, self.cust_end = rep, acq, start, end
        self.cust_prev_rep, self.cust_transfer = prev_rep, transfer
        self.cust_size, self.cust_terms, self.cust_rebate = size, terms, rebate
        self.cust_service, self.cust_channel = service, channel
        self.cust_unprofitable = unprofitable
        self.cust_employees = employees
        self.dup_pairs = list(zip(dup_orig.tolist(), dup_new.tolist()))
        self._customer_identity(city_zh, potential)
        self.truths["retention_by_tier"] = dict(RETENTION)
        self.truths["unprofitable_customers"] = sorted(self.cust_ids[unprofitable].tolist())

    def _customer_identity(self, city_zh: np.ndarray, potential: np.ndarray) -> None:
        """Names, contacts and planted data-quality problems."""
        rng = self.rng
        n = self.n_cust
        brand = rng.integers(0, len(BRANDS), n)
        word = np.array([rng.integers(0, len(INDUSTRY_WORDS[s])) for s in self.cust_segment])
        group = (self.cust_tier == "key") & (rng.random(n) < 0.35)
        names = np.empty(n, dtype=object)
        for _ in range(50):  # redraw clashes until every name is unique
            en = [
                f"{self.cust_city[i]} {BRANDS[brand[i]][0]} "
                f"{INDUSTRY_WORDS[self.cust_segment[i]][word[i]][0]} "
                f"{'Group ' if group[i] else ''}Co., Ltd."
                for i in range(n)
            ]
            names[:] = en
            clash = pd.Series(names).duplicated().to_numpy().copy()
            clash[[dup for _, dup in self.dup_pairs]] = False
            if not clash.any():
                break
            brand[clash] = rng.integers(0, len(BRANDS), clash.sum())
        zh = np.array(
            [
                f"{city_zh[i]}{BRANDS[brand[i]][1]}"
                f"{INDUSTRY_WORDS[self.cust_segment[i]][word[i]][1]}"
                f"{'集团' if group[i] else ''}有限公司"
                for i in range(n)
            ],
            dtype=object,
        )
        surname = rng.integers(0, len(SURNAMES), n)
        given = rng.integers(0, len(GIVEN), n)
        contact = np.array(
            [f"{SURNAMES[s]} {GIVEN[g]}" for s, g in zip(surname, given)], dtype=object
        )
        email = np.array(
            [
                f"{GIVEN[g].lower()}.{SURNAMES[s].lower()}@"
                f"{BRANDS[b][0].lower()}-{self.cust_segment[i][:4]}.com.cn"
                for i, (s, g, b) in enumerate(zip(surname, given, brand))
            ],
            dtype=object,
        )
        prefixes = np.array(
            [
                130,
                131,
                132,
                133,
                135,
                136,
                137,
                138,
                139,
                150,
                151,
                152,
                158,
                159,
                177,
                180,
                181,
                186,
                187,
                188,
                189,
            ]
        )
        numbers = rng.integers(0, 10**8, n)
        for _ in range(50):
            clash = pd.Series(numbers).duplicated().to_numpy().copy()
            if not clash.any():
                break
            numbers[clash] = rng.integers(0, 10**8, clash.sum())
        pre = prefixes[rng.integers(0, len(prefixes), n)]
        phone = np.array(
            [f"+86 {p} {x // 10**4:04d} {x % 10**4:04d}" for p, x in zip(pre, numbers)],
            dtype=object,
        )
        # duplicates: a near-identical name of the same firm, same phone and contact
        variants = [
            lambda s: s.replace("Co., Ltd.", "Co. Ltd"),
            lambda s: s.upper(),
            lambda s: s.replace(" Co., Ltd.", " Co.,Ltd"),
            lambda s: s.replace("  ", " ").replace(" Co., Ltd.", ", Co., Ltd"),
            lambda s: s.replace("Co., Ltd.", "Company Limited"),
        ]
        for k, (orig, dup) in enumerate(self.dup_pairs):
            names[dup] = variants[k % len(variants)](names[orig])
            zh[dup] = zh[orig]
            phone[dup] = phone[orig]
            contact[dup] = contact[orig]
            email[dup] = email[orig] if k % 2 == 0 else np.nan
        # planted gaps (never on the duplicate pairs, so they stay matchable by phone)
        protected = np.zeros(n, dtype=bool)
        for orig, dup in self.dup_pairs:
            protected[[orig, dup]] = True
        no_email = (rng.random(n) < 0.04) & ~protected
        no_phone = (rng.random(n) < 0.03) & ~protected
        email[no_email] = np.nan
        phone[no_phone] = np.nan
        missing_email = int(pd.isna(pd.Series(email)).sum())
        missing_phone = int(pd.isna(pd.Series(phone)).sum())
        self.out["customers"] = pd.DataFrame(
            {
                "customer_id": self.cust_ids,
                "name": names,
                "name_zh": zh,
                "segment": self.cust_segment,
                "tier": self.cust_tier,
                "region": self.cust_region,
                "city": self.cust_city,
                "rep_id": self.rep_ids[self.cust_rep],
                "acquired_date": _dates(self.cust_acq),
                "acquisition_channel": self.cust_channel,
                "payment_terms_days": self.cust_terms,
                "rebate_rate": np.round(self.cust_rebate, 3),
                "employees": self.cust_employees,
                "estimated_potential": potential,
                "contact_name": contact,
                "contact_email": email,
                "contact_phone": phone,
            }
        )
        self.truths["duplicate_customers"] = [
            [self.cust_ids[o], self.cust_ids[d]] for o, d in self.dup_pairs
        ]
        self.truths["missing_contact_fields"] = {
            "contact_email": missing_email,
            "contact_phone": missing_phone,
            "total": missing_email + missing_phone,
        }

    def owner(self, cust: np.ndarray, day: np.ndarray) -> np.ndarray:
        """The rep who owned each account on each day (accounts move to new hires)."""
        cust = np.asarray(cust)
        return np.where(
            np.asarray(day) >= self.cust_transfer[cust],
            self.cust_rep[cust],
            self.cust_prev_rep[cust],
        )

    def ramp(self, rep: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Share of normal volume a new rep's accounts buy, t days after the hire."""
        t = np.asarray(day) - self.rep_hire[rep]
        factor = 1 - (1 - RAMP_START) * np.exp(-np.maximum(t, 0) / RAMP_DAYS)
        return np.where(self.rep_new[rep] == 1, factor, 1.0)

    # ---------------------------------------------------------------- products
    def products(self) -> None:
        """The catalogue: 400 products in 10 categories plus 12 new models.

        List prices (CNY per sales unit) are lognormal around each item's median and
        rounded like a catalogue; unit costs follow the category margin. 2024 prices
        and costs are the 2025 ones before the category changes of 2025-01-01.
        """
        rng = self.rng
        rows = []
        for cat, (margin, items, variants) in CATALOGUE.items():
            for item, price, unit in items:
                for var, mult in variants:
                    rows.append((cat, item, f"{item}, {var}", price * mult, unit, margin))
        n = len(rows)
        cat = np.array([r[0] for r in rows])
        item = np.array([r[1] for r in rows])
        name = np.array([r[2] for r in rows])
        unit = np.array([r[4] for r in rows])
        list25 = _nice_price(np.array([r[3] for r in rows]) * rng.lognormal(0, 0.2, n))
        margin = np.clip(np.array([r[5] for r in rows]) + rng.normal(0, 0.04, n), 0.15, 0.5)
        cost25 = np.round(list25 * (1 - margin), 2)
        pchg = np.array([PRICE_CHANGE_2025[c] for c in cat])
        cchg = np.array([COST_CHANGE_2025[c] for c in cat])
        list24 = _nice_price(list25 / (1 + pchg))
        cost24 = np.round(cost25 / (1 + cchg), 2)
        # popularity: a few SKUs sell a lot; cheap items more often
        pop = rng.lognormal(0, 1.1, n) * list25**-0.25
        # suppliers: 2-3 per category, imported ones slower
        supplier = np.empty(n, dtype=object)
        lead = np.empty(n, dtype=np.int64)
        sid = 0
        sup_lead: dict[str, int] = {}
        for c in CATEGORIES:
            idx = np.flatnonzero(cat == c)
            k = 2 + int(rng.integers(0, 2))
            names = [f"S{sid + j + 1:02d}" for j in range(k)]
            for s in names:
                sup_lead[s] = (
                    int(rng.integers(7, 22)) if rng.random() < 0.7 else int(rng.integers(30, 50))
                )
            sid += k
            supplier[idx] = np.array(names)[rng.integers(0, k, len(idx))]
        lead[:] = [sup_lead[s] + int(d) for s, d in zip(supplier, rng.integers(-2, 3, n))]
        launch = -rng.integers(60, 4000, n)
        replaces = np.full(n, -1)
        # new products: a new model of a popular product, launched during 2024-2025;
        # 60 % of the old model's buyers switch after the launch
        paired = [name for pair in ASSOCIATIONS for name in pair]
        modern = np.flatnonzero(
            np.isin(
                cat,
                [
                    "power_tools",
                    "hand_tools",
                    "electrical",
                    "safety",
                    "welding",
                    "lubricants",
                    "cutting_tools",
                ],
            )
            & ~np.isin(item, paired)
        )
        old = np.sort(rng.choice(modern, 12, replace=False, p=pop[modern] / pop[modern].sum()))
        k = len(old)
        up = rng.uniform(1.05, 1.12, k)
        new_list25 = _nice_price(list25[old] * up)
        new_cost25 = np.round(new_list25 * (1 - np.minimum(margin[old] + 0.03, 0.5)), 2)
        cat, item, unit = np.r_[cat, cat[old]], np.r_[item, item[old]], np.r_[unit, unit[old]]
        name = np.r_[name, np.array([f"{x}, new model" for x in name[old]])]
        list25, cost25 = np.r_[list25, new_list25], np.r_[cost25, new_cost25]
        list24 = np.r_[list24, _nice_price(new_list25 / (1 + pchg[old]))]
        cost24 = np.r_[cost24, np.round(new_cost25 / (1 + cchg[old]), 2)]
        supplier, lead = np.r_[supplier, supplier[old]], np.r_[lead, lead[old]]
        launch = np.r_[launch, rng.integers(60, 560, k)]
        replaces = np.r_[replaces, old]
        pop = np.r_[pop, np.zeros(k)]
        n += k
        is_new = replaces >= 0
        # quality: a few products break far more often
        defect = np.ones(n)
        risky = np.flatnonzero(
            np.isin(cat, ["power_tools", "hydraulics", "electrical"])
            & ~is_new
            & (pop >= np.median(pop[~is_new]))
        )
        bad = np.sort(rng.choice(risky, 4, replace=False))
        defect[bad] = 6.0
        ids = _ids("P", n, 3)
        self.n_prod = n
        self.prod_ids, self.prod_cat, self.prod_item = ids, cat, item
        self.prod_list = np.stack([list24, list25])
        self.prod_cost = np.stack([cost24, cost25])
        self.prod_pop, self.prod_launch, self.prod_replaces = pop, launch, replaces
        self.prod_defect, self.prod_lead = defect, lead
        self.out["products"] = pd.DataFrame(
            {
                "product_id": ids,
                "name": name,
                "category": cat,
                "sales_unit": unit,
                "list_price": list25,
                "unit_cost": cost25,
                "launch_date": _dates(launch),
                "replaces_product_id": np.where(is_new, ids[np.maximum(replaces, 0)], None),
                "supplier_id": supplier,
                "lead_time_days": lead,
            }
        )
        self.out["products"]["replaces_product_id"] = self.out["products"][
            "replaces_product_id"
        ].where(is_new, np.nan)
        self.truths["list_price_change_2025_by_category"] = dict(PRICE_CHANGE_2025)
        self.truths["unit_cost_change_2025_by_category"] = dict(COST_CHANGE_2025)
        self.truths["high_defect_products"] = ids[bad].tolist()
        self.truths["new_products"] = {ids[i]: ids[replaces[i]] for i in np.flatnonzero(is_new)}
        self.truths["new_product_switch_share"] = 0.6
        # associations at product level
        pairs = []
        for a, b in ASSOCIATIONS:
            anchors = np.flatnonzero((item == a) & ~is_new)
            comp = np.flatnonzero((item == b) & ~is_new)
            comp = comp[np.argmax(pop[comp])]
            pairs.append((anchors, comp))
        self.assoc = pairs
        self.truths["product_associations"] = [
            {
                "anchors": ids[a].tolist(),
                "complement": ids[c],
                "probability": ASSOCIATION_PROBABILITY,
            }
            for a, c in pairs
        ]

    # ---------------------------------------------------------------- orders and lines
    def _segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(customer, first day, last day) of each customer's active part of each year."""
        cust, lo, hi = [], [], []
        for y0, y1 in ((0, DAY_2025 - 1), (DAY_2025, LAST_DAY)):
            a = np.maximum(self.cust_start, y0)
            b = np.minimum(self.cust_end, y1)
            ok = a <= b
            cust.append(np.flatnonzero(ok))
            lo.append(a[ok])
            hi.append(b[ok])
        return np.concatenate(cust), np.concatenate(lo), np.concatenate(hi)

    def orders(self) -> None:
        """Orders and order lines of every active customer-year.

        The number of orders follows the customer's yearly frequency and the monthly
        seasonality; each order's value is size / frequency (CNY at 2024 list prices),
        +5 % volume in 2025 and reduced while a new rep ramps up. Freight and handling
        (CNY per order) are paid by us.
        """
        rng = self.rng
        size = self.cust_size
        unprof = self.cust_unprofitable
        freq = np.clip(5.2 * (size / 20_000) ** 0.55, 3, 90)
        freq[unprof] = 80.0
        lam_lines = np.clip(1.3 + 0.5 * np.log10(size / 5_000), 0.5, 3.0)
        lam_lines[unprof] = 0.1
        seg_c, seg_lo, seg_hi = self._segments()
        mean = freq[seg_c] * self.cal.share(seg_lo, seg_hi)
        n_ord = np.maximum(1, rng.poisson(mean))
        o_seg = np.repeat(np.arange(len(seg_c)), n_ord)
        o_cust = seg_c[o_seg]
        o_day = self.cal.sample(rng, seg_lo[o_seg], seg_hi[o_seg])
        first_in_seg = np.r_[True, o_seg[1:] != o_seg[:-1]]
        # a new customer's first order is on its acquisition day
        new_first = first_in_seg & (seg_lo[o_seg] == self.cust_acq[o_cust])
        o_day[new_first] = self.cust_acq[o_cust[new_first]]
        value = size[o_cust] / freq[o_cust] * rng.lognormal(-0.1, 0.45, len(o_cust))
        value *= np.where(o_day >= DAY_2025, VOLUME_GROWTH_2025, 1.0)
        o_rep = self.owner(o_cust, o_day)
        value *= self.ramp(o_rep, o_day)
        n_lines = 1 + rng.poisson(lam_lines[o_cust])
        cancelled = ~first_in_seg & (rng.random(len(o_cust)) < 0.012)
        # order ids in date order
        order = np.lexsort((o_cust, o_day))
        o_cust, o_day, value, n_lines, cancelled, o_rep = (
            o_cust[order],
            o_day[order],
            value[order],
            n_lines[order],
            cancelled[order],
            o_rep[order],
        )
        n_orders = len(o_cust)
        lines = self._lines(o_cust, o_day, value, n_lines)
        lines = lines[~cancelled[lines["o"]]]
        # order-level costs
        o_value = np.bincount(
            lines["o"], weights=lines["quantity"] * lines["net_price"], minlength=n_orders
        )
        o_nlines = np.bincount(lines["o"], minlength=n_orders)
        region_factor = pd.Series(
            {"east": 1.0, "south": 1.0, "north": 1.05, "central": 1.15, "west": 1.4}
        )
        rf = region_factor[self.cust_region[o_cust]].to_numpy()
        freight = np.round(
            np.minimum(
                np.maximum(28.0, 0.02 * o_value) * rf * rng.lognormal(0, 0.15, n_orders), 4000
            ),
            2,
        )
        handling = np.round(15 + 4 * o_nlines + rng.uniform(0, 6, n_orders), 2)
        freight[cancelled] = 0.0
        handling[cancelled] = 0.0
        tier = self.cust_tier[o_cust]
        probs = {
            "key": [0.6, 0.2, 0.15, 0.05],
            "growth": [0.35, 0.3, 0.25, 0.1],
            "standard": [0.15, 0.35, 0.35, 0.15],
        }
        chan = np.empty(n_orders, dtype=object)
        for t in TIERS:
            idx = np.flatnonzero(tier == t)
            chan[idx] = _choice(rng, ["field", "phone", "online", "wechat"], probs[t], len(idx))
        self.ord_ids = _ids("O", n_orders, 6)
        self.ord_cust, self.ord_day, self.ord_cancelled = o_cust, o_day, cancelled
        self.ord_rep = o_rep
        self.ord_value = o_value
        self.out["orders"] = pd.DataFrame(
            {
                "order_id": self.ord_ids,
                "order_date": _dates(o_day),
                "customer_id": self.cust_ids[o_cust],
                "rep_id": self.rep_ids[o_rep],
                "channel": chan,
                "payment_terms_days": self.cust_terms[o_cust],
                "freight_cost": freight,
                "handling_cost": handling,
                "status": np.where(cancelled, "cancelled", "delivered"),
            }
        )
        self.ord_freight, self.ord_handling = freight, handling
        self.lines = lines
        self.out["order_lines"] = pd.DataFrame(
            {
                "order_id": self.ord_ids[lines["o"]],
                "line_no": lines["line_no"],
                "product_id": self.prod_ids[lines["p"]],
                "quantity": lines["quantity"],
                "list_price": lines["list_price"],
                "discount": lines["discount"],
                "net_price": lines["net_price"],
                "unit_cost": lines["unit_cost"],
            }
        )

    def _lines(
        self, o_cust: np.ndarray, o_day: np.ndarray, value: np.ndarray, n_lines: np.ndarray
    ) -> pd.DataFrame:
        """Order lines for the given orders (vectorised)."""
        rng = self.rng
        l_o = np.repeat(np.arange(len(o_cust)), n_lines)
        l_c = o_cust[l_o]
        l_day = o_day[l_o]
        w = rng.lognormal(0, 0.8, len(l_o))
        share = w / np.bincount(l_o, weights=w)[l_o]
        l_value = value[l_o] * share
        # product: a customer's regular items half the time, else its segment's mix
        seg_idx = pd.Series(range(len(SEGMENTS)), index=SEGMENTS)[self.cust_segment].to_numpy()
        cat_idx = pd.Series(range(len(CATEGORIES)), index=CATEGORIES)[self.prod_cat].to_numpy()
        pref = np.array([SEGMENT_CATEGORY_PREFERENCE[s] for s in SEGMENTS])
        weights = pref[:, cat_idx] * self.prod_pop[None, :]
        cum = np.cumsum(weights, axis=1)
        cum /= cum[:, -1:]
        core = np.empty((self.n_cust, 8), dtype=np.int64)
        u = rng.random((self.n_cust, 8))
        for s in range(len(SEGMENTS)):
            idx = seg_idx == s
            core[idx] = np.searchsorted(cum[s], u[idx], side="right")
        use_core = rng.random(len(l_o)) < 0.5
        pick_core = core[l_c, rng.integers(0, 8, len(l_o))]
        u = rng.random(len(l_o))
        pick_seg = np.empty(len(l_o), dtype=np.int64)
        line_seg = seg_idx[l_c]
        for s in range(len(SEGMENTS)):
            idx = line_seg == s
            pick_seg[idx] = np.searchsorted(cum[s], u[idx], side="right")
        prod = np.minimum(np.where(use_core, pick_core, pick_seg), self.n_prod - 1)
        # planted associations: add the complement to some orders with an anchor
        extra_o, extra_p, extra_v = [], [], []
        for anchors, comp in self.assoc:
            hit = np.isin(prod, anchors) & (rng.random(len(l_o)) < ASSOCIATION_PROBABILITY)
            extra_o.append(l_o[hit])
            extra_p.append(np.full(hit.sum(), comp))
            extra_v.append(l_value[hit] * rng.uniform(0.15, 0.4, hit.sum()))
        l_o = np.concatenate([l_o, *extra_o])
        prod = np.concatenate([prod, *extra_p])
        l_value = np.concatenate([l_value, *extra_v])
        # new products take over 60 % of their predecessor's lines after launch
        new_of = np.full(self.n_prod, -1)
        new_ids = np.flatnonzero(self.prod_replaces >= 0)
        new_of[self.prod_replaces[new_ids]] = new_ids
        succ = new_of[prod]
        switch = (
            (succ >= 0)
            & (o_day[l_o] >= self.prod_launch[np.maximum(succ, 0)])
            & (rng.random(len(l_o)) < 0.6)
        )
        prod = np.where(switch, succ, prod)
        seq = np.arange(len(l_o))
        df = pd.DataFrame({"o": l_o, "p": prod, "v": l_value, "seq": seq})
        df = df.drop_duplicates(["o", "p"], keep="first").sort_values(["o", "seq"])
        l_o, prod, l_value = df["o"].to_numpy(), df["p"].to_numpy(), df["v"].to_numpy()
        l_c, l_day = o_cust[l_o], o_day[l_o]
        year = (l_day >= DAY_2025).astype(int)
        list_price = self.prod_list[year, prod]
        unit_cost = self.prod_cost[year, prod]
        discount = self._discounts(l_c, self.owner(l_c, l_day), len(l_o))
        # the ERP refuses to sell below cost: the discount stops at the cost price
        floor = np.floor((1 - unit_cost / list_price) * 100) / 100
        discount = np.round(np.minimum(discount, np.maximum(floor, 0.0)), 2)
        net = np.round(list_price * (1 - discount), 2)
        # units wanted, from the value at 2024 list prices: a discount does not buy volume
        qty = np.maximum(1, np.round(l_value / self.prod_list[0, prod])).astype(np.int64)
        line_no = df.groupby("o").cumcount().to_numpy() + 1
        return pd.DataFrame(
            {
                "o": l_o,
                "line_no": line_no,
                "p": prod,
                "quantity": qty,
                "list_price": list_price,
                "discount": discount,
                "net_price": net,
                "unit_cost": unit_cost,
                "day": l_day,
                "c": l_c,
            }
        )

    def _discounts(self, l_c: np.ndarray, l_rep: np.ndarray, n: int) -> np.ndarray:
        """Line discounts: the account's negotiated level plus occasional specials."""
        rng = self.rng
        if not hasattr(self, "cust_discount"):
            levels = np.array([0.0, 0.05, 0.10, 0.15, 0.20])
            p = {
                "key": [0.0, 0.15, 0.35, 0.35, 0.15],
                "growth": [0.2, 0.4, 0.3, 0.1, 0.0],
                "standard": [0.6, 0.3, 0.1, 0.0, 0.0],
            }
            base = np.empty(self.n_cust)
            for t in TIERS:
                idx = np.flatnonzero(self.cust_tier == t)
                base[idx] = levels[rng.choice(5, len(idx), p=p[t])]
            base[self.cust_unprofitable] = 0.15
            self.cust_discount = base
        over = self.rep_over[l_rep]
        special = rng.random(n) < np.where(over, 0.6, 0.2)
        kind = rng.random(n)
        five = np.where(over, 0.4, 0.6)  # over-discounters give 10 % specials more often
        extra = np.where(kind < five, 0.05, np.where(kind < 0.8, 0.10, rng.integers(1, 9, n) / 100))
        d = (
            self.cust_discount[l_c]
            + np.where(over, OVER_DISCOUNT_SHIFT, 0.0)
            + np.where(special, extra, 0.0)
        )
        return np.round(np.minimum(d, 0.35), 2)

    # ---------------------------------------------------------------- targets
    def targets(self) -> None:
        """Quarterly revenue and gross-profit targets (CNY) per rep, set near actuals."""
        rng = self.rng
        ln = self.lines
        rev = ln["quantity"] * ln["net_price"]
        rep = self.ord_rep[ln["o"].to_numpy()]
        day = ln["day"].to_numpy()
        stamps = START + pd.to_timedelta(day, unit="D")
        frame = pd.DataFrame(
            {"rep": rep, "year": stamps.year, "quarter": stamps.quarter, "rev": rev.to_numpy()}
        )
        actual = frame.groupby(["rep", "year", "quarter"], as_index=False)["rev"].sum()
        actual = actual[actual["rev"] > 0].sort_values(["rep", "year", "quarter"])
        factor = rng.lognormal(np.log(1.04), 0.08, len(actual))
        revenue_target = np.round(actual["rev"].to_numpy() * factor, -4)
        plan_margin = np.where(actual["year"].to_numpy() == 2024, 0.265, 0.27)
        self.out["targets"] = pd.DataFrame(
            {
                "rep_id": self.rep_ids[actual["rep"].to_numpy()],
                "year": actual["year"].to_numpy().astype(np.int64),
                "quarter": actual["quarter"].to_numpy().astype(np.int64),
                "revenue_target": revenue_target,
                "gross_profit_target": np.round(revenue_target * plan_margin, -3),
            }
        )
        self.truths["target_plan_gross_margin"] = {"2024": 0.265, "2025": 0.27}

    # ---------------------------------------------------------------- opportunities
    def opportunities(self) -> None:
        """Opportunities and their stage history (dates as day numbers, amounts in CNY).

        Every stage lasts a gamma-distributed number of days (shape 2, planted mean)
        and converts with the planted probability scaled by the rep's skill; deals
        still in a stage on 2025-12-31 are open.
        """
        rng = self.rng
        per_year = pd.Series({"key": 6.0, "growth": 2.2, "standard": 0.45})
        seg_c, seg_lo, seg_hi = self._segments()
        mean = per_year[self.cust_tier[seg_c]].to_numpy() * (seg_hi - seg_lo + 1) / 365
        k = rng.poisson(mean)
        c = np.repeat(seg_c, k)
        created = (
            np.repeat(seg_lo, k)
            + rng.random(k.sum()) * (np.repeat(seg_hi, k) - np.repeat(seg_lo, k) + 1)
        ).astype(int)
        order = np.lexsort((c, created))
        c, created = c[order], created[order]
        n = len(c)
        rep = self.owner(c, created)
        amount = np.round(
            np.clip(0.15 * self.cust_size[c] * rng.lognormal(0, 0.6, n), 5_000, None), -2
        )
        skill = self.rep_skill[rep] * np.where(created - self.rep_hire[rep] < 180, 0.85, 1.0)
        rows_o, rows_s, rows_in, rows_out, rows_res = [], [], [], [], []
        alive = np.ones(n, dtype=bool)
        entered = created.copy()
        stage_now = np.zeros(n, dtype=np.int64)
        status = np.full(n, "open", dtype=object)
        closed = np.full(n, np.nan)
        for s, name in enumerate(STAGES):
            idx = np.flatnonzero(alive)
            dur = np.maximum(1, np.round(rng.gamma(2.0, STAGE_DAYS[name] / 2.0, len(idx))))
            exit_day = entered[idx] + dur
            # reps differ; across the deals that reach the stage the mean is the planted rate
            p = np.clip(STAGE_CONVERSION[name] * skill[idx] / skill[idx].mean(), 0, 0.97)
            advance = rng.random(len(idx)) < p
            still_open = exit_day > LAST_DAY
            outcome = np.where(
                still_open,
                "open",
                np.where(advance, "won" if name == "contract" else "advanced", "lost"),
            )
            rows_o.append(idx)
            rows_s.append(np.full(len(idx), s))
            rows_in.append(entered[idx].astype(float))
            rows_out.append(np.where(still_open, np.nan, exit_day))
            rows_res.append(outcome)
            stage_now[idx] = s
            lost = outcome == "lost"
            won = outcome == "won"
            status[idx[lost]] = "lost"
            status[idx[won]] = "won"
            closed[idx[lost | won]] = exit_day[lost | won]
            alive[idx[(outcome != "advanced")]] = False
            entered[idx] = exit_day
        stage_label = np.array(STAGES, dtype=object)[stage_now]
        stage_label[status == "won"] = "won"
        ids = np.array([f"OP{i:05d}" for i in range(1, n + 1)])
        self.opp_ids, self.opp_cust, self.opp_rep = ids, c, rep
        self.out["opportunities"] = pd.DataFrame(
            {
                "opportunity_id": ids,
                "customer_id": self.cust_ids[c],
                "rep_id": self.rep_ids[rep],
                "created_date": _dates(created),
                "amount": amount,
                "stage": stage_label,
                "status": status,
                "closed_date": _dates(closed),
            }
        )
        o = np.concatenate(rows_o)
        st = pd.DataFrame(
            {
                "o": o,
                "s": np.concatenate(rows_s),
                "in": np.concatenate(rows_in),
                "out": np.concatenate(rows_out),
                "res": np.concatenate(rows_res),
            }
        ).sort_values(["o", "s"])
        self.stage_rows = st
        self.out["opportunity_stages"] = pd.DataFrame(
            {
                "opportunity_id": ids[st["o"].to_numpy()],
                "stage": np.array(STAGES)[st["s"].to_numpy()],
                "entered_date": _dates(st["in"].to_numpy()),
                "exited_date": _dates(st["out"].to_numpy()),
                "outcome": st["res"].to_numpy(),
            }
        )
        self.truths["stage_conversion_rates"] = dict(STAGE_CONVERSION)
        self.truths["stage_mean_days"] = dict(STAGE_DAYS)
        win = 1.0
        from_stage = {}
        for name in reversed(STAGES):
            win *= STAGE_CONVERSION[name]
            from_stage[name] = round(win, 4)
        self.truths["win_probability_from_stage"] = from_stage

    # ---------------------------------------------------------------- activities
    def activities(self) -> None:
        """Calls, e-mails, visits and video meetings: time (minutes) and cost (CNY).

        Counts per customer-year follow the tier norms and the rep's habits; video
        doubles and visits drop 15 % in 2025. A visit outside the rep's base city is
        a trip (train or flight, hotel), inside it a taxi ride.
        """
        rng = self.rng
        seg_c, seg_lo, seg_hi = self._segments()
        tier = self.cust_tier[seg_c]
        rep = self.cust_rep[seg_c]
        in25 = seg_lo >= DAY_2025
        share = self.cal.share(seg_lo, seg_hi, seasonal=False)
        base = {
            "visit": {"key": 14, "growth": 5, "standard": 1.0},
            "call": {"key": 26, "growth": 12, "standard": 4},
            "email": {"key": 18, "growth": 7, "standard": 2.5},
            "video_meeting": {"key": 5, "growth": 2, "standard": 0.4},
        }
        parts = []
        for typ, by_tier in base.items():
            m = pd.Series(by_tier)[tier].to_numpy() * share
            if typ == "visit":
                m = m * self.rep_visit_style[rep] * np.where(in25, 0.85, 1.0)
                m = np.where(self.cust_unprofitable[seg_c], 55 * share, m)
            elif typ == "video_meeting":
                m = m * self.rep_video_style[rep] * np.where(in25, 2.0, 1.0)
            elif typ == "call":
                m = m * self.rep_call_style[rep]
            k = rng.poisson(m)
            idx = np.repeat(np.arange(len(seg_c)), k)
            day = self.cal.sample(rng, seg_lo[idx], seg_hi[idx], seasonal=False)
            parts.append(
                pd.DataFrame(
                    {
                        "c": seg_c[idx],
                        "rep": self.owner(seg_c[idx], day),
                        "day": day,
                        "type": typ,
                        "opp": -1,
                    }
                )
            )
        # activities that work an opportunity, one or two per stage
        st = self.stage_rows
        end = np.where(np.isnan(st["out"].to_numpy()), LAST_DAY, st["out"].to_numpy())
        start = st["in"].to_numpy().astype(int)
        end = np.maximum(end.astype(int), start)
        stage_type = {
            0: (["call", "email"], [0.7, 0.3]),
            1: (["visit", "video_meeting"], [0.6, 0.4]),
            2: (["video_meeting", "visit", "email"], [0.45, 0.35, 0.2]),
            3: (["visit", "call"], [0.6, 0.4]),
        }
        k = 1 + (rng.random(len(st)) < 0.4)
        idx = np.repeat(np.arange(len(st)), k)
        s = st["s"].to_numpy()[idx]
        typ = np.empty(len(idx), dtype=object)
        for code, (opts, p) in stage_type.items():
            j = np.flatnonzero(s == code)
            typ[j] = _choice(rng, opts, p, len(j))
        o = st["o"].to_numpy()[idx]
        day = start[idx] + (rng.random(len(idx)) * (end[idx] - start[idx] + 1)).astype(int)
        day = np.minimum(day, LAST_DAY)
        parts.append(
            pd.DataFrame(
                {"c": self.opp_cust[o], "rep": self.opp_rep[o], "day": day, "type": typ, "opp": o}
            )
        )
        act = pd.concat(parts, ignore_index=True)
        act = act.sort_values(["day", "rep", "c"], kind="stable").reset_index(drop=True)
        n = len(act)
        typ = act["type"].to_numpy()
        away = self.cust_city[act["c"].to_numpy()] != self.rep_city[act["rep"].to_numpy()]
        duration = np.select(
            [typ == "call", typ == "email", typ == "visit"],
            [5 + rng.exponential(9, n), 5 + rng.exponential(8, n), 45 + rng.exponential(60, n)],
            20 + rng.exponential(20, n),
        )
        travel = np.where(
            typ == "visit", np.where(away, rng.uniform(180, 600, n), rng.uniform(30, 110, n)), 0
        )
        cost = np.select(
            [typ == "call", typ == "email", typ == "visit"],
            [
                0.4 + 0.12 * duration,
                np.zeros(n),
                np.where(
                    away, rng.lognormal(np.log(850), 0.35, n), rng.lognormal(np.log(120), 0.35, n)
                ),
            ],
            np.full(n, 3.0),
        )
        self.act = act.assign(cost=np.round(cost, 2))
        opp = act["opp"].to_numpy()
        self.out["activities"] = pd.DataFrame(
            {
                "activity_id": _ids("A", n, 6),
                "date": _dates(act["day"].to_numpy()),
                "rep_id": self.rep_ids[act["rep"].to_numpy()],
                "customer_id": self.cust_ids[act["c"].to_numpy()],
                "opportunity_id": np.where(opp >= 0, self.opp_ids[np.maximum(opp, 0)], None),
                "type": typ,
                "duration_min": np.round(duration).astype(np.int64),
                "travel_min": np.round(travel).astype(np.int64),
                "cost": np.round(cost, 2),
            }
        )
        a = self.out["activities"]
        a["opportunity_id"] = a["opportunity_id"].where(opp >= 0, np.nan)

    # ---------------------------------------------------------------- tickets, returns
    def tickets_and_returns(self) -> None:
        """Service tickets and returns drawn from the delivered order lines.

        Ticket and return rates per line rise for complex categories, the planted
        high-defect products and the planted unprofitable accounts. Resolution hours
        grow with the customer's (hidden) slow-service score and fall 25 % in 2025.
        """
        rng = self.rng
        ln = self.lines.reset_index(drop=True)
        n = len(ln)
        c, p, day = ln["c"].to_numpy(), ln["p"].to_numpy(), ln["day"].to_numpy()
        unprof = self.cust_unprofitable[c]
        cat = self.prod_cat[p]
        complex_cat = np.isin(cat, ["power_tools", "hydraulics", "electrical", "welding"])
        p_ticket = np.where(
            unprof,
            0.30,
            0.025 * np.where(complex_cat, 1.6, 1.0) * (1 + 0.6 * (self.prod_defect[p] - 1)),
        )
        t_line = np.flatnonzero(rng.random(n) < p_ticket)
        probs = np.column_stack(
            [
                0.25 * self.prod_defect[p[t_line]],
                np.where(complex_cat[t_line], 0.45, 0.2),
                np.full(len(t_line), 0.15),
                np.full(len(t_line), 0.2),
            ]
        )
        t_cat = np.array(["product_defect", "technical_question", "wrong_item", "delivery_delay"])[
            _row_choice(rng, probs)
        ]
        # order-level tickets (no product): billing questions and late deliveries
        delivered = np.flatnonzero(~self.ord_cancelled)
        o_hit = delivered[rng.random(len(delivered)) < 0.012]
        o_cat = np.where(rng.random(len(o_hit)) < 0.55, "billing", "delivery_delay")
        o_of_line = ln["o"].to_numpy()
        tk = pd.DataFrame(
            {
                "o": np.concatenate([o_of_line[t_line], o_hit]),
                "c": np.concatenate([c[t_line], self.ord_cust[o_hit]]),
                "p": np.concatenate([p[t_line], np.full(len(o_hit), -1)]),
                "qty": np.concatenate([ln["quantity"].to_numpy()[t_line], np.zeros(len(o_hit))]),
                "cat": np.concatenate([t_cat, o_cat]),
            }
        )
        tk["opened"] = self.ord_day[tk["o"].to_numpy()] + rng.integers(1, 21, len(tk))
        tk = tk[tk["opened"] <= LAST_DAY]
        tk = tk.sort_values(["opened", "c", "o", "p"], kind="stable").reset_index(drop=True)
        m = len(tk)
        median = pd.Series(
            {
                "technical_question": 6.0,
                "product_defect": 40.0,
                "wrong_item": 20.0,
                "delivery_delay": 28.0,
                "billing": 16.0,
            }
        )
        opened = tk["opened"].to_numpy()
        hours = (
            median[tk["cat"]].to_numpy()
            * np.exp(SERVICE_HOURS_EFFECT * self.cust_service[tk["c"].to_numpy()])
            * rng.lognormal(0, 0.6, m)
            * np.where(opened >= DAY_2025, 1 - SERVICE_SPEEDUP_2025, 1.0)
        )
        hours = np.round(np.maximum(hours, 0.5), 1)
        resolved = opened + np.floor(hours / 24 + 0.375)
        still_open = resolved > LAST_DAY
        effort = 0.6 + 0.12 * np.minimum(hours, 72)
        pp = tk["p"].to_numpy()
        unit_cost = np.where(pp >= 0, self.prod_cost[1, np.maximum(pp, 0)], 0.0)
        replacement = np.select(
            [tk["cat"] == "product_defect", tk["cat"] == "wrong_item"],
            [unit_cost * np.minimum(tk["qty"].to_numpy(), 2), 40.0],
            0.0,
        )
        cost = np.round(55 * effort + replacement, 2)
        ids = np.array([f"T{i:05d}" for i in range(1, m + 1)])
        self.tickets = tk.assign(
            hours=np.where(still_open, np.nan, hours),
            resolved=np.where(still_open, np.nan, resolved),
            id=ids,
            cost=cost,
        )
        self.out["tickets"] = pd.DataFrame(
            {
                "ticket_id": ids,
                "customer_id": self.cust_ids[tk["c"].to_numpy()],
                "order_id": self.ord_ids[tk["o"].to_numpy()],
                "product_id": np.where(pp >= 0, self.prod_ids[np.maximum(pp, 0)], None),
                "opened_date": _dates(opened),
                "resolved_date": _dates(np.where(still_open, np.nan, resolved)),
                "category": tk["cat"].to_numpy(),
                "resolution_hours": np.where(still_open, np.nan, hours),
                "cost": cost,
            }
        )
        t = self.out["tickets"]
        t["product_id"] = t["product_id"].where(pp >= 0, np.nan)
        self.truths["ticket_resolution_speedup_2025"] = SERVICE_SPEEDUP_2025
        # returns
        p_return = np.where(unprof, 0.10, 0.012 * (1 + 0.6 * (self.prod_defect[p] - 1)))
        r = np.flatnonzero(rng.random(n) < p_return)
        probs = np.column_stack(
            [
                0.3 * self.prod_defect[p[r]],
                np.full(len(r), 0.2),
                np.full(len(r), 0.15),
                np.full(len(r), 0.2),
                np.full(len(r), 0.15),
            ]
        )
        reason = np.array(
            [
                "defective",
                "wrong_item",
                "damaged_in_transit",
                "ordered_by_mistake",
                "no_longer_needed",
            ]
        )[_row_choice(rng, probs)]
        qty_line = ln["quantity"].to_numpy()[r]
        qty = np.where(qty_line == 1, 1, np.ceil(qty_line * rng.uniform(0.2, 1.0, len(r))))
        qty = qty.astype(np.int64)
        ret_day = day[r] + rng.integers(3, 46, len(r))
        keep = ret_day <= LAST_DAY
        r, reason, qty, ret_day = r[keep], reason[keep], qty[keep], ret_day[keep]
        order = np.lexsort((r, ret_day))
        r, reason, qty, ret_day = r[order], reason[order], qty[order], ret_day[order]
        net = ln["net_price"].to_numpy()[r]
        cost_u = ln["unit_cost"].to_numpy()[r]
        refund = np.round(qty * net, 2)
        restock = np.isin(reason, ["wrong_item", "ordered_by_mistake", "no_longer_needed"])
        recovered = np.where(restock, np.round(qty * cost_u, 2), 0.0)
        handling = np.round(30 + 0.03 * refund * rng.uniform(0.8, 1.2, len(r)), 2)
        self.returns = pd.DataFrame(
            {
                "c": c[r],
                "day": ret_day,
                "refund": refund,
                "recovered": recovered,
                "handling": handling,
            }
        )
        self.out["returns"] = pd.DataFrame(
            {
                "return_id": np.array([f"RT{i:05d}" for i in range(1, len(r) + 1)]),
                "order_id": self.ord_ids[ln["o"].to_numpy()[r]],
                "line_no": ln["line_no"].to_numpy()[r],
                "customer_id": self.cust_ids[c[r]],
                "product_id": self.prod_ids[p[r]],
                "quantity": qty,
                "return_date": _dates(ret_day),
                "reason": reason,
                "refund_amount": refund,
                "recovered_value": recovered,
                "handling_cost": handling,
            }
        )
        self.truths["high_defect_factor"] = 6.0

    # ---------------------------------------------------------------- surveys
    def surveys(self) -> None:
        """Twice-yearly relationship surveys and post-ticket surveys (NPS 0-10, CSAT 1-5)."""
        rng = self.rng
        parts = []
        for wave in ("2024-06-10", "2024-12-02", "2025-06-09", "2025-12-01"):
            d0 = (pd.Timestamp(wave) - START).days
            active = np.flatnonzero((self.cust_start <= d0) & (self.cust_end >= d0))
            p = np.where(self.cust_tier[active] == "key", 0.6, 0.3)
            who = active[rng.random(len(active)) < p]
            latent = (
                7.4
                - 0.7 * self.cust_service[who]
                + np.where(self.cust_tier[who] == "key", 0.3, 0.0)
            )
            parts.append(
                pd.DataFrame(
                    {
                        "c": who,
                        "day": d0 + rng.integers(0, 18, len(who)),
                        "type": "relationship",
                        "t": -1,
                        "latent": latent,
                    }
                )
            )
        tk = self.tickets
        done = np.flatnonzero(tk["resolved"].notna().to_numpy())
        pick = done[rng.random(len(done)) < 0.45]
        hours = tk["hours"].to_numpy()[pick]
        c = tk["c"].to_numpy()[pick]
        latent = 8.0 + NPS_PER_LOG_HOURS * np.log(hours / 24) - 0.3 * self.cust_service[c]
        day = tk["resolved"].to_numpy()[pick].astype(int) + rng.integers(0, 4, len(pick))
        parts.append(
            pd.DataFrame({"c": c, "day": day, "type": "post_ticket", "t": pick, "latent": latent})
        )
        sv = pd.concat(parts, ignore_index=True)
        sv = sv[sv["day"] <= LAST_DAY].sort_values(["day", "c"], kind="stable")
        n = len(sv)
        latent = sv["latent"].to_numpy()
        nps = np.clip(np.round(latent + rng.normal(0, 1.3, n)), 0, 10).astype(np.int64)
        csat = np.clip(np.round((latent + rng.normal(0, 0.9, n)) / 2.1), 1, 5).astype(np.int64)
        t = sv["t"].to_numpy()
        self.out["surveys"] = pd.DataFrame(
            {
                "survey_id": np.array([f"SV{i:05d}" for i in range(1, n + 1)]),
                "customer_id": self.cust_ids[sv["c"].to_numpy()],
                "date": _dates(sv["day"].to_numpy()),
                "survey_type": sv["type"].to_numpy(),
                "ticket_id": np.where(t >= 0, tk["id"].to_numpy()[np.maximum(t, 0)], None),
                "nps_score": nps,
                "csat": csat,
            }
        )
        s = self.out["surveys"]
        s["ticket_id"] = s["ticket_id"].where(t >= 0, np.nan)
        self.truths["nps_per_log_resolution_hours"] = NPS_PER_LOG_HOURS

    # ---------------------------------------------------------------- campaigns
    def campaigns(self) -> None:
        """Campaign contacts (customers and prospects), responses and conversions.

        A logistic response model (customers, frequent and recent buyers and larger
        firms respond more) is calibrated so each channel's expected response rate is
        the planted one. New customers won by a campaign appear as converted prospects.
        """
        rng = self.rng
        delivered = ~self.ord_cancelled
        od, oc, ov = self.ord_day[delivered], self.ord_cust[delivered], self.ord_value[delivered]
        order = np.lexsort((od, oc))
        od, oc, ov = od[order], oc[order], ov[order]
        n_prospects = 9000
        p_seg = _choice(rng, SEGMENTS, [SEGMENT_SHARE[s] for s in SEGMENTS], n_prospects)
        p_reg = _choice(rng, REGIONS, [REGION_SHARE[r] for r in REGIONS], n_prospects)
        p_emp = np.maximum(5, np.round(rng.lognormal(np.log(60), 1.0, n_prospects))).astype(int)
        seg_effect = pd.Series(
            {
                "manufacturing": 0.1,
                "automotive": 0.0,
                "construction": -0.1,
                "utilities": -0.2,
                "healthcare": 0.15,
            }
        )
        rows = []
        next_prospect = n_prospects
        for k in range(len(CAMPAIGNS)):
            s0, e0 = self.camp_start[k], self.camp_end[k]
            total = int(self.camp_contacts[k])
            share = CAMPAIGN_ECONOMICS[self.camp_channel[k]][2]
            forced = np.flatnonzero(self.cust_campaign == k)
            n_pros = max(int(round(total * share)), len(forced))
            n_cust = total - n_pros
            active = np.flatnonzero(
                (self.cust_start <= s0) & (self.cust_end >= s0) & (self.cust_acq < s0)
            )
            cust = np.sort(rng.choice(active, min(n_cust, len(active)), replace=False))
            pros = np.sort(rng.choice(n_prospects, n_pros - len(forced), replace=False))
            # history of the contacted customers at campaign start
            lo = np.searchsorted(oc, cust, side="left")
            hi = np.searchsorted(oc, cust, side="right")
            cnt = np.zeros(len(cust), dtype=np.int64)
            revv = np.zeros(len(cust))
            rec = np.full(len(cust), np.nan)
            for j, (a, b) in enumerate(zip(lo, hi)):
                days = od[a:b]
                before = days < s0
                recent = before & (days >= s0 - 365)
                cnt[j] = recent.sum()
                revv[j] = ov[a:b][recent].sum()
                if before.any():
                    rec[j] = s0 - days[before].max()
            forced_ids = np.array(
                [f"X{next_prospect + j + 1:05d}" for j in range(len(forced))], dtype=object
            )
            next_prospect += len(forced)
            frame = pd.DataFrame(
                {
                    "campaign": k,
                    "contact_id": np.concatenate(
                        [
                            self.cust_ids[cust],
                            np.array([f"X{i + 1:05d}" for i in pros], dtype=object),
                            forced_ids,
                        ]
                    ),
                    "cust": np.concatenate([cust, np.full(len(pros), -1), forced]),
                    "is_customer": np.concatenate(
                        [np.ones(len(cust), int), np.zeros(len(pros) + len(forced), int)]
                    ),
                    "forced": np.concatenate(
                        [np.zeros(len(cust) + len(pros), bool), np.ones(len(forced), bool)]
                    ),
                    "segment": np.concatenate(
                        [self.cust_segment[cust], p_seg[pros], self.cust_segment[forced]]
                    ),
                    "region": np.concatenate(
                        [self.cust_region[cust], p_reg[pros], self.cust_region[forced]]
                    ),
                    "employees": np.concatenate(
                        [self.cust_employees[cust], p_emp[pros], self.cust_employees[forced]]
                    ),
                    "orders": np.concatenate([cnt, np.zeros(len(pros) + len(forced), int)]),
                    "revenue": np.concatenate(
                        [np.round(revv, 2), np.zeros(len(pros) + len(forced))]
                    ),
                    "recency": np.concatenate([rec, np.full(len(pros) + len(forced), np.nan)]),
                }
            )
            rows.append(frame)
        cr = pd.concat(rows, ignore_index=True)
        # response propensity: customers, frequent and recent buyers, bigger firms respond more
        rec = cr["recency"].to_numpy()
        lin = (
            0.9 * cr["is_customer"].to_numpy()
            + 0.25 * np.log1p(cr["orders"].to_numpy())
            - 0.004 * np.where(np.isnan(rec), 365, np.minimum(rec, 365))
            + 0.15 * np.log(cr["employees"].to_numpy() / 100)
            + seg_effect[cr["segment"]].to_numpy()
        )
        channel = self.camp_channel[cr["campaign"].to_numpy()]
        forced = cr["forced"].to_numpy()
        p = np.zeros(len(cr))
        for ch in CAMPAIGN_CHANNELS:
            idx = (channel == ch) & ~forced
            target = RESPONSE_RATE[ch] * (channel == ch).sum() - ((channel == ch) & forced).sum()
            a = _calibrate_logit(target / idx.sum(), lin[idx])
            p[idx] = _sigmoid(a + lin[idx])
        responded = (rng.random(len(cr)) < p) | forced
        camp = cr["campaign"].to_numpy()
        s0, e0 = self.camp_start[camp], self.camp_end[camp]
        resp_day = s0 + (rng.random(len(cr)) * (e0 - s0 + 11)).astype(int)
        cust = cr["cust"].to_numpy()
        acq = self.cust_acq[np.maximum(cust, 0)]
        resp_day = np.where(forced, np.maximum(s0, acq - rng.integers(0, 8, len(cr))), resp_day)
        resp_day = np.minimum(resp_day, LAST_DAY)
        # conversion: first delivered order within 30 days of responding
        first_val = np.full(len(cr), np.nan)
        look = np.flatnonzero(responded & (cust >= 0))
        lo = np.searchsorted(oc, cust[look], side="left")
        hi = np.searchsorted(oc, cust[look], side="right")
        for j, a, b in zip(look, lo, hi):
            days = od[a:b]
            hit = np.flatnonzero((days >= resp_day[j]) & (days <= resp_day[j] + 30))
            if len(hit):
                first_val[j] = round(float(ov[a + hit[0]]), 2)
        converted = ~np.isnan(first_val)
        self.out["campaign_responses"] = pd.DataFrame(
            {
                "campaign_id": self.camp_ids[camp],
                "contact_id": cr["contact_id"].to_numpy(),
                "customer_id": np.where(cust >= 0, self.cust_ids[np.maximum(cust, 0)], None),
                "is_customer": cr["is_customer"].to_numpy(),
                "segment": cr["segment"].to_numpy(),
                "region": cr["region"].to_numpy(),
                "employees": cr["employees"].to_numpy().astype(np.int64),
                "orders_last_12m": cr["orders"].to_numpy().astype(np.int64),
                "revenue_last_12m": cr["revenue"].to_numpy(),
                "recency_days": rec,
                "responded": responded.astype(np.int64),
                "response_date": _dates(np.where(responded, resp_day, np.nan)),
                "converted": converted.astype(np.int64),
                "new_customer": (forced & converted).astype(np.int64),
                "first_order_value": first_val,
            }
        )
        r = self.out["campaign_responses"]
        r["customer_id"] = r["customer_id"].where(cust >= 0, np.nan)
        self.out["campaigns"] = pd.DataFrame(
            {
                "campaign_id": self.camp_ids,
                "name": [c[0] for c in CAMPAIGNS],
                "channel": self.camp_channel,
                "start_date": _dates(self.camp_start),
                "end_date": _dates(self.camp_end),
                "spend": self.camp_spend,
                "contacts": np.bincount(camp, minlength=len(CAMPAIGNS)).astype(np.int64),
            }
        )
        self.truths["campaign_response_rates"] = dict(RESPONSE_RATE)

    # ---------------------------------------------------------------- expenses
    def expenses(self) -> None:
        """Monthly operating expenses (CNY) that add up the detailed tables."""
        rng = self.rng
        months = pd.date_range(START, periods=24, freq="MS")
        n_days = (months + pd.offsets.MonthBegin(1) - months).days.to_numpy()
        first_day = (months - START).days.to_numpy()

        def mkey(day: np.ndarray) -> np.ndarray:
            """Month number (0 = January 2024) of each day number."""
            return np.searchsorted(first_day, day, side="right") - 1

        ln = self.lines
        rev = np.bincount(
            mkey(ln["day"].to_numpy()),
            weights=(ln["quantity"] * ln["net_price"]).to_numpy(),
            minlength=24,
        )
        delivered = ~self.ord_cancelled
        freight = np.bincount(
            mkey(self.ord_day[delivered]), weights=self.ord_freight[delivered], minlength=24
        )
        handling = np.bincount(
            mkey(self.ord_day[delivered]), weights=self.ord_handling[delivered], minlength=24
        )
        act = self.act
        visit = act["type"].to_numpy() == "visit"
        travel = np.bincount(
            mkey(act["day"].to_numpy()[visit]), weights=act["cost"].to_numpy()[visit], minlength=24
        )
        comms = np.bincount(
            mkey(act["day"].to_numpy()[~visit]),
            weights=act["cost"].to_numpy()[~visit],
            minlength=24,
        )
        tk = self.tickets
        service = np.bincount(
            mkey(tk["opened"].to_numpy()), weights=tk["cost"].to_numpy(), minlength=24
        )
        rt = self.returns
        returns = np.bincount(
            mkey(rt["day"].to_numpy()), weights=rt["handling"].to_numpy(), minlength=24
        )
        marketing = np.zeros(24)
        for k in range(len(CAMPAIGNS)):
            days = np.arange(self.camp_start[k], self.camp_end[k] + 1)
            marketing += np.bincount(mkey(days), minlength=24) * self.camp_spend[k] / len(days)
        salaries = np.zeros(24)
        for r in range(len(self.rep_ids)):
            employed = np.clip(
                first_day + n_days - np.maximum(first_day, self.rep_hire[r]), 0, n_days
            )
            salaries += self.rep_salary[r] / 365 * employed
        year25 = np.arange(24) >= 12
        fixed = {
            "management_salaries": np.full(24, 380_000.0),
            "office_rent": np.where(year25, 226_000.0, 220_000.0),
            "it_systems": np.where(year25, 62_000.0, 45_000.0),
            "utilities_admin": 48_000 * rng.lognormal(0, 0.06, 24),
            "training": np.where(np.isin(np.arange(24) % 12, [2, 8]), 45_000.0, 6_000.0),
        }
        variable = {
            "sales_salaries": salaries,
            "sales_commissions": 0.012 * rev,
            "travel": travel,
            "communication": comms,
            "marketing": marketing,
            "logistics": freight,
            "warehouse": handling + 120_000,
            "customer_service": service + 90_000,
            "returns_handling": returns,
        }
        rows = []
        for cat in TABLES["expenses"].column("category").allowed:
            kind = "fixed" if cat in fixed or cat == "sales_salaries" else "variable"
            amount = fixed.get(cat, variable.get(cat))
            rows.append(
                pd.DataFrame(
                    {
                        "month": months.strftime("%Y-%m-%d"),
                        "category": cat,
                        "cost_type": kind,
                        "amount": np.round(amount, 2),
                    }
                )
            )
        self.out["expenses"] = (
            pd.concat(rows).sort_values(["month", "category"]).reset_index(drop=True)
        )

    # ---------------------------------------------------------------- inventory
    def inventory(self) -> None:
        """Stock policy per product: 2025 demand (units), order and holding costs."""
        rng = self.rng
        ln = self.lines
        in25 = ln["day"].to_numpy() >= DAY_2025
        demand = np.bincount(
            ln["p"].to_numpy()[in25], weights=ln["quantity"].to_numpy()[in25], minlength=self.n_prod
        ).astype(np.int64)
        lead = self.prod_lead
        imported = lead >= 28
        order_cost = np.round(
            np.where(
                imported, rng.uniform(600, 1100, self.n_prod), rng.uniform(180, 380, self.n_prod)
            ),
            2,
        )
        jit_cost = np.round(order_cost * rng.uniform(0.3, 0.45, self.n_prod), 2)
        rate = np.round(rng.uniform(0.18, 0.30, self.n_prod), 3)
        h = rate * self.prod_cost[1]
        eoq = np.sqrt(2 * np.maximum(demand, 1) * order_cost / h)
        # current policy: buyers order far too much (volume deals) or too little
        q = np.maximum(1, np.round(eoq * rng.lognormal(np.log(1.8), 0.6, self.n_prod)))
        daily = demand / 365
        safety = np.round(daily * lead * rng.uniform(0.3, 0.8, self.n_prod))
        on_hand = np.round(safety + q * rng.random(self.n_prod))
        self.out["inventory"] = pd.DataFrame(
            {
                "product_id": self.prod_ids,
                "annual_demand": demand,
                "order_cost": order_cost,
                "jit_order_cost": jit_cost,
                "holding_cost_rate": rate,
                "order_quantity": q.astype(np.int64),
                "safety_stock": safety.astype(np.int64),
                "on_hand": on_hand.astype(np.int64),
            }
        )
        current = order_cost * demand / q + h * q / 2
        optimal = np.where(demand > 0, np.sqrt(2 * demand * order_cost * h), 0.0)
        self.truths["inventory_annual_cost"] = {
            "current_policy": round(float(current.sum()), 2),
            "eoq_policy": round(float(optimal.sum()), 2),
            "definition": "sum over products of order_cost x annual_demand / Q + "
            "holding_cost_rate x unit_cost x Q / 2 (Q = order_quantity, or "
            "the EOQ sqrt(2 D K / h))",
        }

    # ---------------------------------------------------------------- price experiment
    def price_experiment(self) -> None:
        """A randomised 12-week price and script test with constant-elasticity demand.

        Each quote gets a random price index and script. Conversion is
        0.82 x (1.06 for script B) x price_index ** (0.15 e) and the units bought
        when converted average 30 x price_index ** (0.85 e) boxes, so expected
        quantity is proportional to price_index ** e: a Poisson GLM of quantity on
        log(price_index) recovers the segment elasticity e.
        """
        rng = self.rng
        n = EXPERIMENT_QUOTES
        d0 = (EXPERIMENT_START - START).days
        week = rng.integers(1, 13, n)
        day = d0 + (week - 1) * 7 + rng.integers(0, 5, n)
        seg = rng.integers(0, len(SEGMENTS), n)
        cust = np.empty(n, dtype=np.int64)
        for s, name in enumerate(SEGMENTS):
            pool = np.flatnonzero(
                (self.cust_segment == name) & (self.cust_start <= d0) & (self.cust_end >= d0 + 84)
            )
            idx = np.flatnonzero(seg == s)
            cust[idx] = pool[rng.integers(0, len(pool), len(idx))]
        products = np.flatnonzero(
            np.isin(self.prod_item, EXPERIMENT_ITEMS) & (self.prod_replaces < 0)
        )
        prod = products[rng.integers(0, len(products), n)]
        prod_factor = rng.lognormal(0, 0.12, self.n_prod)
        cust_factor = rng.lognormal(0, 0.12, self.n_cust)
        levels = np.array(EXPERIMENT_PRICE_INDEX)
        index = levels[rng.integers(0, len(levels), n)]
        offer = np.where(rng.random(n) < 0.5, "A", "B")
        eps = np.array([ELASTICITY[s] for s in SEGMENTS])[seg]
        e_conv = EXPERIMENT_CONVERSION_SHARE * eps
        conv_p = (
            EXPERIMENT_CONVERSION_A
            * np.where(offer == "B", EXPERIMENT_B_UPLIFT, 1.0)
            * index**e_conv
        )
        converted = rng.random(n) < conv_p
        m = 30.0 * prod_factor[prod] * cust_factor[cust] * index ** (eps - e_conv)
        qty = np.where(converted, 1 + rng.poisson(np.maximum(m - 1, 0)), 0).astype(np.int64)
        list_price = self.prod_list[1, prod]
        order = np.lexsort((cust, day))
        cols = {
            "quote_id": np.array([f"Q{i:05d}" for i in range(1, n + 1)]),
            "week": week[order].astype(np.int64),
            "quote_date": _dates(day[order]),
            "customer_id": self.cust_ids[cust[order]],
            "segment": np.array(SEGMENTS)[seg[order]],
            "rep_id": self.rep_ids[self.owner(cust[order], day[order])],
            "product_id": self.prod_ids[prod[order]],
            "list_price": list_price[order],
            "price_index": index[order],
            "offered_price": np.round(list_price[order] * index[order], 2),
            "offer": offer[order],
            "quantity": qty[order],
            "converted": converted[order].astype(np.int64),
        }
        self.out["price_experiment"] = pd.DataFrame(cols)
        self.truths["price_elasticity_by_segment"] = dict(ELASTICITY)
        self.truths["price_experiment_levels"] = list(EXPERIMENT_PRICE_INDEX)
        expected = {}
        for o, f in (("A", 1.0), ("B", EXPERIMENT_B_UPLIFT)):
            rates = [
                EXPERIMENT_CONVERSION_A
                * f
                * np.mean(levels ** (EXPERIMENT_CONVERSION_SHARE * ELASTICITY[s]))
                for s in SEGMENTS
            ]
            expected[o] = round(float(np.mean(rates)), 4)
        self.truths["offer_conversion_rates"] = expected

    # ---------------------------------------------------------------- truths
    def observed_truths(self) -> None:
        """What the generated data show for each planted truth (sampling noise)."""
        t = self.out
        obs: dict[str, Any] = {}
        orders = t["orders"][t["orders"]["status"] == "delivered"]
        year = orders["order_date"].str[:4]
        buyers24 = set(orders.loc[year == "2024", "customer_id"])
        buyers25 = set(orders.loc[year == "2025", "customer_id"])
        cust = t["customers"].set_index("customer_id")
        ret = {}
        for tier in TIERS:
            ids = [c for c in sorted(buyers24) if cust.at[c, "tier"] == tier]
            ret[tier] = round(sum(c in buyers25 for c in ids) / len(ids), 4)
        obs["retention_by_tier"] = ret
        st = t["opportunity_stages"]
        closed = st[st["outcome"] != "open"]
        conv = (
            closed.assign(ok=closed["outcome"].isin(["advanced", "won"]))
            .groupby("stage")["ok"]
            .mean()
        )
        obs["stage_conversion_rates"] = {s: round(float(conv[s]), 4) for s in STAGES}
        days = (
            pd.to_datetime(closed["exited_date"]) - pd.to_datetime(closed["entered_date"])
        ).dt.days
        mean_days = days.groupby(closed["stage"]).mean()
        obs["stage_mean_days"] = {s: round(float(mean_days[s]), 2) for s in STAGES}
        cr = t["campaign_responses"].merge(t["campaigns"][["campaign_id", "channel"]])
        rr = cr.groupby("channel")["responded"].mean()
        obs["campaign_response_rates"] = {c: round(float(rr[c]), 4) for c in CAMPAIGN_CHANNELS}
        pe = t["price_experiment"]
        oc = pe.groupby("offer")["converted"].mean()
        obs["offer_conversion_rates"] = {o: round(float(oc[o]), 4) for o in ("A", "B")}
        lines = t["order_lines"].merge(t["orders"][["order_id", "order_date"]])
        month = lines["order_date"].str[5:7].astype(int)
        rev = (lines["quantity"] * lines["net_price"]).groupby(month).sum()
        obs["seasonality_index"] = {
            str(m): round(float(rev[m] / rev.mean()), 4) for m in range(1, 13)
        }
        disc = lines.merge(t["orders"][["order_id", "rep_id"]]).groupby("rep_id")["discount"].mean()
        obs["mean_discount_by_rep"] = {r: round(float(v), 4) for r, v in disc.items()}
        profit = customer_profit(t)
        obs["profit_after_cost_to_serve_of_unprofitable_customers"] = {
            c: round(float(profit.at[c, "profit"]), 2)
            for c in self.truths["unprofitable_customers"]
        }
        obs["customers_with_negative_profit"] = int((profit["profit"] < 0).sum())
        rev_c = profit["net_sales"].sort_values(ascending=False)
        top = int(np.ceil(0.2 * len(rev_c)))
        obs["top20pct_customer_revenue_share"] = round(
            float(rev_c.iloc[:top].sum() / rev_c.sum()), 4
        )
        self.truths["observed"] = obs
        self.truths["seasonality_index"] = {str(m + 1): v for m, v in enumerate(SEASONALITY)}
        self.truths["cost_of_capital"] = COST_OF_CAPITAL
        self.truths["cost_to_serve_definition"] = COST_TO_SERVE_DEFINITION
        self.truths["seed"] = self.seed
        self.truths["period"] = {"start": "2024-01-01", "end": "2025-12-31"}
        self.truths["currency"] = "CNY"
        self.truths["company"] = "Huaxin Industrial Supply (华信工业用品)"
        self.truths["service_speed_churn_effect"] = SERVICE_CHURN_EFFECT
        self.truths["retention_measure"] = (
            "share of customers with a delivered order in 2024 who also have one in 2025"
        )

    def run(self) -> Company:
        """Build every table in a fixed order and check them against the specs."""
        self.reps()
        self.campaign_schedule()
        self.customers()
        self.products()
        self.orders()
        self.targets()
        self.opportunities()
        self.activities()
        self.tickets_and_returns()
        self.surveys()
        self.campaigns()
        self.expenses()
        self.inventory()
        self.price_experiment()
        self.observed_truths()
        company = Company()
        for name in sorted(TABLES):
            df = self.out[name]
            expected = TABLES[name].column_names
            if list(df.columns) != expected:
                raise RuntimeError(f"generator drift in {name}: {list(df.columns)} != {expected}")
            company[name] = df.reset_index(drop=True)
        company.truths = _round_floats(self.truths)
        return company


def _calibrate_weighted(target: float, offsets: np.ndarray, weights: np.ndarray) -> float:
    """Intercept a with sum(weights * sigmoid(a + offsets)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if float(np.sum(weights * _sigmoid(mid + offsets))) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _round_floats(obj: Any, digits: int = 6) -> Any:
    """Plain Python types with floats rounded, for a stable JSON file."""
    if isinstance(obj, dict):
        return {str(k): _round_floats(v, digits) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_round_floats(v, digits) for v in obj]
    if isinstance(obj, (float, np.floating)):
        return round(float(obj), digits)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.str_):
        return str(obj)
    return obj


COST_TO_SERVE_DEFINITION = (
    "profit after cost to serve, per customer, over 2024-2025 = gross profit of "
    "delivered order lines (quantity x (net_price - unit_cost)) - rebate (rebate_rate x "
    "net sales) - financing of payment terms (net sales x cost_of_capital x "
    "payment_terms_days / 365) - freight_cost - handling_cost of delivered orders - "
    "activity cost - ticket cost - returns (refund_amount - recovered_value + "
    "handling_cost)"
)


def customer_profit(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Net sales, gross profit and profit after cost to serve per customer (CNY, 2 years).

    ``t`` maps table names to frames as generated or loaded. The definition is
    :data:`COST_TO_SERVE_DEFINITION`; the result is indexed by ``customer_id``.
    """
    orders = t["orders"][t["orders"]["status"] == "delivered"]
    lines = t["order_lines"].merge(orders[["order_id", "customer_id"]], on="order_id")
    sales = (lines["quantity"] * lines["net_price"]).groupby(lines["customer_id"]).sum()
    gp = (
        (lines["quantity"] * (lines["net_price"] - lines["unit_cost"]))
        .groupby(lines["customer_id"])
        .sum()
    )
    cust = t["customers"].set_index("customer_id")
    out = pd.DataFrame(index=cust.index)
    out["net_sales"] = sales.reindex(out.index, fill_value=0.0)
    out["gross_profit"] = gp.reindex(out.index, fill_value=0.0)
    out["rebate"] = cust["rebate_rate"] * out["net_sales"]
    out["financing"] = out["net_sales"] * COST_OF_CAPITAL * cust["payment_terms_days"] / 365
    out["order_costs"] = (
        (orders["freight_cost"] + orders["handling_cost"])
        .groupby(orders["customer_id"])
        .sum()
        .reindex(out.index, fill_value=0.0)
    )
    out["activities"] = (
        t["activities"].groupby("customer_id")["cost"].sum().reindex(out.index, fill_value=0.0)
    )
    out["tickets"] = (
        t["tickets"].groupby("customer_id")["cost"].sum().reindex(out.index, fill_value=0.0)
    )
    r = t["returns"]
    out["returns"] = (
        (r["refund_amount"] - r["recovered_value"] + r["handling_cost"])
        .groupby(r["customer_id"])
        .sum()
        .reindex(out.index, fill_value=0.0)
    )
    out["profit"] = (
        out["gross_profit"]
        - out["rebate"]
        - out["financing"]
        - out["order_costs"]
        - out["activities"]
        - out["tickets"]
        - out["returns"]
    )
    return out


def generate(seed: int = DEFAULT_SEED) -> Company:
    """Generate the sample company: a dict ``table name -> DataFrame`` with ``.truths``.

    Columns follow :data:`salesprofit.data.TABLES`; dates are ISO strings
    (YYYY-MM-DD), money is CNY rounded to the cent, fractions are fractions.
    The same ``seed`` always gives the same tables.
    """
    return _Generator(int(seed)).run()


# --------------------------------------------------------------------------------------
# Writing: CSV files, ground truth and the data dictionary
# --------------------------------------------------------------------------------------

TRUTH_NOTES = {
    "company": "the fictional company",
    "cost_of_capital": "annual cost of capital used to price payment terms (fraction per year)",
    "cost_to_serve_definition": "how profit after cost to serve is computed",
    "currency": "currency of every money column",
    "duplicate_customers": "[original, duplicate] customer_id pairs: near-identical names of "
    "the same firm with the same phone",
    "high_defect_factor": "how many times more often the high-defect products fail",
    "high_defect_products": "products with a planted high defect rate (tickets, returns)",
    "inventory_annual_cost": "yearly ordering + holding cost of the current policy and of EOQ",
    "list_price_change_2025_by_category": "list price change on 2025-01-01 (fraction)",
    "missing_contact_fields": "number of empty contact_email / contact_phone cells in customers",
    "new_hire_reps": "reps hired during 2024-2025 (ramp-up)",
    "new_product_switch_share": "share of a replaced product's lines that switch to the new "
    "product after launch",
    "new_products": "new product -> the older product it replaces",
    "nps_per_log_resolution_hours": "post-ticket NPS change per unit of log(hours / 24)",
    "observed": "the same quantities measured on the generated data (sampling noise)",
    "offer_conversion_rates": "expected conversion of script A and B over the experiment's "
    "price levels and segments",
    "over_discount_extra": "extra discount (fraction of list) the over-discounting reps give",
    "over_discounting_reps": "reps who give clearly higher discounts without selling more",
    "period": "first and last day of the history",
    "price_elasticity_by_segment": "constant price elasticity of quantity in the price experiment",
    "price_experiment_levels": "the randomised price_index levels",
    "product_associations": "planted cross-selling: orders with an anchor often add the "
    "complement (with this probability)",
    "retention_by_tier": "yearly probability that an active customer keeps buying",
    "retention_measure": "how observed retention is measured",
    "seasonality_index": "planted monthly index of order volume by month number (1 = January), "
    "mean 1",
    "seed": "random seed that generated these files",
    "service_speed_churn_effect": "log-odds of churn per standard deviation of slower service",
    "stage_conversion_rates": "probability of moving on from each stage (contract: of winning)",
    "stage_mean_days": "mean days spent in each stage",
    "target_plan_gross_margin": "gross margin used to set gross-profit targets",
    "ticket_resolution_speedup_2025": "tickets opened in 2025 resolve this fraction faster",
    "unit_cost_change_2025_by_category": "unit cost change on 2025-01-01 (fraction)",
    "unprofitable_customers": "customers planted to lose money once cost to serve is counted",
    "win_probability_from_stage": "probability of winning a deal that is in this stage",
    "campaign_response_rates": "planted share of contacts who respond, by channel",
}


def _to_csv_text(df: pd.DataFrame) -> str:
    """CSV text with a header, no index and ``\\n`` line endings (floats as shortest repr)."""
    return df.to_csv(index=False, lineterminator="\n")


def readme(company: Company, sizes: dict[str, int] | None = None) -> str:
    """The data dictionary ``datasets/README.md`` (Markdown), from the column specs."""
    lines = [
        "# Datasets: Huaxin Industrial Supply (华信工业用品)",
        "",
        "*Generated by `python -m salesprofit.synth --out datasets/ --seed "
        f"{company.truths['seed']}` (or `make data`). Do not edit by hand: edit "
        "`lib/salesprofit/data.py` (columns) or `lib/salesprofit/synth.py` (data) and "
        "regenerate.*",
        "",
        "Huaxin Industrial Supply is a fictional B2B distributor of industrial supplies "
        "(MRO) based in Suzhou, selling fasteners, bearings, power and hand tools, "
        "hydraulics, electrical parts, safety gear, welding supplies, lubricants and cutting "
        "tools to about 1,500 factories, builders, utilities and hospitals across five "
        "Chinese sales regions. Twenty sales reps (four of them hired during the period) "
        "win and serve the accounts by visits, calls, video meetings and e-mail. The data "
        "cover two full years, 2024-01-01 to 2025-12-31, in Chinese yuan (CNY). A few key "
        "accounts bring most of the revenue; Chinese New Year empties January and "
        "February; some customers leave every year; some reps discount far more than "
        "others; and some accounts that look big lose money once visits, tickets, returns "
        "and small orders are paid for.",
        "",
        "The data are invented, but planted with known truths (price elasticities, "
        "retention, conversion and response rates, unprofitable customers, over-discounting "
        "reps, duplicates...). `ground_truth.json` lists them, with the values measured on "
        "the generated data under `observed`, so an analysis can be checked against the "
        "answer.",
        "",
        "## Conventions",
        "",
        "- One CSV file per table, UTF-8, comma separated, `\\n` line endings, a header row.",
        "- Dates are ISO `YYYY-MM-DD`. An empty cell is a missing value.",
        "- Money is in CNY, rounded to the cent. Fractions are fractions: a discount of "
        "`0.15` is 15 %.",
        '- Load a table typed and validated with `salesprofit.data.load("orders")`.',
        "- Revenue (net sales) of an order line is `quantity * net_price`; gross profit is "
        "`quantity * (net_price - unit_cost)`. Cancelled orders have no lines.",
        "",
        "## Tables",
        "",
        "| table | grain | rows | size | chapters |",
        "|---|---|---:|---:|---|",
    ]
    for name in sorted(TABLES):
        spec = TABLES[name]
        size = f"{sizes[name] / 1024:,.0f} KB" if sizes else ""
        lines.append(
            f"| `{name}` | {spec.grain} | {len(company[name]):,} | {size} | {spec.chapters} |"
        )
    lines.append("")
    for name in sorted(TABLES):
        spec = TABLES[name]
        lines += [
            f"### {name}",
            "",
            f"`{name}.csv`: {spec.grain}. {spec.description}",
            "",
            "| column | type | unit | meaning | rule |",
            "|---|---|---|---|---|",
        ]
        for col in spec.columns:
            rule = [col.rule_text()] if col.rule_text() else []
            if col.allowed is not None and col.kind != "flag":
                rule.append("one of " + ", ".join(f"`{a}`" for a in col.allowed))
            if col.unique:
                rule.append("unique")
            if col.nullable:
                rule.append("may be empty")
            lines.append(
                f"| `{col.name}` | {col.type_label} | {col.unit} | {col.meaning} | "
                f"{'; '.join(rule)} |"
            )
        for r in spec.rules:
            lines.append(f"| | | | *rule:* {r.message} | |")
        lines.append("")
    lines += ["## ground_truth.json", "", "| key | meaning |", "|---|---|"]
    for key in sorted(company.truths):
        lines.append(f"| `{key}` | {TRUTH_NOTES.get(key, '')} |")
    lines += [
        "",
        "## cdnow/: real data",
        "",
        "`cdnow/` holds the CDNOW sample of Fader & Hardie (2001): the purchases of 2,357 "
        "customers of the online CD shop CDNOW from their first purchase in the first "
        "quarter of 1997 to the end of June 1998, as shipped by the MIT-licensed "
        '`lifetimes` package. Load it with `salesprofit.data.load_cdnow("summary")` or '
        '`load_cdnow("transactions")`. See `cdnow/README.md` for the attribution.',
        "",
        "## Regenerate",
        "",
        "```bash",
        "make data            # or: .venv/bin/python -m salesprofit.synth --out datasets/",
        "```",
        "",
        "The same seed always produces byte-identical files; the tests check that the "
        "committed files equal a fresh generation.",
        "",
    ]
    return "\n".join(lines)


def write(out_dir: str | Path, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Generate the company and write the CSVs, ``ground_truth.json`` and ``README.md``.

    Returns the size in bytes of each written file, by file name.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    company = generate(seed)
    texts = {f"{name}.csv": _to_csv_text(df) for name, df in company.items()}
    sizes = {name: len(texts[f"{name}.csv"].encode("utf-8")) for name in company}
    texts["ground_truth.json"] = (
        json.dumps(company.truths, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
    texts["README.md"] = readme(company, sizes)
    written = {}
    for fname, text in texts.items():
        data = text.encode("utf-8")
        (out / fname).write_bytes(data)
        written[fname] = len(data)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m salesprofit.synth --out DIR [--seed N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m salesprofit.synth",
        description="Generate the sample company (Huaxin Industrial Supply) as CSV files.",
    )
    parser.add_argument("--out", required=True, help="output folder, e.g. datasets/")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    written = write(args.out, args.seed)
    total = sum(written.values())
    for fname in sorted(written):
        print(f"{fname:28s} {written[fname] / 1024:9.1f} KB")
    print(f"{'total':28s} {total / 1024:9.1f} KB  ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
