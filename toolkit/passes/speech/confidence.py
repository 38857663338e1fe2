"""How sure an attribution is, and whether an edition shows it.

Each attributed quotation carries in ``attr`` the ``rule`` that named its speaker
(``"<attribution>+<resolution>"``, e.g. ``"after-said-x+name"`` for "…,” said Jane Doe" or
``"carried-last-1+pronoun-unknown"``) and a ``confidence``: the share of right speakers that rule
had on the tuning half of the development corpus (``bench/speakers.py``). The editions show a speaker
only when ``confidence >= SHOW_SPEAKER``; the JSON tree keeps every attribution with its evidence.
"""

from __future__ import annotations

import dataclasses

from toolkit.tree.nodes import Document, Quote
from toolkit.tree.walk import walk

# Precision of each attribution rule and each resolution, measured on the tuning half of ggt-dev
# (bench/speakers.py --tune); an attribution rule over the quotations whose resolution is not weak
# (WEAK_RESOLUTIONS: those errors are the resolution's). A rule not listed gets DEFAULT.
# Smoothed as (right + 1) / (seen + 2), so that a rule seen rarely stays near 0.5.
ATTRIBUTION: dict[str, float] = {
    "signed": 0.95,                 # a block quotation signed "— Kim Lee" (not measured: no corpus item has one)
    "after-x-said": 0.97,           # "…,” Kim said
    "after-said-x": 0.88,           # "…,” said Kim
    "carried-on": 0.93,             # “…,” Kim said. “…”: the same speaker goes on in the paragraph
    "carried-last-1": 0.85,         # the speaker of the paragraph before
    "before-x-said": 0.89,          # Kim said: “…”, Kim said the plan was “…”
    "previous-x-said": 0.75,        # a sentence ending "Kim said:" before the quotation
    "carried-last-2": 0.67,
    "carried-last": 0.67,
    "sentence-subject": 0.50,
    "carried-on-next-para": 0.33,
}
RESOLUTION: dict[str, float] = {
    "surname": 0.98,                # "Petrova" -> "Ana Petrova" named before
    "pronoun-agrees": 0.94,         # "she" -> the last woman named
    "pronoun-unknown": 0.88,        # "she" -> someone whose gender the text does not tell
    "name": 0.86,                   # a full name written beside the quotation
    "epithet": 0.75,                # "the 32-year-old labourer" -> the person the text is about
    "organization": 0.70,
    "single-name": 0.62,            # one capitalised word never seen in full
    "pronoun-group": 0.50,          # "they", "it", "we"
}
DEFAULT = 0.5

# The confidence at or above which an edition shows a speaker: the lowest threshold whose strict precision
# (a shown quote that is not speech counted wrong) is above 0.95 on the tuning half (bench/speakers.py).
SHOW_SPEAKER = 0.75


# Resolutions whose errors are their own: the attribution rules are measured without them.
WEAK_RESOLUTIONS = ("organization", "single-name", "pronoun-group")


def general(attribution: str) -> str:
    """The attribution rule as the table knows it: "before-x-said-colon" -> "before-x-said"."""
    for detail in ("-colon", "-comma", "-clause"):
        if attribution.endswith(detail):
            return attribution[:-len(detail)]
    return attribution


def confidence(rule: str) -> float:
    """The confidence of an attribution made by ``rule`` ("attribution+resolution")."""
    attribution, _, resolution = rule.partition("+")
    a = ATTRIBUTION.get(attribution, ATTRIBUTION.get(general(attribution), DEFAULT))
    r = RESOLUTION.get(resolution, DEFAULT) if resolution else DEFAULT
    return min(a, r)  # the weaker link: a right name after the wrong quotation is still wrong


def speaker_shown(attr, threshold: float = SHOW_SPEAKER) -> bool:
    """Whether an edition names the speaker of a quotation whose ``attr`` is given: a confidence
    at or above ``threshold``. A quotation with no confidence (a tree from an older toolkit or
    written by hand) keeps its speaker."""
    value = attr.get("confidence")
    if value is None:
        return True
    try:
        return float(value) >= threshold
    except ValueError:
        return False


def shown_speakers(doc: Document, threshold: float = SHOW_SPEAKER) -> Document:
    """The document as an edition shows it: a quotation whose attribution is below ``threshold``
    loses its speaker (kept in ``attr`` as ``held-speaker``, with its rule and confidence)."""
    def gate(node):
        if isinstance(node, Quote) and node.speaker and not speaker_shown(node.attr, threshold):
            return dataclasses.replace(node, speaker="", attr=node.attr.with_kv("held-speaker", node.speaker))
        return None
    return walk(doc, gate)
