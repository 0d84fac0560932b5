"""Every chart in every exported report carries words a screen reader can read.

nbconvert gives a plain image output the alt text "No description has been provided for this
image"; our charts are :class:`~datadriver_utils.notebook.results.Chart` parts whose HTML carries
an alt text written from the chart's data.  Read from the sample district rendered once per
audience (tests/rendered.py), the test fails on an image with no alt text, nbconvert's default,
or words that name no figure (every description states at least one number, or says why there
is none: "No teacher has two results ...").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from datadriver_utils.privacy.rules import Audience
from tests.rendered import render_sample

pytestmark = pytest.mark.notebooks
NBCONVERT_DEFAULT = "No description has been provided for this image"


@pytest.fixture(scope="module", params=list(Audience), ids=lambda a: a.value)
def export(request, tmp_path_factory) -> Path:
    out = render_sample(tmp_path_factory, request.param)
    assert (out / "index.html").is_file(), "the sample district did not render (see the batch's messages)"
    return out


def images(out: Path) -> dict[str, list[str | None]]:
    """Each exported HTML report (team/file) -> the alt attribute of each of its images."""
    found: dict[str, list[str | None]] = {}
    for path in sorted(out.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        alts = [img.get("alt") for img in soup.find_all("img")]
        if alts:
            found[str(path.relative_to(out))] = [a if isinstance(a, str) or a is None else " ".join(a) for a in alts]
    return found


def test_every_chart_image_describes_its_data(export: Path):
    found = images(export)
    assert sum(map(len, found.values())) >= 40, "the sample district draws charts in most reports"
    bad = {page: [alt for alt in alts if not alt or NBCONVERT_DEFAULT in alt or len(alt) < 30
                  or not (re.search(r"\d", alt) or alt.startswith("No "))]
           for page, alts in found.items()}
    assert {page: alts for page, alts in bad.items() if alts} == {}


def test_no_export_keeps_nbconvert_default_alt_text(export: Path):
    assert [str(p.relative_to(export)) for p in export.rglob("*.html")
            if NBCONVERT_DEFAULT in p.read_text(encoding="utf-8")] == []
