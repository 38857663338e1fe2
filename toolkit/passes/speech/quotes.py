"""Marks quotations in the tree: direct quotes (with their marks), indirect speech, and terms.

Direct quotes become ``Quote(direct=True)`` wrapping the words inside the marks (the marks go to
``attr`` key ``marks``); reported clauses become ``Quote(direct=False)``; quoted words that are not
speech (scare quotes, titles, terms) become ``Term``. The speaker is recorded as written in
``attr`` key ``said-by`` (with ``said-at``, its paragraph and offset); the ``speakers`` pass
resolves it to a person.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right

from toolkit.language.names import STOP_CAPS
from toolkit.options import Context
from toolkit.passes.inline_spans import iter_paragraphs, map_paragraphs, merge_text, wrap_many
from toolkit.passes.sentences import split_sentences
from toolkit.passes.speech import attribution
from toolkit.passes.speech.attribution import (
    Cue,
    Speaker,
    cues_in,
    np_left,
    np_right,
    reach_back,
    reach_on,
    sentence_subject,
)
from toolkit.passes.speech.found import Found
from toolkit.passes.speech.indirect import Reported, find_reported
from toolkit.passes.speech.links import link_groups
from toolkit.passes.speech.marks import Covering, Marked, find_marked, forget_marked
from toolkit.passes.speech.signed import block_quote_paragraphs, sign, signatures
from toolkit.tree.nodes import Attr, BlockQuote, Document, Heading, Para, Quote, Term, Text
from toolkit.tree.walk import iter_nodes, plain_text, walk

WORD = re.compile(r"[\w’']+")
PULL_QUOTE = re.compile(r"[.!?…”\"’]\s+((?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+)(?:,\s+([^.!?,;:]{3,80}))?\s*$")
# Bounds that keep the pass near-linear in a paragraph's length (a paragraph of unbalanced quotation
# marks is one "sentence" of thousands of quotations): a quotation's attribution is looked for at most
# REACH characters (attribution.REACH) either side of it, and reported speech in sentences up to
# LONGEST_SENTENCE characters. Sentences of prose are shorter.
LONGEST_SENTENCE = 3000
LINK_LABEL = re.compile(r"(?:READ MORE|READ ALSO|ALSO READ|WATCH|RELATED|LISTEN|SEE ALSO|MORE|VIDEO|PHOTOS)\s*:\s")


def _words(s: str) -> int:
    return len(WORD.findall(s))


def _title_like(s: str) -> bool:
    words = [w for w in s.split() if w[:1].isalpha()]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "with", "or"}
    caps = [w for w in words if w[0].isupper()]
    rest = [w for w in words if w.lower() not in small]
    return len(words) >= 2 and len(caps) == len(rest) and bool(rest)


def _attribution_after(text: str, q: Marked, stop: int, language: str | None = None) -> tuple[Speaker, Cue] | None:
    seg_end = stop
    tail = text[q.end:seg_end]
    lead = re.match(r"[\s,—–-]*", tail).end()
    pos = q.end + lead
    cues = [c for c in cues_in(text, pos, seg_end, language) if c.start - pos < 160]
    if not cues:
        return None
    c = cues[0]
    if c.start == pos:  # "…,” said the minister
        particle = re.match(r"\s+(?:out|up|on|back)\b", text[c.end:])
        spk = attribution.speaker_after(text, c, c.end + (particle.end() if particle else 0), True, language)
        if spk is not None:
            return spk, c
        return None
    if c.lemma == "according to":
        return None
    spk = np_left(text, c.start, pos, language)
    if spk is not None and spk.start <= pos + 2:
        return spk, c
    gap = text[pos:spk.start] if spk is not None else ""
    if spk is not None and re.fullmatch(r"(?:the|a|an)\s+(?:[\w’'-]+,?\s+){0,3}", gap, re.I):
        # "…,” the lanky, bespectacled professor said
        return Speaker(text[pos:spk.end], pos, spk.end, spk.role), c
    return None


AS_X_PUT_IT = re.compile(r"\b[Aa]s\s+((?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+|he|she|they)\s+"
                         r"(?:once\s+|later\s+|so\s+|memorably\s+)?(put|puts|phrased|framed|summed)\s+it"
                         r"(?:\s+up)?(?:\s+[a-z]+ly)?\s*[,:]\s*$")


def _attribution_before(text: str, q: Marked, lo: int, sent_start: int,
                        language: str | None = None) -> tuple[Speaker, Cue] | None:
    head = text[lo:q.start]
    cues = cues_in(text, lo, q.start, language)
    put = AS_X_PUT_IT.search(head)
    if put:  # "As Lopez put it, “…”": the one named speaks, whatever verbs come before
        return (Speaker(put.group(1), lo + put.start(1), lo + put.end(1)),
                Cue(put.group(2), lo + put.start(2), lo + put.end(2), "put"))
    if not cues:
        # "Lopez put it plainly: “…”": the subject of a sentence that introduces the quotation
        m = re.match(r"\s*((?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+|[Hh]e|[Ss]he|They)(?:,[^,:;“”\"]{3,90},)?"
                     r"\s+([a-z]+)\b[^:]*:\s*$", head)
        if m and m.group(1).split()[0] not in STOP_CAPS:
            return (Speaker(m.group(1), lo + m.start(1), lo + m.end(1)),
                    Cue(m.group(2), lo + m.start(2), lo + m.end(2), m.group(2)))
        return None
    c = cues[-1]
    between = text[c.end:q.start]
    if _words(between) > 9 and not re.search(r"[:,]\s*$", head):
        return None
    if _words(between) and not re.search(r"[:,]\s*$", head) and not re.match(r"\s*that\b", between):
        # the quotation continues a clause after the verb ("reporting students for “…”")
        called = c.lemma in ("call", "describe") and _words(between) <= 6
        if not called and (c.text.endswith("ing") or _words(text[q.inner[0]:q.inner[1]]) < 5):
            return None
    if c.lemma == "according to":
        spk = np_right(text, c.end, language=language)
        return (spk, c) if spk else None
    spk = attribution.speaker_after(text, c, language=language) if c.lemma == "so" else None
    spk = spk or attribution.inverted_pronoun(c, language) or np_left(text, c.start, lo, language)
    if spk is None and c.text.endswith("ing") and re.search(r",\s*$", text[lo:c.start]):
        spk = sentence_subject(text, sent_start, c.start)  # "He voiced it on Twitter, writing “…”"
    if spk is None:
        return None
    return spk, c


def _sentence_speaker(text: str, sent: tuple[int, int], q: Marked, marked: list[Marked] | Covering,
                      language: str | None = None) -> tuple[Speaker, Cue | None] | None:
    """Who speaks a quotation inside a sentence that has no attribution next to it: the speaker of a
    reporting verb earlier in the sentence, or else the sentence's subject."""
    inside = marked.covers if isinstance(marked, Covering) else Covering(marked).covers
    cues = [c for c in cues_in(text, sent[0], q.start, language) if not inside(c.start)]
    for c in reversed(cues):
        if c.lemma == "according to":
            spk = np_right(text, c.end, language=language)
        else:
            spk = attribution.inverted_pronoun(c, language) or np_left(text, c.start, sent[0], language)
            if spk is None and c.text.endswith("ing") and re.search(r",\s*$", text[sent[0]:c.start]):
                spk = sentence_subject(text, sent[0], c.start)
        if spk is not None:
            return spk, c
    spk = sentence_subject(text, sent[0], q.start)
    return (spk, None) if spk is not None else None


