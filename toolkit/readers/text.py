"""Turns scraped page text (article plus page furniture) into a Document.

Each blank-line-separated block is labelled (furniture, title, kicker, tags, dek, byline,
dateline, caption, credit, heading, body) with a reason; the body is the densest run of prose
blocks (a maximum-sum window over per-block scores, as in boilerplate detectors such as BTE).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from toolkit.datetext import is_dateline, parse_date
from toolkit.decode import decode_text, normalize_newlines
from toolkit.errors import InputError
from toolkit.options import Context
from toolkit.tree.nodes import Document, Figure, Heading, Meta, Para, Text

CREDIT_RE = re.compile(
    r"^\(?\s*(?:(?:photo|image|picture|photograph|illustration|graphic|video)s?\s*(?:credit)?|credits?)"
    r"\s*(?:by\b|:|\||/)\s*(?P<who>.+?)\)?$", re.I)
INLINE_CREDIT_RE = re.compile(r"\s*[(\[]\s*(?P<who>(?:photo|image|credit)s?\s*(?:by\b|:)\s*[^)\]]+)[)\]]\s*$", re.I)
BYLINE_RE = re.compile(r"^(?:by|written by|words by|author[s]?:|story by)\s+(?P<names>.+)$", re.I)
CRUMB_SPLIT = re.compile(r"\s+(?:\||›|»|>|/|·|•)\s+")
TERMINAL = ("." , "!", "?", "\u201d", '"', "\u2019", "'", ")", "\u2026", ":")
FURNITURE_WORDS = re.compile(
    r"^(?:share|tweet|email|print|subscribe|sign up|log ?in|sign in|register|menu|search|home|"
    r"advertisement|sponsored|related|read more|more|comments?|cookie|accept|close|skip to .*|"
    r"follow us.*|newsletter|recent (?:features|posts|articles)|popular|trending|next|previous|"
    r"back to top|all rights reserved.*|copyright.*|©.*)$", re.I)


@dataclass
class Block:
    index: int
    line: int
    text: str
    label: str = "furniture"
    reason: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sentence(self) -> bool:
        return self.text.rstrip().endswith(TERMINAL) and bool(re.search(r"[a-z]", self.text))


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.split("\n")
    buf: list[str] = []
    start = 0
    for n, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not buf:
                start = n
            buf.append(line.strip())
        elif buf:
            blocks.append(Block(len(blocks), start, " ".join(buf)))
            buf = []
    return blocks


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _score(b: Block, repeats: int) -> float:
    if repeats > 1:
        return -40.0
    if b.label in ("caption", "credit"):
        return 0.0
    if FURNITURE_WORDS.match(b.text.strip()):
        return -15.0
    if b.sentence and b.words >= 8:
        return float(min(b.words, 60))
    if b.sentence and b.words >= 4:
        return b.words * 0.5
    return -6.0 - b.words * 0.5


def _max_window(scores: list[float]) -> tuple[int, int]:
    best, best_span, cur, cur_start = float("-inf"), (0, -1), 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span


def _title_like(b: Block) -> bool:
    return 2 <= b.words <= 30 and not b.text.rstrip().endswith((".", ",", ";")) and b.label == "furniture"


def classify(blocks: list[Block]) -> dict:
    """Label every block in place; return the metadata found."""
    meta: dict = {"tags": [], "authors": []}
    counts = Counter(_key(b.text) for b in blocks)
    for i, b in enumerate(blocks):
        if CREDIT_RE.match(b.text) and b.words <= 15:
            b.label, b.reason = "credit", "credit pattern"
            prev = blocks[i - 1] if i else None
            if prev is not None and prev.sentence and prev.label == "furniture":
                prev.label, prev.reason = "caption", "prose directly above a credit line"
    scores = [_score(b, counts[_key(b.text)]) for b in blocks]
    start, end = _max_window(scores)
    for b in blocks[start:end + 1]:
        if b.label in ("caption", "credit"):
            continue
        if scores[b.index] > 0:
            b.label, b.reason = "body", f"prose in the main text run (score {scores[b.index]:.0f})"
        elif counts[_key(b.text)] == 1 and 1 <= b.words <= 14 and not FURNITURE_WORDS.match(b.text) \
                and start < b.index < end and re.match(r"^[\w\"“‘'(]", b.text):
            b.label, b.reason = "heading", "short line inside the main text run"
        else:
            b.reason = f"furniture inside the text run (score {scores[b.index]:.0f})"
    head = blocks[:start]
    # breadcrumb: "A | B | C"
    crumbs: list[str] = []
    for b in head:
        parts = CRUMB_SPLIT.split(b.text)
        if 2 <= len(parts) <= 7 and all(1 <= len(p.split()) <= 4 for p in parts) and b.label == "furniture":
            crumbs = [p.strip() for p in parts]
            b.label, b.reason = "tags", "breadcrumb line (items split by a separator)"
            break
    for b in head:
        if b.label != "furniture":
            continue
        m = BYLINE_RE.match(b.text)
        if m and b.words <= 12:
            names = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", m.group("names"))
            meta["authors"] = [n.strip() for n in names if n.strip()]
            b.label, b.reason = "byline", "line starting with By"
        elif is_dateline(b.text) and "date" not in meta:
            meta["date"] = parse_date(b.text)
            b.label, b.reason = "dateline", "short line that is a date"
    # title: repeated headline-like line, else the last headline-like line before the body
    cands = [b for b in head if _title_like(b) and b.words >= 3]
    title_block = None
    if cands:
        def rank(b: Block) -> tuple:
            return (min(counts[_key(b.text)], 3), b.words >= 4, b.index)
        title_block = max(cands, key=rank)
        meta["title"] = title_block.text
        for b in head:
            if _key(b.text) == _key(title_block.text):
                b.label, b.reason = ("title", "headline: title-like line, repeated or closest to the body") \
                    if b is title_block else ("furniture", "repeat of the headline")
    first_title = next((b for b in head if _key(b.text) == _key(meta.get("title", "\0"))), None)
    if crumbs:
        kicker_block = next((b for b in head if b.text.strip() in crumbs and b.label == "furniture"), None)
        if kicker_block is not None and first_title is not None and kicker_block.index < first_title.index:
            meta["kicker"] = kicker_block.text.strip()
            kicker_block.label, kicker_block.reason = "kicker", "short line above the headline, also in the breadcrumb"
        meta["tags"] = [c for c in crumbs if c != meta.get("kicker")]
    if first_title is not None:
        for b in head:
            if b.index > first_title.index and b.label == "furniture" and b.sentence and 6 <= b.words <= 60:
                meta["subtitle"] = b.text
                b.label, b.reason = "dek", "sentence between the headline and the body"
                break
    for b in blocks:
        if not b.reason:
            b.reason = "outside the main text run"
    return meta


_EN = frozenset("the of and to in a is that for it as was with on be by at this have from".split())


def guess_language(text: str) -> str | None:
    """``en`` when common English function words make up a good share of the text."""
    words = re.findall(r"[a-z]+", text.lower())[:5000]
    if len(words) < 20:
        return None
    return "en" if sum(w in _EN for w in words) / len(words) > 0.12 else None


def read_text(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, encoding = decode_text(data, path)
    if encoding not in ("utf-8", "utf-8-sig"):
        ctx.warn(f"not UTF-8; read as {encoding}")
    text = normalize_newlines(text).replace("\u00a0", " ")
    blocks = split_blocks(text)
    if not blocks:
        raise InputError("the file is empty (no text to read); give an article", path)
    meta = classify(blocks)
    ctx.explain.extend((b.line, b.label, b.reason, b.text) for b in blocks)
    out: list = []
    pending_caption: Block | None = None
    last_body = max(b.index for b in blocks if b.label == "body") if any(
        b.label == "body" for b in blocks) else -1
    for b in blocks:
        if b.index > last_body:
            break
        if b.label == "caption":
            pending_caption = b
        elif b.label == "credit":
            credit = CREDIT_RE.match(b.text).group("who").strip()
            caption = (Text(pending_caption.text),) if pending_caption else ()
            out.append(Figure("", "", caption, (Text(credit),)))
            pending_caption = None
        elif b.label == "body":
            out.append(Para((Text(b.text),)))
        elif b.label == "heading":
            out.append(Heading(2, (Text(b.text),)))
    if not any(isinstance(b, Para) for b in out):
        raise InputError("no article text found (only page furniture); check the file", path)
    # keep a figure that precedes the body at the top, drop trailing headings
    while out and isinstance(out[-1], Heading):
        out.pop()
    return Document(
        meta=Meta(title=meta.get("title"), subtitle=meta.get("subtitle"), kicker=meta.get("kicker"),
                  tags=tuple(meta["tags"]), authors=tuple(meta["authors"]), date=meta.get("date"),
                  language=guess_language(" ".join(b.text for b in blocks if b.label == "body"))),
        blocks=tuple(out),
    )
