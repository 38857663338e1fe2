"""Starts the service: checks that its settings are safe, binds its socket, and runs the application under
uvicorn until SIGTERM or Ctrl-C.

Loopback only unless ``host`` says otherwise, and then only with a token. The socket is bound here, not
by uvicorn, so that port 0 gives a free port the caller can announce, and a Unix socket is made
readable and writable by its owner alone. On SIGTERM uvicorn stops accepting, lets the requests in
flight finish for up to ``grace`` seconds, then the application's lifespan stops the workers.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

from toolkit.errors import UsageError
from toolkit.serve.access import is_loopback
from toolkit.serve.app import ServiceConfig, make_app


def check_config(config: ServiceConfig, host: str, socket_path: str | None = None) -> None:
    """Refuse settings that would expose the service: a reachable address without a token, missing folders."""
    if socket_path is None and not is_loopback(host) and not config.token:
        raise UsageError(f"--host {host} lets other machines reach the service; give it a token (TOOLKIT_TOKEN "
                         "or --token-file FILE) so only clients that know it can build")
    for what, folder in (("--root", config.root), ("--output-dir", config.output_dir)):
        if folder is not None and folder.exists() and not folder.is_dir():
            raise UsageError(f"{what} {folder}: not a folder")
    if config.root is not None and not config.root.is_dir():
        raise UsageError(f"--root {config.root}: no such folder")


def bind(host: str, port: int, socket_path: str | None = None) -> socket.socket:
    """The listening socket: TCP on ``host:port`` (0: a free port), or a Unix socket at ``socket_path``
    readable and writable by its owner only."""
    if socket_path is not None:
        path = Path(socket_path)
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISSOCK(path.lstat().st_mode):
                raise UsageError(f"--socket {path}: a file that is not a socket is there; choose another path")
            path.unlink()  # a socket left by a service that was killed
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            sock.bind(str(path))
        except OSError as exc:
            sock.close()
            raise UsageError(f"--socket {path}: cannot listen there ({exc.strerror or exc})") from None
        finally:
            os.umask(old)
        return sock
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except (socket.gaierror, UnicodeError) as exc:
        sock.close()
        raise UsageError(f"--host {host}: not an address this machine has ({exc})") from None
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from None
    return sock


def address_of(sock: socket.socket) -> str:
    """The URL a client uses: ``http://HOST:PORT`` or ``unix:PATH``."""
    if sock.family == socket.AF_UNIX:
        return f"unix:{sock.getsockname()}"
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Stopped(BaseException):
    """The stop signal, raised again by uvicorn once it has shut down: ends ``run_service`` normally."""


def _stop(signum, frame):
    raise _Stopped


def run_service(config: ServiceConfig, sock: socket.socket, log_level: str = "warning",
                on_ready: Callable[[], None] | None = None) -> None:
    """Serve on ``sock`` until SIGTERM or SIGINT; returns once the workers have stopped.

    uvicorn handles the signal (stop accepting, finish the requests in flight, run the lifespan's
    shutdown) and then raises it again for the handler it found; ours makes that a normal return, so
    the interpreter exits cleanly (the pool's semaphores released) rather than being killed by it.
    ``on_ready`` is called once the workers are starting and the signals are handled.
    """
    import signal

    import uvicorn

    sock.listen(128)
    path = sock.getsockname() if sock.family == socket.AF_UNIX else None
    app = make_app(config, on_ready=on_ready)
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=int(config.grace) or None,
                                           server_header=False))
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server.run(sockets=[sock])
    except _Stopped:
        pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if path:
            with contextlib.suppress(OSError):
                os.unlink(path)
        sock.close()
