"""The trainer's console: every calculator of the course in one page, one kernel.

The gallery (``make app``) opens on this console. A click on a chapter's calculator swaps
the calculator into the stage without starting a new kernel, so it is live at once; a
calculator once opened is kept, so going back to it is instant and keeps its settings.

* **Projector view**: the *Projector* switch (or ``?projector=1`` in the address) sets large
  type, wide sliders and large charts, readable from the back of a room.
* **Stepping**: *Previous* and *Next* walk through the chapter's calculators (then the next
  chapter's); in the page, the keys PageDown / PageUp (what a presentation clicker sends)
  and Alt+Right / Alt+Left do the same.
* **Deep links**: ``?calc=pricing-breakeven`` opens that calculator first.

Builders that need the sample company's data (the CRM audit, the association explorer...)
get it from :mod:`salesprofit.ui.samples`, the same calls their labs make.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import ipywidgets as widgets

from ..fmt import esc

__all__ = ["Console", "Entry", "console", "entries_from_query"]

#: Large type for the projector: applied to the whole console when the switch is on.
CSS = """<style>
.sp-console .sp-console-bar {align-items: center; gap: 0.4em; flex-wrap: wrap;}
.sp-console .sp-console-title {font-size: 1.15em; font-weight: 700;}
.sp-projector, .sp-projector .widget-label, .sp-projector .widget-readout,
.sp-projector input, .sp-projector select, .sp-projector button {font-size: 22px !important;}
.sp-projector .sp-result {font-size: 26px !important; line-height: 1.5;}
.sp-projector .sp-result .sp-big {font-size: 1.6em;}
.sp-projector .sp-table {font-size: 22px !important;}
.sp-projector .widget-inline-hbox .widget-label {min-width: 18em !important; width: 18em !important;}
.sp-projector .widget-slider, .sp-projector .widget-text, .sp-projector .widget-dropdown
  {width: 60em !important; max-width: 95vw; height: auto;}
