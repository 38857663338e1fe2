"""The plugin registry: readers, passes and writers from built-ins and entry points."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from toolkit import builtins
from toolkit.errors import UnknownFormatError
from toolkit.specs import PassSpec, ReaderSpec, WriterSpec

log = logging.getLogger("toolkit")

GROUPS = {"readers": "toolkit.readers", "writers": "toolkit.writers", "passes": "toolkit.passes"}


@dataclass
class Registry:
    """The readers, writers and passes by name, with plugin warnings and origins."""

    readers: dict[str, ReaderSpec] = field(default_factory=dict)
    writers: dict[str, WriterSpec] = field(default_factory=dict)
    passes: dict[str, PassSpec] = field(default_factory=dict)
    plugin_warnings: list[str] = field(default_factory=list)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) -> plugin distribution

    def describe(self, kind: str, name: str) -> str:
        """``the pass 'x'``, ``the pdf writer``, with the plugin it comes from: for error messages."""
        noun = {"readers": "reader", "writers": "writer", "passes": "pass"}[kind]
        what = f"the {noun} {name!r}" if kind == "passes" else f"the {name} {noun}"
        origin = self.origins.get((kind, name))
        return f"{what} (from the plugin {origin})" if origin else what

    def add(self, spec: Any) -> None:
        table = {ReaderSpec: self.readers, WriterSpec: self.writers, PassSpec: self.passes}[type(spec)]
        table[spec.name] = spec

    def reader(self, name: str) -> ReaderSpec:
        if name not in self.readers:
            raise UnknownFormatError(
                f"unknown input format {name!r} (known: {', '.join(sorted(self.readers))})")
        return self.readers[name]

    def writer(self, name: str) -> WriterSpec:
        if name not in self.writers:
            raise UnknownFormatError(
                f"unknown output format {name!r} (known: {', '.join(sorted(self.writers))})")
        return self.writers[name]

    def reader_for_extension(self, ext: str) -> ReaderSpec | None:
        ext = ext.lower().lstrip(".")
        for spec in self.readers.values():
            if ext in spec.extensions:
                return spec
        return None

    def format_for_name(self, name: str) -> str | None:
        """The writer whose extension ends ``name`` (the longest: ``.kepub.epub`` before ``.epub``), or None."""
        lower = name.lower()
        best = None
        for spec in self.writers.values():
            if lower.endswith("." + spec.extension.lower()) and (best is None or len(spec.extension) > len(best.extension)):
                best = spec
        return best.name if best else None

    def ordered_passes(self) -> list[PassSpec]:
        return sorted(self.passes.values(), key=lambda p: (p.order, p.name))

    def load_entry_points(self) -> None:
        """The plugins' specs, from one scan of the installed distributions' entry points (importlib.metadata
        imported here, on the first registry: a command that reads no article never pays for it)."""
        from importlib.metadata import entry_points

        every = entry_points()
        for kind, group in GROUPS.items():
            for ep in every.select(group=group):
                try:
                    spec = ep.load()
                    if callable(spec) and not isinstance(spec, (ReaderSpec, WriterSpec, PassSpec)):
                        spec = spec()
                    expected = {"readers": ReaderSpec, "writers": WriterSpec, "passes": PassSpec}[kind]
                    if not isinstance(spec, expected):
                        raise TypeError(f"entry point gave {type(spec).__name__}, not {expected.__name__}")
                    self.add(spec)
                    dist = getattr(ep, "dist", None)
                    self.origins[(kind, spec.name)] = getattr(dist, "name", None) or ep.value.split(":")[0]
                except Exception as exc:  # a broken plugin must not break the others
                    msg = f"plugin {ep.name!r} ({group}) could not be loaded: {exc.__class__.__name__}: {exc}"
                    self.plugin_warnings.append(msg)
                    log.warning(msg)


def _builtins(reg: Registry) -> None:
    for spec in builtins.SPECS:
        reg.add(spec)


_REGISTRY: Registry | None = None


def get_registry() -> Registry:
    global _REGISTRY
    if _REGISTRY is None:
        reg = Registry()
        _builtins(reg)
        reg.load_entry_points()
        _REGISTRY = reg
    return _REGISTRY


def reset_registry() -> None:
    global _REGISTRY
    _REGISTRY = None
