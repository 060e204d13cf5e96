"""The Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

Private: the public names live in :mod:`salesprofit.clv`, which re-exports them.

A customer with ``x`` repeat purchases averaging ``m`` contributes (Fader & Hardie
2013, eq. 5)

``l = ln G(px+q) - ln G(px) - ln G(q) + q ln g + (px-1) ln m + px ln x - (px+q) ln(g+mx)``

and the gradient (``psi`` the digamma function):

* ``dl/dp = x (psi(px+q) - psi(px) + ln m + ln x - ln(g+mx))``
* ``dl/dq = psi(px+q) - psi(q) + ln g - ln(g+mx)``
* ``dl/dg = q/g - (px+q)/(g+mx)``

The gamma functions depend on ``x`` alone and are evaluated once per distinct ``x``;
histories with the same ``(x, m)`` are counted once with a weight. The fit, its
convergence check and the standard errors are those of the BG/NBD
(:mod:`salesprofit._bgnbd`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _checks as C
from ._bgnbd import (
    DegenerateFitError,
    _at_edge,
    _compress,
    _dot,
    _Fitted,
    _MeanNegativeLL,
    _minimise,
    _shape_out,
    _standard_errors,
)

LOG_BOUNDS = (-10.0, 10.0)
#: Above this ``q`` customers' mean spends differ by less than about 3 %.
SAME_SPEND = 1000.0
_NAMES = ("p", "q", "gamma")


@dataclass(frozen=True)
class GammaGammaParams(_Fitted):
    """Fitted Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

    A customer's mean spend per purchase ``zeta`` varies across customers as
    ``gamma(q, gamma)`` scaled by ``p``; population mean spend ``p gamma / (q - 1)``.
    ``standard_errors``: of ``(p, q, gamma)`` from the Hessian of the log-likelihood at
    the optimum (empty when the parameters were not fitted).
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float
    n_customers: int = 0
    iterations: int = 0
    standard_errors: tuple[float, ...] = ()
    _names = _NAMES

    @property
    def mean_spend(self) -> float:
        """Population mean spend per purchase, ``p gamma / (q - 1)`` (infinite when q <= 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")


def _gg_ll(p: float, q: float, g: float, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    from scipy.special import gammaln

    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(g)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(g + m * x)
    )


class _Objective(_MeanNegativeLL):
    """Mean negative Gamma-Gamma log-likelihood and its exact gradient in the
    log-parameters ``(ln p, ln q, ln(gamma / scale))``."""

    def __init__(self, x: np.ndarray, m: np.ndarray, w: np.ndarray, scale: float):
        self.xv, self.xi = np.unique(x, return_inverse=True)
        self.x, self.m, self.w, self.scale = x, m, w, scale
        self.total = float(w.sum())
        self.wx = np.bincount(self.xi, weights=w, minlength=len(self.xv))
        self.ln_m, self.ln_x = np.log(m), np.log(x)
        self.wx_lnmx = _dot(w * x, self.ln_m + self.ln_x)  # sum of w x (ln m + ln x)
        self.w_lnm = _dot(w, self.ln_m)

    def terms(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Log-likelihood (summed with the weights) and its gradient in ``theta``."""
        from scipy.special import digamma, gammaln

        p, q, g = np.exp(theta)
        g = g * self.scale
        xv, wx, total, w, x = self.xv, self.wx, self.total, self.w, self.x
        pxv = p * xv
        head = gammaln(pxv + q) - gammaln(pxv)
        psi_pq = digamma(pxv + q)
        l_gm = np.log(g + self.m * x)
        pxq = p * x + q
        ll = _dot(wx, head) - total * (gammaln(q) - q * np.log(g))
        ll += p * self.wx_lnmx - self.w_lnm - _dot(w * pxq, l_gm)
        d_p = _dot(wx * xv, psi_pq - digamma(pxv)) + self.wx_lnmx - _dot(w * x, l_gm)
        d_q = _dot(wx, psi_pq) - total * (digamma(q) - np.log(g)) - _dot(w, l_gm)
        d_g = total * q / g - _dot(w * pxq, 1 / (g + self.m * x))
        return ll, np.array([p * d_p, q * d_q, g * d_g])


def _spend_inputs(frequency: Any, monetary_value: Any) -> tuple[np.ndarray, np.ndarray]:
    x, m = C.values(frequency), C.values(monetary_value)
    C.check("frequency", x, ge=0, why="it counts repeat purchases")
    C.check("monetary value", m, ge=0, why="it is the mean value of a purchase")
    return x, m