.sp-projector .noUi-handle {width: 28px !important; height: 28px !important;}
.sp-projector .sp-calc img, .sp-projector img.sp-chart {max-width: 95vw !important; width: 95vw;}
.sp-projector .sp-calc h4 {font-size: 32px;}
</style>"""


@dataclass(frozen=True)
class Entry:
    """One calculator in the console: where its builder lives and what the room reads."""

    group: str  # "3. Price wisely (合理定价)"
    module: str  # "pricing" (in salesprofit.ui)
    name: str  # "breakeven_calculator"
    title: str  # "Discount break-even: the extra volume every point of discount needs"

    @property
    def slug(self) -> str:
        return f"{self.module}-{self.name.removesuffix('_calculator')}".replace("_", "-")

    def build(self) -> widgets.Widget:
        module = importlib.import_module(f"salesprofit.ui.{self.module}")
        builder: Callable[..., widgets.Widget] = getattr(module, self.name)
        from . import samples

        return builder(**samples.arguments(self.module, self.name))


def entries_from_query(query: str) -> dict[str, str]:
    """The console's options from a page address's query (``projector=1&calc=...``).

    >>> entries_from_query("projector=1&calc=pricing-breakeven&token=x")
    {'projector': '1', 'calc': 'pricing-breakeven'}
    """
    parsed = parse_qs(query.lstrip("?"))
    return {k: v[0] for k, v in parsed.items() if k in {"projector", "calc"} and v}


class Console(widgets.VBox):
    """The console widget (see the module docstring); build it with :func:`console`."""

    def __init__(
        self,
        entries: Sequence[Entry],
        projector: bool = False,
        start: str | None = None,
        warm: bool = False,
    ):
        if not entries:
            raise ValueError("The console needs at least one calculator.")
        self.entries = list(entries)
        # neighbours and positions once, so stepping needs no arithmetic
        self.following = dict(zip(self.entries, self.entries[1:]))
        self.following[self.entries[-1]] = self.entries[0]
        self.preceding = {after: before for before, after in self.following.items()}
        self.number = {e: n for n, e in enumerate(self.entries, 1)}
        self.built: dict[str, widgets.Widget] = {}
        groups = list(dict.fromkeys(e.group for e in self.entries))
        self.group = widgets.Dropdown(
            options=groups, description="Chapter", layout={"width": "32em"}
        )
        self.pick = widgets.Dropdown(description="Calculator", layout={"width": "42em"})
        self.previous = widgets.Button(description="Previous", icon="arrow-left")
        self.next = widgets.Button(description="Next", icon="arrow-right")
        self.projector = widgets.ToggleButton(value=projector, description="Projector", icon="tv")
        self.previous.add_class("sp-prev")
        self.next.add_class("sp-next")
        self.projector.add_class("sp-projector-switch")
        self.position = widgets.HTML()
        self.stage = widgets.VBox()
        self.stage.add_class("sp-stage")
        bar = widgets.HBox([self.group, self.pick, self.previous, self.next, self.projector])
        bar.add_class("sp-console-bar")
        super().__init__([widgets.HTML(CSS), bar, self.position, self.stage])
        self.add_class("sp-console")
        self.group.observe(self._on_group, names="value")
        self.pick.observe(self._on_pick, names="value")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(+1))
        self.projector.observe(self._on_projector, names="value")
        if warm:  # build every calculator now, so that no click waits for one
            for entry in self.entries:
                self._build(entry)
        self.configure(projector=projector, start=start)

    def configure(self, projector: bool = False, start: str | None = None) -> None:
        """Projector view on or off, and the calculator to show (a slug; the first if unknown)."""
        self.projector.value = projector
        self._on_projector()
        self.show(next((e for e in self.entries if e.slug == start), self.entries[0]))

    # -- navigation ---------------------------------------------------------------
    def _in_group(self, group: str) -> list[Entry]:
        return [e for e in self.entries if e.group == group]

    def _on_group(self, change: Any) -> None:
        members = self._in_group(change["new"])
        if self.current.group != change["new"]:
            self.show(members[0])

    def _on_pick(self, change: Any) -> None:
        entry = change["new"]
        if entry is not None and entry is not self.current:
            self.show(entry)

    def step(self, by: int) -> None:
        """Open the next (``by=1``) or previous (``by=-1``) calculator, across chapters."""
        self.show((self.following if by > 0 else self.preceding)[self.current])

    def show(self, entry: Entry) -> None:
        """Put ``entry``'s calculator on the stage (built on first use, then kept)."""
        self.current = entry
        self._build(entry)
        members = self._in_group(entry.group)
        with self.hold_trait_notifications():
            self.group.value = entry.group
            self.pick.options = [(e.title, e) for e in members]
            self.pick.value = entry
        self.position.value = (
            f'<span class="sp-console-title">{esc(entry.title)}</span> '
            f"<small>({self.number[entry]} of {len(self.entries)}; keys: PageDown / PageUp)</small>"
        )
        self.stage.children = [self.built[entry.slug]]

    def _build(self, entry: Entry) -> None:
        if entry.slug not in self.built:
            try:
                self.built[entry.slug] = entry.build()
            except ValueError as exc:  # the library's own sentence, never a traceback
                self.built[entry.slug] = widgets.HTML(
                    f'<div class="sp-error"><b>This calculator cannot open.</b> {esc(exc)}</div>'
                )

    def _on_projector(self, change: Any = None) -> None:
        if self.projector.value:
            self.add_class("sp-projector")
        else:
            self.remove_class("sp-projector")


def console(
    entries: Sequence[Entry | tuple[str, str, str, str]],
    projector: bool = False,
    start: str | None = None,
    warm: bool = False,
) -> Console:
    """The trainer's console over ``entries`` (``Entry`` or ``(group, module, name, title)``).

    ``warm`` builds every calculator at once (the gallery does, in a pre-started kernel),
    so that no click waits for a calculator to be built.
    """
    items = [e if isinstance(e, Entry) else Entry(*e) for e in entries]
    return Console(items, projector=projector, start=start, warm=warm)
