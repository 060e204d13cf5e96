"""salesprofit.clv against published worked examples, the CDNOW estimates and its invariants."""

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesprofit import clv, data
from salesprofit.labs import clv as lab

# Published BG/NBD estimates for CDNOW: Fader, Hardie & Lee (2005), "'Counting Your
# Customers' the Easy Way", Marketing Science 24(2), p. 279: r 0.243, alpha 4.414,
# a 0.793, b 2.426, log-likelihood -9582.4.
PUBLISHED = clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)


@pytest.fixture(scope="module")
def summary():
    return data.load_cdnow("summary")


@pytest.fixture(scope="module")
def bgnbd(summary):
    return clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])


@pytest.fixture(scope="module")
def gg(summary):
    return clv.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])


# --- retention economics ---------------------------------------------------


@pytest.mark.parametrize(
    "r,d,expected",
    [
        # Gupta & Lehmann, Managing Customers as Investments (2005), table 2.1 "margin
        # multiple" (margins at the end of each year): r 80 %, d 12 % -> 2.5;
        # r 90 %, d 10 % -> 4.5; r 60 %, d 14 % -> 1.11; r 70 %, d 16 % -> 1.52.
        (0.8, 0.12, 2.5),
        (0.9, 0.10, 4.5),
        (0.6, 0.14, 1.11),
        (0.7, 0.16, 1.52),
    ],
)
def test_margin_multiple_gupta_lehmann_table(r, d, expected):
    assert clv.margin_multiple(r, d) == pytest.approx(expected, abs=0.005)


def test_margin_multiple_start_timing_adds_todays_margin():
    # Start of period: the first margin is paid today (Gupta & Lehmann 2005, ch. 2, the
    # "margin at the beginning" variant): r 0.8, d 0.12 -> 1.12 / 0.32 = 3.5 = 1 + 2.5 (end).
    assert clv.margin_multiple(0.8, 0.12, timing="start") == pytest.approx(3.5)
    # (1 + d)/(1 + d - r) = 1 + r/(1 + d - r): today's margin plus the end-of-period multiple.
    assert clv.margin_multiple(0.8, 0.12, "start") == pytest.approx(1 + 0.8 / 0.32)


def test_clv_berger_nasr_case_1():
    # Berger & Nasr (1998), "Customer lifetime value: marketing models and applications",
    # J. Interactive Marketing 12(1), case 1: yearly margin $100 (revenue 260 minus
    # costs), retention 0.8, discount 20 %, margins at the end of each year and
    # unlimited horizon: 100 x 0.8 / (1.2 - 0.8) = $200.
    assert clv.clv(100.0, 0.8, 0.20) == pytest.approx(200.0)
    assert clv.clv(100.0, 0.8, 0.20, acquisition_cost=60.0) == pytest.approx(140.0)


def test_clv_vectorised_and_series_in_series_out():
    r = pd.Series([0.6, 0.8, 0.9], index=["a", "b", "c"])
    out = clv.clv(100.0, r, 0.10)
    assert isinstance(out, pd.Series) and list(out.index) == ["a", "b", "c"]
    assert out.tolist() == pytest.approx([100 * 0.6 / 0.5, 100 * 0.8 / 0.3, 100 * 0.9 / 0.2])
    assert isinstance(clv.clv(100.0, 0.8, 0.1), float)
    arr = clv.margin_multiple(np.array([0.5, 0.8]), 0.1)
    assert isinstance(arr, np.ndarray) and arr.shape == (2,)


def test_ltv_from_churn_and_simple_clv():
    assert clv.ltv_from_churn(50.0, 0.02) == pytest.approx(2500.0)
    assert clv.simple_clv(1200.0, 5, 1000.0) == pytest.approx(5000.0)
    assert clv.expected_lifetime(0.75) == pytest.approx(4.0)