def gamma_gamma_log_likelihood(
    params: GammaGammaParams, frequency: Any, monetary_value: Any
) -> float:
    """Total Gamma-Gamma log-likelihood of customers with ``frequency > 0`` (Fader & Hardie 2013, eq. 5).

    >>> round(gamma_gamma_log_likelihood(GammaGammaParams(6.25, 3.74, 15.44, 0.0), [2], [22.35]), 4)
    -3.5513
    """
    x, m = _spend_inputs(frequency, monetary_value)
    keep = (x > 0) & (m > 0)
    return float(_gg_ll(params.p, params.q, params.gamma, x[keep], m[keep]).sum())


def _degenerate(theta: np.ndarray, params: GammaGammaParams) -> None:
    low, high = _at_edge(theta, LOG_BOUNDS)
    same = params.q > SAME_SPEND or bool(high[1])
    if not (low.any() or high.any() or same):
        return
    story = (
        "In these data customers spend much the same on average per order, so the spend "
        "model has nothing to tell them apart"
        if same
        else "The spend model's estimates run to the edge of what it can describe on these data"
    )
    raise DegenerateFitError(
        "same_spend" if same else "edge",
        f"{story}: the expected spend per customer and the CLV forecasts built on it would "
        "mislead, so they are not shown; use the average order value instead.",
        ("expected spend per customer", "customer lifetime value forecasts"),
        params,
    )


def fit_gamma_gamma(frequency: Any, monetary_value: Any) -> GammaGammaParams:
    """Maximum-likelihood Gamma-Gamma spend model on customers with ``frequency > 0``.

    ``monetary_value`` is each customer's mean repeat-purchase value (money),
    ``frequency`` the number of repeat purchases it averages. Customers with no
    repeat purchase (or a mean of 0) carry no information and are left out, as in
    ``lifetimes``. Fitted over the logs of the parameters with the exact gradient;
    standard errors from the Hessian at the optimum. On the CDNOW sample: p 6.25,
    q 3.74, gamma 15.44.

    Raises ``ValueError`` when the optimiser does not converge, and
    :class:`DegenerateFitError` with a plain sentence when the fit runs to a boundary
    (customers whose mean spends do not differ).

    >>> gg = fit_gamma_gamma([1, 2, 3, 1, 4, 2, 1, 5, 2, 3],
    ...                      [12.0, 85.0, 30.0, 150.0, 40.0, 22.0, 300.0, 31.0, 18.0, 64.0])
    >>> round(gg.p, 2), round(gg.q, 2), round(gg.gamma, 1), round(gg.mean_spend, 1)
    (1.67, 3.0, 78.0, 65.1)

    Eight customers whose spends hardly differ tell the model nothing about differences:

    >>> fit_gamma_gamma([1, 2, 3, 1, 4, 2, 1, 5], [20.0, 35.0, 28.0, 15.0, 40.0, 22.0, 60.0, 31.0])
    Traceback (most recent call last):
    ...
    salesprofit._bgnbd.DegenerateFitError: In these data customers spend much the same on ...
    """
    x, m = _spend_inputs(frequency, monetary_value)
    keep = (x > 0) & (m > 0)
    if keep.sum() < 3:
        raise ValueError(
            "The Gamma-Gamma model needs at least a few customers with repeat purchases."
        )
    rows, w = _compress(x[keep], m[keep])
    scale = float(np.median(rows[:, 1]))
    objective = _Objective(rows[:, 0], rows[:, 1], w, scale)
    res = _minimise(
        objective,
        3,
        LOG_BOUNDS,
        "Gamma-Gamma",
        "Check that the monetary value is each customer's mean order value in one "
        "currency; with very few repeat buyers the spend model cannot be estimated.",
    )
    values = np.exp(res.x) * np.array([1.0, 1.0, scale])
    ll = float(objective.terms(res.x)[0])
    ses = _standard_errors(objective, res.x, values)
    params = GammaGammaParams(*(float(v) for v in values), ll, int(keep.sum()), int(res.nit), ses)
    _degenerate(res.x, params)
    return params


def gamma_gamma_expected_spend(
    params: GammaGammaParams, frequency: Any, monetary_value: Any
) -> Any:
    """E[mean spend per purchase | history]: ``(gamma + m x) p / (p x + q - 1)``.

    A weighted average of the population mean ``p gamma / (q - 1)`` and the
    customer's own mean ``m``; the population mean when frequency is 0 (Fader &
    Hardie 2013, eq. 6). CDNOW customer 1 (2 repeat purchases averaging $22.35):

    >>> gg = GammaGammaParams(6.25, 3.74, 15.44, 0.0)
    >>> round(gamma_gamma_expected_spend(gg, 2, 22.35), 2)
    24.66
    """
    if params.q <= 1:
        raise ValueError("q must be above 1 for the mean spend to exist.")
    x, m = _spend_inputs(frequency, monetary_value)
    p, q, g = params.p, params.q, params.gamma
    val = (g + m * x) * p / (p * x + q - 1)
    return _shape_out(val, frequency, monetary_value)
