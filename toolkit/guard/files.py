"""The one gate for files: the input itself (``read_bytes``), what a user or a project names (``read_text``,
``read_style_sheet``; ``regular_file`` alone for the files pandoc reads) and images an edition may load
(``Resources``).

Every one passes ``regular_file`` first: symlinks resolved, a regular file (no folder, device or pipe),
nothing under ``/proc``, ``/sys`` or ``/dev``, and a size limit checked before reading and again while
reading. Nothing from the network (unless allowed: ``toolkit.guard.fetch`` fetches within limits) and
nothing outside the allowed folders is ever read. docs/security.md maps what each input may reach.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlparse

from toolkit.errors import InputError
from toolkit.guard.decode import MAX_INPUT_BYTES
from toolkit.guard.images import IMAGE_TYPES, MAX_IMAGE_BYTES, RASTER_DATA, image_ok, usable_image


class Resources:
    def __init__(self, base_dir: Path | None, extra_roots: tuple[Path, ...] = (), allow_network: bool = False):
        self.roots = tuple(p.resolve() for p in ((base_dir,) if base_dir else ()) + extra_roots)
        self.allow_network = allow_network

    def local_path(self, ref: str) -> Path | None:
        """The file ``ref`` names, if it lies inside an allowed root; else None."""
        if not ref:
            return None
        parsed = urlparse(ref)
        if parsed.scheme in ("http", "https", "data", "javascript", "ftp"):
            return None
        raw = unquote(parsed.path) if parsed.scheme == "file" else ref
        for root in self.roots:
            cand = (root / raw).resolve() if not Path(raw).is_absolute() else Path(raw).resolve()
            if cand.is_file() and any(cand.is_relative_to(r) for r in self.roots):
                return cand
        return None

    def remote(self, ref: str) -> bool:
        """True if ``ref`` is an http(s) URL this gate may fetch (``--allow-network``)."""
        return self.allow_network and urlparse(ref or "").scheme in ("http", "https")

    def available(self, ref: str) -> bool:
        """True if ``read(ref)`` gives an image: a readable local file, a remote image that was fetched, or a
        raster ``data:`` URI (an image a DOCX, ODT or EPUB carried inside it) that decodes."""
        if self.local_path(ref) is not None:
            return True
        return (self.remote(ref) or (ref or "").startswith(RASTER_DATA)) and self.read(ref) is not None

    def read(self, ref: str) -> tuple[bytes, str] | None:
        """(bytes, mime type) of an allowed image, or None."""
        if self.remote(ref):
            # imported here: urllib.request and http.client cost a cold process 20 ms, for --allow-network only
            from toolkit.guard.fetch import fetch_image

            return fetch_image(ref)
        if (ref or "").startswith(RASTER_DATA):
            return image_from_data_uri(ref)
        path = self.local_path(ref)
        if path is None:
            return None
        mime = mimetypes.guess_type(path.name)[0] or ""
        if mime not in IMAGE_TYPES:
            return None
        try:
            data = _read_within(regular_file(path, "an image", MAX_IMAGE_BYTES), path, "an image", MAX_IMAGE_BYTES)
        except InputError:
            return None
        usable = usable_image(data, mime)  # an SVG comes back sanitised: what could run or load is removed
        return (usable, mime) if usable is not None else None

    def data_uri(self, ref: str) -> str | None:
        got = self.read(ref)
        if got is None:
            return None
        data, mime = got
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"


# Kernel and device folders: their files claim a size of 0 (``/proc/self/environ``) or never end (``/dev/zero``),
# so no size check before reading holds for them; nothing a user or an article names is read from there.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def regular_file(path: str | Path, what: str, limit: int, advice: str = "") -> Path:
    """The one check before the toolkit opens (or hands pandoc) a file a user, a project file or an article
    names: the resolved path (symlinks followed) of a regular file outside ``/proc``, ``/sys`` and ``/dev``,
    at most ``limit`` bytes. Raises an InputError naming the file and saying what it was meant to be (and
    ``advice`` after a size refusal)."""
    path = Path(path)
    if "\x00" in str(path):
        raise InputError(f"cannot read {what}: the path holds a NUL byte; check the path", repr(str(path)))
    try:
        real = path.resolve()
        st = real.stat()
    except FileNotFoundError:
        raise InputError(f"cannot read {what}: no such file; check the path", str(path)) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise InputError(f"cannot read {what}: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"cannot read {what}: it is a folder, not a file", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"cannot read {what}: not a regular file (a device or pipe?); give a file", str(path))
    if any(real.is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        raise InputError(f"cannot read {what}: it is a system file ({real}), not one of yours", str(path))
    if st.st_size > limit:
        raise InputError(f"cannot read {what}: it is {size_text(st.st_size)}, over the {size_text(limit)} limit"
                         + (f"; {advice}" if advice else ""), str(path))
    return real


def _read_within(real: Path, shown: Path, what: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a file ``regular_file`` passed (it may still grow while being read)."""
    try:
        with real.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise InputError(f"cannot read {what}: permission denied; check the file's permissions", str(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", str(shown)) from None
    if len(data) > limit:
        raise InputError(f"cannot read {what}: it grew over the {size_text(limit)} limit while being read", str(shown))
    return data


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES, what: str = "the article") -> bytes:
    """The input file's bytes: ``regular_file``'s checks before reading (folders, devices, pipes, system files
    and files over ``limit`` refused), then at most ``limit`` bytes."""
    path = Path(path)
    advice = "split it into articles" if what == "the article" else ""
    return _read_within(regular_file(path, what, limit, advice), path, what, limit)


@functools.lru_cache(maxsize=32)  # asked for each edition, and by available() before read()
def image_from_data_uri(ref: str) -> tuple[bytes, str] | None:
    """(bytes, mime type) of a base64 raster ``data:`` URI that decodes as an image within the limits, or None."""
    head, _, body = ref.partition(",")
    mime = head[5:].split(";", 1)[0].lower()
    if mime not in IMAGE_TYPES or mime == "image/svg+xml" or ";base64" not in head.lower():
        return None
    if len(body) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        return None
    try:
        data = base64.b64decode(body, validate=True)
    except ValueError:
        return None
    return (data, mime) if image_ok(data, mime) else None


MAX_SETTINGS_BYTES = 4 * 2**20  # a project file, a manifest, an ignore file
MAX_STYLE_BYTES = 2 * 2**20  # a style sheet (--css, css = in toolkit.toml)
MAX_REFERENCE_DOC_BYTES = 50 * 2**20  # a DOCX/ODT whose styles an edition takes (--reference-doc)
MAX_CITATION_FILE_BYTES = 16 * 2**20  # a CSL style, a bibliography, a citation-abbreviations file
STYLE_SHEET = "CSS file"


def read_text(path: str | Path, what: str, limit: int | None = None) -> str:
    """A UTF-8 text file the user named (a style sheet, a project file, a manifest, an ignore file).

    Goes through ``regular_file`` (folders, devices, pipes, system files and files over ``limit`` are
    refused before reading); every failure is an InputError that names the file and says what it was
    meant to be: ``cannot read CSS file: no such file``. A style sheet (``what`` is ``STYLE_SHEET``) must
    also parse as CSS (``check_style_sheet``), within ``MAX_STYLE_BYTES``.
    """
    if limit is None:
        limit = MAX_STYLE_BYTES if what == STYLE_SHEET else MAX_SETTINGS_BYTES
    path = Path(path)
    data = _read_within(regular_file(path, what, limit), path, what, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"cannot read {what}: it is not UTF-8; save it as UTF-8", str(path)) from None
    if what == STYLE_SHEET:
        check_style_sheet(text, path)
    return text


def read_style_sheet(path: str | Path) -> str:
    """A user's style sheet: a regular file within ``MAX_STYLE_BYTES`` that parses as CSS."""
    return read_text(path, STYLE_SHEET)


def check_style_sheet(text: str, path: str | Path) -> None:
    """Refuse text that is not a style sheet (tinycss2): a file that is not CSS must never be copied into an
    edition as its ``style.css`` (a project file naming ``/etc/hosts`` as its ``css``). A sheet with a
    syntax error, with no rule at all (empty, or comments only), or importing another sheet (``@import``: the toolkit reads no file
    a sheet names) is refused with its line."""
    import tinycss2

    def refuse(problem: str, line: int | None = None) -> InputError:
        where = f" (line {line})" if line else ""
        return InputError(f"not a usable style sheet: {problem}{where}; give a CSS file (--css or css = in "
                          "toolkit.toml)", str(path))

    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    if not rules:  # empty, or comments only
        raise refuse("it holds no CSS rule")
    for rule in rules:
        if rule.type == "error":
            raise refuse(f"it is not CSS ({rule.message})", rule.source_line)
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            raise refuse("it imports another sheet (@import); paste that sheet's rules in instead", rule.source_line)
        if rule.type == "qualified-rule":
            if not any(t.type not in ("whitespace", "comment") for t in rule.prelude):
                raise refuse("a rule without a selector", rule.source_line)
            for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "error":
                    raise refuse(f"it is not CSS ({item.message})", item.source_line)
    for url, line in style_sheet_urls(rules):
        if REMOTE_URL.match(url):
            raise refuse(f"it loads {url[:80]} (a reader's browser or reading system would fetch it); use a "
                         "data: URL or a file beside the sheet", line)


REMOTE_URL = re.compile(r"\s*(//|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)  # a scheme or //host (data:, file: left out)
URL_FUNCTIONS = ("url", "src", "image", "image-set", "-webkit-image-set")


def style_sheet_urls(nodes) -> list[tuple[str, int]]:
    """Every URL a parsed sheet names (``url(x)``, ``url("x")``, ``image-set("x")``, ``src("x")``), with its
    line; ``data:`` and ``file:`` URLs left out (no network: the PDF's fetcher judges local files, and a
    reader's browser looks on the reader's own disk)."""
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for t in items or ():
            if t.type == "url":
                found.append((t.value, t.source_line))
            elif t.type == "function":
                if t.lower_name in URL_FUNCTIONS:
                    found.extend((a.value, a.source_line) for a in t.arguments if a.type == "string")
                walk(t.arguments)
            elif t.type in ("() block", "[] block", "{} block"):
                walk(t.content)
            elif t.type in ("qualified-rule", "at-rule"):
                walk(t.prelude)
                walk(t.content)

    walk(nodes)
    return [(u, line) for u, line in found if not u.strip().lower().startswith(("data:", "file:"))]


def read_head(path: str | Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file (to recognise its kind), or None if it cannot be read."""
    try:
        real = regular_file(path, "the file", 2**62)
        with real.open("rb") as fh:
            return fh.read(size)
    except (InputError, OSError):
        return None


def digest_file(path: str | Path, h) -> bool:
    """Feed a regular file's bytes to the hash ``h`` in chunks (a huge file is never loaded whole).

    False if it is not a readable regular file (a device, a folder, missing).
    """
    try:
        real = regular_file(path, "the file", 2**62)
        with real.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return True
    except (InputError, OSError):
        return False


def size_text(n: int) -> str:
    """``12 MB``, ``340 KB``, ``17 bytes``: a size for a message."""
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"
