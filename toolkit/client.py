"""A Python client for ``toolkit serve``: build editions in a running service from a script.

    from toolkit.client import Client

    client = Client("http://127.0.0.1:8765")            # or "unix:/run/toolkit.sock"; token=... if it has one
    paths = client.build("notes/interview.md", out_dir="build")  # the editions, written here
    client.build("Plain text of an article ...", formats=["html"], filename="draft.txt")

A file is sent with its sidecar (``NAME.meta.yaml``) and its time, so the service's editions are the
bytes a local ``toolkit build`` of the file makes. The service's errors come back as ``ServiceError``
with the command line's message and exit code; a service that cannot be reached raises
``ServiceUnreachableError``. Only the standard library's ``http.client`` is used.
"""

from __future__ import annotations

import base64
import http.client
import io
import itertools
import json
import os
import random
import socket
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from toolkit.errors import ToolkitError, UsageError
from toolkit.options import Options

DEFAULT_FORMATS = ("pdf", "epub", "html")
MAX_WAIT = 30  # seconds: the longest Retry-After a busy service is waited for
# Options a request carries (the service refuses the rest); each with its default, left out when unchanged
SENT_OPTIONS = ("paper", "style", "columns", "notes", "pdf_variant", "pdf_engine", "page_map", "embed_fonts", "annotations",
                "missing_images", "bleed", "marks", "strict", "source_date_epoch", "allow_network")


class ServiceError(ToolkitError):
    """The service refused or failed a request: its one-line message, its exit code and the HTTP status."""

    def __init__(self, message: str, exit_code: int = 1, status: int = 500):
        super().__init__(message)
        self.exit_code, self.status = exit_code, status


class ServiceUnreachableError(ToolkitError):
    """No service answers at the URL (not started, wrong address, a Unix socket that is not there)."""


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


def options_payload(options: Options | dict | None) -> dict:
    """The request's ``options`` from Options (only what differs from the defaults) or a dict as it is.

    Raises UsageError for options that name local files (style sheets, citation styles, reference
    documents): a service cannot read them."""
    if options is None:
        return {}
    if isinstance(options, dict):
        return dict(options)
    default = Options()
    for name in ("css", "csl", "reference_doc"):
        if getattr(options, name):
            raise UsageError(f"--{name.replace('_', '-')} names a local file, which a build service cannot read; "
                             "build locally")
    payload = {name: getattr(options, name) for name in SENT_OPTIONS
               if getattr(options, name) != getattr(default, name)}
    meta: dict[str, list[str]] = {}
    for key, value in options.meta:
        meta.setdefault(key, []).append(value)
    if meta:
        payload["meta"] = {key: values if len(values) > 1 or key in ("author", "tags") else values[0]
                           for key, values in meta.items()}
    return payload


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1, localhost: the service runs on this machine."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _edition_name(name: str) -> str:
    if not name or name != Path(name).name or name.startswith("."):
        raise ServiceError(f"the service sent an edition named {name[:80]!r}, which is not a plain file name")
    return name


