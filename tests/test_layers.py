"""The layers of toolkit/ (docs/architecture.md): no import circle, contracts that fail on a forbidden import,
only the command line prints or exits, and only the guard opens what a user or an article names."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every toolkit module ``name`` imports, at the top or inside a function (both make a circle)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for target in targets:
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            if target in known and target != name and target != "toolkit":
                found.add(target)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_anywhere():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    assert circles(graph) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_contracts_hold_and_fail_on_a_forbidden_import(tmp_path):
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed (make test installs it)")
    config = ROOT / ".importlinter"
    ok = subprocess.run([lint, "--config", str(config), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout[-3000:]
    # the same package with the tree importing a writer: the lint must fail and name the contract
    copy = tmp_path / "toolkit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "styles"))
    walk = copy / "tree" / "walk.py"
    walk.write_text(walk.read_text(encoding="utf-8") + "\nfrom toolkit.writers.json import render_json  # noqa\n",
                    encoding="utf-8")
    bad = subprocess.run([lint, "--config", str(config), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)})
    assert bad.returncode == 1, bad.stdout[-3000:]
    assert "The tree imports nothing of ours above it BROKEN" in " ".join(bad.stdout.split())
    assert "toolkit.tree.walk -> toolkit.writers.json" in bad.stdout


def calls(path: Path):
    """(enclosing function, dotted name of the called thing) for every call in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def dotted(node) -> str:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            return f"{dotted(node.value)}.{node.attr}"
        return "?"

    def visit(node, where):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else where
            if isinstance(child, ast.Call):
                yield inner, dotted(child.func)
            yield from visit(child, inner)

    yield from visit(tree, "<module>")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


PRINTS = ("print", "sys.exit", "exit", "quit", "os._exit", "click.echo", "click.secho", "sys.stdout.write",
          "sys.stderr.write")
# Processes of our own that end themselves: not the user's process, and nothing is printed.
MAY_EXIT = {
    ("toolkit/batch/workers.py", "watch"): "a worker whose parent died ends itself",
    ("toolkit/batch/print_process.py", "_child"): "the forked print process ends without running the parent's exit",
}


def test_only_the_command_line_prints_or_exits():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if rel(path).startswith("toolkit/cli/"):
            continue
        for where, name in calls(path):
            if name in PRINTS and (rel(path), where) not in MAY_EXIT:
                found.append(f"{rel(path)}: {where}() calls {name}")
    assert found == []


OPENS = ("open", "io.open", "os.open", "urlopen", "urllib.request.urlopen", "urllib.request.Request")
OPEN_METHODS = (".open", ".read_text", ".read_bytes", ".write_text", ".write_bytes")
# Files that no user or article names: the toolkit's own, the library's, the kernel's, our own outputs.
OWN_FILES = {
    ("toolkit/writers/html/themes.py", "theme_edition_css"): "the packaged style sheets (styles_dir)",
    ("toolkit/writers/html/themes.py", "theme_css"): "the packaged style sheets (styles_dir)",
    ("toolkit/writers/html/themes.py", "edition_css"): "the packaged style sheets (styles_dir)",
    ("toolkit/cli/doctor.py", "_styles"): "the packaged style sheets",
    ("toolkit/writers/annotated/writer.py", "script_text"): "the packaged script (toolkit/writers/assets)",
    ("toolkit/writers/compiled_ffi.py", "_spec"): "WeasyPrint's own module source",
    ("toolkit/readers/text/language.py", "_unpack_model"): "py3langid's own model file, unpacked for the cache",
    ("toolkit/language/package_cache.py", "cached_table"): "the toolkit's own cache of derived package tables",
    ("toolkit/writers/epub/images.py", "is_animated"): "Image.open on bytes in memory",
    ("toolkit/writers/epub/images.py", "for_devices"): "Image.open on bytes in memory (downscaling for the EPUB)",
    ("toolkit/writers/pdf/writer.py", "fetch"): "WeasyPrint's fetcher, for paths guard.files.Resources granted",
    ("toolkit/batch/fingerprint.py", "_hash_tree"): "the toolkit's own source files",
    ("toolkit/batch/workers.py", "gone"): "/proc, to see whether the parent lives",
    ("toolkit/batch/state.py", "__init__"): "the lock on our own state file in the output folder",
    ("toolkit/batch/dask_executor.py", "build_remote"): "writes a worker's copy of the payload to its temp folder",
    ("toolkit/cli/commands.py", "invoke"): "os.open of /dev/null for a closed standard output",
    ("toolkit/output.py", "_sync_folder"): "os.open of the output folder to fsync it",
}


def test_only_the_guard_opens_what_a_user_or_an_article_names():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if rel(path).startswith("toolkit/guard/"):
            continue
        for where, name in calls(path):
            if (name in OPENS or name.endswith(OPEN_METHODS)) and (rel(path), where) not in OWN_FILES:
                found.append(f"{rel(path)}: {where}() calls {name}")
    assert found == []
