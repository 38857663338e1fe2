"""Block quotations signed by their author: a last line "— Ana Petrova, Minister of Harbours" (or a
bare "Ana Petrova, Minister of Harbours" closing the quotation) names who said every quotation inside.

The signature outranks any attribution carried from the paragraphs around (a "he said" before the
block, the last speaker named) and a pronoun inside the block; a full name written inside is kept.
"""

from __future__ import annotations

import re

from toolkit.language.speech import PRONOUNS
from toolkit.passes.speech.attribution import Speaker
from toolkit.passes.speech.found import Found
from toolkit.tree.nodes import Block, BlockQuote, Div, Heading, ListBlock, Para

_NAME = r"(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+"
DASH_SIGNATURE = re.compile(rf"(?:^|\s)(?:—|―|–|-{{2,3}})\s*(?P<name>{_NAME})(?:,\s*(?P<role>[^—―–\n]{{2,120}}))?\s*$")
BARE_SIGNATURE = re.compile(rf"^(?P<name>{_NAME})(?:,\s*(?P<role>[^.!?\n]{{2,100}}))?$")


def block_quote_paragraphs(blocks: tuple[Block, ...]) -> list[list[int]]:
    """The paragraph indices (``iter_paragraphs`` order) of each outermost block quotation."""
    groups: list[list[int]] = []
    k = 0

    def visit(bs, inside: list[int] | None) -> None:
        nonlocal k
        for b in bs:
            if isinstance(b, BlockQuote):
                if inside is None:
                    groups.append([])
                visit(b.blocks, groups[-1] if inside is None else inside)
            elif isinstance(b, (Para, Heading)):
                if inside is not None:
                    inside.append(k)
                k += 1
            elif isinstance(b, Div):
                visit(b.blocks, inside)
            elif isinstance(b, ListBlock):
                for item in b.items:
                    visit(item, inside)

    visit(blocks, None)
    return groups


def signatures(groups: list[list[int]], texts: list[str | None]) -> dict[int, tuple[int, Speaker]]:
    """For each paragraph of a signed block quotation: (the signature's paragraph, the signer)."""
    out: dict[int, tuple[int, Speaker]] = {}
    for group in groups:
        if not group or texts[group[-1]] is None:
            continue
        last = group[-1]
        text = (texts[last] or "").rstrip()
        m = DASH_SIGNATURE.search(text) or (BARE_SIGNATURE.match(text) if len(group) > 1 else None)
        if m is None:
            continue
        signer = Speaker(m.group("name"), m.start("name"), m.end("name"), (m.group("role") or "").strip())
        for k in group:
            out[k] = (last, signer)
    return out


def sign(found: list[Found], signed: dict[int, tuple[int, Speaker]]) -> None:
    """Credit the quotations of signed block quotations to their signer (before any carrying)."""
    for f in found:
        if f.term or f.nested or not f.direct or f.para not in signed:
            continue
        if f.speaker is not None and f.speaker.text.lower() not in PRONOUNS and f.extra.get("where") != "previous":
            continue  # a name written beside the quotation inside the block
        para, signer = signed[f.para]
        f.speaker, f.speaker_para, f.cue = signer, para, f.cue if f.speaker is not None else ""
        f.extra["where"] = "signed"
        f.extra["rule"] = "signed"
