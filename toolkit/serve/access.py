"""What a request may touch: the service only with its token (when it has one), a body up to the CLI's
input limit, files inside the service's ``--root``, folders inside its ``--output-dir``.

Paths are resolved (symbolic links followed) before they are compared, so neither ``..`` nor a link
that points out of the folder reaches anything outside it.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse

from toolkit.guard.decode import MAX_INPUT_BYTES
from toolkit.serve.build_request import RequestRefusedError

LOOPBACK_NAMES = ("localhost", "ip6-localhost")
# A body holds the article once, as JSON text or base64: room for the CLI's input limit in base64.
MAX_BODY_BYTES = MAX_INPUT_BYTES * 4 // 3 + 2**20
OPEN_PATHS = ("/health",)  # answered without the token (says nothing but "up")


def error_response(message: str, status: int, code: int, retry_after: int | None = None) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"error": message, "code": code}, status_code=status, headers=headers)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_matches(header: str | None, token: str | None) -> bool:
    """``Authorization: Bearer TOKEN`` against the service's token (no token: every request passes)."""
    if not token:
        return True
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class TokenGate:
    """ASGI middleware: with a token, every request but ``/health`` needs ``Authorization: Bearer TOKEN``."""

    def __init__(self, app, token: str | None):
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and self.token and scope.get("path") not in OPEN_PATHS:
            header = dict(scope.get("headers") or ()).get(b"authorization", b"").decode("latin-1")
            if not token_matches(header, self.token):
                response = error_response("this service needs its token: send 'Authorization: Bearer TOKEN'",
                                          401, 2)
                response.headers["WWW-Authenticate"] = "Bearer"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request's body, refused (413) as soon as it passes ``limit`` bytes."""
    too_big = RequestRefusedError(f"the request is over the {limit // 2**20} MB limit; split the article", status=413,
                             exit_code=1)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def file_in_root(root: Path | None, rel: str) -> Path:
    """The regular file ``rel`` names inside ``root``, resolved; RequestRefusedError for anything else.

    An absolute path and any path that leaves ``root`` (``..``, a symbolic link pointing out) is refused
    with 403; a file that is not there with 404.
    """
    if root is None:
        raise RequestRefusedError("this service reads no files: start it with --root FOLDER to build by 'path', or send "
                             "the article as 'text'", status=403)
    if Path(rel).is_absolute() or rel.startswith("~"):
        raise RequestRefusedError(f"'path' must be relative to the service's root, not {rel[:200]!r}", status=403)
    base = root.resolve()
    try:
        target = (base / rel).resolve(strict=True)
    except FileNotFoundError:
        if (base / rel).resolve().is_relative_to(base):
            raise RequestRefusedError(f"{rel[:200]}: no such file in the service's root; check the path", status=404,
                                 exit_code=1) from None
        raise RequestRefusedError(f"{rel[:200]}: outside the service's root", status=403) from None
    except (OSError, RuntimeError) as exc:
        raise RequestRefusedError(f"{rel[:200]}: cannot be resolved ({exc.__class__.__name__})", status=403) from None
    if not target.is_relative_to(base):
        raise RequestRefusedError(f"{rel[:200]}: outside the service's root", status=403)
    if not target.is_file():
        raise RequestRefusedError(f"{rel[:200]}: not a file; give an article file inside the service's root",
                             status=400)
    return target


def folder_in_output(output_dir: Path | None, rel: str) -> Path:
    """The folder ``rel`` names inside ``output_dir`` (made if missing), resolved; RequestRefusedError if it
    would lie outside (through a symbolic link already there) or the service writes no files."""
    if output_dir is None:
        raise RequestRefusedError("this service writes no files: start it with --output-dir FOLDER, or leave out "
                             "'output' to receive the editions as a zip", status=403)
    base = output_dir.resolve()
    folder = (base / rel).resolve()
    if not folder.is_relative_to(base):
        raise RequestRefusedError(f"{rel[:200]}: outside the service's output folder", status=403)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RequestRefusedError(f"{rel}: cannot make the output folder ({exc.strerror or exc})", status=500,
                             exit_code=1) from None
    if not folder.resolve().is_relative_to(base):  # a link made meanwhile
        raise RequestRefusedError(f"{rel[:200]}: outside the service's output folder", status=403)
    return folder


def relabel(text: str, replacements: dict[str, str]) -> str:
    """A message names the file as the client knows it, not where the service keeps it."""
    for long, short in sorted(replacements.items(), key=lambda kv: -len(kv[0])):
        if long:
            text = text.replace(long + os.sep, short + "/" if short else "").replace(long, short)
    return text