def _attribution_previous(text: str, sent: tuple[int, int], language: str | None = None
                          ) -> tuple[Speaker, Cue] | None:
    """A sentence ending in "X said:" or "… went on to say," introduces the next quotation."""
    s, e = sent
    body = text[s:e].rstrip()
    if not body.endswith((":", ",")) and _words(body) > 14:
        return None
    cues = cues_in(text, s, e, language)
    for c in reversed(cues):
        spk = np_left(text, c.start, s, language) if c.lemma != "according to" \
            else np_right(text, c.end, language=language)
        spk = attribution.inverted_pronoun(c, language) or spk
        if spk is not None:
            return spk, c
    return None


def _pull_quote(text: str, para: int, language: str | None = None) -> Found | None:
    """A paragraph of someone's words followed by their bare name ("… education budgets. Jane Doe"):
    a pull quote, the name (and a role after a comma) its attribution."""
    m = PULL_QUOTE.search(text)
    if m is None or _words(text[:m.start(1)]) < 6 or m.group(1).split()[0] in STOP_CAPS:
        return None
    if cues_in(text, max(0, m.start(1) - 40), m.start(1), language):
        return None  # "… budgets, said Jane Doe" is an ordinary attribution
    body = text[:m.start(1)].rstrip()
    marked = [q for q in find_marked(body) if q.start == 0 and q.end >= len(body) - 1]
    spk = Speaker(m.group(1), m.start(1), m.end(1), (m.group(2) or "").strip())
    if marked:
        q = marked[0]
        return Found(para, q.start, q.end, q.inner, q.marks, speaker=spk, speaker_para=para,
                     extra={"where": "pull", "rule": "pull"})
    end = len(body)
    return Found(para, 0, end, (0, end), direct=False, speaker=spk, speaker_para=para,
                 extra={"where": "pull", "rule": "pull"})


