"""``toolkit serve`` (a resident build service) and ``build_on_server``, the build command's way of
using one (``toolkit build --server URL`` or ``$TOOLKIT_SERVER``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from toolkit.cli.options import global_options
from toolkit.errors import UsageError
from toolkit.options import Options

MIN_TOKEN = 16  # characters: a token short enough to guess protects nothing


def _token(token_file: str | None) -> str | None:
    """The token from --token-file, else $TOOLKIT_TOKEN; None when neither is given."""
    if token_file:
        from toolkit.guard.files import read_text

        token = read_text(token_file, "the token file").strip()
        where = f"--token-file {token_file}"
    else:
        token = os.environ.get("TOOLKIT_TOKEN", "").strip()
        where = "TOOLKIT_TOKEN"
    if not token:
        if token_file:
            raise UsageError(f"{where} is empty; put a long random token in it")
        return None
    if len(token) < MIN_TOKEN or any(ch.isspace() for ch in token):
        raise UsageError(f"{where}: the token must be at least {MIN_TOKEN} characters without spaces, e.g. "
                         "the output of `python -c 'import secrets; print(secrets.token_urlsafe())'`")
    return token


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; other than loopback, a token is required.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: a free port.")
@click.option("--socket", "socket_path", type=click.Path(dir_okay=False), default=None,
              help="Listen on this Unix socket instead (owner-only permissions).")
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="Folder whose files a request may name by 'path' (nothing outside it is read).")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None,
              help="Folder a request may write its editions into ('output'); else editions come back as a zip.")
@click.option("--token-file", type=click.Path(dir_okay=False), default=None,
              help="File holding the token clients must send (Authorization: Bearer); default $TOOLKIT_TOKEN.")
@click.option("-j", "--workers", type=click.IntRange(1, 256), default=None,
              help="Warm worker processes (default: the number of cores).")
@click.option("--queue", type=click.IntRange(0, 10000), default=None,
              help="Builds that may wait for a worker before requests get 503 (default: twice the workers).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Give up on an article after this many seconds (0: no limit).")
@click.option("--recycle-after", type=click.IntRange(min=1), default=200, show_default=True,
              help="Replace the workers after this many builds each.")
@click.option("--memory-limit", type=click.IntRange(min=128), default=1536, show_default=True,
              help="Replace the workers when one grows past this many MiB.")
@click.option("--grace", type=click.FloatRange(min=0), default=60, show_default=True,
              help="Seconds the builds in flight get to finish after SIGTERM.")
@click.option("--allow-network", is_flag=True, help="Let requests fetch remote images (restricted fetcher).")
@global_options
@click.pass_context
def serve(ctx, host, port, socket_path, root, output_dir, token_file, workers, queue, timeout, recycle_after,
          memory_limit, grace, allow_network) -> None:
    """Serve builds over HTTP with warm workers: POST /build, GET /health, GET /formats, GET /openapi.json.

    Loopback only by default; with another --host, clients must send the token. Stops on SIGTERM or
    Ctrl-C after the builds in flight finish (up to --grace seconds); no partial file is left.
    """
    from toolkit.batch.runner import default_jobs
    from toolkit.serve import ServiceConfig, address_of, bind, check_config, run_service

    config = ServiceConfig(root=Path(root) if root else None, output_dir=Path(output_dir) if output_dir else None,
                           token=_token(token_file), workers=workers or default_jobs(), queue=queue,
                           timeout=timeout or None, recycle_after=recycle_after, memory_limit=memory_limit,
                           allow_network=allow_network, grace=grace)
    check_config(config, host, socket_path)
    sock = bind(host, port, socket_path)
    obj = ctx.find_root().obj or {}
    verbose = obj.get("verbose", 0)
    url = address_of(sock)

    def ready() -> None:
        if not obj.get("quiet"):
            click.echo(f"toolkit: serving on {url} ({config.workers} workers"
                       f"{', token required' if config.token else ''}; SIGTERM or Ctrl-C stops it)")

    run_service(config, sock, log_level="info" if verbose else "warning", on_ready=ready)


def _relabel(message: str, sent: str, typed: str) -> str:
    """The service names a sent file by its name; the user typed a path."""
    return typed + message[len(sent):] if sent != typed and message.startswith(sent + ":") else message


def build_on_server(url: str, inputs, from_: str | None, options: Options, formats: list[str],
                    out_dir: Path, quiet: bool) -> bool:
    """``toolkit build --server URL``: each input file built by the service at ``url`` into ``out_dir``.

    Returns False, after a one-line note, when this build cannot go to the service (it cannot be
    reached, an input is not a plain file, an option names a local file): the caller then builds
    here. Exits with the command line's code when an article failed.
    """
    from toolkit.client import Client, ServiceError, ServiceUnreachableError, options_payload

    def note(why: str) -> bool:
        click.echo(f"toolkit: note: {why}; building here", err=True)
        return False

    if not inputs:
        return note("no input file for the build service")
    for arg in inputs:
        if not Path(arg).is_file():
            return note(f"{arg} is not a file (the build service takes files one by one)")
    try:
        options_payload(options)
        client = Client(url)
        client.health()
    except (UsageError, ServiceUnreachableError, ServiceError) as exc:
        return note(str(exc))
    failed = 0
    for arg in inputs:
        try:
            paths = client.build(Path(arg), formats, out_dir, options, from_=from_)
        except ServiceUnreachableError as exc:
            raise ServiceError(f"{arg}: {exc}") from None
        except ServiceError as exc:
            click.echo(f"toolkit: error: {_relabel(str(exc), Path(arg).name, arg)}", err=True)
            failed = max(failed, exc.exit_code or 1)
            continue
        if not quiet:
            for path in paths:
                click.echo(str(path))
            for w in client.warnings:
                click.echo(f"toolkit: warning: {_relabel(w, Path(arg).name, arg)}", err=True)
    if failed:
        sys.exit(failed)
    return True
