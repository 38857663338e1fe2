"""Joins the parts of a quotation split by its attribution, and gives unattributed quotations a speaker."""

from __future__ import annotations

import itertools
import re

from toolkit.passes.speech.found import Found

WORD = re.compile(r"[\w’']+")


def _words(s: str) -> int:
    return len(WORD.findall(s))


def continues_after_attribution(p: Found, f: Found, text: str) -> bool:
    """“…,” Lopez said. “…”: one quotation split by an attribution sentence of only speaker and cue."""
    if not text or not (p.direct and f.direct and p.marks and f.marks) or p.group or f.group:
        return False
    if p.speaker is None or p.extra.get("where") != "after" or f.extra.get("partial"):
        return False
    if f.speaker is not None and not (f.extra.get("where") == "previous" and f.speaker.start == p.speaker.start):
        return False
    between = text[p.end:f.start]
    spk, cue = p.speaker, p.cue
    lo, hi = p.end, f.start
    if not (lo <= spk.start and spk.end <= hi):
        return False
    pos = text.find(cue, lo, hi) if cue else -1
    if pos < 0:
        return False
    spans = sorted([(spk.start, spk.end), (pos, pos + len(cue))])
    rest = text[lo:spans[0][0]] + text[spans[0][1]:spans[1][0]] + text[spans[1][1]:hi]
    return bool(between) and not re.search(r"\w", rest) and re.search(r"[.!?]\s*$", rest) is not None


def link_groups(found: list[Found], texts: list[str]) -> None:
    """Parts of one quotation split by its attribution share a group; unattributed parts borrow."""
    quotes = [f for f in found if not f.term and not f.nested]
    n = 0
    for i, f in enumerate(quotes):
        if f.speaker is None or f.extra.get("where") != "before" or not f.direct:
            continue
        if i == 0:
            continue
        p = quotes[i - 1]
        text = texts[f.para]
        if p.para == f.para and p.direct and p.speaker is not None and p.extra.get("where") == "after" \
                and text[f.inner[0]:f.inner[0] + 1].islower() and text[p.inner[1] - 1:p.inner[1]] == "," \
                and p.speaker.start >= p.end and f.start > p.speaker.start:
            n += 1
            p.group = p.group or f"q{p.para}-{p.start}"
            f.group = p.group
    for p, f in itertools.pairwise(quotes):
        if continues_after_attribution(p, f, texts[f.para] if f.para == p.para else ""):
            p.group = p.group or f"q{p.para}-{p.start}"
            f.group = p.group
            f.speaker, f.speaker_para, f.cue = p.speaker, p.speaker_para, p.cue
            f.extra["carried"] = "group"
            f.extra["rule"] = p.extra.get("rule", "carried-group")
    # quotations without an attribution: the next one in the paragraph, or the last one before
    last: Found | None = None
    for i, f in enumerate(quotes):
        if f.speaker is None and f.direct and not f.extra.get("partial"):
            ahead = next((g for g in quotes[i + 1:] if g.para == f.para), None)
            narrated = ahead is not None and _words(texts[f.para][f.end:ahead.start]) > 3
            follows = last is not None and last.para == f.para and last.speaker is not None \
                and last.end <= last.speaker.start < f.start  # “…,” says X, who … “…”: X goes on
            if (narrated or follows) and last is not None and last.speaker is not None and f.para - last.para <= 1:
                # “…” Narration. “…,” X said: the first quotation goes on from the last speaker
                f.speaker, f.speaker_para, f.cue = last.speaker, last.speaker_para, ""
                f.extra["carried"] = "last"
                f.extra["rule"] = "carried-on" if f.para == last.para else "carried-on-next-para"
            elif ahead is not None and ahead.speaker is not None and ahead.direct:
                f.speaker, f.speaker_para = ahead.speaker, ahead.para
                f.extra["carried"] = "next"
                f.extra["rule"] = "carried-from-next"
            elif last is not None and last.speaker is not None and f.para - last.para <= 2:
                f.speaker, f.speaker_para, f.cue = last.speaker, last.speaker_para, ""
                f.extra["carried"] = "last"
                f.extra["rule"] = "carried-last" if f.para == last.para else f"carried-last-{f.para - last.para}"
        if f.speaker is not None and f.extra.get("where") != "pull":  # a pull quote stands outside the flow
            last = f
