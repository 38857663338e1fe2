"""The HTTP application of ``toolkit serve`` (Starlette): ``POST /build``, ``GET /health``, ``GET /formats``,
``GET /openapi.json``.

A build request is checked (``build_request``), confined (``access``), admitted or refused with 503
(``pool``), built in a warm worker, and answered with a zip of the editions or, with ``output``, written
atomically into the service's output folder. Every error is ``{"error": message, "code": exit code}``
with the command line's message.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from toolkit.batch.article import ArticleResult
from toolkit.batch.inputs import ArticleJob
from toolkit.errors import InputError, ToolkitError, UsageError
from toolkit.serve.access import (
    TokenGate,
    error_response,
    file_in_root,
    folder_in_output,
    read_body,
    relabel,
    token_matches,
)
from toolkit.serve.build_request import BuildRequest, RequestRefusedError, parse_build_request
from toolkit.serve.pool import BuildPool

log = logging.getLogger("toolkit")

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the same editions give the same zip


@dataclass
class ServiceConfig:
    """How a service runs: where it may read and write, its token, its workers and limits."""

    root: Path | None = None
    output_dir: Path | None = None
    token: str | None = None
    workers: int = 2
    queue: int | None = None
    timeout: float | None = 300.0
    recycle_after: int = 200
    memory_limit: int = 1536  # MiB per worker before the workers are replaced
    allow_network: bool = False
    grace: float = 60.0  # seconds in-flight builds get to finish after SIGTERM


def _status_of(exc: ToolkitError) -> int:
    if isinstance(exc, RequestRefusedError):
        return exc.status
    if isinstance(exc, UsageError):
        return 400
    return 422 if isinstance(exc, InputError) else 500


def _result_status(result: ArticleResult) -> int:
    if result.exit_code == 2:
        return 400
    return 504 if "gave up after" in (result.error or "") else 422


def _stage_article(req: BuildRequest, folder: Path) -> Path:
    """Write a sent article (and its sidecar) where the worker reads it, dated as the client's file."""
    from toolkit.output import write_atomic

    path = folder / req.filename
    write_atomic(path, req.data or b"")
    if req.sidecar is not None:
        write_atomic(folder / (req.filename + ".meta.yaml"), req.sidecar)
    if req.mtime is not None:
        os.utime(path, (req.mtime, req.mtime))
    return path


def _edition_names(result: ArticleResult, formats: tuple[str, ...]) -> list[tuple[str, bytes]]:
    from toolkit.registry import get_registry

    stem = result.stem or "article"
    return [(f"{stem}.{get_registry().writer(fmt).extension}", result.outputs[fmt]) for fmt in formats]


def zip_editions(editions: list[tuple[str, bytes]]) -> bytes:
    """The editions in one zip, with fixed dates: the same editions give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in editions:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name.endswith((".epub", ".pdf")) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _write_editions(folder: Path, editions: list[tuple[str, bytes]]) -> list[str]:
    """Every edition renamed into place whole (``write_atomic``): a stopped service leaves no partial file."""
    from toolkit.output import write_atomic

    for name, data in editions:
        write_atomic(folder / name, data)
    return [name for name, _ in editions]


def make_app(config: ServiceConfig, pool: BuildPool | None = None,
             on_ready: Callable[[], None] | None = None) -> TokenGate:
    """The ASGI application (Starlette behind the token gate); its lifespan starts the warm workers (then
    calls ``on_ready``) and stops them on shutdown."""
    import anyio.to_thread

    pool = pool or BuildPool(config.workers, config.queue, config.timeout, config.recycle_after,
                             config.memory_limit)
    work = {"dir": None}

    async def build(request: Request) -> Response:
        body = await read_body(request)
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise RequestRefusedError(f"the body is not JSON ({str(exc)[:120]})") from None
        req = parse_build_request(payload, config.allow_network)
        target = file_in_root(config.root, req.path) if req.path is not None else None
        folder = folder_in_output(config.output_dir, req.output) if req.output is not None else None
        pool.admit()
        try:
            staging = Path(tempfile.mkdtemp(prefix="request-", dir=work["dir"]))
            try:
                if target is None:
                    source = await anyio.to_thread.run_sync(_stage_article, req, staging)
                    labels = {str(staging): ""}
                else:
                    source, labels = target, {str(target): req.path}
                job = ArticleJob(input=str(source), name=req.name, fmt=req.from_)
                result = await pool.build(job, req.options, req.formats)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        finally:
            pool.release()
        warnings = [relabel(w, labels) for w in result.warnings]
        if result.error:
            return error_response(relabel(result.error, labels), _result_status(result), result.exit_code or 1)
        editions = _edition_names(result, req.formats)
        if folder is not None:
            names = await anyio.to_thread.run_sync(_write_editions, folder, editions)
            rel = folder.relative_to(config.output_dir.resolve()).as_posix()
            return JSONResponse({"outputs": [f"{rel}/{name}" for name in names], "warnings": warnings})
        headers = {"X-Toolkit-Warnings": json.dumps(warnings[:50], ensure_ascii=True)[:8000],
                   "Content-Disposition": f'attachment; filename="{(result.stem or "article")[:80]}.zip"'}
        return Response(zip_editions(editions), media_type="application/zip", headers=headers)

    async def health(request: Request) -> Response:
        from toolkit.version import __version__

        stats = pool.stats
        info = {"status": "ok", "version": __version__, "workers": pool.workers, "admitted": pool.admitted,
                "capacity": pool.capacity, "builds": stats.builds, "failed": stats.failed, "refused": stats.refused,
                "generations": stats.generations}
        if token_matches(request.headers.get("authorization"), config.token):  # where it reads: clients only
            info["root"] = str(config.root.resolve()) if config.root else None
            info["output_dir"] = str(config.output_dir.resolve()) if config.output_dir else None
        return JSONResponse(info)

    async def formats(request: Request) -> Response:
        from toolkit.registry import get_registry

        reg = get_registry()
        return JSONResponse({
            "readers": [{"name": s.name, "extensions": list(s.extensions), "description": s.description}
                        for s in reg.readers.values()],
            "writers": [{"name": s.name, "extension": s.extension, "description": s.description}
                        for s in reg.writers.values()]})

    async def openapi(request: Request) -> Response:
        from toolkit.serve.openapi import describe_service

        return JSONResponse(describe_service())

    async def refused(request: Request, exc: ToolkitError) -> Response:
        return error_response(str(exc), _status_of(exc), exc.exit_code, getattr(exc, "retry_after", None))

    async def internal(request: Request, exc: Exception) -> Response:
        log.debug("internal error", exc_info=exc)
        detail = " ".join(str(exc).split())[:300]
        return error_response(f"internal error: {exc.__class__.__name__}: {detail}", 500, 1)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        work["dir"] = tempfile.mkdtemp(prefix="toolkit-serve-")
        pool.start()
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(pool.close, config.grace)
            shutil.rmtree(work["dir"], ignore_errors=True)

    routes = [Route("/build", build, methods=["POST"]), Route("/health", health, methods=["GET"]),
              Route("/formats", formats, methods=["GET"]), Route("/openapi.json", openapi, methods=["GET"])]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={ToolkitError: refused, Exception: internal})
    app.state.pool = pool
    return TokenGate(app, config.token)
