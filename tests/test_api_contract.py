"""Every public name of the API contract (API.md) exists and is callable.

The acceptance tests outside the repository call these names; the behaviour of each
is tested in the module's own test file with published worked examples.
"""

import importlib

import pytest

CONTRACT = {
    "pricing": [
        "contribution_margin",
        "markup",
        "markup_to_margin",
        "margin_to_markup",
        "gross_margin",
        "breakeven_volume_change",
        "arc_elasticity",
        "optimal_price",
        "price_waterfall",
    ],
    "costs": [
        "breakeven_units",
        "breakeven_sales",
        "pretax_profit",
        "margin_of_safety",
        "operating_leverage",
        "multi_product_breakeven",
        "eoq",
        "inventory_cost",
    ],
    "clv": [
        "margin_multiple",
        "clv",
        "ltv_from_churn",
        "simple_clv",
        "customer_summary",
        "fit_bgnbd",
        "bgnbd_expected_purchases",
        "bgnbd_conditional_expected_purchases",
        "bgnbd_prob_alive",
        "bgnbd_pmf",
        "fit_gamma_gamma",
        "gamma_gamma_expected_spend",
        "clv_bgnbd_gamma_gamma",
    ],
    "funnel": ["sales_velocity"],
    "forecast": ["weighted_pipeline", "mape", "wape"],
    "incentives": ["commission"],
    "marketing": ["cac", "cac_payback_months", "roi", "ltv_to_cac"],
    "quality": ["nps", "cost_of_quality"],
    "experiments": ["two_proportion_ztest", "sample_size_two_proportions"],
    "segmentation": ["abc_classes", "whale_curve"],
    "targets": ["decompose_target"],
    "training": ["training_roi"],
    "data": ["tables", "load", "load_cdnow", "read_crm_export"],
}


@pytest.mark.parametrize("module,name", [(m, n) for m, names in CONTRACT.items() for n in names])
def test_name_exists(module, name):
    mod = importlib.import_module(f"salesprofit.{module}")
    assert callable(getattr(mod, name)), f"salesprofit.{module}.{name} is missing"


def test_data_error_is_a_value_error():
    from salesprofit.data import DataError

    assert issubclass(DataError, ValueError)
