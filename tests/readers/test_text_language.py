"""Language guessing from function words and scripts, and language tag normalisation."""

from __future__ import annotations

import pytest

from toolkit.readers.text.language import guess_language, normalize_language


@pytest.mark.parametrize(("text", "lang"), [
    ("The council said that the new bridge would be open to traffic by the end of the year, and it was "
     "built with money from the regional fund for this kind of project.", "en"),
    ("Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke bis zum Ende des Jahres für den "
     "Verkehr geöffnet wird, und sie wird mit Geld aus dem Fonds der Region gebaut.", "de"),
    ("Le conseil municipal a décidé mardi que le nouveau pont sera ouvert à la circulation avant la fin de "
     "l'année, et il est construit avec des fonds de la région pour ce type de projet.", "fr"),
    ("El ayuntamiento decidió el martes que el nuevo puente se abrirá al tráfico antes de que termine el "
     "año, y se construye con dinero de la región para este tipo de proyectos.", "es"),
    ("Городской совет во вторник решил, что новый мост откроют для движения до конца года.", "ru"),
])
def test_guess_language(text, lang):
    assert guess_language(text) == lang


def test_too_short_or_unclear_gives_none():
    assert guess_language("Hello") is None
    assert guess_language("1234 5678 90") is None


@pytest.mark.parametrize(("value", "tag"), [
    ("en_US", "en-US"), ("EN-gb", "en-GB"), ("en-GB,en;q=0.9", "en-GB"), ("zh-hant-tw", "zh-Hant-TW"),
    ("de", "de"), ("not a language", None), ("", None),
])
def test_normalize_language(value, tag):
    assert normalize_language(value) == tag


def test_identifier_from_the_cache_scores_as_py3langids_own(tmp_path, monkeypatch):
    """The cached model's tokenizer tables are read as views over their arrays, not lists: every language's
    probability is the one py3langid's own loader gives."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from toolkit.readers.text.language import load_identifier

    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    load_identifier()  # stores the cache
    cached = load_identifier()  # reads it back
    assert isinstance(cached.tk_output, memoryview)
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in ("Ana Petrova a dit que le pont serait ouvert avant la fin de l'année.",
                 "Tomasz Wójcik powiedział, że most zostanie otwarty przed końcem roku.", "x" * 50, ""):
        assert cached.rank(text) == own.rank(text)
