"""Where one article's editions go, as pandoc's users expect: ``-o out.pdf`` is a file in the format its
extension names, ``-o -`` is standard output (text formats, or binary ones to a pipe), anything else a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import UsageError

STDOUT = "-"


@dataclass(frozen=True)
class Target:
    """``folder`` for editions named after the article, else one ``file`` (None with ``stdout``) and its format."""

    folder: Path | None = None
    file: Path | None = None
    fmt: str | None = None
    stdout: bool = False


def format_for_name(name: str) -> str | None:
    """The writer whose extension ends ``name`` (see ``Registry.format_for_name``), or None."""
    from toolkit.registry import get_registry

    return get_registry().format_for_name(name)


def resolve_target(output: str, formats: list[str], formats_given: bool, single_input: bool) -> Target:
    """Read ``-o`` the way pandoc does for one input; a folder for everything else.

    ``formats_given``: ``--to`` was typed (it then decides the format, whatever the file's extension).
    """
    if output == STDOUT:
        if not single_input:
            raise UsageError("-o - (standard output) takes one input")
        if not formats_given or len(formats) != 1:
            raise UsageError("-o - (standard output) needs one format, e.g. --to html")
        return Target(fmt=formats[0], stdout=True)
    path = Path(output)
    fmt = None if path.is_dir() else format_for_name(path.name)
    if fmt is None or not single_input:
        return Target(folder=path)
    if formats_given:
        if len(formats) != 1:
            raise UsageError(f"-o {output} names one file; give one format with --to, or an output folder "
                             "for several")
        fmt = formats[0]
    return Target(file=path, fmt=fmt)


def is_binary(data: bytes) -> bool:
    """True for bytes a terminal cannot show: PDF, EPUB, DOCX, ODT (anything with NUL bytes or not UTF-8)."""
    if b"\0" in data[:65536]:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def write_stdout(data: bytes, fmt: str, stream=None) -> None:
    """Write an edition to standard output; a binary one never to a terminal."""
    import sys

    stream = stream or sys.stdout
    if is_binary(data) and stream.isatty():
        raise UsageError(f"the {fmt} edition is binary and standard output is a terminal; "
                         f"give -o FILE, or pipe it (toolkit ... -o - | cat > out.{fmt})")
    out = getattr(stream, "buffer", stream)
    out.write(data)
    out.flush()