def _rule(where: str, spk: Speaker, cue: Cue, lead: str = "") -> str:
    """The rule that attributed a quotation: where the attribution stands and its word order
    ("after-said-x" for "…,” said Kim", "after-x-said" for "…,” Kim said", "before-according-to");
    before the quotation, what leads into it (``lead``, the text between cue and quotation):
    "before-x-said-colon" (Kim said: “…”), "-comma" or "-clause" (Kim said the plan was “…”)."""
    if cue.lemma == "according to":
        return f"{where}-according-to"
    if where == "after":
        return "after-said-x" if spk.start >= cue.end else "after-x-said"
    rule = f"{where}-x-said" if spk.end <= cue.start else f"{where}-said-x"
    if where == "before":
        tail = lead.rstrip()
        rule += "-colon" if tail.endswith(":") else "-comma" if tail.endswith(",") else "-clause"
    return rule


def find_in_paragraph(text: str, para: int, in_blockquote: bool = False, pull: bool = True,
                      language: str | None = None) -> list[Found]:
    pull = _pull_quote(text, para, language) if pull else None
    if pull is not None:
        return [pull]
    marked = find_marked(text)
    sents = split_sentences(text, marked)
    covering, closed = Covering(marked), Covering([m for m in marked if m.close])
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    for s, e in sents:
        if e - s > LONGEST_SENTENCE:
            continue  # no reported clause in a run of text no sentence is that long
        for r in find_reported(text, s, e, marked, language):
            colon = next((m for m in covering.starting_in(r.start + 1, r.end)
                          if re.search(r":\s*$", text[r.start:m.start])), None)
            if colon is not None:  # "X said there were three: “…”" -> the words in marks stand apart
                r = Reported(r.start, r.start + text[r.start:colon.start].rstrip().rstrip(":").__len__(),
                             r.speaker, r.cue)
                if _words(text[r.start:r.end]) < 4:
                    continue
            # a clause that is one quotation in marks is direct speech: leave it to the marks
            inside = [m for m in covering.starting_in(r.start - 1, r.end + 2) if m.end <= r.end + 2]
            outside = text[r.start:r.end]
            for m in inside:
                outside = outside.replace(text[m.start:m.end], " ")
            if inside and _words(outside) <= 2:
                continue
            if closed.encloses(r.start, r.start) or closed.encloses(r.end, r.end):
                continue  # the clause starts or ends inside a closed quotation
            found.append(Found(para, r.start, r.end, (r.start, r.end), direct=False, cue=r.cue.text,
                               speaker=r.speaker, speaker_para=para, extra={"rule": "reported"}))
            taken.append((r.start, r.end))
            for m in inside:
                found.append(Found(para, m.start, m.end, m.inner, m.marks, nested=True))
    sent_starts = [s for s, _ in sents]
    ends = sorted(m.end for m in marked)
    for q in marked:
        if any(a <= q.start and q.end <= b + 2 for a, b in taken):
            continue
        inner = text[q.inner[0]:q.inner[1]]
        k = bisect_right(sent_starts, q.start) - 1
        k = k if k >= 0 and q.start < sents[k][1] else -1
        sent = sents[k] if k >= 0 else (0, len(text))
        # the sentence as far as a quotation's attribution is looked for (a sentence of normal length whole)
        sent = (reach_back(text, sent[0], q.start), reach_on(text, q.end, sent[1]))
        n_after = bisect_left(covering.starts, q.end)
        nxt = min(covering.starts[n_after] if n_after < len(marked) else sent[1], sent[1])
        j = bisect_right(ends, q.start)
        prev = max(ends[j - 1] if j else sent[0], sent[0])
        att = _attribution_after(text, q, nxt, language) if q.close else None
        where = "after"
        if att is None:
            att = _attribution_before(text, q, prev, sent[0], language)
            where = "before"
        whole = (_words(text[sent[0]:q.start]) <= 3 or re.search(r":\s*$", text[sent[0]:q.start])) \
            and _words(text[q.end:sent[1]]) == 0
        if att is None and whole and q.start - sent[0] <= 2:
            if k > 0:
                att = _attribution_previous(text, sents[k - 1], language)
                where = "previous"
        n = _words(inner)
        if att is not None and attribution.valid_speaker(att[0], language) is None:
            att = None  # "Pour", "Les camions de …": no speaker in the document's language
        if att is not None:
            spk, cue = attribution.valid_speaker(att[0], language), att[1]
            if n < 3 and where == "before" and not re.search(r"\b(?:call|calls|called|calling|dubbed|described)\b",
                                                               text[cue.start:q.start]) \
                    and _words(text[cue.end:q.start]) > 1:
                found.append(Found(para, q.start, q.end, q.inner, q.marks, term=True))
                continue
            found.append(Found(para, q.start, q.end, q.inner, q.marks, cue=cue.text, speaker=spk,
                               speaker_para=para, extra={"where": where, "rule": _rule(where, spk, cue, text[cue.end:q.start])}))
            continue
        if n < 4 or (_title_like(inner) and n < 12) or (not whole and n < 6):
            found.append(Found(para, q.start, q.end, q.inner, q.marks, term=True))
            continue
        att = _sentence_speaker(text, sent, q, covering, language) if not whole and q.start > sent[0] else None
        if att is not None and attribution.valid_speaker(att[0], language) is None:
            att = None
        elif att is not None:
            att = (attribution.valid_speaker(att[0], language), att[1])
        if att is not None:  # "A senior diplomat put the number “at …”": the clause's subject
            found.append(Found(para, q.start, q.end, q.inner, q.marks, speaker=att[0], speaker_para=para,
                               cue=att[1].text if att[1] else "",
                               extra={"where": "sentence", "rule": "sentence-cue" if att[1] else "sentence-subject"}))
            continue
        found.append(Found(para, q.start, q.end, q.inner, q.marks, extra={} if whole or n >= 8 else {"partial": "1"}))
    for f in found:
        if f.term:
            gloss = definition(text, f.start, f.end)
            if gloss:
                f.extra["gloss"] = gloss
    found.sort(key=lambda f: (f.start, -f.end))
    return found


