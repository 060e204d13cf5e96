"""The BG/NBD model (Fader, Hardie & Lee 2005): likelihood, exact gradient, fit, forecasts.

Private: the public names live in :mod:`salesprofit.clv`, which re-exports them.

The log-likelihood of a customer with ``x`` repeat purchases, the last at ``t_x``,
observed for ``T`` (FHL 2005, eq. 6), written as

``l = ln G(r+x) - ln G(r) + r ln alpha + C(x) + ln(e^L1 + [x>0] e^L2)``

with ``C(x) = ln B(a, b+x) - ln B(a, b)``, ``L1 = -(r+x) ln(alpha+T)`` and
``L2 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x)``. Everything that depends on ``x``
alone is evaluated once per distinct ``x``; only the two logarithms of ``alpha + T``
and ``alpha + t_x`` are per history. Its gradient, with ``w2 = e^L2 / (e^L1 + e^L2)``
(the weight of "dropped out after the last purchase") and ``w1 = 1 - w2``:

* ``dl/dr = psi(r+x) - psi(r) + ln alpha - w1 ln(alpha+T) - w2 ln(alpha+t_x)``
* ``dl/dalpha = r/alpha - (r+x) (w1/(alpha+T) + w2/(alpha+t_x))``
* ``dl/da = psi(a+b) - psi(a+b+x) + w2/a``
* ``dl/db = psi(b+x) - psi(b) + psi(a+b) - psi(a+b+x) - w2/(b+x-1)``

(``psi`` the digamma function). The fit maximises over the logarithms of the four
parameters with scipy's L-BFGS-B and this exact gradient; the standard errors come
from the Hessian of the log-likelihood at the optimum (central differences of the
exact gradient), by the delta method for the parameters themselves, as in
``lifetimes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import _checks as C

#: Bounds of the log-parameters during the fit (alpha relative to the longest T).
LOG_BOUNDS = (-12.0, 8.0)
_EDGE = 1e-3  # a log-parameter this close to a bound has run to the boundary
_NAMES = ("r", "alpha", "a", "b")


class _Fitted:
    """What fitted parameter sets share: their standard errors by name."""

    _names: tuple[str, ...] = ()
    standard_errors: tuple[float, ...]

    @property
    def standard_error(self) -> dict[str, float]:
        """The standard errors by parameter name (empty before a fit)."""
        return dict(zip(self._names, self.standard_errors))


@dataclass(frozen=True)
class BGNBDParams(_Fitted):
    """Fitted BG/NBD parameters (Fader, Hardie & Lee 2005).

    ``r``, ``alpha``: gamma heterogeneity of the purchase rate (mean rate
    ``r / alpha`` purchases per time unit); ``a``, ``b``: beta heterogeneity of
    the drop-out probability after each purchase (mean ``a / (a + b)``).
    ``standard_errors``: of ``(r, alpha, a, b)``, from the Hessian of the
    log-likelihood at the optimum (empty when the parameters were not fitted).
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    n_customers: int = 0
    iterations: int = 0
    standard_errors: tuple[float, ...] = ()
    _names = _NAMES


class DegenerateFitError(ValueError):
    """A fit that ran to a boundary of the model: the estimates exist but mean something
    plainer than the model's story, and some analyses built on them would mislead.

    ``kind`` names the case (``"no_dropout"``, ``"same_rate"``, ``"same_dropout"``,
    ``"same_spend"``, ``"few_repeat_buyers"``, ``"edge"``), ``str(exc)`` is the sentence
    for a manager, ``not_meaningful`` the analyses to leave out, ``params`` the
    boundary estimates for whoever wants them.
    """

    def __init__(self, kind: str, message: str, not_meaningful: tuple[str, ...], params: Any):
        super().__init__(message)
        self.kind = kind
        self.not_meaningful = not_meaningful
        self.params = params


