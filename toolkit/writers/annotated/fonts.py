"""Embeds the text faces in the HTML edition: installed fonts subset to the page's characters, as WOFF data URIs.

The faces are found with fontconfig (``fc-match``) and subset with HarfBuzz's subsetter (the
Debian package ``libharfbuzz-subset0``, through cffi: a few milliseconds a face), or with
fontTools when HarfBuzz is missing. A face that is not installed is left out and the style
sheet's fallback fonts take over, so the page still opens anywhere.
"""

from __future__ import annotations

import base64
import functools
import io
import logging
import shutil
import struct
import subprocess
import zlib

log = logging.getLogger("toolkit")

# (CSS family, fontconfig pattern, CSS weight range, CSS style)
FACES = (
    ("Charis SIL", "Charis SIL:style=Regular", "400", "normal"),
    ("Charis SIL", "Charis SIL:style=Italic", "400", "italic"),
    ("Charis SIL", "Charis SIL:style=Bold", "600 900", "normal"),
    ("Charis SIL", "Charis SIL:style=Bold Italic", "600 900", "italic"),
    ("Inter", "Inter:style=Regular", "300 450", "normal"),
    ("Inter", "Inter:style=Semi Bold", "500 900", "normal"),
)
# characters the page's own labels need, whatever the article holds
BASE_CHARS = "".join(map(chr, range(0x20, 0x7F))) + "¶§·…–—‘’“”•→↑←×%′″\u00a0"
# features beyond HarfBuzz's default set that the style sheets use
EXTRA_FEATURES = ("onum", "lnum", "pnum", "tnum", "smcp", "c2sc", "case")
HB_CDEF = """
typedef struct hb_blob_t hb_blob_t; typedef struct hb_face_t hb_face_t; typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
void hb_set_add(hb_set_t *set, uint32_t codepoint);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
uint32_t hb_tag_from_string(const char *str, int len);
"""
HB_SUBSET_FLAGS_NO_HINTING = 0x1
HB_SUBSET_SETS_NAME_ID = 4
HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6
KEEP_NAME_IDS = (13, 14)  # the licence and its address, beside HarfBuzz's default 0-6 (copyright, names)


@functools.lru_cache(maxsize=32)
def find_face(pattern: str) -> str | None:
    """The installed file of a fontconfig pattern, if it really is that family (no fallback)."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "--format=%{file}\n%{family}", pattern], capture_output=True,
                             text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = out.partition("\n")
    wanted = pattern.split(":")[0].casefold()
    if not path or wanted not in [f.strip().casefold() for f in families.split(",")]:
        return None
    return path


@functools.lru_cache(maxsize=1)
def _harfbuzz():
    try:
        from toolkit.writers.compiled_ffi import load_ffi

        ffi = load_ffi(HB_CDEF, (("libharfbuzz.so.0",), ("libharfbuzz-subset.so.0",)))
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except (ImportError, OSError, AttributeError) as exc:
        log.info("HarfBuzz subsetter unavailable (%s); using fontTools", exc)
        return None


def _subset_harfbuzz(path: str, chars: str) -> bytes | None:
    lib = _harfbuzz()
    if lib is None:
        return None
    ffi, hb, hbs = lib
    blob = hb.hb_blob_create_from_file_or_fail(path.encode())
    if blob == ffi.NULL:
        return None
    face = hb.hb_face_create(blob, 0)
    inp = hbs.hb_subset_input_create_or_fail()
    try:
        unicodes = hbs.hb_subset_input_unicode_set(inp)
        for c in chars:
            hb.hb_set_add(unicodes, ord(c))
        features = hbs.hb_subset_input_set(inp, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        for tag in EXTRA_FEATURES:
            hb.hb_set_add(features, hb.hb_tag_from_string(tag.encode(), 4))
        names = hbs.hb_subset_input_set(inp, HB_SUBSET_SETS_NAME_ID)
        for name_id in KEEP_NAME_IDS:
            hb.hb_set_add(names, name_id)
        hbs.hb_subset_input_set_flags(inp, HB_SUBSET_FLAGS_NO_HINTING)
        sub = hbs.hb_subset_or_fail(face, inp)
        if sub == ffi.NULL:
            return None
        out = hb.hb_face_reference_blob(sub)
        length = ffi.new("unsigned int *")
        data = ffi.buffer(hb.hb_blob_get_data(out, length), length[0])[:]
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(sub)
        return data or None
    finally:
        hbs.hb_subset_input_destroy(inp)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _subset_fonttools(path: str, chars: str) -> bytes | None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.hinting = False
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, *KEEP_NAME_IDS]
    font = TTFont(path, lazy=True)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted({ord(c) for c in chars}))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def woff(sfnt: bytes) -> bytes:
    """Wrap an OpenType font in WOFF 1.0 (each table zlib-compressed when that makes it smaller)."""
    flavor, count = struct.unpack(">IH", sfnt[:6])
    records = [struct.unpack(">4sIII", sfnt[12 + 16 * i:28 + 16 * i]) for i in range(count)]
    offset = 44 + 20 * count
    directory, tables = [], []
    for tag, checksum, start, length in sorted(records):
        raw = sfnt[start:start + length]
        packed = zlib.compress(raw, 9)
        data = packed if len(packed) < len(raw) else raw
        directory.append(struct.pack(">4sIIII", tag, offset, len(data), length, checksum))
        tables.append(data + b"\0" * (-len(data) % 4))
        offset += len(tables[-1])
    sfnt_size = 12 + 16 * count + sum(r[3] + (-r[3] % 4) for r in records)
    header = struct.pack(">4sIIHHIHHIIIII", b"wOFF", flavor, offset, count, 0, sfnt_size, 1, 0, 0, 0, 0, 0, 0)
    return header + b"".join(directory) + b"".join(tables)


@functools.lru_cache(maxsize=64)
def subset_face(path: str, chars: str) -> bytes | None:
    """The face at ``path`` reduced to ``chars`` (keeping its layout features), as WOFF."""
    try:
        sfnt = _subset_harfbuzz(path, chars) or _subset_fonttools(path, chars)
        return woff(sfnt) if sfnt else None
    except Exception as exc:  # a broken or unusual font must not break the page
        log.info("font %s not embedded: %s", path, exc)
        return None


def font_face_css(text: str, families: tuple[str, ...] = ("Charis SIL", "Inter")) -> str:
    """``@font-face`` rules embedding each installed face, subset to ``text`` plus the page's labels."""
    chars = "".join(sorted(set(text + BASE_CHARS) - {"\n", "\r", "\t"}))
    rules = []
    for family, pattern, weight, style in FACES:
        if family not in families:
            continue
        path = find_face(pattern)
        data = subset_face(path, chars) if path else None
        if not data:
            continue
        uri = "data:font/woff;base64," + base64.b64encode(data).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
                     f'font-display: swap; src: url({uri}) format("woff"); }}')
    return "\n".join(rules)
