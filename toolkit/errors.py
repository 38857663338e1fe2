"""The toolkit's one exception hierarchy; each class carries the CLI exit code it maps to."""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose; ``str()`` is a one-line message."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class UsageError(ToolkitError):
    exit_code = 2


class UnknownFormatError(UsageError):
    pass


class InputError(ToolkitError):
    """The input cannot be read or makes no article."""


class SchemaError(InputError):
    """A JSON tree of the wrong shape or version."""


class OutputError(ToolkitError):
    """An output cannot be written (permissions, full disk)."""


class RenderError(ToolkitError):
    """A writer failed on a valid tree (or a strict check on its output failed)."""


class PluginError(ToolkitError):
    pass


def strict_failure(warnings: list[str]) -> ToolkitError:
    """The error ``--strict`` raises for a build that warned: the count and the first warning."""
    more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
    return ToolkitError(f"{len(warnings)} warning(s) and --strict is set: {warnings[0]}{more}")
