"""Fetches a remote image for an edition, only with ``--allow-network``, and only within limits.

The one place the toolkit touches the network. An image is fetched when the user allowed it and
its URL is ``http``/``https``; it must come from a public address (no loopback, private,
link-local or reserved ones: a page must not make the toolkit probe the user's own network;
``TOOLKIT_FETCH_PRIVATE=1`` lifts that for an intranet), within ``TIMEOUT`` seconds, in at most
``MAX_REDIRECTS`` redirects (each checked the same way), and at most ``MAX_IMAGE_BYTES`` long;
what arrives must be an image that decodes, an SVG sanitised (``toolkit.guard.images.usable_image``). Anything else is refused and
the edition shows the figure without its image: a missing image never fails a build.
Each URL is fetched once per process (the three editions share it).
"""

from __future__ import annotations

import ipaddress
import logging
import mimetypes
import os
import socket
import urllib.error
import urllib.request
from collections import OrderedDict
from pathlib import Path
from urllib.parse import urlparse

from toolkit.guard.images import IMAGE_TYPES, MAX_IMAGE_BYTES, usable_image

log = logging.getLogger(__name__)
TIMEOUT = 10
MAX_REDIRECTS = 3
CACHE_BYTES = 100 * 1024 * 1024
USER_AGENT = "toolkit (article export; images for one article)"
_cache: OrderedDict[str, tuple[bytes, str] | None] = OrderedDict()


class FetchRefusedError(Exception):
    """A URL the fetcher will not follow; ``str()`` says why."""


def private_allowed() -> bool:
    return os.environ.get("TOOLKIT_FETCH_PRIVATE", "") in ("1", "yes", "on")


def check_url(url: str) -> None:
    """Raise ``FetchRefusedError`` unless ``url`` is http(s) to a public address (or private ones are allowed)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FetchRefusedError(f"not an http(s) URL: {url[:80]}")
    if parsed.username or parsed.password:
        raise FetchRefusedError("URLs with credentials are not fetched")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchRefusedError(f"cannot resolve {parsed.hostname}: {exc}") from None
    if private_allowed():
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FetchRefusedError(f"{parsed.hostname} is a private or local address ({address})")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(url: str, limit: int, accept: str = "image/*") -> tuple[bytes, str]:
    check_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchRefusedError(f"too large ({int(length)} bytes)")
            data = response.read(limit + 1)
            kind = (response.headers.get_content_type() or "").lower()
    except urllib.error.HTTPError as exc:
        raise FetchRefusedError(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchRefusedError(f"cannot fetch: {reason}") from None
    if len(data) > limit:
        raise FetchRefusedError(f"too large (over {limit} bytes)")
    return data, kind


def fetch_image(url: str) -> tuple[bytes, str] | None:
    """(bytes, mime type) of the image at ``url``, or None when refused or not an image."""
    if url in _cache:
        _cache.move_to_end(url)
        return _cache[url]
    result = None
    try:
        data, kind = _download(url, MAX_IMAGE_BYTES)
        mime = kind if kind in IMAGE_TYPES else mimetypes.guess_type(urlparse(url).path)[0] or ""
        usable = usable_image(data, mime) if mime in IMAGE_TYPES else None
        if usable is not None:
            result = (usable, mime)
        else:
            log.info("not an image, left out: %s", url[:120])
    except FetchRefusedError as exc:
        log.info("remote image left out (%s): %s", exc, url[:120])
    _remember(url, result)
    return result


def _remember(url: str, result: tuple[bytes, str] | None) -> None:
    _cache[url] = result
    while sum(len(v[0]) for v in _cache.values() if v) > CACHE_BYTES and len(_cache) > 1:
        _cache.popitem(last=False)


_fetched_folder: list[Path] = []


def fetch_to_file(url: str, limit: int, accept: str, suffix: str) -> Path:
    """The file at ``url`` (through the same checks as an image: public addresses, checked redirects,
    ``TIMEOUT``, at most ``limit`` bytes) saved in a private temporary folder removed when the process
    exits, for a program that reads only files (pandoc's ``--csl``). Raises ``FetchRefusedError``."""
    import atexit
    import shutil
    import tempfile

    data, _kind = _download(url, limit, accept=accept)
    if not _fetched_folder:
        _fetched_folder.append(Path(tempfile.mkdtemp(prefix="toolkit-fetched-")))
        atexit.register(shutil.rmtree, _fetched_folder[0], True)
    path = _fetched_folder[0] / f"fetched-{len(list(_fetched_folder[0].iterdir())) + 1}{suffix}"
    with path.open("xb") as fh:
        fh.write(data)
    return path


def fetch_page(url: str, limit: int) -> tuple[bytes, str]:
    """(bytes, media type) of the article page at ``url`` (``toolkit build URL --allow-network``), through
    the same checks as an image: public addresses only, checked redirects, ``TIMEOUT``, at most ``limit``
    bytes. Raises ``FetchRefusedError`` saying why it was not fetched."""
    return _download(url, limit, accept="text/html, application/xhtml+xml, text/markdown, text/plain;q=0.8")
