"""Turns input bytes into text: detects BOMs, UTF-8, UTF-16, declared charsets, other charsets and Windows/Latin-1.

Bytes that are none of the first four go to charset-normalizer, trusted only where it is reliable:
a non-Latin script (Windows-1251, Shift-JIS, EUC-KR, GB18030, ...), or Central European text whose
Windows-1252 reading would put symbols inside words ("Wsp\u00b3praca"). Western text stays Windows-1252.

``decode_text`` returns the text and the name of the encoding it used; anything but plain UTF-8
deserves a warning (``encoding_warning``). Binary data (images, PDFs, archives, programs) is
refused with a message that says what the file seems to be.
"""

from __future__ import annotations

import codecs
import re

from toolkit.errors import InputError

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000  # characters of text in one article, after reading
# Inputs read as text (not zipped documents) larger than this are refused before any parsing:
# an article is rarely over 1 MB, and every megabyte of text costs ~250 pages of PDF. (A 4 MB
# Markdown file of one-word paragraphs still takes pandoc and the reader a minute and 600 MB.)
MAX_TEXT_BYTES = {"text": 4 * 2**20, "markdown": 4 * 2**20, "rst": 4 * 2**20, "latex": 4 * 2**20,
                  "html": 32 * 2**20, "json": 64 * 2**20}
PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "ascii")

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Signatures of binary formats people hand over by mistake, and what to tell them.
_MAGIC = (
    (b"%PDF-", "a PDF file; give the article's text, HTML, Markdown or DOCX instead"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not an article"),
    (b"\xff\xd8\xff", "a JPEG image, not an article"),
    (b"GIF87a", "a GIF image, not an article"),
    (b"GIF89a", "a GIF image, not an article"),
    (b"PK\x03\x04", "a zip archive (DOCX, ODT or EPUB?); give it its real extension or use --from"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"BZh", None),
    (b"\xfd7zXZ\x00", "an xz archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"\x7fELF", "a program, not an article"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc); save it as DOCX first"),
    (b"SQLite format 3\x00", "an SQLite database, not an article"),
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})"""
                       rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.-]{1,40})""", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252.
_WINDOWS_ALIASES = {"latin-1", "iso8859-1", "ascii", "cp1252"}


# Codec names as charset-normalizer gives them -> the label a warning shows.
_LABELS = {"cp932": "shift_jis", "cp949": "euc-kr", "iso8859_2": "iso-8859-2", "cp1250": "windows-1250",
           "cp1251": "windows-1251", "cp1253": "windows-1253", "cp1255": "windows-1255",
           "cp1256": "windows-1256", "big5": "big5", "euc_jp": "euc-jp", "koi8_r": "koi8-r", "koi8_u": "koi8-u"}
MIN_DETECT_BYTES = 24  # non-ASCII bytes needed before charset-normalizer's guess is asked for
MAX_CHAOS = 0.1  # charset-normalizer's "mess" ratio above which its guess is not trusted
CENTRAL_EUROPEAN = ("cp1250", "iso8859_2")
_LATIN_MAX = 0x24F  # letters up to Latin Extended-B are Latin script
# A symbol from the upper half of a Latin single-byte code page between two letters ("Wsp\u00b3praca"):
# a letter of another Latin code page read as Windows-1252.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u0080-\u00bf\u00d7\u00f7\u0152\u0153\u0160\u0161\u0178\u017d\u017e]"
                             r"(?=[^\W\d_])")


def _latin1_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("toolkit-latin1", _latin1_fallback)


def binary_kind(data: bytes) -> str | None:
    """What a binary file seems to be ('a PNG image, ...'), or None if it may be text."""
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if what is None and not (len(head) > 3 and head[3:4].isdigit()):
                continue  # "BZh" needs a block-size digit; otherwise it is just text starting "BZh"
            return what or "a bzip2 archive; unpack it first"
    if looks_binary(data):
        return "a binary file, not text; give a text, HTML, Markdown or DOCX file"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL (ASCII-range text in UTF-16)."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs, control bytes)."""
    sample = data[:8192]
    if sample.startswith(tuple(bom for bom, _ in _BOMS)) or _utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.05


def _declared(data: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, XML declaration), normalised, or None."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "replace").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_ALIASES else name


