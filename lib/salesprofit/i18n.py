"""The language of the course: English or Simplified Chinese, switched in one place.

``salesprofit.set_language("zh")`` (or ``SALESPROFIT_LANG=zh`` in the environment before
the import) chooses the language of every user-facing string the library produces from
then on; :func:`get_language` tells the language in force. Strings go through
:func:`gettext` with named placeholders, so a translation may change the word order::

    gettext("{name} sold {amount}", name="R01", amount="¥1,200")

Translations live in gettext catalogues (``locale/<lang>/LC_MESSAGES/salesprofit.mo``,
compiled with Babel); a message without a translation falls back to English, so the
course never shows an empty label.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "get_language", "gettext", "set_language"]

#: The languages of the course: code -> its name in that language.
LANGUAGES = {"en": "English", "zh": "简体中文"}
_ALIASES = {"zh-cn": "zh", "zh_cn": "zh", "zh-hans": "zh", "cn": "zh", "en-us": "en", "en-gb": "en"}
_LOCALE = Path(__file__).with_name("locale")
_current = "en"


def _normalise(code: str) -> str:
    key = str(code).strip().lower()
    key = _ALIASES.get(key, key)
    if key not in LANGUAGES:
        raise ValueError(
            f"The course speaks English ('en') and Simplified Chinese ('zh'), not {code!r}."
        )
    return key


def set_language(code: str) -> None:
    """Speak ``code`` ("en" or "zh"; "zh-CN" and "zh_CN" are understood) from now on.

    >>> set_language("zh-CN"); get_language()
    'zh'
    >>> set_language("en")
    """
    global _current
    _current = _normalise(code)


def get_language() -> str:
    """The language in force: "en" or "zh"."""
    return _current


@cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    return _gettext.translation("salesprofit", _LOCALE, languages=[language], fallback=True)


def gettext(message: str, /, **values: object) -> str:
    """``message`` in the language in force, with its named placeholders filled in.

    >>> gettext("{n} customers", n=3)
    '3 customers'
    """
    text = message if _current == "en" else _catalogue(_current).gettext(message)
    return text.format(**values) if values else text


_env = os.environ.get("SALESPROFIT_LANG")
if _env:
    try:
        set_language(_env)
    except ValueError as exc:  # a typo in the environment must not stop the course
        import warnings

        warnings.warn(f"SALESPROFIT_LANG: {exc} Using English.", stacklevel=1)
