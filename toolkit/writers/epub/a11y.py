"""Derives the EPUB's accessibility metadata (schema.org terms) from what the book holds; claims conformance
only when a person or organisation is named as its certifier (``--a11y-certifier``)."""

from __future__ import annotations

from dataclasses import dataclass

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
WCAG = "WCAG 2.1 Level AA"


@dataclass(frozen=True)
class BookFacts:
    """What the accessibility statement depends on, counted while the book is assembled."""

    images: int = 0            # images shown, the cover included
    images_with_alt: int = 0   # images with alt text written for them (the cover's is generated from its text)
    images_described: int = 0  # images with any text alternative (their alt text, or else their caption)
    animated: bool = False     # an animated image (GIF, WebP, PNG) might flash
    language_known: bool = True
    headings: bool = True
    page_map: bool = False
    page_source: str = ""


def features(facts: BookFacts) -> list[str]:
    out = ["tableOfContents", "readingOrder"]
    if facts.headings:
        out.insert(0, "structuralNavigation")
    if facts.images and facts.images_with_alt == facts.images:
        out.append("alternativeText")
    if facts.page_map:
        out += ["pageBreakMarkers", "pageNavigation"]
    out.append("displayTransformability")
    return out


def hazards(facts: BookFacts) -> list[str]:
    if facts.animated:
        return ["unknownFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"]
    return ["none"]


def conforms(facts: BookFacts) -> bool:
    """What the build can vouch for: every image has a text alternative, the language is known and nothing
    may flash. Whether the book meets the standard is for a person to certify (``--a11y-certifier``)."""
    return facts.images_described == facts.images and facts.language_known and not facts.animated


def obstacles(facts: BookFacts) -> list[str]:
    """Why the book could not meet the standard, each a clause that follows "because"."""
    why = []
    if facts.images_described < facts.images:
        missing = facts.images - facts.images_described
        why.append(f"it has {missing} image{'s' if missing > 1 else ''} without a text alternative")
    if not facts.language_known:
        why.append("its language was not stated by the source")
    if facts.animated:
        why.append("it contains an animated image that may flash")
    return why


def spoken_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def claim(facts: BookFacts, certifier: str | None) -> str:
    """The summary's first sentence: what was done to meet the standard, and who (if anyone) certified it."""
    if not conforms(facts):
        return f"This publication makes no conformance claim because {spoken_list(obstacles(facts))}."
    if certifier:
        return (f"Its conformance with EPUB Accessibility 1.1 ({WCAG}) was certified by {certifier.strip()}.")
    return (f"Its structure was generated to meet EPUB Accessibility 1.1 ({WCAG}); it has not been "
            "certified by a person.")


def summary(facts: BookFacts, certifier: str | None = None) -> str:
    said = [claim(facts, certifier)]
    nav = "It has a table of contents"
    nav += ", headings that mark its structure" if facts.headings else ""
    nav += " and one logical reading order."
    said.append(nav)
    if facts.images:
        if facts.images_with_alt == facts.images:
            said.append("Every image has alternative text.")
        elif facts.images_described == facts.images:
            said.append("Every image has a text alternative; where no alternative text was given, "
                        "the image's caption serves as one.")
    if facts.page_map:
        said.append(f"Page break markers and a page list give the page numbers of the {facts.page_source}.")
    said.append("Text size, typeface and colours follow the reading system's settings.")
    if facts.animated:
        said.append("It contains an animated image whose flashing has not been assessed.")
    else:
        said.append("It contains no flashing, motion or sound hazards.")
    return " ".join(said)


def accessibility_metadata(facts: BookFacts, certifier: str | None = None) -> list[tuple[str, str]]:
    """(property, value) pairs for ``<meta property=...>`` in the package document; the conformance claim
    (``dcterms:conformsTo``, ``a11y:certifiedBy``) only when a certifier is named and nothing rules it out."""
    meta = [("schema:accessMode", "textual")]
    if facts.images:
        meta.append(("schema:accessMode", "visual"))
    if facts.images_described == facts.images:
        meta.append(("schema:accessModeSufficient", "textual"))
    if facts.images:
        meta.append(("schema:accessModeSufficient", "textual,visual"))
    meta += [("schema:accessibilityFeature", f) for f in features(facts)]
    meta += [("schema:accessibilityHazard", h) for h in hazards(facts)]
    meta.append(("schema:accessibilitySummary", summary(facts, certifier)))
    if certifier and certifier.strip() and conforms(facts):
        meta += [("dcterms:conformsTo", CONFORMANCE), ("a11y:certifiedBy", certifier.strip())]
    return meta
