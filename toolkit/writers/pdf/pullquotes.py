"""Chooses pull quotes from the article's direct quotes and where they go between paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.language.speech import attribution_measured
from toolkit.passes.speech.confidence import speaker_shown
from toolkit.tree.nodes import Document, Para, Quote
from toolkit.tree.walk import iter_nodes, plain_text

MIN_CHARS, MAX_CHARS, BEST_CHARS = 45, 210, 120
MIN_GAP = 5  # blocks between two pull quotes
FIRST_SLOT = 3  # never before the third block: the opening stays clean
# A pull quote stands at least this many words of running text away from its own sentence, so that the
# reader does not meet the same words twice within a few lines. At about ten words a line (a measure of
# 60 to 75 characters) 120 words are twelve lines: about a third of an A4 or Letter column of 40-odd
# lines, which puts the two a glance apart but not on the same stretch of text.
MIN_WORDS_APART = 120
# ... and no further than this, to keep it near: less than a page of one column (400 to 550 words on A4
# or Letter), so that set after its sentence it stands on the same page or the next.
MAX_WORDS_APART = 400
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class PullQuote:
    text: str
    speaker: str  # display name, or "" when the tree does not know who said it
    source_block: int  # index in doc.blocks of the paragraph that holds the quote
    slot: int = -1  # the pull quote goes before doc.blocks[slot]


def _words(doc: Document) -> int:
    return sum(len(plain_text(b.children).split()) for b in doc.blocks if isinstance(b, Para))


def wanted(doc: Document) -> int:
    """How many pull quotes an article of this length carries: none when short, at most three."""
    words = _words(doc)
    if words < 450:
        return 0
    return min(3, 1 + (words - 450) // 900)


def _tidy(text: str) -> str:
    """The quote's words as written, spaces collapsed; a comma that handed over to the attribution
    ("…,” she said) is left out, and nothing is added."""
    text = " ".join(text.split())
    return text[:-1].rstrip() if text.endswith(",") else text


def excerpts(text: str) -> list[str]:
    """Runs of whole sentences of ``text`` that fit a pull quote, the whole quote first: each run
    starts where a sentence starts and ends where one ends, so no words are cut or joined."""
    whole = _tidy(text)
    sentences = [s for s in _SENTENCE_END.split(whole) if s]
    out = []
    for i in range(len(sentences)):
        if not (sentences[i][:1].isupper() or sentences[i][:1].isdigit()):
            continue
        for j in range(i + 1, len(sentences) + 1):
            run = " ".join(sentences[i:j])
            if len(run) > MAX_CHARS:
                break
            if len(run) >= MIN_CHARS and (j == len(sentences) or run[-1] in ".!?…\"'”’"):
                out.append(run)
    return sorted(set(out), key=lambda s: (s != whole, abs(len(s) - BEST_CHARS)))


def _quote_groups(para: Para) -> list[tuple[str, str]]:
    """(text, speaker id) of each direct quote in a paragraph whose speaker an edition shows
    (``speaker_shown``). A quote split by its attribution is left out: a pull quote is the words
    of one quotation as written, never parts joined."""
    groups: dict[str, list[Quote]] = {}
    order: list[str] = []
    for n, node in enumerate(iter_nodes(para)):
        if isinstance(node, Quote) and node.direct:
            key = node.attr.get("group") or f"#{n}"
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(node)
    out = []
    for key in order:
        quote = groups[key][0]
        if len(groups[key]) > 1 or not quote.speaker or not speaker_shown(quote.attr):
            continue
        out.append((plain_text(quote.children), quote.speaker))
    return out


def candidates(doc: Document) -> list[PullQuote]:
    """Every usable excerpt of a direct quote whose speaker is certain, best first (a good length).
    None in a language whose attribution was never measured: no speaker there is certain."""
    if not attribution_measured(doc.meta.language):
        return []
    found = []
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Para):
            continue
        for text, speaker_id in _quote_groups(block):
            person = doc.person(speaker_id)
            if person is None:
                continue
            for excerpt in excerpts(text)[:1]:
                found.append(PullQuote(excerpt, person.name, index))
    return sorted(found, key=lambda q: (abs(len(q.text) - BEST_CHARS), q.source_block))


def words_apart(doc: Document, source: int, slot: int) -> int:
    """Words of the paragraphs between a pull quote set before ``doc.blocks[slot]`` and the paragraph
    ``source`` that holds its quotation (in either direction; the source paragraph itself not counted)."""
    lo, hi = (slot, source) if slot <= source else (source + 1, slot)
    return sum(len(plain_text(b.children).split()) for b in doc.blocks[lo:hi] if isinstance(b, Para))


def usable_slot(doc: Document, source: int, slot: int) -> bool:
    """Whether a pull quote of paragraph ``source`` may stand before ``doc.blocks[slot]``: between two
    paragraphs, past the opening, before the last paragraph, and far enough from its own sentence."""
    blocks = doc.blocks
    return (FIRST_SLOT <= slot <= len(blocks) - 2
            and isinstance(blocks[slot - 1], Para) and isinstance(blocks[slot], Para)
            and words_apart(doc, source, slot) >= MIN_WORDS_APART)


def _slot_for(doc: Document, quote: PullQuote, taken: list[int]) -> int:
    """The nearest place between two paragraphs at least ``MIN_WORDS_APART`` words from the quote's own
    paragraph and at most ``MAX_WORDS_APART``, clear of other pull quotes. After the quote first (it then
    stands on the same page or the next); before it only when nothing after fits, as near the end."""
    source = quote.source_block
    for slots in (range(source + 1, len(doc.blocks)), range(source, 0, -1)):
        for slot in slots:
            if words_apart(doc, source, slot) > MAX_WORDS_APART:
                break
            if usable_slot(doc, source, slot) and all(abs(slot - t) >= MIN_GAP for t in taken):
                return slot
    return -1


def choose(doc: Document, limit: int | None = None) -> list[PullQuote]:
    """The pull quotes of this article, in reading order, each with its slot."""
    count = wanted(doc) if limit is None else limit
    chosen: list[PullQuote] = []
    used_text: set[str] = set()
    for cand in candidates(doc):
        if len(chosen) >= count:
            break
        if cand.text in used_text:
            continue
        slot = _slot_for(doc, cand, [c.slot for c in chosen])
        if slot < 0:
            continue
        chosen.append(PullQuote(cand.text, cand.speaker, cand.source_block, slot))
        used_text.add(cand.text)
    return sorted(chosen, key=lambda q: q.slot)
