"""Embedded fonts of the HTML edition: installed faces subset to the page's characters, valid WOFF, licence kept."""

from __future__ import annotations

import base64
import io
import re

import pytest

from toolkit.writers.annotated.fonts import find_face, font_face_css, subset_face, woff

pytestmark = pytest.mark.skipif(find_face("Charis SIL:style=Regular") is None, reason="Charis SIL is not installed")


def faces(css: str) -> list:
    from fontTools.ttLib import TTFont

    return [TTFont(io.BytesIO(base64.b64decode(m))) for m in re.findall(r"base64,([A-Za-z0-9+/=]+)", css)]


def test_faces_are_woff_subsets_of_the_text():
    fonts = faces(font_face_css("Алматы café"))
    assert len(fonts) >= 4  # Charis regular, italic, bold, bold italic (and Inter when installed)
    charis = fonts[0]
    assert charis.flavor == "woff"
    cmap = charis.getBestCmap()
    for ch in "Алматыé¶":
        assert ord(ch) in cmap, ch
    assert ord("Ж") not in cmap  # not in the text: left out
    assert len(cmap) < 200
    assert "OFL" in (charis["name"].getDebugName(14) or "")


def test_woff_wrapper_keeps_every_table():
    from fontTools.ttLib import TTFont

    path = find_face("Charis SIL:style=Regular")
    packed = subset_face(path, "Harbour")
    font = TTFont(io.BytesIO(packed))
    assert font.flavor == "woff"
    plain = io.BytesIO()
    font.flavor = None
    font.save(plain)
    assert woff(plain.getvalue())[:4] == b"wOFF"
    assert {"cmap", "glyf", "head", "name"} <= set(font.keys())
    assert font["head"].unitsPerEm > 0


def test_css_names_the_theme_families():
    css = font_face_css("x")
    assert 'font-family: "Charis SIL"; font-style: normal; font-weight: 400' in css
    assert 'font-style: italic' in css
    assert "url(data:font/woff;base64," in css
