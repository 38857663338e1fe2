"""Turns the JSON body of ``POST /build`` into a checked ``BuildRequest``: the article, the formats and a
safe subset of the edition options.

Over HTTP a request may choose how the editions look (theme, paper, columns, notes, metadata) but never
name a file on the server (style sheets, citation styles, reference documents) and never turn on the
network unless the service itself was started with ``--allow-network``. Every refusal is a
``RequestRefusedError`` with the HTTP status and the exit code the command line would give.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from dataclasses import dataclass

from toolkit.errors import ToolkitError
from toolkit.guard.decode import MAX_INPUT_BYTES
from toolkit.options import Options

DEFAULT_FORMATS = ("pdf", "epub", "html")
DEFAULT_FILENAME = "article.txt"
# Edition options a request may set, with the type each takes (the Options constructor checks the values).
SAFE_OPTIONS = {"paper": str, "style": str, "columns": int, "notes": str, "pdf_variant": str, "pdf_engine": str,
                "page_map": bool,
                "embed_fonts": bool, "annotations": bool, "missing_images": str, "bleed": str, "marks": bool,
                "strict": bool, "source_date_epoch": int, "allow_network": bool, "meta": dict}
# Options that name a file on the server: a request may not (the service's own files are not the client's).
SERVER_FILE_OPTIONS = ("css", "csl", "reference_doc")
_FILENAME = re.compile(r"^[^/\\\x00-\x1f]{1,200}$")
_FOLDER_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")


class RequestRefusedError(ToolkitError):
    """A request the service will not build: ``status`` is the HTTP status, ``exit_code`` the CLI's code."""

    def __init__(self, message: str, status: int = 400, exit_code: int = 2, retry_after: int | None = None):
        super().__init__(message)
        self.status, self.exit_code, self.retry_after = status, exit_code, retry_after


@dataclass(frozen=True)
class BuildRequest:
    """One checked build request: either ``data`` (the article's bytes, named ``filename``) or ``path``
    (relative to the service's root), the formats, the options, and where the editions go."""

    formats: tuple[str, ...]
    options: Options
    filename: str = DEFAULT_FILENAME
    data: bytes | None = None
    path: str | None = None
    sidecar: bytes | None = None  # the article's NAME.meta.yaml, sent beside it
    mtime: int | None = None  # the client's file time: the EPUB's date, as in a local build
    name: str | None = None  # the editions' file name (without extension), as a manifest's output column
    output: str | None = None  # a folder inside the service's --output-dir; None: answer with a zip
    from_: str | None = None  # the reader, as --from


def _typed(body: dict, key: str, kind: type, what: str):
    value = body.get(key)
    if value is None:
        return None
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise RequestRefusedError(f"{key!r} must be {what}, not {type(value).__name__}")
    return value


def _article(body: dict) -> tuple[bytes | None, str | None]:
    given = [key for key in ("text", "data", "path") if body.get(key) is not None]
    if len(given) != 1:
        raise RequestRefusedError("give the article as exactly one of 'text' (the article itself), 'data' (its bytes "
                             "in base64, for DOCX, ODT, EPUB) or 'path' (a file inside the service's --root)")
    if given[0] == "path":
        path = _typed(body, "path", str, "a relative path inside the service's --root")
        if not path.strip():
            raise RequestRefusedError("'path' is empty; give a file inside the service's --root")
        return None, path
    if given[0] == "text":
        data = _typed(body, "text", str, "the article's text").encode("utf-8", "surrogatepass")
    else:
        try:
            data = base64.b64decode(_typed(body, "data", str, "base64 text"), validate=True)
        except (binascii.Error, ValueError):
            raise RequestRefusedError("'data' is not valid base64") from None
    if len(data) > MAX_INPUT_BYTES:
        raise RequestRefusedError(f"the article is {len(data) // 2**20} MB, over the {MAX_INPUT_BYTES // 2**20} MB limit; "
                             "split it into articles", status=413, exit_code=1)
    return data, None


def _formats(body: dict) -> tuple[str, ...]:
    from toolkit.registry import get_registry

    value = body.get("formats", list(DEFAULT_FORMATS))
    if isinstance(value, str):
        value = [f.strip() for f in value.split(",") if f.strip()]
    if not isinstance(value, list) or not value or not all(isinstance(f, str) for f in value):
        raise RequestRefusedError("'formats' must name one or more formats, e.g. [\"pdf\", \"epub\", \"html\"]")
    formats = tuple(dict.fromkeys(value))
    for fmt in formats:
        get_registry().writer(fmt)  # an unknown format: UnknownFormatError, the CLI's message
    return formats


