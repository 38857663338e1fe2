"""toolkit: read an article into a typed tree and publish it as PDF, EPUB and annotated HTML.

Public API::

    import toolkit
    doc = toolkit.read("seeds/kazakhstan-xinjiang-camps.txt")
    toolkit.write(doc, "pdf", "build/article.pdf")
    toolkit.build("seeds/kazakhstan-xinjiang-camps.txt", ["pdf", "epub", "html"], "build")
"""

import logging as _logging

from toolkit.errors import (
    InputError,
    OutputError,
    RenderError,
    SchemaError,
    ToolkitError,
    UnknownFormatError,
    UsageError,
)
from toolkit.options import Context, Options
from toolkit.pipeline import BuildResult, apply_passes, build, read, render, write
from toolkit.tree.nodes import Document
from toolkit.version import __version__

# A library's loggers stay silent until the application configures logging (no "last resort" output).
_logging.getLogger("toolkit").addHandler(_logging.NullHandler())

__all__ = [
    "BuildResult", "Context", "Document", "InputError", "Options", "OutputError", "RenderError", "SchemaError",
    "ToolkitError", "UnknownFormatError", "UsageError", "__version__", "apply_passes", "build", "read",
    "render", "write",
]


def __getattr__(name: str):
    """``toolkit.batch`` after a plain ``import toolkit`` (as the README's batch example writes it), imported
    only when used, so ``import toolkit`` stays light."""
    if name == "batch":
        import importlib

        return importlib.import_module("toolkit.batch")
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