class Client:
    """Talks to one service at ``url`` (``http://HOST:PORT`` or ``unix:PATH``); safe to share between threads.

    ``token`` is sent as ``Authorization: Bearer TOKEN`` (default: ``$TOOLKIT_TOKEN``). A busy service
    (503) is asked again after the wait it names (spread by a random part, so that clients turned away
    together do not come back together), for up to ``busy_wait`` seconds in all, or ``retries`` times when
    that is given. ``warnings`` holds the last build's warnings (per thread: the latest build of any thread).
    """

    def __init__(self, url: str, token: str | None = None, timeout: float = 900.0, retries: int | None = None,
                 busy_wait: float = 600.0):
        self.url = url.rstrip("/")
        self.token = token if token is not None else os.environ.get("TOOLKIT_TOKEN") or None
        self.timeout, self.retries, self.busy_wait = timeout, None if retries is None else max(0, retries), busy_wait
        self.warnings: list[str] = []
        parsed = urlparse(self.url)
        if parsed.scheme == "unix":
            self._socket: str | None = unquote(parsed.path or parsed.netloc)
        elif parsed.scheme == "http+unix":
            self._socket = unquote(parsed.netloc)
        elif parsed.scheme in ("http", "https") and parsed.hostname:
            self._socket = None
        else:
            raise UsageError(f"a build service's address is http://HOST:PORT or unix:PATH, not {url!r}")
        self._parsed = parsed
        self._root: str | bool | None = False  # the service's --root, asked once (False: not yet)

    # -- transport -----------------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        if self._socket is not None:
            return _UnixConnection(self._socket, self.timeout)
        cls = http.client.HTTPSConnection if self._parsed.scheme == "https" else http.client.HTTPConnection
        return cls(self._parsed.hostname, self._parsed.port, timeout=self.timeout)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) of one call, waiting out 503 (see the class)."""
        headers = {"Accept": "application/zip, application/json"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.monotonic()
        for attempt in itertools.count():
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                status, answer = response.status, response.read()
                got = {k.lower(): v for k, v in response.getheaders()}
            except (OSError, http.client.HTTPException) as exc:
                raise ServiceUnreachableError(f"no build service answers at {self.url} "
                                         f"({getattr(exc, 'strerror', None) or exc.__class__.__name__})") from None
            finally:
                conn.close()
            wait = got.get("retry-after", "1")
            wait_s = min(MAX_WAIT, int(wait) if wait.isdigit() else 1) * random.uniform(0.5, 1.5)
            out_of_time = time.monotonic() - started + wait_s > self.busy_wait
            if status != 503 or attempt == self.retries or (self.retries is None and out_of_time):
                return status, got, answer
            time.sleep(wait_s)
        raise AssertionError("unreachable")

    def _json(self, method: str, path: str, body: dict | None = None) -> dict:
        status, _, answer = self.request(method, path, body)
        if status != 200:
            raise self._error(status, answer)
        return json.loads(answer)

    @staticmethod
    def _error(status: int, answer: bytes) -> ServiceError:
        try:
            info = json.loads(answer)
            return ServiceError(str(info["error"]), int(info.get("code", 1)), status)
        except (ValueError, KeyError, TypeError):
            text = " ".join(answer[:200].decode("utf-8", "replace").split())
            return ServiceError(f"the build service answered {status}: {text or 'no message'}", 1, status)

    # -- calls ---------------------------------------------------------------------------------------
    def health(self) -> dict:
        """``GET /health``: ``{"status": "ok", "workers": ..., "builds": ...}``."""
        return self._json("GET", "/health")

    def formats(self) -> dict:
        """``GET /formats``: the service's readers and writers."""
        return self._json("GET", "/formats")

    def build(self, source: str | os.PathLike, formats=DEFAULT_FORMATS, out_dir: str | os.PathLike = "build",
              options: Options | dict | None = None, *, filename: str | None = None, name: str | None = None,
              output: str | None = None, from_: str | None = None, on_server: bool = False) -> list[Path]:
        """Build the editions of ``source`` and return their paths.

        ``source`` is a file (a Path, or a str naming a file that exists), else the article's text.
        With ``on_server``, it is a path inside the service's ``--root`` instead. The editions are
        written into ``out_dir`` (atomically); with ``output``, the service writes them into that
        folder of its ``--output-dir``, and the paths returned are relative to it.

        Raises:
            ServiceError: the service's error (``exit_code`` and message as the command line's).
            ServiceUnreachableError: nothing answers at the URL.
        """
        body: dict = {"formats": [formats] if isinstance(formats, str) else list(formats),
                      "options": options_payload(options)}
        if on_server:
            body["path"] = os.fspath(source)
        elif isinstance(source, os.PathLike) or ("\n" not in source and Path(source).is_file()):
            rel = self._path_in_root(Path(source))
            body.update({"path": rel} if rel is not None else self._file_fields(Path(source)))
        else:
            body["text"] = source
            body["filename"] = filename or "article.txt"
        if filename and "filename" in body:
            body["filename"] = filename
        for key, value in (("name", name), ("output", output), ("from", from_)):
            if value is not None:
                body[key] = value
        status, headers, answer = self.request("POST", "/build", body)
        if status != 200:
            raise self._error(status, answer)
        if output is not None:
            info = json.loads(answer)
            self.warnings = list(info.get("warnings") or [])
            return [Path(p) for p in info["outputs"]]
        try:
            self.warnings = list(json.loads(headers.get("x-toolkit-warnings") or "[]"))
        except ValueError:
            self.warnings = []
        return self._unpack(answer, Path(out_dir))

    def _path_in_root(self, path: Path) -> str | None:
        """The file's path inside the service's root when the service runs on this machine (loopback or a
        Unix socket) and the file lies there: it then reads the file itself, as a local build does (the
        same bytes, the EPUB's identity from the same path), and nothing is sent."""
        if self._socket is None and not is_loopback(self._parsed.hostname or ""):
            return None
        if self._root is False:
            try:
                self._root = self.health().get("root") or None
            except ToolkitError:
                self._root = None
        if not self._root:
            return None
        real = path.resolve()
        return real.relative_to(self._root).as_posix() if real.is_relative_to(self._root) else None

    @staticmethod
    def _file_fields(path: Path) -> dict:
        """The file's bytes (text when it is UTF-8, else base64), its name, time and sidecar."""
        from toolkit.guard.files import read_bytes, read_text

        data = read_bytes(path)
        fields: dict = {"filename": path.name, "mtime": int(path.stat().st_mtime)}
        try:
            fields["text"] = data.decode("utf-8")
        except UnicodeDecodeError:
            fields["data"] = base64.b64encode(data).decode("ascii")
        for sidecar in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
            if sidecar.is_file():
                fields["sidecar"] = read_text(sidecar, "the article's metadata file")
                break
        return fields

    @staticmethod
    def _unpack(answer: bytes, out_dir: Path) -> list[Path]:
        from toolkit.output import write_atomic

        try:
            archive = zipfile.ZipFile(io.BytesIO(answer))
            editions = [(_edition_name(info.filename), archive.read(info)) for info in archive.infolist()]
        except (zipfile.BadZipFile, KeyError) as exc:
            raise ServiceError(f"the build service sent no readable zip ({exc})") from None
        paths = []
        for name, data in editions:  # every edition read before any is written
            write_atomic(out_dir / name, data)
            paths.append(out_dir / name)
        return paths

