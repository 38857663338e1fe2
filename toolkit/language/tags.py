"""Which of a page's tags read as words people use, for subjects and keywords.

A site's content system labels pages with codes as well as words: "front-page", "apple-wwdc",
"stream-23490979" are slugs and identifiers, not subjects a reader or a catalogue would use.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+")  # lower-case words joined by hyphens or underscores
CODE = re.compile(r"\d{3,}|[_:/|\\#=@{}<>]|^\W|\W$")  # an id number, path or markup


def reads_as_words(tag: str) -> bool:
    """Whether ``tag`` is a word or phrase ("Politics", "climate change", "COVID-19"), not a code."""
    t = tag.strip()
    if not t or len(t) > 60 or SLUG.fullmatch(t) or CODE.search(t):
        return False
    return any(ch.isalpha() for ch in t)


def readable_tags(tags) -> list[str]:
    """The tags that read as words, once each, in order."""
    return list(dict.fromkeys(t.strip() for t in tags if reads_as_words(t)))
