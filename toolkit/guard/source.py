"""Where one article's bytes come from: a file, standard input (``-``), or a web page fetched with
``--allow-network`` through the same restricted fetcher as images."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from toolkit.errors import InputError, UsageError

STDIN = "-"
STDIN_NAME = "<stdin>"
URL_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
# a fetched page's media type -> the reader that takes it
MEDIA_READERS = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown",
                 "text/x-markdown": "markdown", "text/plain": "text", "application/json": "json"}


@dataclass(frozen=True)
class Source:
    """An input the pipeline reads: ``path`` names it (messages, the folder images come from);
    ``data`` holds its bytes when they did not come from that path (standard input, a fetched page)."""

    path: Path
    data: bytes | None = None
    fmt: str | None = None
    label: str = ""  # what the user typed, for messages

    @property
    def is_file(self) -> bool:
        return self.data is None


def is_url(arg: str) -> bool:
    return bool(URL_RE.match(arg or ""))


def is_special(arg: str) -> bool:
    """Standard input or a URL: read by ``open_source``, never by a folder walk or the batch state."""
    return arg == STDIN or is_url(arg)


def _limit(fmt: str | None) -> int:
    from toolkit.guard.decode import MAX_INPUT_BYTES, MAX_TEXT_BYTES

    return MAX_TEXT_BYTES.get(fmt or "", MAX_INPUT_BYTES)


def read_stdin(fmt: str | None) -> bytes:
    if not fmt:
        raise UsageError("reading standard input (-) needs --from FORMAT (see `toolkit formats`)")
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("'-' reads the article from standard input, which is a terminal; pipe a file into it")
    limit = _limit(fmt)
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise InputError(f"standard input holds over {limit // 2**20} MB, the limit for {fmt}; split it",
                         STDIN_NAME)
    return data


def fetch_url(url: str, fmt: str | None, allow_network: bool, folder: Path) -> Source:
    """The page at ``url`` as a Source named after it inside ``folder`` (an empty folder of the caller's:
    a fetched page must not reach the files beside the working folder)."""
    from toolkit.guard.fetch import FetchRefusedError, fetch_page

    if not allow_network:
        raise UsageError(f"{url}: is a URL; fetching it needs --allow-network (nothing is fetched without it), "
                         "or save the page and give the file")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise UsageError(f"{url}: only http and https URLs are fetched")
    try:
        data, media = fetch_page(url, _limit(fmt or "html"))
    except FetchRefusedError as exc:
        raise InputError(f"the page was not fetched: {exc}", url) from None
    if not fmt:
        fmt = MEDIA_READERS.get(media)
    name = unquote(Path(parsed.path).name) or "index"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")[:80] or "index"
    from toolkit.registry import get_registry

    spec = get_registry().reader(fmt) if fmt else None
    if spec is not None and spec.extensions and not name.lower().endswith(tuple("." + e for e in spec.extensions)):
        name = f"{name}.{spec.extensions[0]}"
    return Source(folder / name, data, fmt, url)


def open_source(arg: str, fmt: str | None, allow_network: bool, folder: Path) -> Source:
    """A file path, ``-`` or a URL, as a Source (bytes read now for ``-`` and URLs)."""
    if arg == STDIN:
        return Source(Path(STDIN_NAME), read_stdin(fmt), fmt, STDIN_NAME)
    if is_url(arg):
        return fetch_url(arg, fmt, allow_network, folder)
    return Source(Path(os.fspath(arg)), None, fmt, arg)


def relabel(text: str, source: Source) -> str:
    """A message about a fetched page names the URL, not the temporary file that held it."""
    if source.is_file or not source.label:
        return text
    return text.replace(str(source.path), source.label)
