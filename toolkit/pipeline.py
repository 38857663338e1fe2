"""Runs reader -> passes -> writers, with sidecar metadata and atomic output files."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from toolkit.errors import InputError, OutputError, UnknownFormatError
from toolkit.options import Context, Options
from toolkit.registry import get_registry
from toolkit.tree.nodes import Document, Figure, Meta

log = logging.getLogger("toolkit")

META_FIELDS = {f.name for f in dataclasses.fields(Meta)}


def detect_format(path: Path, data: bytes) -> str:
    reg = get_registry()
    spec = reg.reader_for_extension(path.suffix)
    if spec is not None:
        return spec.name
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "json"
    if head.startswith(b"---"):
        return "markdown"
    raise UnknownFormatError(
        f"cannot tell the format from the extension {path.suffix or '(none)'!r}; give --from "
        f"({', '.join(sorted(reg.readers))})", str(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", str(path)) from None
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None


def load_sidecar(path: Path, ctx: Context) -> dict:
    """``INPUT.meta.yaml`` beside the input (e.g. ``article.txt.meta.yaml`` or ``article.meta.yaml``)."""
    for cand in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")):
        if cand.is_file():
            import yaml

            try:
                data = yaml.safe_load(cand.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise InputError(f"sidecar metadata is not valid YAML: {str(exc).splitlines()[0]}",
                                 str(cand)) from None
            if not isinstance(data, dict):
                raise InputError("sidecar metadata must be a mapping of fields", str(cand))
            return data
    return {}


def apply_metadata(doc: Document, data: dict, ctx: Context) -> Document:
    """Override or supply metadata fields (and the lead figure's image) from a mapping."""
    if not data:
        return doc
    changes = {}
    for key, value in data.items():
        key = {"author": "authors", "lang": "language", "dek": "subtitle", "image": "figure_image"}.get(key, key)
        if key in ("authors", "tags"):
            changes[key] = tuple(str(v) for v in (value if isinstance(value, list) else [value]))
        elif key in META_FIELDS and key != "extra":
            changes[key] = None if value is None else str(value)
        elif key in ("figure_image", "figure_alt"):
            continue
        else:
            ctx.warn(f"unknown metadata field {key!r} ignored")
    doc = dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, **changes))
    image, alt = data.get("image") or data.get("figure_image"), data.get("figure_alt")
    if image or alt:
        blocks = list(doc.blocks)
        idx = next((i for i, b in enumerate(blocks) if isinstance(b, Figure)), None)
        if idx is None:
            blocks.insert(0, Figure(str(image or ""), str(alt or "")))
        else:
            fig = blocks[idx]
            blocks[idx] = dataclasses.replace(fig, src=str(image or fig.src), alt=str(alt or fig.alt))
        doc = dataclasses.replace(doc, blocks=tuple(blocks))
    return doc


def apply_passes(doc: Document, ctx: Context, skip: Iterable[str] = ()) -> Document:
    for spec in get_registry().ordered_passes():
        if spec.name in skip:
            continue
        t0 = time.perf_counter()
        doc = spec.load()(doc, ctx)
        log.debug("pass %s: %.1f ms", spec.name, (time.perf_counter() - t0) * 1000)
    return doc


def read(path: str | os.PathLike, fmt: str | None = None, options: Options | None = None,
         ctx: Context | None = None, passes: bool = True, metadata: dict | None = None) -> Document:
    """Read an input file into an enriched Document (``metadata`` overrides the sidecar's fields)."""
    path = Path(path)
    ctx = ctx or Context(input_path=path, options=options or Options())
    ctx.input_path = path
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty; give an article", str(path))
    fmt = fmt or detect_format(path, data)
    ctx.format = fmt
    reader = get_registry().reader(fmt).load()
    doc = reader(data, ctx)
    doc = apply_metadata(doc, {**load_sidecar(path, ctx), **(metadata or {})}, ctx)
    if passes:
        doc = apply_passes(doc, ctx)
    if ctx.warnings:
        doc = dataclasses.replace(doc, warnings=tuple(dict.fromkeys((*doc.warnings, *ctx.warnings))))
    return doc


def slugify(text: str, fallback: str = "article", limit: int = 80) -> str:
    """A file-name slug that cannot leave its folder: ASCII letters, digits and hyphens."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
    return slug or fallback


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush, then rename into place."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to this folder: {exc.strerror}", str(folder)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"cannot write: {exc.strerror}", str(path)) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def render(doc: Document, fmt: str, options: Options | None = None, ctx: Context | None = None) -> bytes:
    spec = get_registry().writer(fmt)
    ctx = ctx or Context(options=options or Options())
    return spec.load()(doc, ctx.options if options is None else options, ctx)


def write(doc: Document, fmt: str, path: str | os.PathLike, options: Options | None = None,
          ctx: Context | None = None) -> Path:
    """Render ``doc`` as ``fmt`` and write it atomically to ``path``."""
    path = Path(path)
    options = options or (ctx.options if ctx else Options())
    write_atomic(path, render(doc, fmt, options, ctx))
    return path


def output_name(doc: Document, input_path: Path | None, fmt: str) -> str:
    ext = get_registry().writer(fmt).extension
    stem = slugify(doc.meta.title or "", fallback=slugify(input_path.stem if input_path else ""))
    return f"{stem}.{ext}"


def build(path: str | os.PathLike, formats: Iterable[str] = ("pdf", "epub", "html"),
          out_dir: str | os.PathLike = "build", options: Options | None = None,
          fmt: str | None = None) -> list[Path]:
    """Read one input and write each format into ``out_dir``; returns the written paths."""
    options = options or Options()
    formats = list(formats)
    for f in formats:
        get_registry().writer(f)  # fail early on an unknown format
    ctx = Context(input_path=Path(path), options=options)
    doc = read(path, fmt=fmt, options=options, ctx=ctx)
    out = Path(out_dir)
    written = []
    for f in formats:
        target = out / output_name(doc, Path(path), f)
        written.append(write(doc, f, target, options, ctx))
    return written
