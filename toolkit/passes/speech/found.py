"""A quotation as the finder sees it while it works: its span, marks, cue and the speaker written beside it.

Shared by ``quotes`` (which finds them) and ``links`` (which joins the parts of one quotation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.passes.speech.attribution import Speaker


@dataclass
class Found:
    """One recognised quotation (or term) in paragraph ``para``."""

    para: int
    start: int
    end: int
    inner: tuple[int, int]
    marks: str = ""
    direct: bool = True
    term: bool = False
    cue: str = ""
    speaker: Speaker | None = None
    speaker_para: int = -1
    group: str = ""
    nested: bool = False
    extra: dict = field(default_factory=dict)
