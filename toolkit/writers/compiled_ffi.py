"""C declarations for cffi, parsed once and kept compiled: WeasyPrint imports in 0.2 s less.

cffi's in-line ABI mode parses its C declarations with pycparser every time a process starts:
WeasyPrint's Pango/HarfBuzz/fontconfig declarations (16 KB) take about 0.17 CPU seconds of each
``import weasyprint``, a fifth of what a one-article PDF costs. cffi's documented remedy is the
*out-of-line* ABI mode: the declarations are compiled once into a small Python module that loads
in about 3 ms (https://cffi.readthedocs.io/en/latest/overview.html#out-of-line-abi-level).

``compiled_ffi(cdef, libraries)`` returns such an FFI for any declarations, compiling them into the user's
cache folder (``$XDG_CACHE_HOME/toolkit/cffi``) the first time; the module is named by a hash of
the declarations and the cffi version, so a changed declaration is a new module.
``install()`` puts a finder on ``sys.meta_path`` that loads ``weasyprint.text.ffi`` from its own
source with its ``ffi = cffi.FFI(); ffi.cdef(...)`` replaced by the compiled FFI. Nothing else of
WeasyPrint changes. Wherever anything differs from what is expected (another WeasyPrint layout,
no writable cache, ``TOOLKIT_CFFI_CACHE=0``) the normal import runs.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)
TARGET = "weasyprint.text.ffi"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toolkit" / "cffi"


def enabled() -> bool:
    """On where libraries can be kept loaded to the end (``pin``), unless TOOLKIT_CFFI_CACHE=0."""
    return (hasattr(os, "RTLD_NODELETE")
            and os.environ.get("TOOLKIT_CFFI_CACHE", "1") not in ("0", "no", "off", ""))


def pin(*names: str) -> bool:
    """Load the first of ``names`` that exists with RTLD_NODELETE, so it is never unloaded.

    A compiled FFI's library objects unload their library (dlclose) when they are freed, and at
    interpreter exit they can be freed before the last objects whose destructors call into that
    library: a segmentation fault at exit (seen with WeasyPrint's Pango objects). A library once
    opened with RTLD_NODELETE stays loaded whatever later closes it.
    """
    import ctypes

    for name in names:
        try:
            ctypes.CDLL(name, mode=os.RTLD_NOW | os.RTLD_NODELETE)
            return True
        except OSError:
            continue
    return False


def load_ffi(cdef: str, libraries: tuple[tuple[str, ...], ...] = ()):
    """An FFI for these declarations: compiled where possible (see ``compiled_ffi``), else cffi's usual one."""
    ffi = compiled_ffi(cdef, libraries)
    if ffi is None:
        import cffi

        ffi = cffi.FFI()
        ffi.cdef(cdef)
    return ffi


def compiled_ffi(cdef: str, libraries: tuple[tuple[str, ...], ...] = ()):
    """An out-of-line cffi FFI for these declarations (compiled on first use); None if off or failing.

    ``libraries``: the libraries it will open, each as the names to try in turn; they are pinned
    (``pin``) before the FFI is returned.
    """
    if not enabled():
        return None
    import cffi

    digest = hashlib.sha256(f"{cffi.__version__}\0{sys.version_info[:2]}\0{cdef}".encode()).hexdigest()[:20]
    name = f"_toolkit_cffi_{digest}"
    if name in sys.modules:
        return sys.modules[name].ffi
    path = cache_dir() / f"{name}.py"
    try:
        if not path.is_file():
            _compile(cdef, name, path)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception as exc:  # a cache is an optimisation: any failure means the slow, normal way
        log.debug("compiled cffi declarations unavailable (%s)", exc)
        return None
    sys.modules[name] = module
    for names in libraries:
        pin(*names)
    return module.ffi


def _compile(cdef: str, name: str, path: Path) -> None:
    import cffi

    builder = cffi.FFI()
    builder.set_source(name, None)  # None: ABI mode, no C compiler involved
    builder.cdef(cdef)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    with contextlib.redirect_stdout(io.StringIO()):  # cffi announces "generating ..." on stdout
        builder.emit_python_code(str(part))
    os.replace(part, path)  # atomic: a concurrent process sees the whole module or none


def _declarations(tree: ast.Module) -> tuple[int, int, str] | None:
    """Indexes of the ``ffi = cffi.FFI()`` and ``ffi.cdef('...')`` statements, and the declarations."""
    create = None
    for i, node in enumerate(tree.body):
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "ffi" and isinstance(node.value, ast.Call)
                and ast.unparse(node.value.func) == "cffi.FFI" and not node.value.args):
            create = i
        elif (create is not None and isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
              and ast.unparse(node.value.func) == "ffi.cdef" and len(node.value.args) == 1
              and not node.value.keywords and isinstance(node.value.args[0], ast.Constant)
              and isinstance(node.value.args[0].value, str)):
            return create, i, node.value.args[0].value
    return None


def _library_names(tree: ast.Module) -> list[tuple[str, ...]]:
    """The names each ``x = _dlopen(ffi, 'name', 'other name', ...)`` of the module tries, in order."""
    found = []
    for node in tree.body:
        call = node.value if isinstance(node, ast.Assign) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "_dlopen":
            found.append(tuple(a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)))
    return found


class _Loader(importlib.abc.Loader):
    def __init__(self, origin: str, tree: ast.Module, ffi):
        self.origin, self.tree, self.ffi = origin, tree, ffi

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__dict__["ffi"] = self.ffi
        exec(compile(self.tree, self.origin, "exec"), module.__dict__)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ``weasyprint.text.ffi`` for the compiled FFI; steps aside once it has been asked."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != TARGET:
            return None
        uninstall()
        try:
            return self._spec(fullname, path)
        except Exception as exc:  # any surprise: the normal import
            log.debug("normal import of %s (%s)", fullname, exc)
            return None

    def _spec(self, fullname, path):
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            return None
        source = Path(spec.origin).read_text(encoding="utf-8")
        tree = ast.parse(source, spec.origin)
        found = _declarations(tree)
        if found is None:
            return None
        create, declare, cdef = found
        libraries = _library_names(tree)
        if not libraries:  # nothing to pin: its libraries could unload before their objects
            return None
        ffi = compiled_ffi(cdef, tuple(libraries))
        if ffi is None:
            return None
        del tree.body[declare]
        del tree.body[create]
        loader = _Loader(spec.origin, tree, ffi)
        return importlib.util.spec_from_file_location(fullname, spec.origin, loader=loader,
                                                      submodule_search_locations=None)


_FINDER = _Finder()


def install() -> None:
    """Load WeasyPrint's C declarations compiled, if WeasyPrint has not been imported yet."""
    if enabled() and TARGET not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
