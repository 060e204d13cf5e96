"""Names for the sample company's ids, as people read them: one place for every label.

The tables keep their ids (``power_tools``); every table, chart and sentence of the course
shows the label (``Power tools``). Chapters that need a label mid-sentence lower-case it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["CATEGORY_LABELS", "category_label"]

#: Display names of the product categories of the sample company.
CATEGORY_LABELS = {
    "fasteners": "Fasteners",
    "bearings": "Bearings",
    "power_tools": "Power tools",
    "hand_tools": "Hand tools",
    "hydraulics": "Hydraulics",
    "electrical": "Electrical supplies",
    "safety": "Safety equipment",
    "welding": "Welding",
    "lubricants": "Lubricants",
    "cutting_tools": "Cutting tools",
}


def category_label(category: Any) -> Any:
    """The display name of a product category id (a string, or a Series of them).

    Unknown ids are shown with the underscore replaced and a capital letter.

    >>> category_label("power_tools"), category_label("garden_hoses")
    ('Power tools', 'Garden hoses')
    """
    if isinstance(category, pd.Series):
        return category.map(category_label)
    text = str(category)
    return CATEGORY_LABELS.get(text, text.replace("_", " ").capitalize())
