"""Derives the EPUB's accessibility metadata (schema.org terms, conformance claim) from what the book holds."""

from __future__ import annotations

from dataclasses import dataclass

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


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
    """The claim holds when every image has a text alternative, the language is known and nothing may flash."""
    return facts.images_described == facts.images and facts.language_known and not facts.animated


def summary(facts: BookFacts) -> str:
    said = []
    if conforms(facts):
        said.append("This publication meets the EPUB Accessibility 1.1 and WCAG 2.1 Level AA requirements "
                    "that can be checked by machine; it was checked when it was built.")
    else:
        why = []
        if facts.images_described < facts.images:
            missing = facts.images - facts.images_described
            why.append(f"{missing} image{'s' if missing > 1 else ''} without a text alternative")
        if not facts.language_known:
            why.append("its language was not stated by the source")
        if facts.animated:
            why.append("an animated image that may flash")
        said.append("This publication makes no conformance claim because of " + " and ".join(why) + ".")
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


def accessibility_metadata(facts: BookFacts, certifier: str) -> list[tuple[str, str]]:
    """(property, value) pairs for ``<meta property=...>`` in the package document."""
    meta = [("schema:accessMode", "textual")]
    if facts.images:
        meta.append(("schema:accessMode", "visual"))
    if facts.images_described == facts.images:
        meta.append(("schema:accessModeSufficient", "textual"))
    if facts.images:
        meta.append(("schema:accessModeSufficient", "textual,visual"))
    meta += [("schema:accessibilityFeature", f) for f in features(facts)]
    meta += [("schema:accessibilityHazard", h) for h in hazards(facts)]
    meta.append(("schema:accessibilitySummary", summary(facts)))
    if conforms(facts):
        meta += [("dcterms:conformsTo", CONFORMANCE), ("a11y:certifiedBy", certifier)]
    return meta
