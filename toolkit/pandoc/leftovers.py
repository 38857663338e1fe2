"""What the tree has no node for: raw HTML, LaTeX and other formats' passages, and pandoc kinds the
toolkit does not know, turned into their text; and the count of each, one warning line per kind.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import Any

_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"(?i)^\s*<br\s*/?>\s*$")
_BLOCK_TAG = re.compile(r"(?i)</?(p|div|br|li|tr|h[1-6]|table|section|blockquote|ul|ol|dl|dt|dd|pre)\b[^>]*>")
FORMAT_NAMES = {"html": "HTML", "html4": "HTML", "html5": "HTML", "latex": "LaTeX", "tex": "LaTeX",
                "context": "ConTeXt", "openxml": "Word XML", "opendocument": "ODF XML", "rtf": "RTF",
                "typst": "Typst", "ms": "roff", "man": "roff"}


def format_name(fmt: str) -> str:
    return FORMAT_NAMES.get(fmt.lower(), fmt or "unnamed")


def is_html(fmt: str) -> bool:
    return fmt.lower() in ("html", "html4", "html5")


def is_comment(raw: str) -> bool:
    """An HTML comment and nothing else: the author's note to themselves, not the article's text
    (pandoc's Markdown writer also puts an empty one between two lists)."""
    return bool(raw.strip()) and not _COMMENT.sub("", raw).strip()


def is_break(raw: str) -> bool:
    return bool(_BREAK.match(raw))


def html_text(raw: str, block: bool = False) -> str:
    """The words of a passage of raw HTML: comments and tags removed, entities decoded."""
    text = _COMMENT.sub("", raw)
    if block:
        text = _BLOCK_TAG.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip() if block else text


def any_text(node: Any) -> str:
    """The words anywhere inside a pandoc node the toolkit does not know (its Str and Code texts)."""
    parts: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(reversed(n))
        elif isinstance(n, dict):
            t, c = n.get("t"), n.get("c")
            if t == "Str" and isinstance(c, str):
                parts.append(c)
            elif t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif t in ("Code", "Math", "RawInline", "CodeBlock", "RawBlock") and isinstance(c, list) and c \
                    and isinstance(c[-1], str):
                parts.append(c[-1])
            elif c is not None:
                stack.append(c)
    return " ".join("".join(parts).split())


class Tally:
    """Counts what a conversion had to change, by kind; one message line per kind."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def add(self, kind: str, outcome: str) -> None:
        self.counts[(kind, outcome)] += 1

    def messages(self) -> list[str]:
        """``kind: count outcome``, e.g. ``raw LaTeX block: 2 kept as plain text (...)``."""
        return [f"{kind}: {n} {outcome}" for (kind, outcome), n in self.counts.items()]
