"""The learner reads about Huaxin, not about a data generator.

Huaxin Industrial Supply is the course's sample company; how its data were made is for
developers (``datasets/README.md``, ``lib/salesprofit/synth.py``), not for a learner.
Learner-facing prose is every notebook's markdown cells, the Markdown and HTML that its
code cells print (``say(...)`` sentences, tables, quizzes, saved with the notebook), and
every book page. There it says "Huaxin's data show ...", never "the generator planted
...". A hit is reported as ``file where: line: word``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Words that speak of how the data were made rather than of the company.
GENERATOR_WORDS = re.compile(
    r"\bplant(?:ed|ing)\b"  # "the effect we planted" (not "a power plant")
    r"|\b(?:data |the |a )?generator(?:'s|s)?\b"
    r"|\bsynthetic\b"
    r"|\bsimulated (?:company|data|history|customers|orders|firm)\b"
    r"|\bground[ _]truth\b"
    r"|\bsynth\b"
    r"|\bfake (?:company|data)\b"
    r"|\bbaked[- ]in\b",
    re.IGNORECASE,
)


def notebook_prose(
    path: Path, mimes: tuple[str, ...] = ("text/markdown", "text/html")
) -> list[tuple[str, str]]:
    """(where, text) for the markdown cells and printed Markdown/HTML of a notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for i, cell in enumerate(cells, 1):
        if cell["cell_type"] == "markdown":
            found.append((f"cell {i}", "".join(cell["source"])))
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in mimes:
                if mime in data:
                    found.append((f"cell {i} output", "".join(data[mime])))
    return found


def prose_sources() -> list[tuple[str, list[tuple[str, str]]]]:
    sources = []
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in path.parts:
            sources.append((path.relative_to(ROOT).as_posix(), notebook_prose(path)))
    for path in sorted((ROOT / "book").rglob("*.md")):
        sources.append((path.relative_to(ROOT).as_posix(), [("", path.read_text("utf-8"))]))
    return sources


def generator_words(parts: list[tuple[str, str]]) -> list[str]:
    hits = []
    for where, text in parts:
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in GENERATOR_WORDS.finditer(line):
                hits.append(f"{where}:{lineno}: {m.group(0)!r} in {line.strip()[:100]!r}".strip())
    return hits


SOURCES = prose_sources()


@pytest.mark.parametrize("name,parts", SOURCES, ids=[name for name, _ in SOURCES])
def test_prose_speaks_of_huaxin_not_of_a_generator(name, parts):
    hits = generator_words(parts)
    assert not hits, (
        f"{name} talks about how the data were made; speak of Huaxin's data instead:\n"
        + "\n".join(f"  {name} {h}" for h in hits)
    )


@pytest.mark.parametrize(
    "text,hits",
    [
        ("The generator planted a 25 % uplift.", ["generator", "planted"]),
        ("This synthetic company has ground truth values.", ["synthetic", "ground truth"]),
        ("Data come from `salesprofit.synth`.", ["synth"]),
        ("A simulated company with two years of history.", ["simulated company"]),
        # the company and its plants, lead generation, a simulation of A/A tests: fine
        ("Huaxin's data show a 25 % uplift at the Suzhou plant.", []),
        ("Lead generation and a simulated A/A test (peeking).", []),
        ("Dynamic pricing simulation over a season.", []),
    ],
)
def test_the_word_list_finds_generator_talk_only(text, hits):
    found = [m.group(0).lower() for m in GENERATOR_WORDS.finditer(text)]
    assert [f.removeprefix("the ").removeprefix("a ") for f in found] == hits
