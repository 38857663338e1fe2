"""Recovers figures from page markup: the image, its alt text, caption and credit (separate or trailing)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from toolkit.readers.html.dom import class_id, collapse

CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|author|distributor|(?:^|[\s_-])source(?:$|[\s_-])|"
                          r"attribution|courtesy", re.I)
STRONG_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|courtesy|distributor", re.I)
CAPTION_CLASS = re.compile(r"caption|figcap|description|legend|(?:^|[\s_-])text(?:$|[\s_-])", re.I)
_LABEL = r"(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|videos?|credits?|source|foto)"
# "Photo: X", "Credit: X", "Image by X", "Photograph by X", "Illustration: X"
LABELLED = re.compile(rf"^\s*(?:{_LABEL})(?:\s+credits?)?\s*(?::|by\b|-|–|—)\s*(?P<who>.+?)\s*$", re.I)
# "... text. (Photo: X)", "... (AP Photo/X)", "... (X/Reuters)"
TRAILING_PAREN = re.compile(r"^(?P<cap>.*?)\s*[(\[](?P<who>[^()\[\]]{2,120})[)\]]\s*\.?\s*$", re.S)
# "... text. Photo: X" / "... text. Credit: X" / "... — Picture by X" / "... | X"
TRAILING_LABEL = re.compile(
    rf"^(?P<cap>.*?)\s*(?:[.!?\u201d\"]\s*|\s[-–—|/]\s*|\s+)(?P<who>(?:{_LABEL})(?:\s+credits?)?\s*(?::|by\b)\s*.+?)\s*$",
    re.I | re.S)
LABEL_ONLY = re.compile(rf"^\W*(?:{_LABEL})?\W*$", re.I)
PIPE_SPLIT = re.compile(r"^(?P<cap>.+?)\s+[|]\s+(?P<who>[^|]{2,100})$", re.S)
COURTESY = re.compile(r"^(?:courtesy(?:\s+of)?|via|copyright|©|\(c\))\s*", re.I)
AGENCY = re.compile(r"\b(?:AP|AFP|Reuters|Getty|EPA|PA|AAP|Shutterstock|iStock\w*|Alamy|Bloomberg|"
                    r"Associated Press|Supplied|Handout|File|Pool|Wikimedia|Unsplash|NASA|Xinhua)\b")
PLACEHOLDER_SRC = re.compile(r"^data:|blank\.gif|spacer|placeholder|lazy[-_]?load|transparent\.(?:gif|png)|1x1", re.I)
LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src",
              "data-hi-res-src", "data-img", "data-flickity-lazyload", "data-srcset", "srcset", "data-lazy-srcset")


@dataclass
class FigureParts:
    """A figure's image source, alt text, caption and credit, as found in the page."""

    src: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    caption_el: Any = None


def image_src(img: Any) -> str:
    """The image's real address: ``src`` unless it is a lazy-loading placeholder."""
    src = (img.get("src") or "").strip()
    if src and not PLACEHOLDER_SRC.search(src):
        return src
    for attr in LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value.split(",")[0].strip().split(" ")[0]
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            value = (source.get("srcset") or source.get("data-srcset") or "").strip()
            if value and not value.startswith("data:"):
                return value.split(",")[0].strip().split(" ")[0]
    return "" if src.startswith("data:") else src


def is_decorative(img: Any) -> bool:
    """Icons, avatars, tracking pixels and logos: never figures."""
    for attr in ("width", "height"):
        value = re.match(r"\d+", img.get(attr) or "")
        if value and int(value.group()) < 80:
            return True
    hint = f"{class_id(img)} {img.get('src') or ''}".lower()
    return bool(re.search(r"avatar|icon|logo|emoji|sprite|pixel|badge|gravatar|spinner|tracking", hint))


def clean_credit(text: str) -> str:
    text = collapse(text).strip(" ()[]|·•-–—")
    m = LABELLED.match(text)
    if m:
        text = m.group("who")
    text = COURTESY.sub("", text).strip(" ()[].,;|")
    return text


def looks_like_credit(text: str) -> bool:
    """A short name, agency or "X/Agency" phrase rather than a sentence."""
    words = text.split()
    if not words or len(words) > 12 or (text.endswith((".", "!", "?")) and not AGENCY.search(text)):
        return False
    if LABELLED.match(text) or "/" in text or AGENCY.search(text) or COURTESY.match(text):
        return True
    small = {"of", "for", "via", "and", "the", "by", "de", "van", "von", "der", "da", "al", "&"}
    return all(w[:1].isupper() or w.lower() in small or not w[:1].isalpha() for w in words) and len(words) <= 6