DEFINED_AFTER = re.compile(r"\s*(?:\((?P<paren>[^()]{3,100})\)|,?\s+(?:which\s+|that\s+)?(?:means|meaning|refers\s+to|"
                           r"stands\s+for|is\s+defined\s+as|is\s+(?:the|a)\s+term\s+for|is\s+shorthand\s+for|"
                           r"(?:i\.e\.|that\s+is),?)\s+(?P<after>[^.;:!?“”\"]{3,140}))")
DEFINED_BEFORE = re.compile(r"\b(?P<before>(?:an?|the)\s+(?:(?!\b(?:an?|the)\b)[^,;:.!?“”\"])+?),?\s+"
                            r"(?:known|referred\s+to)\s+as\s*$", re.I)


def definition(text: str, start: int, end: int) -> str:
    """What the text says a term in quotation marks (``text[start:end]``) means, or "": a gloss in
    brackets after it, "…” means / refers to / stands for …", or "a … known as “…”"."""
    m = DEFINED_AFTER.match(text, end)
    if m:
        gloss = (m.group("paren") or m.group("after") or "").strip(" ,")
        if gloss and not re.fullmatch(r"[\d\s,.–-]+|[A-Z]{2,}|(?:see|in|at|p\.|pp\.)\b.*", gloss):
            return gloss
    m = DEFINED_BEFORE.search(text[max(0, start - 120):start])
    if m and len(m.group("before").split()) >= 2:
        return m.group("before").strip()
    return ""


