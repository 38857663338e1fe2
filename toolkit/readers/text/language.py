"""Names a text's language (BCP 47 tag) with py3langid's trained identifier, and tidies declared tags.

The identifier (a naive Bayes model over byte n-grams, 97 languages) is loaded once, on first use:
its model takes about a second to unpack. A text too short to tell, or one the model is unsure of,
gets None rather than a guess.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("toolkit")

MIN_LETTERS = 40  # below this a text is too short to name its language
MIN_CONFIDENCE = 0.8  # normalised probability the identifier must give its best language
SAMPLE_CHARS = 20_000
# A page's declared language gives way to the identifier's only on this much text and this confidence.
OVERRIDE_LETTERS = 200
OVERRIDE_CONFIDENCE = 0.95
# Declared tags the identifier names otherwise, and languages it cannot tell apart in practice.
SAME_LANGUAGE = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "fil": "tl",
                 "bs": "hr", "sr": "hr", "sh": "hr", "cnr": "hr"}
_identifier = None


def identify_language(text: str) -> tuple[str, float] | None:
    """(language, probability) for ``text`` from the trained identifier, or None when there are too few letters."""
    global _identifier
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    if _identifier is None:
        _identifier = load_identifier()
    lang, prob = _identifier.classify(sample)
    return str(lang), float(prob)


def guess_language(text: str, confidence: float = MIN_CONFIDENCE) -> str | None:
    """A two-letter language tag, or None when the text is too short or the identifier unsure."""
    found = identify_language(text)
    if found is None or found[1] < confidence:
        return None
    return found[0]


def settle_language(declared: str | None, text: str) -> tuple[str | None, str | None]:
    """The article's language and, when the text overrules the page's declared tag, a note saying so.

    A declared tag stands unless the text is long enough and the identifier sure its primary language is
    another (a page declared "ru" whose article is Ukrainian; an English template around a German
    article). A region subtag is kept when the primary language agrees ("en-GB" stays "en-GB").
    """
    if not declared:
        return guess_language(text), None
    if sum(c.isalpha() for c in text[:SAMPLE_CHARS]) < OVERRIDE_LETTERS:
        return declared, None
    found = identify_language(text)
    if found is None or found[1] < OVERRIDE_CONFIDENCE:
        return declared, None
    lang, prob = found
    primary = declared.split("-")[0].lower()
    if SAME_LANGUAGE.get(primary, primary) == SAME_LANGUAGE.get(lang, lang):
        return declared, None
    return lang, (f"the page declares language '{declared}' but its text reads as '{lang}' "
                  f"(identifier's probability {prob:.2f}); using '{lang}'")


def normalize_language(value: str | None) -> str | None:
    """"en_US" / "EN-us" / "en-GB,en" -> "en-US" / "en-US" / "en-GB"; None for junk."""
    if not value:
        return None
    value = value.split(",")[0].split(";")[0].strip().replace("_", "-")
    m = re.fullmatch(r"([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|\d{3}))?(?:-.*)?", value)
    if not m:
        return None
    parts = [m.group(1).lower()]
    if m.group(2):
        parts.append(m.group(2).title())
    if m.group(3):
        parts.append(m.group(3).upper())
    return "-".join(parts)


def load_identifier():
    """py3langid's identifier. Its model ships LZMA-compressed (0.5-0.8 s to unpack in every cold process):
    the unpacked model is kept in the user's cache (``toolkit.language.package_cache``) and read from there."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    unpacked = None
    try:
        import lzma

        import numpy as np
        from py3langid.modelio import _to_array

        from toolkit.language.package_cache import cached_file

        unpacked = cached_file("langid-model", ("py3langid", "numpy"), ".npz",
                               lambda: lzma.open(MODEL_DIR / MODEL_FILE).read())
        if unpacked is not None:
            with np.load(unpacked, allow_pickle=False) as data:
                return LanguageIdentifier(
                    np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
                    _to_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
                    tk_row=_to_array(data["nextmove_row"]))
    except Exception as exc:  # a damaged cache file or another py3langid layout: its own loader
        log.debug("py3langid model not read from the cache: %s", exc)
        if unpacked is not None:
            unpacked.unlink(missing_ok=True)  # made again by the next process
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