def split_trailing_credit(caption: str) -> tuple[str, str]:
    """("caption", "credit") when a caption ends with its credit line; else (caption, "")."""
    caption = collapse(caption)
    m = TRAILING_LABEL.match(caption)
    if m and len(m.group("who").split()) <= 16:
        return m.group("cap").strip(), clean_credit(m.group("who"))
    m = TRAILING_PAREN.match(caption)
    if m and looks_like_credit(m.group("who").strip()):
        return m.group("cap").strip(), clean_credit(m.group("who"))
    m = PIPE_SPLIT.match(caption)
    if m and looks_like_credit(m.group("who").strip()):
        return m.group("cap").strip(), clean_credit(m.group("who"))
    m = LABELLED.match(caption)
    if m:
        return "", clean_credit(caption)
    m = re.match(r"^(?P<cap>.*[.!?\u201d\"])\s+(?P<who>[^.!?]{2,60})$", caption, re.S)
    if m and looks_like_credit(m.group("who")) and (AGENCY.search(m.group("who")) or "/" in m.group("who")):
        return m.group("cap").strip(), clean_credit(m.group("who"))
    return caption, ""


def _text_without(el: Any, skip: list) -> str:
    """Text of ``el`` leaving out the subtrees in ``skip``."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        if any(node is s for s in skip):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    parts.append(" ")
                visit(child)
            elif child.tail:
                parts.append(child.tail)
        if node is not el and node.tail:
            parts.append(node.tail)

    visit(el)
    return collapse("".join(parts))


def _credit_elements(scope: Any) -> list:
    found = []
    for d in scope.iterdescendants():
        if not isinstance(d.tag, str) or any(f in d.iterancestors() for f in found):
            continue
        ci = class_id(d)
        text = collapse(d.text_content())
        if not text:
            continue
        if d.tag == "cite" or STRONG_CREDIT_CLASS.search(ci) or (
                CREDIT_CLASS.search(ci) and not CAPTION_CLASS.search(ci)) or (
                LABELLED.match(text) and len(text.split()) <= 16 and not LABELLED.match(text).group("who").endswith(".")):
            found.append(d)
    return found


def _caption_element(el: Any) -> Any:
    cap = el.find(".//figcaption")
    if cap is not None:
        return cap
    for d in el.iterdescendants():
        if isinstance(d.tag, str) and d.tag != "img" and CAPTION_CLASS.search(class_id(d)) \
                and not CREDIT_CLASS.search(class_id(d)) and collapse(d.text_content()):
            return d
    return None


def images_of(el: Any) -> list:
    return [el] if el.tag in ("img", "amp-img") else list(el.iter("img", "amp-img"))


def figure_parts(el: Any) -> FigureParts:
    """Image, alt, caption and credit of a figure-like element (or of a lone image)."""
    imgs = [i for i in ([el] if el.tag in ("img", "amp-img") else el.iter("img", "amp-img")) if not is_decorative(i)]
    img = imgs[0] if imgs else None
    parts = FigureParts()
    if img is not None:
        parts.src, parts.alt = image_src(img), collapse(img.get("alt") or "")
    if el.tag in ("img", "amp-img"):
        return parts
    cap_el = _caption_element(el)
    scope = cap_el if cap_el is not None else el
    credits = _credit_elements(el)
    credit_texts = [clean_credit(c.text_content()) for c in credits]
    caption = _text_without(scope, credits)
    lines = [collapse(c.text_content()) for c in el if isinstance(c.tag, str) and not images_of(c)]
    lines = [t for t in lines if t]
    if not credit_texts and cap_el is None and len(lines) >= 2 and looks_like_credit(lines[-1]):
        caption, credit = " ".join(lines[:-1]), clean_credit(lines[-1])
    elif not credit_texts:
        caption, credit = split_trailing_credit(caption)
    else:
        credit = ", ".join(dict.fromkeys(t for t in credit_texts if t and not LABEL_ONLY.match(t)))
        caption = caption.strip(" |/-–—")
    if not caption and not credit:
        for link in el.iter("a"):
            if link.get("data-caption"):
                caption, credit = split_trailing_credit(link.get("data-caption"))
                break
    parts.caption, parts.credit, parts.caption_el = caption, credit, cap_el
    return parts
