"""Guesses a text's language (BCP 47 tag) from its most common function words; no model needed."""

from __future__ import annotations

import re

# The most frequent short words of each language; a text's share of each list decides.
STOPWORDS = {
    "en": "the of and to in is that for it as was with on be by at this have from are not but or",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch",
    "fr": "le la les de des et en un une du est que pour dans qui au sur pas par ce avec",
    "es": "el la de que y en los del se las por un para con una su al es lo como más",
    "it": "il di che la e per un in del non una sono da le si con della dei gli ha",
    "pt": "o a de que e do da em um para é com não uma os no se na por mais as dos",
    "nl": "de het een van en in is dat op te zijn met voor niet aan er maar ook om",
    "sv": "och att det som en på är av för med till den har inte om ett var jag men",
    "da": "og i at det en den til er som på de med han af for ikke der var mig",
    "no": "og i det som på er en til av at for med har ikke de den var men om",
    "pl": "i w na z że się do nie to jest o jak po co tak za od przez ale",
    "cs": "a se na je v že to s z do o jak by ale jsem pro tak od po jsou",
    "tr": "ve bir bu da de için ile çok olarak gibi daha ne ama en o kadar sonra",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada",
    "fi": "ja on ei se että oli hän mutta kun ovat myös tai niin kuin jo joka",
}
_SETS = {lang: frozenset(words.split()) for lang, words in STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (("ru", re.compile(r"[\u0400-\u04ff]")), ("el", re.compile(r"[\u0370-\u03ff]")),
            ("ar", re.compile(r"[\u0600-\u06ff]")), ("he", re.compile(r"[\u0590-\u05ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]")), ("ja", re.compile(r"[\u3040-\u30ff]")),
            ("ko", re.compile(r"[\uac00-\ud7af]")), ("hi", re.compile(r"[\u0900-\u097f]")),
            ("th", re.compile(r"[\u0e00-\u0e7f]")))


def guess_language(text: str) -> str | None:
    """A two-letter language tag, or None when the text is too short or unclear."""
    sample = text[:20000]
    letters = sum(c.isalpha() for c in sample)
    if letters < 40:
        return None
    for lang, script in _SCRIPTS:
        if len(script.findall(sample)) > letters * 0.3:
            if lang == "zh" and len(_SCRIPTS[5][1].findall(sample)) > letters * 0.05:
                return "ja"
            return lang
    words = _WORD.findall(sample.lower())[:5000]
    if len(words) < 12:
        return None
    scores = {lang: sum(w in s for w in words) / len(words) for lang, s in _SETS.items()}
    best = max(scores, key=scores.get)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 0.12 or ranked[0] - ranked[1] < 0.02:
        return None
    return best


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
