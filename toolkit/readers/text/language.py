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


BIG_ARRAYS = ("ptc", "nextmove")  # 28 and 39 MB: mapped from the cache, never read whole
SMALL_ARRAYS = ("pc", "classes", "nextmove_row", "out_feat")


def load_identifier():
    """py3langid's identifier. Its model ships LZMA-compressed (0.5-0.8 s to unpack in every cold process):
    the unpacked arrays are kept in the user's cache (``toolkit.language.package_cache``); the two large ones
    as ``.npy`` files mapped into memory, so a cold process touches only the pages a text visits
    (0.11 -> 0.03 CPU s to load, the same probabilities)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    made: list = []  # the model unpacked once for the files the cache lacks (none made: the cache is off)
    try:
        import numpy as np

        from toolkit.language.package_cache import cached_file

        def unpacked() -> dict:
            if not made:
                made.append(_unpack_model())
            return made[0]

        key = ("py3langid", "numpy")
        big = {name: cached_file(f"langid-{name}", key, ".npy", lambda n=name: _npy_bytes(unpacked()[n]))
               for name in BIG_ARRAYS}
        small = cached_file("langid-small", key, ".npz",
                            lambda: _npz_bytes({n: unpacked()[n] for n in SMALL_ARRAYS}))
        if small is not None and all(big.values()):
            ptc = np.load(big["ptc"], mmap_mode="r", allow_pickle=False)
            nextmove = memoryview(np.load(big["nextmove"], mmap_mode="r", allow_pickle=False))
            with np.load(small, allow_pickle=False) as data:
                return LanguageIdentifier(
                    ptc, np.asarray(data["pc"]), data["classes"].tolist(), nextmove,
                    _int_view(data["out_feat"]), norm_probs=True, tk_row=_int_view(data["nextmove_row"]))
    except Exception as exc:  # a damaged cache file or another py3langid layout: its own loader
        log.debug("py3langid model not read from the cache: %s", exc)
        _forget_model()
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _int_view(array) -> memoryview:
    """The 104,583 state numbers of a tokenizer table as an int sequence over the array's own memory (as
    py3langid's own loader gives ``tk_row``): ``tolist()`` cost a cold process 8 ms a table."""
    view = memoryview(array)
    view[0]  # a byte order that memoryview cannot index raises here, so the identifier is loaded another way
    return view


def _unpack_model() -> dict:
    import io
    import lzma

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    with np.load(io.BytesIO(lzma.open(MODEL_DIR / MODEL_FILE).read()), allow_pickle=False) as data:
        return {name: np.ascontiguousarray(data[name]) for name in BIG_ARRAYS + SMALL_ARRAYS}


def _npy_bytes(array) -> bytes:
    return _saved(lambda out, np: np.save(out, array, allow_pickle=False))


def _npz_bytes(arrays: dict) -> bytes:
    return _saved(lambda out, np: np.savez(out, **arrays))


def _saved(save) -> bytes:
    """What numpy's ``save(out, np)`` writes, as bytes (the cache stores them whole, atomically)."""
    import io

    import numpy as np

    out = io.BytesIO()
    save(out, np)
    return out.getvalue()


def _forget_model() -> None:
    """Remove the cached model files (a damaged one is made again by the next process)."""
    from toolkit.language.package_cache import cache_dir, key_of

    folder = cache_dir()
    if folder is None:
        return
    key = ("py3langid", "numpy")
    for name, suffix in [*((n, ".npy") for n in BIG_ARRAYS), ("small", ".npz")]:
        (folder / (key_of(f"langid-{name}", key) + suffix)).unlink(missing_ok=True)
