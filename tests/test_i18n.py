"""The language switch of the API contract: set_language, get_language, SALESPROFIT_LANG."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import salesprofit
from salesprofit import i18n


@pytest.fixture(autouse=True)
def _english_after():
    yield
    salesprofit.set_language("en")


@pytest.mark.parametrize(
    ("code", "expected"), [("zh", "zh"), ("zh-CN", "zh"), ("zh_CN", "zh"), ("EN", "en")]
)
def test_set_language_understands_common_codes(code, expected):
    salesprofit.set_language(code)
    assert salesprofit.get_language() == expected


def test_unknown_language_is_refused_in_plain_words():
    with pytest.raises(
        ValueError, match=r"English \('en'\) and Simplified Chinese \('zh'\), not 'fr'"
    ):
        salesprofit.set_language("fr")
    assert salesprofit.get_language() == "en"


def test_gettext_fills_named_placeholders_and_falls_back_to_english():
    salesprofit.set_language("zh")
    # no catalogue entry: the English text, never an empty label
    assert (
        i18n.gettext("{n} customers sold {amount}", n=3, amount="¥1,200")
        == "3 customers sold ¥1,200"
    )


@pytest.mark.parametrize(
    ("env", "expected"), [("zh", "zh"), ("zh-CN", "zh"), ("", "en"), ("klingon", "en")]
)
def test_environment_variable_sets_the_language_at_import(env, expected):
    code = "import salesprofit; print(salesprofit.get_language())"
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        env={**os.environ, "SALESPROFIT_LANG": env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == expected