@pytest.mark.parametrize(
    "call,words",
    [
        (lambda: clv.margin_multiple(1.0, 0.1), "never churns"),
        (lambda: clv.margin_multiple(0.8, -0.1), "discount rate"),
        (lambda: clv.margin_multiple(0.8, 0.1, timing="middle"), "timing"),
        (lambda: clv.ltv_from_churn(10.0, 0.0), "churn"),
        (lambda: clv.clv(float("nan"), 0.8, 0.1), "missing"),
    ],
)
def test_plain_language_errors(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_five_points_of_retention():
    # 80 % -> 85 % at 12 %: multiples 2.5 -> 0.85/0.27 = 3.148: +25.9 % of CLV.
    assert clv.retention_gain(100.0, 0.8, 0.12, 0.05) == pytest.approx(0.85 / 0.27 / 2.5 - 1)
    # the same 5 points are worth more the higher retention already is (Reichheld & Sasser 1990)
    gains = clv.retention_gain(100.0, np.array([0.5, 0.7, 0.9]), 0.10, 0.05)
    assert np.all(np.diff(gains) > 0)


def test_vip_offer_breakeven():
    # margin 1000, r 0.8, d 0.1: CLV 2666.67. An offer costing 100 leaves 900: the
    # multiple must reach 2.963, i.e. r' = 2.963 x 1.1 / 3.963 = 0.8224.
    v = clv.vip_offer_breakeven(1000.0, 0.8, 0.10, 100.0)
    assert v.clv_without == pytest.approx(2666.6667, rel=1e-6)
    assert v.required_retention == pytest.approx(0.822430, abs=1e-6)
    assert clv.clv(900.0, v.required_retention, 0.10) == pytest.approx(v.clv_without)
    vs = clv.vip_offer_breakeven(1000.0, 0.8, 0.10, 100.0, timing="start")
    assert clv.clv(900.0, vs.required_retention, 0.10, timing="start") == pytest.approx(
        vs.clv_without
    )
    with pytest.raises(ValueError, match="offer costs"):
        clv.vip_offer_breakeven(1000.0, 0.95, 0.01, 950.0)


@given(st.floats(0.0, 0.95), st.floats(0.0, 0.5), st.floats(1.0, 1e6))
def test_clv_properties(r, d, m):
    end = clv.clv(m, r, d)
    start = clv.clv(m, r, d, timing="start")
    # start of period = today's margin plus the end-of-period value: (1 + d)/(1 + d - r) = 1 + r/(1 + d - r)
    assert start == pytest.approx(m + end, rel=1e-9)
    assert start == pytest.approx(m * (1 + d) / (1 + d - r), rel=1e-9)
    assert start >= end


@given(st.floats(0.0, 0.9), st.floats(0.0, 0.05), st.floats(0.0, 0.5))
def test_clv_increases_with_retention(r, dr, d):
    assert clv.margin_multiple(r + dr, d) >= clv.margin_multiple(r, d)


# --- customer summary --------------------------------------------------------


def test_customer_summary_reproduces_the_shipped_cdnow_summary(summary):
    # Fader & Hardie's CDNOW calibration summary (as shipped by lifetimes): repeat purchase
    # days, recency and T in weeks to 2 decimals, zbar = mean of the repeat days' values.
    tx = data.load_cdnow("transactions")
    out = clv.customer_summary(
        tx,
        "customer_id",
        "date",
        "amount",
        observation_end="1997-09-30",
        freq="D",
        freq_multiplier=7,
    )
    ref = summary.set_index("customer_id")
    assert out.index.tolist() == ref.index.tolist()
    assert (out["frequency"] == ref["frequency"]).all()
    assert np.abs(out["recency"] - ref["recency"]).max() < 0.005 + 1e-9
    assert np.abs(out["T"] - ref["T"]).max() < 0.005 + 1e-9
    assert np.abs(out["monetary_value"] - ref["monetary_value"]).max() < 0.005 + 1e-9


def test_customer_summary_conventions_by_hand():
    tx = pd.DataFrame(
        {
            "c": ["A", "A", "A", "A", "B", "C"],
            "d": pd.to_datetime(
                [
                    "2025-01-06",
                    "2025-01-06",
                    "2025-01-08",
                    "2025-01-20",  # Mon, Mon, Wed, Mon
                    "2025-01-10",
                    "2025-02-10",
                ]
            ),
            "v": [10.0, 5.0, 7.0, 20.0, 3.0, 99.0],
        }
    )
    day = clv.customer_summary(tx, "c", "d", "v", observation_end="2025-01-31")
    # C bought after the end: left out. A: days 6, 8, 20 -> 2 repeat days.
    assert day.index.tolist() == ["A", "B"]
    assert day.loc["A"].tolist() == [2.0, 14.0, 25.0, (7.0 + 20.0) / 2]
    assert day.loc["B"].tolist() == [0.0, 0.0, 21.0, 0.0]
    week = clv.customer_summary(tx, "c", "d", "v", observation_end="2025-01-31", freq="W")
    # weeks (Mon-Sun): 6th and 8th are one week, 20th two weeks later -> 1 repeat week of 20.0
    assert week.loc["A"].tolist() == [1.0, 2.0, 3.0, 20.0]
    assert "monetary_value" not in clv.customer_summary(tx, "c", "d").columns


def test_week_periods_match_pandas():
    dates = pd.Series(pd.date_range("1999-12-20", periods=60, freq="D"))
    ours = clv._period_ordinal(dates, "W")
    theirs = dates.dt.to_period("W").array.asi8
    assert np.array_equal(np.diff(ours), np.diff(theirs))
    assert np.array_equal(ours - ours[0], theirs - theirs[0])


def test_customer_summary_errors():
    tx = pd.DataFrame({"c": ["A"], "d": pd.to_datetime(["2025-01-06"])})
    with pytest.raises(ValueError, match="no column 'x'"):
        clv.customer_summary(tx, "x", "d")
    with pytest.raises(ValueError, match="freq"):
        clv.customer_summary(tx, "c", "d", freq="Q")
    with pytest.raises(ValueError, match="after the end"):
        clv.customer_summary(tx, "c", "d", observation_end="2024-01-01")


def test_customer_summary_on_many_lines_counts_every_purchase_day():
    # Timing lives in `make bench`; here the result on 200,000 lines: repeat purchase days
    # are the distinct (customer, day) pairs minus each customer's first day.
    rng = np.random.default_rng(7)
    n = 200_000
    tx = pd.DataFrame(
        {
            "customer_id": rng.integers(0, 10_000, n),
            "order_date": pd.Timestamp("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 730, n), unit="D"),
            "value": rng.gamma(2.0, 50.0, n),
        }
    )
    out = clv.customer_summary(tx, "customer_id", "order_date", "value")
    assert len(out) == 10_000
    assert (
        out["frequency"].sum()
        == tx.drop_duplicates(["customer_id", "order_date"]).shape[0] - 10_000
    )


# --- BG/NBD --------------------------------------------------------------------


def test_fit_bgnbd_reproduces_fader_hardie_lee(summary, bgnbd):
    assert bgnbd.r == pytest.approx(0.243, abs=0.0006)
    assert bgnbd.alpha == pytest.approx(4.414, abs=0.0006)
    assert bgnbd.a == pytest.approx(0.793, abs=0.0006)
    assert bgnbd.b == pytest.approx(2.426, abs=0.0006)
    assert bgnbd.log_likelihood == pytest.approx(-9582.4, abs=0.05)
    assert clv.bgnbd_log_likelihood(
        bgnbd, summary["frequency"], summary["recency"], summary["T"]
    ) == pytest.approx(bgnbd.log_likelihood)
    with pytest.raises(dataclasses.FrozenInstanceError):
        bgnbd.r = 1.0  # frozen


def test_expected_purchases_hardie_spreadsheet(bgnbd):
    # Hardie's BG/NBD spreadsheet for CDNOW (as checked in lifetimes' test suite):
    # E[X(t)] at t = 1/7, 1, 3, 31.86, 32, 78 weeks.
    t = np.array([0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00])
    expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576]
    assert clv.bgnbd_expected_purchases(bgnbd, t) == pytest.approx(expected, abs=6e-4)


def test_conditional_expectation_fhl_2005(bgnbd):
    # FHL (2005), p. 279: x = 2, t_x = 30.43, T = 38.86 -> 1.226 purchases in the next 39 weeks.
    assert clv.bgnbd_conditional_expected_purchases(bgnbd, 39, 2, 30.43, 38.86) == pytest.approx(
        1.226, abs=5e-4
    )
    # and the formula at t = 0 is 0; the same customer with a long silence is worth less
    assert clv.bgnbd_conditional_expected_purchases(bgnbd, 0.0, 2, 30.43, 38.86) == pytest.approx(
        0.0
    )
    assert clv.bgnbd_conditional_expected_purchases(bgnbd, 39, 2, 5.0, 38.86) < 1.226


def test_pmf_matches_r_btyd(bgnbd):
    # R package BTYD, bgnbd.pmf on the CDNOW estimates (values used in lifetimes' tests):
    # P(X(39) = 0) = 0.5737864; P(X(30) = n) for n = 11..20.
    assert clv.bgnbd_pmf(PUBLISHED, 39, 0) == pytest.approx(0.5737864, rel=1e-4)
    expected = [
        0.0019995214,
        0.0015170236,
        0.0011633150,
        0.0009003148,
        0.0007023638,
        0.0005517902,
        0.0004361913,
        0.0003467171,
        0.0002769613,
        0.0002222260,
    ]
    assert clv.bgnbd_pmf(bgnbd, 30, np.arange(11, 21)) == pytest.approx(expected, rel=1e-2)


def test_pmf_sums_to_one_and_mean_matches_expectation(bgnbd):
    n = np.arange(0, 400)
    probs = clv.bgnbd_pmf(bgnbd, 39, n)
    assert probs.sum() == pytest.approx(1.0, abs=1e-6)
    assert (n * probs).sum() == pytest.approx(clv.bgnbd_expected_purchases(bgnbd, 39), rel=1e-4)


def test_prob_alive(bgnbd, summary):
    assert (
        clv.bgnbd_prob_alive(bgnbd, 0, 0.0, 38.86) == 1.0
    )  # no repeat purchase: BG/NBD says alive
    p = clv.bgnbd_prob_alive(bgnbd, summary["frequency"], summary["recency"], summary["T"])
    assert isinstance(p, pd.Series) and ((p > 0) & (p <= 1)).all()
    # P(alive) formula by hand for x = 2, t_x = 30.43, T = 38.86 (FHL 2005, eq. 13)
    r, al, a, b = bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b
    by_hand = 1 / (1 + a / (b + 1) * ((al + 38.86) / (al + 30.43)) ** (r + 2))
    assert clv.bgnbd_prob_alive(bgnbd, 2, 30.43, 38.86) == pytest.approx(by_hand)
    # a longer silence since the last purchase means a lower chance the customer is still there
    assert clv.bgnbd_prob_alive(bgnbd, 5, 10.0, 38.86) < clv.bgnbd_prob_alive(bgnbd, 5, 35.0, 38.86)


def test_rfm_input_checks():
    with pytest.raises(ValueError, match="recency cannot be larger than T"):
        clv.bgnbd_prob_alive(PUBLISHED, 2, 40.0, 38.86)
    with pytest.raises(ValueError, match="frequency 0"):
        clv.bgnbd_prob_alive(PUBLISHED, 0, 3.0, 38.86)


# --- Gamma-Gamma and CLV -------------------------------------------------------


def test_fit_gamma_gamma_reproduces_published(gg):
    # Fader, Hardie & Lee (2005) "RFM and CLV" / Fader & Hardie (2013) note, CDNOW:
    # p 6.25, q 3.74, gamma 15.44 (also the lifetimes documentation).
    assert gg.p == pytest.approx(6.25, abs=0.005)
    assert gg.q == pytest.approx(3.74, abs=0.006)
    assert gg.gamma == pytest.approx(15.44, abs=0.01)
    assert gg.n_customers == 946
    assert np.isfinite(gg.log_likelihood)


def test_expected_spend_lifetimes_docs(gg, summary):
    # lifetimes documentation, "Estimating customer lifetime value using the Gamma-Gamma
    # model": conditional expected average profit of CDNOW customers 1..10.
    expected = [
        24.658619,
        18.911489,
        35.170981,
        35.170981,
        35.170981,
        71.462843,
        18.911489,
        35.170981,
        27.282408,
        35.170981,
    ]
    got = clv.gamma_gamma_expected_spend(gg, summary["frequency"], summary["monetary_value"]).head(
        10
    )
    assert got.tolist() == pytest.approx(expected, rel=2e-5)
    assert clv.gamma_gamma_expected_spend(gg, 0, 0.0) == pytest.approx(gg.mean_spend)


def test_clv_bgnbd_gamma_gamma_lifetimes_docs(bgnbd, gg, summary):
    # lifetimes documentation: customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01)
    # on the CDNOW summary (freq "D", i.e. 30 time units a period): customers 1, 2, 6, 9.
    out = clv.clv_bgnbd_gamma_gamma(
        bgnbd,
        gg,
        summary["frequency"],
        summary["recency"],
        summary["T"],
        summary["monetary_value"],
        periods=12,
        period_length=30,
        discount_rate=0.01,
    )
    assert out.iloc[[0, 1, 5, 8]].tolist() == pytest.approx(
        [140.096218, 18.943466, 1003.868285, 167.418224], rel=2e-5
    )


def test_clv_with_no_discount_is_spend_times_purchases(bgnbd, gg):
    one = clv.clv_bgnbd_gamma_gamma(
        bgnbd, gg, 2, 30.43, 38.86, 22.35, periods=4, period_length=13, discount_rate=0.0
    )
    expected = clv.gamma_gamma_expected_spend(
        gg, 2, 22.35
    ) * clv.bgnbd_conditional_expected_purchases(bgnbd, 52, 2, 30.43, 38.86)
    assert one == pytest.approx(expected)


def test_follow_up_priorities(bgnbd, gg, summary):
    pri = clv.follow_up_priorities(bgnbd, summary.set_index("customer_id"), 39, gg)
    assert pri["priority"].tolist() == list(range(1, len(summary) + 1))
    assert pri["expected_value"].is_monotonic_decreasing
    assert pri.loc[1, "expected_purchases"] == pytest.approx(1.226, abs=1e-3)


@settings(max_examples=50)
@given(st.integers(0, 30), st.floats(0.0, 1.0), st.floats(1.0, 80.0))
def test_bgnbd_probabilities_in_range(x, frac, T):
    tx = 0.0 if x == 0 else frac * T
    p = clv.bgnbd_prob_alive(PUBLISHED, x, tx, T)
    assert 0.0 < p <= 1.0
    e = clv.bgnbd_conditional_expected_purchases(PUBLISHED, 10.0, x, tx, T)
    assert e >= 0.0


def test_holdout_adds_up_with_the_calibration_summary(summary):
    # Purchase days before and after the end of week 39 add up to the full-period count.
    tx = data.load_cdnow("transactions")
    full = clv.customer_summary(tx, "customer_id", "date", observation_end="1998-06-30")
    hold = clv.holdout_purchases(tx, "customer_id", "date", "1997-09-30", "1998-06-30")
    cal = summary.set_index("customer_id")["frequency"]
    assert (full["frequency"] == cal + hold["purchases"].reindex(cal.index).fillna(0)).all()
    check = clv.holdout_check(PUBLISHED, summary.set_index("customer_id"), hold["purchases"], 39)
    assert check["customers"].sum() == len(summary)
    assert (check["customers"] * check["actual"]).sum() == pytest.approx(hold["purchases"].sum())
    # customers who bought more often before buy more often after, as the model says
    assert check["actual"].is_monotonic_increasing and check["expected"].is_monotonic_increasing


def test_prob_alive_path_ends_at_the_summary_value(bgnbd, summary):
    tx = data.load_cdnow("transactions")
    dates = tx.loc[tx["customer_id"] == 6, "date"]
    path = clv.prob_alive_path(bgnbd, dates, "1997-09-30", unit_days=7)
    row = summary.set_index("customer_id").loc[6]
    assert path["frequency"].iloc[-1] == row["frequency"]
    assert path["p_alive"].iloc[-1] == pytest.approx(
        clv.bgnbd_prob_alive(bgnbd, row["frequency"], row["recency"], row["T"]), abs=2e-3
    )  # T rounded to 2 dp
    assert ((path["p_alive"] > 0) & (path["p_alive"] <= 1)).all()


def test_vip_breakeven_table_marks_impossible_offers():
    t = clv.vip_breakeven_table(20_000.0, 0.25, [0.01, 0.05, 0.30], 0.0, 0.8, 0.1)
    assert t["feasible"].tolist() == [True, True, False]
    assert t["required_retention"].iloc[0] < t["required_retention"].iloc[1]
    assert t["offer_share_of_margin"].tolist() == pytest.approx([0.04, 0.2, 1.2])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 60), st.floats(1.0, 500.0)),
        min_size=1,
        max_size=40,
    )
)
def test_customer_summary_properties(rows):
    tx = pd.DataFrame(rows, columns=["c", "day", "v"])
    tx["d"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(tx["day"], unit="D")
    out = clv.customer_summary(tx, "c", "d", "v", observation_end="2025-03-31")
    days = tx.groupby("c")["day"]
    assert (out["frequency"] == days.nunique() - 1).all()
    assert (out["recency"] == days.max() - days.min()).all()
    assert (out["recency"] <= out["T"]).all()
    repeat = out["frequency"] > 0
    assert (out.loc[~repeat, "monetary_value"] == 0).all()
    per_day = tx.groupby(["c", "day"])["v"].sum()
    assert (
        out.loc[repeat, "monetary_value"] <= per_day.groupby(level=0).max()[repeat] + 1e-9
    ).all()


# --- fitters that say when they fail (issues 14 and 18) -------------------------------

# lifetimes 0.11.3 on the CDNOW summary (BetaGeoFitter(0).fit / GammaGammaFitter(0).fit,
# run side by side with this library, .standard_errors_): r 0.012557, alpha 0.378221,
# a 0.185719, b 0.705345; Gamma-Gamma p 1.189687, q 0.290166, v (our gamma) 4.159994.
LIFETIMES_SE_BGNBD = (0.012557, 0.378221, 0.185719, 0.705345)
LIFETIMES_SE_GG = (1.189687, 0.290166, 4.159994)


def test_standard_errors_match_lifetimes_on_cdnow(bgnbd, gg):
    assert bgnbd.standard_errors == pytest.approx(LIFETIMES_SE_BGNBD, rel=2e-4)
    assert gg.standard_errors == pytest.approx(LIFETIMES_SE_GG, rel=2e-4)
    assert bgnbd.standard_error["b"] == bgnbd.standard_errors[3]
    assert list(gg.standard_error) == ["p", "q", "gamma"]
    # the fields the course has always had keep their positions
    assert dataclasses.astuple(bgnbd)[:5] == (
        bgnbd.r,
        bgnbd.alpha,
        bgnbd.a,
        bgnbd.b,
        bgnbd.log_likelihood,
    )
    assert dataclasses.astuple(gg)[:4] == (gg.p, gg.q, gg.gamma, gg.log_likelihood)


def test_bgnbd_cdnow_estimates_to_four_digits(bgnbd):
    # The CDNOW fit as reported to four digits (Hardie's spreadsheet, lifetimes' docs):
    # r 0.2426, alpha 4.4135, a 0.7929, b 2.4258.
    assert (bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b) == pytest.approx(
        (0.2426, 4.4135, 0.7929, 2.4258), abs=6e-5
    )


def test_gamma_gamma_published_to_four_digits(gg):
    # Fader & Hardie (2013) / lifetimes docs on CDNOW: p 6.249, q 3.745, gamma 15.448.
    assert (gg.p, gg.q, gg.gamma) == pytest.approx((6.249, 3.745, 15.448), abs=6e-4)


def _finite_differences(objective, theta, step=1e-6):
    return np.array(
        [
            (objective.terms(theta + e)[0] - objective.terms(theta - e)[0]) / (2 * step)
            for e in np.eye(len(theta)) * step
        ]
    )


def test_bgnbd_gradient_equals_finite_differences(summary):
    from salesprofit import _bgnbd

    cols = [summary[c].to_numpy(float) for c in ("frequency", "recency", "T")]
    rows, w = _bgnbd._compress(*cols)
    objective = _bgnbd._Objective(rows[:, 0], rows[:, 1], rows[:, 2], w, 38.86)
    rng = np.random.default_rng(18)
    for theta in rng.normal(0.0, 1.0, (6, 4)):
        ll, grad = objective.terms(theta)
        assert grad == pytest.approx(_finite_differences(objective, theta), rel=1e-5, abs=1e-4)
        # and the likelihood on unique histories with weights is the per-customer sum
        r, alpha, a, b = np.exp(theta) * [1, 38.86, 1, 1]
        assert ll == pytest.approx(
            clv.bgnbd_log_likelihood(clv.BGNBDParams(r, alpha, a, b, 0.0), *cols), rel=1e-10
        )


def test_gamma_gamma_gradient_equals_finite_differences(summary):
    from salesprofit import _gamma_gamma

    keep = summary["frequency"] > 0
    x = summary.loc[keep, "frequency"].to_numpy(float)
    m = summary.loc[keep, "monetary_value"].to_numpy(float)
    rows, w = _gamma_gamma._compress(x, m)
    objective = _gamma_gamma._Objective(rows[:, 0], rows[:, 1], w, 30.0)
    rng = np.random.default_rng(14)
    for theta in rng.normal(0.0, 1.0, (6, 3)):
        ll, grad = objective.terms(theta)
        assert grad == pytest.approx(_finite_differences(objective, theta), rel=1e-5, abs=1e-4)
        p, q, g = np.exp(theta) * [1, 1, 30.0]
        assert ll == pytest.approx(
            clv.gamma_gamma_log_likelihood(clv.GammaGammaParams(p, q, g, 0.0), x, m), rel=1e-10
        )


def test_a_failed_optimiser_is_said_plainly(monkeypatch, summary):
    import scipy.optimize
    from scipy.optimize import OptimizeResult

    def gives_up(fun, x0, **_):
        return OptimizeResult(
            x=x0,
            fun=fun(x0)[0],
            jac=fun(x0)[1],
            success=False,
            message="STOP: TOTAL NO. OF ITERATIONS",
            nit=1000,
        )

    monkeypatch.setattr(scipy.optimize, "minimize", gives_up)
    with pytest.raises(ValueError, match="did not settle on an answer"):
        clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    with pytest.raises(ValueError, match="did not settle on an answer"):
        clv.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])