def _shape_out(value: np.ndarray, *args: Any) -> Any:
    for a in args:
        if isinstance(a, pd.Series):
            return pd.Series(np.broadcast_to(value, a.shape).astype(float), index=a.index)
    value = np.asarray(value, dtype=float)
    return float(value) if value.ndim == 0 else value


def unique_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct rows of the columns (sorted), how often each occurs, and for every input
    row the index of its distinct row. A lexsort: much faster than ``np.unique(axis=0)``."""
    stacked = np.column_stack(columns)
    if len(stacked) == 0:
        return stacked, np.zeros(0), np.zeros(0, dtype=np.int64)
    order = np.lexsort(stacked.T[::-1])  # sorted by the first column, then the next, ...
    ordered = stacked[order]
    new = np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)]
    starts = np.flatnonzero(new)
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[starts], np.diff(np.r_[starts, len(ordered)]).astype(float), inverse


def _compress(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique rows and their counts: customers with the same history share a likelihood term."""
    rows, counts, _ = unique_rows(*columns)
    return rows, counts


def _rfm(frequency: Any, recency: Any, T: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x, tx, T_ = (C.values(v) for v in (frequency, recency, T))
    C.check("frequency", x, ge=0, why="it counts repeat purchases")
    C.check("recency", tx, ge=0)
    C.check("T", T_, gt=0, why="it is the time since the first purchase")
    if np.any(np.abs(x - np.round(x)) > 1e-9):
        raise ValueError("frequency must be a whole number of repeat purchases.")
    if np.any(tx > T_ + 1e-9):
        raise ValueError(
            "recency cannot be larger than T: the last purchase cannot come after the "
            "end of the observation period."
        )
    if np.any((x == 0) & (tx > 0)):
        raise ValueError("a customer with no repeat purchase (frequency 0) must have recency 0.")
    return x, tx, T_


def _bgnbd_ll(
    r: float, alpha: float, a: float, b: float, x: np.ndarray, tx: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """Log-likelihood of each customer (FHL 2005, eq. 6)."""
    from scipy.special import betaln, gammaln

    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T)
    rep = x > 0
    a3 = np.full_like(x, -np.inf)
    xr = x[rep]
    a3[rep] = betaln(a + 1, b + xr - 1) - betaln(a, b) - (r + xr) * np.log(alpha + tx[rep])
    return a1 + np.logaddexp(a2, a3)


def _dot(u: np.ndarray, v: np.ndarray) -> float:
    """Sum of products without BLAS (whose threads make a 20,000-term dot product take
    tens of milliseconds on a busy two-core machine)."""
    return float(np.multiply(u, v).sum())


class _MeanNegativeLL:
    """What the optimiser minimises: ``-terms(theta) / total`` (``inf`` where not finite)."""

    total: float

    def terms(self, theta: np.ndarray) -> tuple[float, np.ndarray]:  # pragma: no cover
        raise NotImplementedError

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Mean negative log-likelihood and its gradient in the log-parameters."""
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            ll, grad = self.terms(theta)
        if not np.isfinite(ll) or not np.all(np.isfinite(grad)):
            return float("inf"), np.zeros_like(theta)
        return -ll / self.total, -grad / self.total


class _Objective(_MeanNegativeLL):
    """Mean negative log-likelihood of weighted histories and its exact gradient in the
    log-parameters (see the module docstring). Histories without a repeat purchase
    have no drop-out term and are kept apart; the weights of the two terms are kept
    away from subnormal numbers (a dot product over those is a hundred times slower).
    """

    def __init__(self, x: np.ndarray, tx: np.ndarray, T: np.ndarray, w: np.ndarray, scale: float):
        self.xv, xi = np.unique(x, return_inverse=True)
        self.scale, self.total = scale, float(w.sum())
        self.wx = np.bincount(xi, weights=w, minlength=len(self.xv))
        rep = x > 0
        self.w0, self.T0 = w[~rep], T[~rep]
        self.x, self.tx, self.T, self.w, self.xi = x[rep], tx[rep], T[rep], w[rep], xi[rep]
        self.rep_v = self.xv > 0

    def terms(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Log-likelihood (summed with the weights) and its gradient in ``theta``."""
        from scipy.special import digamma, expit, gammaln

        r, al, a, b = np.exp(theta)
        al = al * self.scale
        xv, wx, total = self.xv, self.wx, self.total
        # terms of x alone, once per distinct x
        bx1 = np.where(self.rep_v, b + xv - 1, 1.0)
        head = gammaln(r + xv) - gammaln(r) + gammaln(b + xv) - gammaln(b)
        head += gammaln(a + b) - gammaln(a + b + xv)
        dab = digamma(a + b) - digamma(a + b + xv)
        # histories without a repeat purchase: only (alpha / (alpha + T))^r
        l_t0 = np.log(al + self.T0)
        ll = _dot(wx, head) + total * r * np.log(al) - r * _dot(self.w0, l_t0)
        d_r = _dot(wx, digamma(r + xv) - digamma(r)) + total * np.log(al)
        d_r -= _dot(self.w0, l_t0)
        d_al = total * r / al - r * _dot(self.w0, 1 / (al + self.T0))
        # repeat buyers: the weight w2 of "dropped out after the last purchase"
        x, w = self.x, self.w
        l_t = np.log(al + self.T)
        l_tx = np.log(al + self.tx)
        rx = r + x
        l1 = -rx * l_t
        gap = np.clip(np.log(a / bx1[self.xi]) - rx * l_tx - l1, -500.0, 500.0)
        w2 = expit(gap)
        ll += _dot(w, l1 + np.logaddexp(0.0, gap))
        ww2 = w * w2
        ww1 = w - ww2
        d_r -= _dot(ww1, l_t) + _dot(ww2, l_tx)
        d_al -= _dot(ww1 * rx, 1 / (al + self.T)) + _dot(ww2 * rx, 1 / (al + self.tx))
        per_x_w2 = np.bincount(self.xi, weights=ww2, minlength=len(xv))
        d_a = _dot(wx, dab) + per_x_w2.sum() / a
        d_b = _dot(wx, digamma(b + xv) - digamma(b) + dab) - _dot(per_x_w2, 1 / bx1)
        return ll, np.array([r * d_r, al * d_al, a * d_a, b * d_b])


def _hessian(objective: Any, theta: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """Hessian of the mean negative log-likelihood: central differences of the exact gradient."""
    k = len(theta)
    h = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = step
        h[i] = (objective(theta + e)[1] - objective(theta - e)[1]) / (2 * step)
    return (h + h.T) / 2


def _standard_errors(objective: Any, theta: np.ndarray, params: np.ndarray) -> tuple[float, ...]:
    """Delta-method standard errors of ``params = exp(theta)`` (times a scale) at the optimum."""
    h = _hessian(objective, theta)
    try:
        cov = np.linalg.inv(h) / objective.total
    except np.linalg.LinAlgError:
        return tuple(float("nan") for _ in params)
    var = np.diag(cov)
    return tuple(float(p * np.sqrt(v)) if v > 0 else float("nan") for p, v in zip(params, var))


def _minimise(objective: Any, k: int, bounds: tuple[float, float], what: str, hint: str) -> Any:
    """Minimise over the log-parameters: BFGS first (numpy only: on a busy two-core machine
    scipy's L-BFGS-B spends most of its time waiting for BLAS threads, 5 to 10 times the
    likelihood's own cost on 2,357 customers), then, when BFGS fails or leaves the box
    (a fit running to a boundary), L-BFGS-B within the bounds from where BFGS stopped."""
    from scipy.optimize import minimize

    lo, hi = bounds
    with np.errstate(over="ignore", invalid="ignore"):
        res = minimize(objective, np.zeros(k), jac=True, method="BFGS", options={"gtol": 1e-8})
    if res.success and np.all((res.x > lo + _EDGE) & (res.x < hi - _EDGE)):
        return res
    start = np.clip(res.x, lo, hi) if np.all(np.isfinite(res.x)) else np.zeros(k)
    res = minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[bounds] * k,
        options={"ftol": 1e-14, "gtol": 1e-9, "maxiter": 1000},
    )
    low, high = _at_edge(res.x, bounds)
    fine = res.success or low.any() or high.any()  # at a boundary: the caller says what it means
    fine = fine or (
        "ABNORMAL" in str(res.message)
        and np.isfinite(res.fun)
        and np.max(np.abs(_projected(res.jac, res.x, bounds))) < 1e-5
    )
    if not fine:
        raise ValueError(
            f"The {what} fit did not settle on an answer (the optimiser stopped: "
            f"{res.message}). {hint}"
        )
    return res


def _projected(grad: np.ndarray, theta: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """The gradient without the components that push against an active bound."""
    lo, hi = bounds
    g = np.array(grad, dtype=float)
    g[(theta <= lo + 1e-9) & (g > 0)] = 0.0
    g[(theta >= hi - 1e-9) & (g < 0)] = 0.0
    return g


def _at_edge(theta: np.ndarray, bounds: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = bounds
    return theta <= lo + _EDGE, theta >= hi - _EDGE


_NOT_MEANINGFUL = (
    "P(alive)",
    "the list of customers who have probably left",
    "customer lifetime value forecasts",
)
#: Below this mean drop-out probability per purchase nobody is seen to leave.
NO_DROPOUT = 1e-4
#: Above this ``r`` purchase rates vary by less than 5 % between customers (cv 1/sqrt(r)).
SAME_RATE = 400.0
#: Above this ``a + b`` drop-out probabilities vary by less than 3 % between customers.
SAME_DROPOUT = 1000.0


def _boundary_kind(theta: np.ndarray, params: BGNBDParams, repeat_buyers: int) -> str | None:
    """Which boundary the fit ran to, or None for an interior fit."""
    low, high = _at_edge(theta, LOG_BOUNDS)
    no_dropout = params.a / (params.a + params.b) < NO_DROPOUT or bool(low[2])
    same_rate = params.r > SAME_RATE or bool(high[0])
    same_dropout = params.a + params.b > SAME_DROPOUT or bool(high[2] and high[3])
    if not (low.any() or high.any() or no_dropout or same_rate or same_dropout):
        return None
    if repeat_buyers < 20:
        return "few_repeat_buyers"
    if no_dropout:
        return "no_dropout"
    if same_rate:
        return "same_rate"
    if same_dropout:
        return "same_dropout"
    return "edge"


_STORIES = {
    "few_repeat_buyers": "Only {n} customers bought more than once: too few to tell how often "
    "customers buy and when they stop.",
    "no_dropout": "In these data no customer seems to stop buying: they keep ordering at a "
    "steady rate, so the model cannot tell who has left (it falls back to a plain steady "
    "purchase rate with no drop-out).",
    "same_rate": "In these data all customers seem to buy at much the same rate, so the "
    "model cannot tell frequent buyers from occasional ones.",
    "same_dropout": "In these data every customer seems equally likely to stop after a "
    "purchase, so the model cannot tell loyal customers from fickle ones.",
    "edge": "The model's estimates run to the edge of what it can describe on these data.",
}


def _degenerate(theta: np.ndarray, params: BGNBDParams, repeat_buyers: int) -> None:
    """Raise :class:`DegenerateFitError` when the BG/NBD fit ran to a boundary."""
    kind = _boundary_kind(theta, params, repeat_buyers)
    if kind is None:
        return
    raise DegenerateFitError(
        kind,
        _STORIES[kind].format(n=repeat_buyers)
        + " P(alive), the list of customers who have probably left and the CLV forecasts "
        "built on this model would mislead, so they are not shown: compare customers by "
        "their recent orders instead.",
        _NOT_MEANINGFUL,
        params,
    )


def fit_bgnbd(frequency: Any, recency: Any, T: Any) -> BGNBDParams:
    """Maximum-likelihood BG/NBD fit (Fader, Hardie & Lee 2005).

    ``frequency`` = repeat purchases, ``recency`` = time of the last purchase
    since the first, ``T`` = time since the first purchase, all in one time unit.
    The likelihood is maximised over the logs of ``r, alpha, a, b`` (so they stay
    positive) with scipy's L-BFGS-B and the exact gradient; customers with the same
    history are counted once with a weight. On the CDNOW sample (weeks) the published
    estimates are r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4.

    Raises ``ValueError`` when the optimiser does not converge, and
    :class:`DegenerateFitError` (a ``ValueError``) with a plain sentence when the fit runs
    to a boundary of the model (nobody drops out, everyone buys at one rate, too few
    repeat buyers): then P(alive) and the forecasts would mislead.

    >>> p = fit_bgnbd([2, 1, 0, 0, 5, 0, 3, 1, 0, 4], [30.4, 1.7, 0, 0, 35.0, 0, 20.1, 5.0, 0, 9.0],
    ...               [38.9, 38.9, 38.9, 38.9, 38.9, 38.9, 38.9, 38.9, 38.9, 38.9])
    Traceback (most recent call last):
    ...
    salesprofit._bgnbd.DegenerateFitError: Only 6 customers bought more than once: ...
    """
    x, tx, T_ = _rfm(frequency, recency, T)
    if len(x) < 2 or not (x > 0).any():
        raise ValueError(
            "The BG/NBD model needs several customers, some of them with repeat purchases."
        )
    rows, w = _compress(x, tx, T_)
    scale = float(rows[:, 2].max())
    objective = _Objective(rows[:, 0], rows[:, 1], rows[:, 2], w, scale)
    res = _minimise(
        objective,
        4,
        LOG_BOUNDS,
        "BG/NBD",
        "Check that frequency, recency and T use one time unit and one line per customer; "
        "with very few or very unusual customers the model cannot be estimated.",
    )
    values = np.exp(res.x) * np.array([1.0, scale, 1.0, 1.0])
    ll = float(objective.terms(res.x)[0])
    ses = _standard_errors(objective, res.x, values)
    params = BGNBDParams(*(float(v) for v in values), ll, len(x), int(res.nit), ses)
    _degenerate(res.x, params, int((x > 0).sum()))
    return params


def bgnbd_log_likelihood(params: BGNBDParams, frequency: Any, recency: Any, T: Any) -> float:
    """Total BG/NBD log-likelihood of a customer summary under ``params``.

    >>> p = BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0)
    >>> round(bgnbd_log_likelihood(p, [2, 0], [30.43, 0.0], [38.86, 38.86]), 4)
    -10.0133
    """
    x, tx, T_ = _rfm(frequency, recency, T)
    return float(_bgnbd_ll(params.r, params.alpha, params.a, params.b, x, tx, T_).sum())


def _weighted_hyp2f1(A: Any, B: Any, Cc: Any, z: Any) -> np.ndarray:
    """``(1 - z)^A 2F1(A, B; C; z)``, stable where the plain product overflows.

    For ``C - A - B < 0`` and ``z`` near 1 the hypergeometric function grows like
    ``(1 - z)^(C - A - B)`` and overflows while ``(1 - z)^A`` underflows. Euler's
    transformation ``2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z)``
    gives ``(1 - z)^(C - B) 2F1(C - A, C - B; C; z)``, used where the plain form is not
    finite (as ``lifetimes`` does).
    """
    from scipy.special import hyp2f1

    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (A, B, Cc, z)))
    shape = arrays[0].shape
    A, B, Cc, z = (v.ravel() for v in arrays)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        value = np.exp(A * np.log1p(-z)) * hyp2f1(A, B, Cc, z)
        bad = ~np.isfinite(value)
        if bad.any():
            Ab, Bb, Cb, zb = A[bad], B[bad], Cc[bad], z[bad]
            value[bad] = np.exp((Cb - Bb) * np.log1p(-zb)) * hyp2f1(Cb - Ab, Cb - Bb, Cb, zb)
    return value.reshape(shape)


def bgnbd_expected_purchases(params: BGNBDParams, t: Any) -> Any:
    """E[X(t)]: expected repeat purchases of a new customer in ``t`` time units.

    ``(a + b - 1)/(a - 1) [1 - (alpha/(alpha + t))^r 2F1(r, b; a + b - 1; t/(alpha + t))]``
    (FHL 2005, eq. 9). Hardie's spreadsheet for CDNOW (exact estimates): 1.0405 by week 31.86;
    with the rounded published estimates:

    >>> p = BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)
    >>> round(bgnbd_expected_purchases(p, 31.8571), 2)
    1.04
    """
    C.check("t", t, ge=0)
    r, al, a, b = params.r, params.alpha, params.a, params.b
    tt = C.values(t)
    z = tt / (al + tt)
    val = (a + b - 1) / (a - 1) * (1 - _weighted_hyp2f1(r, b, a + b - 1, z))
    return _shape_out(val, t)


def _dropout_odds(params: BGNBDParams, x: np.ndarray, tx: np.ndarray, T_: np.ndarray) -> Any:
    """``[x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)``, the odds of having left."""
    r, al, a, b = params.r, params.alpha, params.a, params.b
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(
            x > 0, a / np.where(x > 0, b + x - 1, 1.0) * ((al + T_) / (al + tx)) ** (r + x), 0.0
        )


def bgnbd_prob_alive(params: BGNBDParams, frequency: Any, recency: Any, T: Any) -> Any:
    """P(still active | x, t_x, T) = 1 / (1 + [x > 0] a/(b + x - 1) ((alpha + T)/(alpha + t_x))^(r + x)).

    FHL 2005, eq. 13 (the BG/NBD assumes a customer cannot drop out before the
    first repeat purchase, so it is 1 when frequency is 0).

    >>> p = BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)
    >>> round(bgnbd_prob_alive(p, 2, 30.43, 38.86), 4)
    0.7266
    """
    x, tx, T_ = _rfm(frequency, recency, T)
    odds = _dropout_odds(params, x, tx, T_)
    return _shape_out(1 / (1 + odds), frequency, recency, T)


def bgnbd_conditional_expected_purchases(
    params: BGNBDParams, t: Any, frequency: Any, recency: Any, T: Any
) -> Any:
    """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` time units (FHL 2005, eq. 10).

    ``(a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]``
    divided by ``1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)``; the product of the
    power and the hypergeometric term is evaluated stably where it overflows.
    FHL 2005, p. 279: a CDNOW customer with 2 repeat purchases, the last in week
    30.43 of 38.86, is expected to buy 1.226 times in the next 39 weeks.

    >>> p = BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)
    >>> round(bgnbd_conditional_expected_purchases(p, 39, 2, 30.43, 38.86), 3)
    1.226
    """
    C.check("t", t, ge=0)
    x, tx, T_ = _rfm(frequency, recency, T)
    weight = _conditional_weight(params, x, tx, T_)
    return _shape_out(
        weight * _conditional_body(params, C.values(t), x, T_), t, frequency, recency, T
    )


def _conditional_weight(params: BGNBDParams, x: Any, tx: Any, T_: Any) -> Any:
    """``(a+b+x-1)/(a-1) / (1 + odds of having left)``: the part of E[Y(t) | x, t_x, T]
    that does not depend on ``t``."""
    a, b = params.a, params.b
    return (a + b + x - 1) / (a - 1) / (1 + _dropout_odds(params, x, tx, T_))


def _conditional_body(params: BGNBDParams, t: Any, x: Any, T_: Any) -> np.ndarray:
    """``1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))``: the part
    of E[Y(t) | x, t_x, T] that depends on ``t`` (and on ``x`` and ``T`` only)."""
    r, al, a, b = params.r, params.alpha, params.a, params.b
    z = t / (al + T_ + t)
    return 1 - _weighted_hyp2f1(r + x, b + x, a + b + x - 1, z)


def bgnbd_pmf(params: BGNBDParams, t: Any, n: Any) -> Any:
    """P(X(t) = n): probability a new customer makes exactly ``n`` repeat purchases by ``t``.

    FHL 2005, eq. 8. For CDNOW, 57.4 % of new customers make no repeat purchase
    in 39 weeks (the R package BTYD gives 0.5737864):

    >>> p = BGNBDParams(0.243, 4.414, 0.793, 2.426, -9582.4)
    >>> round(bgnbd_pmf(p, 39, 0), 4)
    0.5738
    """
    from scipy.special import betaln, gammaln

    C.check("t", t, ge=0)
    C.check("n", n, ge=0, why="it counts purchases")
    nn = C.values(n)
    if np.any(np.abs(nn - np.round(nn)) > 1e-9):
        raise ValueError("n must be a whole number of purchases.")
    tt = C.values(t)
    r, al, a, b = params.r, params.alpha, params.a, params.b
    nn, tt = np.broadcast_arrays(np.round(nn), tt)
    p = al / (al + tt)
    q = tt / (al + tt)
    with np.errstate(divide="ignore"):
        logq = np.log(q)
    first = np.exp(
        betaln(a, b + nn)
        - betaln(a, b)
        + gammaln(r + nn)
        - gammaln(r)
        - gammaln(nn + 1)
        + r * np.log(p)
        + np.where(nn > 0, nn * logq, 0.0)
    )
    jmax = int(nn.max()) if nn.size else 0
    j = np.arange(max(jmax, 1), dtype=float)
    with np.errstate(invalid="ignore"):
        terms = np.exp(
            gammaln(r + j) - gammaln(r) - gammaln(j + 1) + np.where(j > 0, j * logq[..., None], 0.0)
        )
    terms = np.where(j < nn[..., None], terms, 0.0)
    partial = terms.sum(axis=-1)
    with np.errstate(invalid="ignore"):
        second = np.where(
            nn > 0,
            np.exp(betaln(a + 1, b + np.maximum(nn, 1) - 1) - betaln(a, b)) * (1 - p**r * partial),
            0.0,
        )
    return _shape_out(first + second, t, n)


def simulate_bgnbd(
    params: BGNBDParams, customers: int, T: Any = 39.0, seed: int = 0
) -> pd.DataFrame:
    """Customer histories drawn from the BG/NBD with ``params`` (seeded): each customer
    gets a purchase rate from gamma(r, alpha) and a drop-out probability from
    beta(a, b), buys at exponential intervals and may leave after each repeat
    purchase; observed for ``T`` (a number or one per customer). Columns
    ``frequency``, ``recency``, ``T``. For benchmarks and tests of the fitter.

    >>> s = simulate_bgnbd(BGNBDParams(0.243, 4.414, 0.793, 2.426, 0.0), 5, seed=1)
    >>> list(s.columns), len(s)
    (['frequency', 'recency', 'T'], 5)
    """
    if int(customers) != customers or customers < 1:
        raise ValueError("The number of customers must be a whole number, at least 1.")
    rng = np.random.default_rng(seed)
    n = int(customers)
    horizon = np.broadcast_to(np.asarray(T, dtype=float), (n,)).copy()
    C.check("T", horizon, gt=0)
    rate = rng.gamma(params.r, 1 / params.alpha, n)
    drop = rng.beta(params.a, params.b, n)
    x = np.zeros(n)
    tx = np.zeros(n)
    clock = np.zeros(n)
    active = np.ones(n, dtype=bool)
    while active.any():  # one step per repeat purchase, vectorised over customers
        idx = np.flatnonzero(active)
        clock[idx] += rng.exponential(1.0, len(idx)) / rate[idx]
        bought = clock[idx] <= horizon[idx]
        got = idx[bought]
        x[got] += 1
        tx[got] = clock[got]
        active[idx[~bought]] = False
        active[got[rng.random(len(got)) < drop[got]]] = False
    return pd.DataFrame({"frequency": x, "recency": tx, "T": horizon})
