"""Measures the rendered article body: its plain text and where each annotation sits in it.

The article's text is the text of its paragraphs and headings in order, separated by one blank
line, without the permalinks and note markers (which carry no text of the article). Measuring
the rendered HTML, not the tree, guarantees that the offsets the panels and the Web Annotation
export give are the offsets a browser finds in the page.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "pre"}
SKIP_CLASSES = {"pilcrow", "sn-ref", "cite-n", "noteref"}  # links that add no words of the article
SKIP_CONTAINERS = {"figure", "figcaption"}
SEPARATOR = "\n\n"
WORD = re.compile(r"[\w’'-]+")
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Mark:
    """One annotated element: its kind, id, paragraph and span in the article text."""

    kind: str
    id: str
    block: str
    start: int
    end: int
    exact: str
    data: dict = field(default_factory=dict, compare=False)


@dataclass
class ArticleText:
    text: str = ""
    blocks: list[tuple[str, int, int]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def block_of(self, offset: int) -> tuple[str, int, int]:
        for bid, start, end in self.blocks:
            if start <= offset <= end:
                return bid, start, end
        return "", 0, len(self.text)

    def sentence(self, mark: Mark) -> str:
        """The sentence around ``mark`` (within its paragraph)."""
        _, bstart, bend = self.block_of(mark.start)
        para = self.text[bstart:bend]
        cuts = [0] + [m.end() for m in SENTENCE_END.finditer(para)] + [len(para)]
        rel = mark.start - bstart
        for a, b in itertools.pairwise(cuts):
            if a <= rel < b:
                return para[a:b].strip()
        return para.strip()

    def of_kind(self, kind: str) -> list[Mark]:
        return [m for m in self.marks if m.kind == kind]


def _kind_of(el) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    classes = set((el.get("class") or "").split())
    if tag in ("span", "q", "blockquote") and "quote" in classes:
        return "quote"
    if "cite" in classes and el.get("data-source"):
        return "cite"
    if tag == "abbr" and el.get("title"):
        return "abbr"
    if "term" in classes:
        return "term"
    if "date" in classes:
        return "date"
    if "entity" in classes:
        return "entity"
    return None


def _is_skipped(el) -> bool:
    return bool(SKIP_CLASSES & set((el.get("class") or "").split()))


def measure(body_html: str) -> ArticleText:
    """Parse the rendered article body and locate every text block and annotation in its text."""
    from lxml import html as lhtml

    root = lhtml.fragment_fromstring(body_html or "<p></p>", create_parent="div")
    out = ArticleText()
    parts: list[str] = []
    pos = 0

    def visit(el, block: str) -> None:
        nonlocal pos
        kind = _kind_of(el)
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            if isinstance(child.tag, str) and not _is_skipped(child):
                visit(child, block)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if kind and el.get("id"):  # the exact text is filled in once the whole text is known
            out.marks.append(Mark(kind, el.get("id"), block, start, pos, "", dict(el.attrib)))

    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in TEXT_BLOCKS:
            continue
        if any(a.tag in SKIP_CONTAINERS or "sidenote" in (a.get("class") or "") for a in el.iterancestors()):
            continue
        if any(isinstance(d.tag, str) and d.tag in TEXT_BLOCKS for d in el.iterdescendants()):
            continue
        if out.blocks:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        start = pos
        visit(el, el.get("id") or "")
        out.blocks.append((el.get("id") or "", start, pos))
    out.text = "".join(parts)
    out.marks = [Mark(m.kind, m.id, m.block, m.start, m.end, out.text[m.start:m.end], m.data)
                 for m in out.marks]
    _add_block_quotes(root, out)
    out.marks.sort(key=lambda m: (m.start, -m.end))
    return out


def _add_block_quotes(root, out: ArticleText) -> None:
    """A ``<blockquote class="quote">`` spans the text of the paragraphs it holds."""
    spans = {bid: (s, e) for bid, s, e in out.blocks}
    for bq in root.iter("blockquote"):
        if _kind_of(bq) != "quote" or not bq.get("id"):
            continue
        inner = [spans[p.get("id")] for p in bq.iter("p") if p.get("id") in spans]
        if inner:
            start, end = inner[0][0], inner[-1][1]
            first = next(p.get("id") for p in bq.iter("p") if p.get("id") in spans)
            out.marks.append(Mark("quote", bq.get("id"), first, start, end, out.text[start:end], dict(bq.attrib)))


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def reading_minutes(words: int, per_minute: int = 230) -> int:
    return max(1, round(words / per_minute))
