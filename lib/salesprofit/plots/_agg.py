"""A faster Agg canvas for the course's charts: each text is rasterised once and reused.

matplotlib 3.11's Agg renderer lays out and rasterises every glyph of every text on every
draw (HarfBuzz layout, then one FreeType rendering and one blit per glyph). A chart's
tick labels, axis labels and legend entries are the same from one redraw to the next,
and text was most of a redraw's time. :class:`Renderer` draws a plain text the way Agg
did before 3.11: the string is rasterised in one piece (FreeType, with the same hinting
and font fallback), and that bitmap, kept in a cache keyed by the string, the font and
the size, is blitted at the nearest whole pixel. Mathtext and TeX go the usual way.

Nothing here changes what is drawn, only how often a text is rasterised; the result is
deterministic (the cache holds pure functions of its key).
"""

from __future__ import annotations

import math
from collections import OrderedDict

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager, get_font

#: Rasterised texts kept (each a small uint8 bitmap, a few kB).
CACHE_SIZE = 4096

_TEXTS: OrderedDict[tuple, tuple] = OrderedDict()


def _font_key(prop) -> tuple:
    return (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_size_in_points(),
        prop.get_file(),
    )


def _raster(s: str, prop, dpi: float, antialiased: bool) -> tuple:
    """(bitmap, x offset, y offset, descent) of ``s``, in pixels, from the cache or FreeType."""
    key = (s, _font_key(prop), dpi, antialiased, get_hinting_flag())
    hit = _TEXTS.get(key)
    if hit is not None:
        _TEXTS.move_to_end(key)
        return hit
    font = get_font(fontManager._find_fonts_by_props(prop))
    font.clear()
    font.set_size(prop.get_size_in_points(), dpi)
    font.set_text(s, 0, flags=get_hinting_flag())
    font.draw_glyphs_to_bitmap(antialiased=antialiased)
    xo, yo = font.get_bitmap_offset()
    hit = (font.get_image().copy(), xo / 64.0, yo / 64.0, font.get_descent() / 64.0)
    _TEXTS[key] = hit
    if len(_TEXTS) > CACHE_SIZE:
        _TEXTS.popitem(last=False)
    return hit


_HEIGHTS: dict[tuple, tuple] = {}


def _height_metrics(prop, dpi: float) -> tuple:
    """(ascent, descent, line gap) of the font, in pixels, as ``Text._get_layout`` reads them."""
    key = (_font_key(prop), dpi)
    hit = _HEIGHTS.get(key)
    if hit is None:
        hit = (None, None, None)
        font = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap, ascent, descent in (
            ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
            ("hhea", "lineGap", "ascent", "descent"),
        ):
            table = font.get_sfnt_table(table_name)
            if table is None:
                continue
            scale = prop.get_size_in_points() * dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
            hit = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
            break
        _HEIGHTS[key] = hit
    return hit


class Renderer(RendererAgg):
    """``RendererAgg`` whose plain texts are rasterised once per string, font and size."""

    def _get_font_height_metrics(self, prop):
        # the hook Text._get_layout asks first (it reads two font tables for every text)
        return _height_metrics(prop, self.dpi)

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        # docstring inherited
        if ismath or not s or (mtext is not None and _shaped(mtext)):
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        image, xo, yo, d = _raster(s, prop, self.dpi, gc.get_antialiased())
        # as Agg did before matplotlib 3.11: the descent adjusted for the angle, whole pixels
        xd = d * math.sin(math.radians(angle))
        yd = d * math.cos(math.radians(angle))
        x = round(x + xo + xd)
        y = round(y + yo + yd)
        self._renderer.draw_text_image(image, x, y + 1, angle, gc)


def _shaped(mtext) -> bool:
    """Whether a text asks for font features or a language (only the new path does them)."""
    return bool(mtext.get_fontfeatures() or mtext.get_language())


class Canvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing with :class:`Renderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = Renderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