def parse_options(raw, allow_network: bool) -> Options:
    """The request's ``options`` object as Options; the CLI's messages for bad values (UsageError)."""
    from toolkit.config.project import parse_meta

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RequestRefusedError("'options' must be an object, e.g. {\"paper\": \"letter\"}")
    for key in raw:
        if key in SERVER_FILE_OPTIONS:
            raise RequestRefusedError(f"option {key!r} names a file on the server, which a request may not; "
                                 "build locally to use it", status=403)
        if key not in SAFE_OPTIONS:
            raise RequestRefusedError(f"unknown option {key!r} (known: {', '.join(SAFE_OPTIONS)})")
    values = {key: _typed(raw, key, kind, f"a {kind.__name__}") for key, kind in SAFE_OPTIONS.items()}
    values = {key: value for key, value in values.items() if value is not None}
    if values.get("allow_network") and not allow_network:
        raise RequestRefusedError("this service was started without --allow-network; a request cannot turn it on",
                             status=403)
    meta = values.pop("meta", {})
    pairs = [(key, value) for key, value in meta.items()]
    values["meta"] = parse_meta(pairs, "options.meta")
    return dataclasses.replace(Options(), **values) if values else Options()


def check_filename(name: str) -> str:
    """A plain file name for the article (its extension picks the reader), never a path."""
    if not _FILENAME.match(name) or name in (".", "..") or name.startswith("."):
        raise RequestRefusedError(f"'filename' must be a plain file name such as article.md, not {name[:80]!r}")
    return name


def check_folder(value: str) -> str:
    """An output folder's relative name: plain parts joined by '/', no '..', nothing hidden."""
    parts = value.strip("/").split("/")
    if not value.strip("/") or not all(_FOLDER_PART.match(part) for part in parts):
        raise RequestRefusedError(f"'output' must be a folder name inside the service's output folder (letters, "
                             f"digits, '_', '-', '.'; parts joined by '/'), not {value[:80]!r}", status=403)
    return "/".join(parts)


def parse_build_request(body, allow_network: bool = False) -> BuildRequest:
    """Check a decoded JSON body; raises RequestRefusedError or UsageError (then HTTP 400, exit code 2)."""
    if not isinstance(body, dict):
        raise RequestRefusedError("the body must be a JSON object, e.g. {\"text\": \"...\", \"filename\": \"x.md\"}")
    known = {"text", "data", "path", "filename", "formats", "options", "output", "name", "mtime", "sidecar", "from"}
    unknown = sorted(set(body) - known)
    if unknown:
        raise RequestRefusedError(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(known))})")
    data, path = _article(body)
    filename = _typed(body, "filename", str, "a file name")
    if path is not None and filename is not None:
        raise RequestRefusedError("'filename' goes with 'text' or 'data'; a 'path' names its own file")
    sidecar = _typed(body, "sidecar", str, "the text of the article's .meta.yaml")
    if sidecar is not None and path is not None:
        raise RequestRefusedError("'sidecar' goes with 'text' or 'data'; a 'path' has its own beside it")
    mtime = _typed(body, "mtime", int, "seconds since 1970")
    if mtime is not None and not 0 <= mtime < 2**33:
        raise RequestRefusedError(f"'mtime' must be seconds since 1970, not {mtime}")
    name = _typed(body, "name", str, "a file name without extension")
    output = _typed(body, "output", str, "a folder name")
    from_ = _typed(body, "from", str, "a reader's name")
    if from_ is not None:
        from toolkit.registry import get_registry

        get_registry().reader(from_)  # an unknown reader: the CLI's message
    options = parse_options(body.get("options"), allow_network)
    return BuildRequest(formats=_formats(body), options=options,
                        filename=check_filename(filename) if filename is not None else DEFAULT_FILENAME,
                        data=data, path=path, sidecar=sidecar.encode("utf-8") if sidecar is not None else None,
                        mtime=mtime, name=check_filename(name) if name is not None else None,
                        output=check_folder(output) if output is not None else None, from_=from_)
