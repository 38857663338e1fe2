"""Reading with libraries made for the job: ftfy repairs mojibake (normalize pass), py3langid names the
language, python-slugify makes slugs, dateparser reads metadata dates in other languages.

Every sample text here was written for these tests; the names in it are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.options import Context
from toolkit.passes.normalize import normalize_text, repair_mojibake
from toolkit.tree.nodes import Document, Meta, Para, Text
from toolkit.tree.walk import iter_nodes

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
CORRECT = [
    "Je suis allé à l’école où j’ai vu Élise ; « c’est ça », a-t-elle dit à Ana Petrova.",
    "Größere Übungen für die Straße: „Das klappt“, sagte Jürgen Weiß am Dienstag.",
    "Zażółć gęślą jaźń – powiedział Tomasz Wójcik w piątek.",
    "Tiếng Việt là ngôn ngữ chính thức của Việt Nam, ông Nguyễn Văn Phúc nói.",
    "The café’s naïve résumé — “ﬁne” — costs ½ £ and ＡＢ &amp; more.",
    "Ærø og Øresund, señor Muñoz: ¿qué tal? ¡Olé! Façade, coöperate, Mañana.",
    "Москва и Киев — «новости» дня; Ελληνικά νέα; 日本語のテキスト。",
]


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, as a browser does (undefined bytes keep their Latin-1 meaning)."""
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

    return text.encode("utf-8").decode("sloppy-windows-1252")


# ---- ftfy: mojibake already in the source -------------------------------------------------------

@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_never_changed(text):
    assert repair_mojibake(text) == text


@pytest.mark.skipif(not SEEDS, reason="no seed article in the repository")
def test_seed_text_is_unchanged():
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        assert repair_mojibake(text) == text


@pytest.mark.parametrize("text", CORRECT[:3])
def test_mojibake_is_repaired(text):
    assert repair_mojibake(mojibake(text)) == text


def test_normalize_pass_repairs_body_and_metadata_and_says_so():
    body = "The competitor’s plan, said Ana Petrova at the café."
    doc = Document(meta=Meta(title=mojibake("Café society’s year"), authors=(mojibake("Tomasz Wójcik"),),
                             subtitle=mojibake("A “new” start")),
                   blocks=(Para((Text(mojibake(body)),)), Para((Text("Plain text stays."),))))
    ctx = Context()
    out = normalize_text(doc, ctx)
    texts = [n.text for n in iter_nodes(out) if isinstance(n, Text)]
    assert texts == [body, "Plain text stays."]
    assert out.meta.title == "Café society’s year"
    assert out.meta.subtitle == "A “new” start"
    assert out.meta.authors == ("Tomasz Wójcik",)
    assert ctx.warnings == ["repaired mis-decoded text (mojibake) in 4 places"]


def test_no_warning_when_nothing_is_repaired():
    ctx = Context()
    doc = Document(meta=Meta(title=CORRECT[0]), blocks=tuple(Para((Text(t),)) for t in CORRECT))
    out = normalize_text(doc, ctx)
    assert [n.text for n in iter_nodes(out) if isinstance(n, Text)] == CORRECT
    assert ctx.warnings == []

