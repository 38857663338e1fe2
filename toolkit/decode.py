"""Turns input bytes into text: detects BOMs, UTF-8, UTF-16 and the Windows/Latin-1 encodings."""

from __future__ import annotations

import codecs

from toolkit.errors import InputError

MAX_INPUT_BYTES = 64 * 1024 * 1024


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs, control bytes)."""
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.05


def decode_text(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for binary or empty data."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"input is {len(data) // (1024 * 1024)} MB, over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit; "
            "split it into articles", path)
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise InputError(f"file starts with a {name} byte-order mark but is not valid {name}",
                                 path) from None
    if looks_binary(data):
        raise InputError("this is a binary file, not text; give a text, HTML, Markdown or DOCX file", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: Windows-1252 if its typographic bytes appear, else Latin-1 (which never fails).
    if any(0x80 <= b <= 0x9F for b in data):
        try:
            return data.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            pass
    return data.decode("latin-1"), "latin-1"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
