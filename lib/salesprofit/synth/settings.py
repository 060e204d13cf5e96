"""The generator's settings: the period, the seed and the truths planted in Huaxin's history."""

from __future__ import annotations

import pandas as pd

__all__ = [
    "COST_CHANGE_2025",
    "COST_OF_CAPITAL",
    "DAY_2025",
    "DEFAULT_SEED",
    "ELASTICITY",
    "EXPERIMENT_B_UPLIFT",
    "EXPERIMENT_CONVERSION_A",
    "EXPERIMENT_CONVERSION_SHARE",
    "EXPERIMENT_PRICE_INDEX",
    "EXPERIMENT_QUOTES",
    "EXPERIMENT_START",
    "LAST_DAY",
    "NPS_PER_LOG_HOURS",
    "N_DAYS",
    "N_DUPLICATES",
    "N_EXISTING",
    "N_NEW",
    "N_OVER_DISCOUNT",
    "N_UNPROFITABLE",
    "OVER_DISCOUNT_SHIFT",
    "PRICE_CHANGE_2025",
    "RAMP_DAYS",
    "RAMP_START",
    "RESPONSE_RATE",
    "RETENTION",
    "SEASONALITY",
    "SERVICE_CHURN_EFFECT",
    "SERVICE_HOURS_EFFECT",
    "SERVICE_SPEEDUP_2025",
    "STAGE_CONVERSION",
    "STAGE_DAYS",
    "START",
    "VOLUME_GROWTH_2025",
]

DEFAULT_SEED = 2024

START = pd.Timestamp("2024-01-01")
N_DAYS = 731  # 2024-01-01 .. 2025-12-31 (2024 is a leap year)
DAY_2025 = 366  # day number of 2025-01-01
LAST_DAY = N_DAYS - 1


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
