"""What a plugin is: the specs that name a reader, a pass or a writer and where its function lives.

Built-ins (``toolkit.builtins``) and entry points both give these; ``toolkit.registry`` collects them.
A spec names its function as ``"module:attribute"`` and imports it only when first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass


def _load(target: str | Callable) -> Callable:
    if callable(target):
        return target
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class ReaderSpec:
    """``func(data: bytes, ctx: ReadContext) -> Document``."""

    name: str
    extensions: tuple[str, ...]
    target: str | Callable
    description: str = ""

    def load(self) -> Callable:
        return _load(self.target)


@dataclass(frozen=True)
class WriterSpec:
    """``func(doc, options, ctx) -> bytes``; the pipeline writes the bytes atomically."""

    name: str
    extension: str
    target: str | Callable
    description: str = ""

    def load(self) -> Callable:
        return _load(self.target)


@dataclass(frozen=True)
class PassSpec:
    """``func(doc, ctx) -> Document``; passes run by ascending ``order``."""

    name: str
    order: int
    target: str | Callable
    description: str = ""

    def load(self) -> Callable:
        return _load(self.target)
