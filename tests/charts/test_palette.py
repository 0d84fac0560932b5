"""Every chart takes its colours from charts/palette.py: no colour is written anywhere else in charts/.

The check reads the source (ast), so it catches a colour however it is passed: a hex string or
a colormap name anywhere, any string given to a colour argument (``color="white"``,
``cmap="Blues"``, ``{"facecolor": "0.8"}``), a colour name in a ``*_COLOUR``/``*_STYLE``
constant.  ``"none"`` (no colour at all) is allowed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import matplotlib
import pytest
from matplotlib.colors import get_named_colors_mapping

from datadriver_utils.charts import palette

CHARTS = Path(palette.__file__).parent
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
GREY_LEVEL = re.compile(r"^(?:0?\.\d+|0|1(?:\.0*)?)$")
COLOUR_ARGUMENTS = {"c", "color", "colors", "colour", "facecolor", "edgecolor", "edgecolors", "linecolor",
                    "markerfacecolor", "markeredgecolor", "cmap", "palette", "hatch_color", "labelcolor"}
SEABORN_PALETTES = {"deep", "muted", "bright", "pastel", "dark", "colorblind", "husl", "hls"}
MAPS = {n.lower() for n in matplotlib.colormaps if len(n) > 3} | SEABORN_PALETTES
"""Colormap and palette names: flagged wherever they are written."""
NAMES = {n.lower() for n in get_named_colors_mapping()} | MAPS
"""Every colour name, flagged where a colour is given (an argument, a ``*_COLOUR`` constant): a
bare word elsewhere may be data (the "blue" and "yellow" dots of a learning-group map)."""
COLOUR_NAME = re.compile(r"COLOU?R|PALETTE|CMAP|STYLE", re.IGNORECASE)


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def strings(node: ast.AST) -> list[ast.Constant]:
        return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and COLOUR_NAME.search(node.func.attr):
            found += [f"line {s.lineno}: {node.func.attr}({s.value!r})" for a in node.args for s in strings(a)
                      if s.value != "none"]
        if isinstance(node, ast.keyword) and node.arg in COLOUR_ARGUMENTS:
            found += [f"line {s.lineno}: {node.arg}={s.value!r}" for s in strings(node.value) if s.value != "none"]
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in COLOUR_ARGUMENTS and value is not None:
                    found += [f"line {s.lineno}: {key.value!r}: {s.value!r}" for s in strings(value)
                              if s.value != "none"]
        elif isinstance(node, ast.Assign) and any(COLOUR_NAME.search(ast.unparse(t)) for t in node.targets):
            keys = {id(k) for d in ast.walk(node.value) if isinstance(d, ast.Dict) for k in d.keys}
            found += [f"line {s.lineno}: {s.value!r}" for s in strings(node.value)
                      if s.value.lower() in NAMES and id(s) not in keys]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip()
            if HEX.match(text) or text.lower() in MAPS:
                found.append(f"line {node.lineno}: {text!r}")
    return sorted(set(found))


def _chart_modules() -> list[Path]:
    return sorted(p for p in CHARTS.glob("*.py") if p.name not in {"palette.py", "__init__.py"})


@pytest.mark.parametrize("path", _chart_modules(), ids=lambda p: p.name)
def test_chart_module_writes_no_colour_of_its_own(path: Path) -> None:
    assert _offences(path) == [], f"{path.name} writes colours outside charts/palette.py"


def test_the_check_catches_every_way_of_writing_a_colour(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('A = "#c53030"\nEDGE_COLOUR = "navy"\nax.bar(x, y, color="white", edgecolor="0.3")\nsns.heatmap(d, cmap="Blues")\n'
                      'ax.text(0, 0, "t", bbox={"facecolor": "w"})\nOK = piece["y"]\n'
                      'ax.set_facecolor("white")\n', encoding="utf-8")
    lines = {int(o.split(":")[0].removeprefix("line ")) for o in _offences(sample)}
    assert lines == {1, 2, 3, 4, 5, 7}  # line 6 is data, not a colour


def test_every_chart_module_draws_with_the_palette() -> None:
    drawing = [p for p in _chart_modules() if "Figure" in p.read_text(encoding="utf-8")]
    unused = [p.name for p in drawing if "palette" not in p.read_text(encoding="utf-8")
              and "message_figure" not in p.read_text(encoding="utf-8")]
    assert unused == []


@pytest.mark.parametrize("background, expected", [(palette.SEQUENTIAL[0], palette.INK),
                                                  (palette.SEQUENTIAL[-1], palette.LIGHT_TEXT),
                                                  ((0.1, 0.1, 0.1, 1.0), palette.LIGHT_TEXT)])
def test_text_on_a_bar_stays_readable(background: str | tuple[float, ...], expected: str) -> None:
    assert palette.text_on(background) == expected


def test_categorical_colours_are_okabe_ito() -> None:
    assert set(palette.CATEGORICAL) == {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2",
                                        "#D55E00", "#CC79A7"}
