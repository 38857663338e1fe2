"""Turns web-page bytes into a cleaned lxml tree: charset, size, nesting and element limits."""

from __future__ import annotations

import re
from typing import Any

from toolkit.errors import InputError
from toolkit.guard.decode import decode_text

MAX_HTML_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 240  # libxml2 silently flattens anything deeper than 255 levels
MAX_ELEMENTS = 500_000

# Elements whose content is never article text.
DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "button", "select", "option", "input", "textarea", "label", "dialog", "link", "meta", "head",
    "audio", "video", "map", "area",
))
# Void elements that libxml2 may leave open around what follows them: unwrapped, never dropped.
UNWRAP_TAGS = frozenset(("source", "track", "wbr"))
TEXT_CONTROLS = frozenset(("button", "label", "select", "textarea", "dialog", "map", "object", "option"))
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
    "picture", "frameset", "legend", "search",
))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
# C0 controls: lxml keeps them from the parser but refuses them when text is set (clean_tree would crash)
_NO_CONTROLS = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Class tokens that hide an element from sighted readers (screen-reader text, collapsed boxes).
HIDDEN_CLASSES = frozenset((
    "hidden", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text", "screenreader-only",
    "u-visually-hidden", "a11y-hidden", "offscreen", "is-hidden", "hide", "d-none", "sr-text",
    "element-invisible", "assistive-text", "show-for-sr",
))


def collapse(text: str) -> str:
    """Whitespace runs (including no-break spaces) to one space, trimmed."""
    return _WS.sub(" ", text.replace("\u00ad", "").replace("\ufeff", "").replace("\u200b", "")).strip()


def decode_page(data: bytes, path: str | None) -> str:
    """The page as text: UTF-8, else the charset the page declares, else Windows-1252/Latin-1."""
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"web page is {len(data) // 2**20} MB, over the {MAX_HTML_BYTES // 2**20} MB "
                         "limit for HTML input", path)
    try:
        text = data.decode("utf-8")
        return text[1:] if text.startswith("\ufeff") else text
    except UnicodeDecodeError:
        pass
    m = _CHARSET_RE.search(data[:8192])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii").lower(), errors="replace")
        except LookupError:
            pass
    return decode_text(data, path)[0]


def parse_page(data: bytes, path: str | None) -> Any:
    """Parse a page into an lxml.html tree (the ``<html>`` element), refusing what cannot be read."""
    import lxml.etree
    import lxml.html

    text = _XML_DECL_RE.sub("", decode_page(data, path), count=1).translate(_NO_CONTROLS)
    if not text.strip():
        raise InputError("the web page is empty; give an article", path)
    # huge_tree: without it libxml2 silently drops the rest of a page after a text node (an inline
    # script's state) over 10 MB; size, depth and element count are bounded here and by check_limits
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                                  default_doctype=False, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse the web page: {exc}", path) from None
    check_limits(root, path)
    return root


def check_limits(root: Any, path: str | None) -> None:
    """Refuse trees nested deeper than MAX_DEPTH or with more than MAX_ELEMENTS elements."""
    count = 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise InputError(f"web page is nested more than {MAX_DEPTH} elements deep; refused "
                             "(it cannot be an article as written)", path)
        if count > MAX_ELEMENTS:
            raise InputError(f"web page has more than {MAX_ELEMENTS} elements; refused", path)
        stack.extend((child, depth + 1) for child in el)


def is_hidden(el: Any) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") == "true" and el.tag not in ("img", "picture")):
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and not HIDDEN_CLASSES.isdisjoint(cls.lower().split())


def clean_tree(root: Any) -> Any:
    """Remove scripts, styles, forms and hidden elements in place (keeping each element's tail); a hidden
    MathML formula shown as a picture is kept in the picture's place."""
    doomed, unwrap, shown_formula = [], [], []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
        elif el.tag in UNWRAP_TAGS:
            unwrap.append(el)
        elif el.tag in DROP_TAGS and el.tag != "head":
            # a control left open by broken markup can swallow the page: unwrap it instead
            (unwrap if el.tag in TEXT_CONTROLS and len(el.text_content()) > 400 else doomed).append(el)
        elif el.tag not in ("html", "body") and is_hidden(el) and len(el.text_content()) < 400:
            if el.tag == "math" or el.find(".//math") is not None:
                shown_formula.append(el)  # the accessible copy of a formula the page shows as a picture
            else:
                doomed.append(el)  # a large hidden box is usually a collapsed part of the article
    for el in shown_formula:  # the formula's text replaces its picture
        box = el.getparent()
        doomed.extend(img for img in (box.iter("img") if box is not None else ())
                      if "math" in class_id(img) and not any(a is el for a in img.iterancestors()))
    for el in unwrap:
        el.drop_tag()
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    return root


def class_id(el: Any) -> str:
    """The element's class and id attributes, lower-cased, for boilerplate hints."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def element_text(el: Any) -> str:
    return collapse(el.text_content())