def _steady_export(customers=600, seed=3):
    """Order lines of customers who never leave: each orders on a steady random rate
    (a Poisson process, one order every 20 days on average) from a first order in 2024."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        first = rng.integers(0, 180)
        n = rng.poisson((730 - first) / 20)
        days = np.r_[first, first + np.sort(rng.integers(0, 730 - first, n))]
        rows += [(f"C{c:04d}", d) for d in days]
    tx = pd.DataFrame(rows, columns=["customer_id", "day"])
    tx["order_date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(tx["day"], unit="D")
    return tx


def test_customers_who_never_leave_get_the_plain_sentence_not_parameters():
    # Issue 18: on such an export the fit used to return r 2,981, alpha 110,290, a 0.00005.
    summary = clv.customer_summary(_steady_export(), "customer_id", "order_date")
    with pytest.raises(clv.DegenerateFitError) as caught:
        clv.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.kind == "no_dropout"
    assert "no customer seems to stop buying" in str(err)
    assert "P(alive)" in str(err) and "P(alive)" in err.not_meaningful
    # the boundary estimates stay available: next to no drop-out per purchase
    assert err.params.a / (err.params.a + err.params.b) < 1e-4


def test_too_few_repeat_buyers_is_said_plainly():
    x = [2, 1, 0, 0, 5, 0, 3, 1, 0, 4]
    tx = [30.4, 1.7, 0, 0, 35.0, 0, 20.1, 5.0, 0, 9.0]
    with pytest.raises(clv.DegenerateFitError, match="Only 6 customers bought more than once"):
        clv.fit_bgnbd(x, tx, [38.9] * 10)


def test_spend_that_does_not_differ_is_said_plainly():
    rng = np.random.default_rng(9)
    x = rng.integers(1, 6, 300)
    m = 50.0 + rng.normal(0.0, 0.5, 300) / np.sqrt(x)  # everyone averages 50 per order
    with pytest.raises(clv.DegenerateFitError, match="spend much the same") as caught:
        clv.fit_gamma_gamma(x, m)
    assert caught.value.kind == "same_spend"


def test_fit_recovers_simulated_parameters_within_three_standard_errors():
    from salesprofit import _bgnbd

    true = clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    sim = _bgnbd.simulate_bgnbd(true, 20_000, T=52.0, seed=2357)
    fit = clv.fit_bgnbd(sim["frequency"], sim["recency"], sim["T"])
    for name, se in fit.standard_error.items():
        assert abs(getattr(fit, name) - getattr(true, name)) < 3 * se, name


def _series_weighted_hyp2f1(A, B, Cc, z, terms=400_000):
    """(1 - z)^A 2F1(A, B; C; z) by its power series, summed in logs (independent of scipy's
    hyp2f1): sum_k (A)_k (B)_k / ((C)_k k!) z^k."""
    from scipy.special import gammaln, logsumexp

    k = np.arange(terms, dtype=float)
    logs = (
        gammaln(A + k)
        - gammaln(A)
        + gammaln(B + k)
        - gammaln(B)
        - gammaln(Cc + k)
        + gammaln(Cc)
        - gammaln(k + 1)
        + k * np.log(z)
    )
    return float(np.exp(A * np.log1p(-z) + logsumexp(logs)))


def test_hypergeometric_term_where_the_plain_formula_overflows(bgnbd):
    from scipy.special import hyp2f1

    from salesprofit import _bgnbd

    # a customer who bought on 2,000 days, forecast over a long horizon: z = 0.5
    x, tx, T, t = 2000.0, 700.0, 730.0, 734.41
    r, al, a, b = bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b
    A, B, Cc, z = r + x, b + x, a + b + x - 1, t / (al + T + t)
    with np.errstate(over="ignore", invalid="ignore"):
        plain = ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(A, B, Cc, z)
    assert not np.isfinite(plain)  # inf x 0: the formula as written cannot be evaluated
    stable = _bgnbd._weighted_hyp2f1(A, B, Cc, z)
    assert stable == pytest.approx(_series_weighted_hyp2f1(A, B, Cc, z), rel=1e-9)
    expected = clv.bgnbd_conditional_expected_purchases(bgnbd, t, x, tx, T)
    head = (a + b + x - 1) / (a - 1)
    odds = a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x)
    assert expected == pytest.approx(head * (1 - stable) / (1 + odds), rel=1e-12)
    assert 0 < expected < np.inf
    # where the plain formula is fine, both forms agree
    small = _bgnbd._weighted_hyp2f1(r + 2, b + 2, a + b + 1, 0.4)
    assert small == pytest.approx(_series_weighted_hyp2f1(r + 2, b + 2, a + b + 1, 0.4), rel=1e-9)


# --- chapter 1 lab functions: the one CLV behind labs 1.1, 1.2, 7.2 and 8.1 ---------------


def test_tier_values_and_the_quiz_of_lab_7_2_agree():
    t = pd.DataFrame({"margin": [1.0], "retention": [0.80]}, index=["x"])
    v = lab.tier_values(t, 0.10, 0.05)
    # hand: 0.8 / 0.3 = 2.667 and 0.85 / 0.25 = 3.4, a gain of 3.4 / 2.667 - 1 = 27.5 %, shown as 28 %
    assert v.loc["x", "multiple"] == pytest.approx(0.8 / 0.3, rel=1e-12)
    assert v.loc["x", "gain"] == pytest.approx(3.4 / (0.8 / 0.3) - 1, rel=1e-12)
    assert f"{v.loc['x', 'gain'] * 100:.0f}" == "28"


def test_clv_scenario_matches_the_separate_functions():
    s = clv.clv_scenario(10_000.0, 0.90, 0.10, 500.0, "start", 0.05)
    assert s.clv == pytest.approx(clv.clv(10_000.0, 0.90, 0.10, 500.0, "start"), rel=1e-12)
    assert s.clv - s.clv_other_timing == pytest.approx(10_000.0, rel=1e-9)  # one year's margin
    assert s.retention_up == pytest.approx(0.95) and s.points == pytest.approx(0.05)
    assert len(s.curve) == 98 and s.curve["retention"].iloc[-1] == pytest.approx(0.97)


def test_vip_tier_table_share_of_leavers():
    t = pd.DataFrame(
        {"revenue": [20_000.0], "margin_rate": [0.25], "retention": [0.8]}, index=["key"]
    )
    row = lab.vip_tier_table(t, [0.03], 0.10, ["key"], 400.0).iloc[0]
    # docstring example of vip_offer_from_revenue: 84.62 % needed from 80 %
    assert row["churn_today"] == pytest.approx(0.2)
    assert row["share_of_leavers_kept"] == pytest.approx(
        (row["required_retention"] - 0.8) / 0.2, rel=1e-12
    )


def test_bgnbd_rates_and_holdout_totals():
    rates = lab.bgnbd_rates(clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4))
    assert rates["purchases_a_year"] == pytest.approx(0.243 / 4.414 * 52, rel=1e-12)
    assert rates["dropout_chance"] == pytest.approx(0.793 / 3.219, rel=1e-12)
    with pytest.raises(ValueError, match="Nobody bought"):
        lab.holdout_totals(pd.DataFrame({"customers": [1], "expected": [1.0], "actual": [0.0]}))


def test_priority_list_refuses_bad_ranking():
    bg = clv.BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    s = pd.DataFrame({"frequency": [2, 0], "recency": [30.43, 0.0], "T": [38.86, 38.86]})
    with pytest.raises(ValueError, match="Rank by"):
        lab.priority_list(bg, s, 39, rank_by="loudest")
