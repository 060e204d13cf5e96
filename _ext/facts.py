"""The ``{fact}`` role: a number about the sample company on a book page, from the data.

A book page is MyST Markdown with no kernel, so a number that comes from the data cannot
be typed there (it would drift from the data, and the prose guard refuses it). The page
writes ``{fact}`products``` instead; at build time this extension replaces the role with
``salesprofit.facts.course_facts()["products"]`` ("412"), computed from ``datasets/``.
An unknown key is a build error that lists the known ones.

Enable it in ``_config.yml``: ``facts: _ext`` under ``sphinx.local_extensions`` and
``facts`` in ``sphinx.config.extensions``.
"""

from __future__ import annotations

from functools import cache

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole


@cache
def _facts() -> dict[str, str]:
    from salesprofit.facts import course_facts

    return course_facts()


class FactRole(SphinxRole):
    """``{fact}`key```: the text of one course fact."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        facts = _facts()
        if key not in facts:
            message = self.inliner.reporter.error(
                f"unknown fact {key!r}: the facts are {', '.join(sorted(facts))} "
                "(salesprofit.facts.FACTS)",
                line=self.lineno,
            )
            problem = self.inliner.problematic(self.rawtext, self.rawtext, message)
            return [problem], [message]
        return [nodes.inline(self.rawtext, facts[key], classes=["sp-fact"])], []


def setup(app: Sphinx) -> dict:
    app.add_role("fact", FactRole())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