def _mostly_utf8(data: bytes) -> int | None:
    """The number of invalid bytes when the data is UTF-8 with a few bad bytes, else None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return bad if good and bad <= max(good // 4, 2) else None


def _non_latin_share(text: str) -> float:
    """Share of the non-ASCII letters that are outside the Latin script."""
    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    return sum(ord(ch) > _LATIN_MAX for ch in letters) / len(letters) if letters else 0.0


def _mixed_words(text: str) -> int:
    """Words that mix ASCII letters with letters of another script (a Western text read as Cyrillic)."""
    return sum(1 for w in re.findall(r"[^\W\d_]+", text)
               if any(ch.isascii() for ch in w) and any(ord(ch) > _LATIN_MAX for ch in w))


def _central_european(data: bytes) -> tuple[str, str] | None:
    """Windows-1250 or ISO-8859-2 when Windows-1252 would leave symbols inside words and they do not."""
    western = data.decode("cp1252", "toolkit-latin1")
    odd = len(_SYMBOL_IN_WORD.findall(western))
    if odd < 2:
        return None
    best = None
    for codec in CENTRAL_EUROPEAN:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        left = len(_SYMBOL_IN_WORD.findall(text))
        if left * 4 <= odd and (best is None or left < best[0]):
            best = (left, text, codec)
    return (best[1], _LABELS[best[2]]) if best else None


def detect_charset(data: bytes) -> tuple[str, str] | None:
    """(text, encoding label) from charset-normalizer where it is reliable, else None.

    Its guesses among the Latin single-byte code pages are not (short Western text comes back as
    Windows-1250 or Mac Latin-2), so there only a Central European reading that explains symbols inside
    words is taken; a non-Latin reading is taken when it is clean and its words do not mix scripts.
    """
    from charset_normalizer import from_bytes

    if sum(b > 0x7F for b in data[:200_000]) < MIN_DETECT_BYTES:
        return _central_european(data)  # a few odd bytes fit any code page
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.chaos <= MAX_CHAOS and best.encoding not in ("utf_8", "ascii"):
        codec = best.encoding
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            text = ""
        words = len(text.split()) or 1
        if text and _non_latin_share(text) >= 0.6 and _mixed_words(text) <= words // 100:
            return text, _LABELS.get(codec, codec.replace("_", "-"))
    return _central_european(data)


def decode_text(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raises InputError for binary or oversized data."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"input is {len(data) // (1024 * 1024)} MB, over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit; "
            "split it into articles", path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                label = name.upper().replace("-SIG", "")
                raise InputError(f"file starts with a {label} byte-order mark but is not valid {label}; "
                                 "save it again as UTF-8", path) from None
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    what = binary_kind(data)
    if what:
        raise InputError(f"this is {what}", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), "windows-1252" if declared == "cp1252" else declared
        except (UnicodeDecodeError, LookupError):
            pass
    bad = _mostly_utf8(data)
    if bad is not None:
        return data.decode("utf-8", "replace"), f"utf-8 ({bad} invalid byte{'s' * (bad != 1)} replaced)"
    detected = detect_charset(data)
    if detected:
        return detected
    # Not UTF-8: Windows-1252 if its typographic bytes appear (the five bytes it leaves undefined
    # keep their Latin-1 meaning, as browsers do), else Latin-1, which never fails.
    if any(0x80 <= b <= 0x9F for b in data):
        return data.decode("cp1252", "toolkit-latin1"), "windows-1252"
    return data.decode("latin-1"), "latin-1"


def encoding_warning(encoding: str) -> str | None:
    """The warning to give for text read with ``encoding`` (None for plain UTF-8)."""
    if encoding in PLAIN_ENCODINGS:
        return None
    return f"not UTF-8; read as {encoding}"


def check_text_size(size: int, fmt: str, path: str | None = None) -> None:
    """Refuse a text input too large for its reader to finish in bounded memory and time."""
    limit = MAX_TEXT_BYTES.get(fmt)
    if limit is not None and size > limit:
        raise InputError(f"{fmt} input is {size / 2**20:.0f} MB, over the {limit // 2**20} MB limit for one "
                         "article; split it into articles", path)


def normalize_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line and paragraph separators become LF."""
    return (text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
            .replace("\u2029", "\n\n").replace("\x85", "\n"))
