"""Every colour a chart draws with, in one place, chosen so no reader depends on hue alone.

About one man in twelve cannot tell red from green, and reports are often printed in
greyscale.  So every chart module takes its colours from here (a test fails on any colour
written anywhere else in :mod:`datadriver_utils.charts`), and the set is built from three
families that survive both:

* **Categories** (phases, signal rules, statuses, speakers): Okabe & Ito's eight colours
  (*Color Universal Design*, 2008), the set qicharts2 and many journals use because every pair
  stays apart for the common colour-vision deficiencies.  Where two categories must also part in
  greyscale, the chart adds a hatch, marker or line style as well.
* **Ordered values** (bands from *well below* to *advanced*, heat maps, pre then post): one hue
  from light to dark (ColorBrewer's "Blues"), so the order reads as lightness.
* **Agreement scales** (survey answers): ColorBrewer's brown-to-teal "BrBG", whose two arms are
  told apart by lightness as well as hue, with a grey midpoint.

Neutrals (ink, muted text, grid, "not shown" grey) complete the set.  Values are plain
strings matplotlib and seaborn accept, so this module imports neither.
"""

from __future__ import annotations

__all__ = [
    "BLACK", "BLUE", "CATEGORICAL", "DIVERGING_CMAP", "GRID", "HIDDEN", "INK", "LIGHT_TEXT", "MUTED",
    "NEUTRAL", "NEUTRAL_LIGHT", "ORANGE", "POST", "PRE", "PURPLE", "SEQUENTIAL", "SEQUENTIAL_CMAP",
    "SEQUENTIAL_CMAP_REVERSED", "SKY_BLUE", "SUBTLE", "TARGET", "TEAL", "VERMILLION", "WHITE", "YELLOW", "text_on",
]

# -- Okabe & Ito (2008) -------------------------------------------------------------------------
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
TEAL = "#009E73"
"""Okabe & Ito's "bluish green": the green that stays apart from vermillion for red-green readers."""
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
"""Okabe & Ito's stand-in for red."""
PURPLE = "#CC79A7"
"""Okabe & Ito's "reddish purple"."""

TARGET = VERMILLION
"""The line a team aims for (a goal's target, a run chart's target), in every chart that draws one."""

CATEGORICAL: tuple[str, ...] = (BLUE, ORANGE, TEAL, VERMILLION, SKY_BLUE, PURPLE, BLACK, YELLOW)
"""Colours for unordered categories, in the order to use them: yellow last, as a small marker in
yellow is hard to see on white."""

# -- one hue, light to dark ("Blues") ------------------------------------------------------------
SEQUENTIAL: tuple[str, ...] = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c")
"""Light to dark blues for ordered values; any two steps apart differ in greyscale."""
SEQUENTIAL_CMAP = "Blues"
"""The matplotlib colormap of :data:`SEQUENTIAL`, for heat maps."""
SEQUENTIAL_CMAP_REVERSED = "Blues_r"
"""Dark for low values: where the low end is the one to look at (data-quality scores)."""
PRE, POST = SEQUENTIAL[2], SEQUENTIAL[6]
"""Before and after: light then dark, so "post" is the darker bar in any print."""

# -- agreement scales ----------------------------------------------------------------------------
DIVERGING_CMAP = "BrBG"
"""Brown (disagree) to teal (agree); the midpoint is drawn :data:`NEUTRAL_LIGHT`."""

# -- neutrals ------------------------------------------------------------------------------------
INK = "#222222"
"""Lines and text that carry data: near-black."""
MUTED = "#4d4d4d"
"""Secondary text: notes, labels of marks."""
SUBTLE = "#808080"
"""Reference lines that should not compete with the data."""
NEUTRAL = "#bbbbbb"
"""Gaps, empty cells, "no clear effect"."""
NEUTRAL_LIGHT = "#d9d9d9"
"""Backgrounds of shaded zones and the neutral answer of a scale."""
HIDDEN = "#eeeeee"
"""The face of a cell hidden for privacy (always drawn with a hatch and the word "hidden")."""
GRID = "#dddddd"
WHITE = "#ffffff"
LIGHT_TEXT = WHITE
"""Text printed on a dark bar."""


def text_on(colour: str | tuple[float, ...]) -> str:
    """The text colour readable on ``colour`` (a ``#rrggbb`` string or an RGB(A) tuple in 0-1).

    Uses relative luminance (WCAG's weights), so labels stay legible on every step of
    :data:`SEQUENTIAL` and the diverging scale.
    """
    if isinstance(colour, str):
        code = colour.lstrip("#")
        red, green, blue = (int(code[i:i + 2], 16) / 255 for i in (0, 2, 4))
    else:
        red, green, blue = (float(c) for c in colour[:3])
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return LIGHT_TEXT if luminance < 0.45 else INK