def find_quotes(texts: list[str], blockquote: list[bool] | None = None, language: str | None = None,
                signed: dict | None = None) -> list[Found]:
    """All quotations in a list of paragraph texts (reading order), read as the document's ``language``;
    ``signed`` (from ``signatures``) credits the quotations of a signed block quotation to its signer."""
    found: list[Found] = []
    for k, text in enumerate(texts):
        if text is None or LINK_LABEL.match(text):
            continue  # "READ MORE: …": a link to another article, whose quotes are not this one's
        here = find_in_paragraph(text, k, bool(blockquote and blockquote[k]), language=language)
        if len(here) == 1 and here[0].extra.get("where") == "pull":
            last_name = here[0].speaker.text.split()[-1]
            if not any(t and last_name in t for j, t in enumerate(texts) if j != k):
                here = find_in_paragraph(text, k, bool(blockquote and blockquote[k]), pull=False, language=language)
        found.extend(here)
    sign(found, signed or {})
    link_groups(found, texts)
    return found


def _node(f: Found, kind_is_term: bool):
    # the marks go to the node when they are a pair; otherwise (an opening mark the paragraph never closes,
    # doubled marks) they stay in the text, and an empty "marks" says so: no edition adds marks of its own
    attr = Attr().with_kv("marks", f.marks)
    if kind_is_term:
        if f.extra.get("gloss"):
            attr = attr.with_kv("gloss", f.extra["gloss"])
        return lambda children: Term(children, attr)
    if f.group:
        attr = attr.with_kv("group", f.group)
    if f.speaker is not None:
        attr = attr.with_kv("said-by", f.speaker.text).with_kv("said-at", f"{f.speaker_para}:{f.speaker.start}")
        if f.extra.get("where") == "pull":
            attr = attr.with_kv("pull-quote", "1")
        if f.extra.get("rule"):
            attr = attr.with_kv("rule", f.extra["rule"])
        if f.speaker.role:
            attr = attr.with_kv("role", f.speaker.role)
    return lambda children: Quote(children, "", f.cue, f.direct, attr)


def _reader_quote(node) -> bool:
    """A Quote a reader made from quotation marks alone (pandoc's smart quotes), not recognised speech."""
    return isinstance(node, Quote) and not node.speaker and not node.cue and node.direct \
        and not node.attr.id and not node.attr.classes and all(k == "marks" for k, _ in node.attr.kv)


def _unwrap_reader_quotes(doc: Document) -> Document:
    """Reader-made quotes back to their words in marks, so that this pass recognises them itself."""
    def unwrap(node):
        if _reader_quote(node):
            m = node.attr.get("marks")
            m = "\u201c\u201d" if m is None else m  # "": the marks are in the text already
            return [Text(m[:1]), *node.children, Text(m[1:])]
        if isinstance(node, Para):
            return dataclasses.replace(node, children=merge_text(node.children))
        return None
    return walk(doc, unwrap)


def mark_quotes(doc: Document, ctx: Context) -> Document:
    forget_marked()  # the spans kept are this article's (for the dates pass), not the last one's
    if any(isinstance(n, Term) or (isinstance(n, Quote) and not _reader_quote(n)) for n in iter_nodes(doc)):
        return doc  # already marked (a tree read back from JSON or Markdown)
    if any(isinstance(n, Quote) for n in iter_nodes(doc)):
        doc = _unwrap_reader_quotes(doc)
    paras = list(iter_paragraphs(doc.blocks))
    texts = [plain_text(p.children) if isinstance(p, Para) else None for p, _ in paras]
    found = find_quotes(texts, [bq for _, bq in paras], doc.meta.language,
                        signatures(block_quote_paragraphs(doc.blocks), texts))
    by_para: dict[int, list[Found]] = {}
    for f in found:
        by_para.setdefault(f.para, []).append(f)

    def apply(para: Para, k: int) -> Para:
        items = []
        for f in by_para.get(k, []):
            inner = f.inner if f.marks else None
            if f.marks:
                items.append((f.start, f.end, _node(f, f.term), inner))
            else:
                s, e = f.inner
                items.append((s, e, _node(f, f.term), None))
        if not items:
            return para
        return dataclasses.replace(para, children=wrap_many(para.children, items))

    return map_paragraphs(doc, apply)


__all__ = ["BlockQuote", "Found", "Heading", "find_quotes", "mark_quotes"]
