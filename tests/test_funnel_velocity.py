"""funnel.sales_velocity against published worked examples and its invariants.

Sales velocity (Salesforce's and HubSpot's "sales pipeline velocity"):
opportunities x win rate x average deal size / sales cycle in days = money per day.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesprofit.funnel import sales_velocity


@pytest.mark.parametrize(
    "opps, win, deal, cycle, per_day",
    [
        # Maven LB, "The sales velocity formula (and how to use it to find your real
        # bottleneck)", worked example: 40 opportunities, £25,000, 25 %, 90 days -> £2,777/day.
        (40, 0.25, 25_000, 90, 2777.78),
        # Wins Above glossary, "Sales velocity", worked example: 18 opportunities, $42K,
        # 24 %, 78 days -> $2,326 per day; a 65-day cycle -> about $2,790 per day.
        (18, 0.24, 42_000, 78, 2326.15),
        (18, 0.24, 42_000, 65, 2791.38),
        # Askedwell, "What is sales velocity?": 50 opps x 25 % x $12,000 / 90 days ~ $1,667/day.
        (50, 0.25, 12_000, 90, 1666.67),
    ],
)
def test_published_examples(opps, win, deal, cycle, per_day):
    assert sales_velocity(opps, win, deal, cycle) == pytest.approx(per_day, abs=0.01)


def test_quarter_from_the_worked_example():
    # Wins Above: over a 90-day quarter the 18-opportunity pipeline closes about $209,340.
    assert sales_velocity(18, 0.24, 42_000, 78) * 90 == pytest.approx(209_353.85, abs=0.01)


def test_scalar_in_float_out_and_vectorised():
    v = sales_velocity(50, 0.25, 20_000, 100)
    assert type(v) is float and v == 2500.0
    arr = sales_velocity(np.array([50, 100]), 0.25, 20_000, np.array([100, 50]))
    assert isinstance(arr, np.ndarray) and arr.tolist() == [2500.0, 10_000.0]
    s = pd.Series([50.0, 60.0], index=["R01", "R02"])
    out = sales_velocity(s, pd.Series([0.2, 0.1], index=s.index), 10_000, 50)
    assert isinstance(out, pd.Series) and list(out.index) == ["R01", "R02"]
    assert out.tolist() == pytest.approx([2000.0, 1200.0])


@pytest.mark.parametrize(
    "args, words",
    [
        ((50, 1.2, 20_000, 100), "win rate"),
        ((50, 0.25, 20_000, 0), "sales cycle"),
        ((-1, 0.25, 20_000, 100), "opportunities"),
        ((50, 0.25, float("nan"), 100), "missing"),
    ],
)
def test_refuses_inputs_outside_the_model(args, words):
    with pytest.raises(ValueError, match=words):
        sales_velocity(*args)


@given(
    st.floats(1, 1e4),
    st.floats(0.01, 0.9),
    st.floats(1, 1e6),
    st.floats(1, 1e3),
    st.floats(0.01, 0.5),
)
def test_each_lever_scales_velocity_in_proportion(o, w, d, c, k):
    base = sales_velocity(o, w, d, c)
    assert sales_velocity(o * (1 + k), w, d, c) == pytest.approx(base * (1 + k), rel=1e-9)
    assert sales_velocity(o, w, d * (1 + k), c) == pytest.approx(base * (1 + k), rel=1e-9)
    if w * (1 + k) <= 1:
        assert sales_velocity(o, w * (1 + k), d, c) == pytest.approx(base * (1 + k), rel=1e-9)
    # the cycle divides: a k shorter cycle is worth more than k
    assert sales_velocity(o, w, d, c * (1 - k)) == pytest.approx(base / (1 - k), rel=1e-9)
    assert sales_velocity(o, w, d, c * (1 - k)) > base * (1 + k)
