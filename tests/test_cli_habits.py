"""The habits of pandoc's users: -o FILE.EXT, - for standard input and output, URLs, global options in
either place, --debug tracebacks, -q silence, -v stages, named plugin failures, init and completion."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEED
from toolkit.cli.commands import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Short Title Here\n\nBy Ann Writer\n\nA first paragraph of the article, long enough to read.\n\n" \
          "A second paragraph says \u201cthis is a quote,\u201d said Bo Lee.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def toolkit(*args, cwd=None, stdin=None, **kw):
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True, cwd=cwd,
                          input=stdin, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)), **kw)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "magic"), [("out.pdf", b"%PDF-"), ("out.epub", b"PK"), ("out.html", b"<!DOCTYPE"),
                                             ("out.docx", b"PK"), ("out.md", b"---")])
def test_o_with_an_extension_writes_that_file_in_that_format(article, tmp_path, name, magic):
    target = tmp_path / "sub" / name
    r = run("build", str(article), "-o", str(target))
    assert r.exit_code == 0, r.output
    assert target.is_file()
    assert target.read_bytes().startswith(magic)
    assert not (tmp_path / "sub" / ".toolkit").exists()
    if name.endswith(".epub"):
        assert zipfile.ZipFile(target).read("mimetype") == b"application/epub+zip"


def test_o_file_with_several_formats_is_a_usage_error(article, tmp_path):
    r = run("build", str(article), "-o", str(tmp_path / "x.pdf"), "--to", "pdf,epub")
    assert r.exit_code == 2
    assert "one file" in r.output
    assert not (tmp_path / "x.pdf").exists()


def test_to_decides_the_format_of_a_named_file(article, tmp_path):
    r = run("build", str(article), "-o", str(tmp_path / "x.txt.html"), "--to", "json")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "x.txt.html").read_text().lstrip().startswith("{")


def test_convert_takes_the_format_from_the_output_file(article, tmp_path):
    r = run("convert", str(article), "-o", str(tmp_path / "out.epub"))
    assert r.exit_code == 0, r.output
    assert zipfile.ZipFile(tmp_path / "out.epub").read("mimetype") == b"application/epub+zip"


def test_standard_input_needs_from_and_standard_output_writes_text(article, tmp_path):
    r = toolkit("build", "-", "--to", "html", "-o", "-", stdin=article.read_bytes())
    assert r.returncode == 2
    assert b"--from" in r.stderr
    r = toolkit("build", "-", "--from", "text", "--to", "markdown", "-o", "-", stdin=article.read_bytes())
    assert r.returncode == 0, r.stderr
    assert b"Short Title Here" in r.stdout
    assert r.stdout.startswith(b"---")
    r = toolkit("inspect", "-", "--from", "text", "--json", stdin=article.read_bytes())
    assert r.returncode == 0, r.stderr
    assert b'"toolkit-summary/1"' in r.stdout
    r = toolkit("build", "-", "--from", "text", "--to", "json", "-o", str(tmp_path / "o"),
                stdin=article.read_bytes())
    assert r.returncode == 0, r.stderr
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["short-title-here.json"]


def test_a_binary_format_is_never_written_to_a_terminal(article, tmp_path):
    primary, secondary = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "toolkit.cli", "convert", str(article), "--to", "pdf"],
                           stdout=secondary, stderr=subprocess.PIPE, timeout=300,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
    finally:
        os.close(secondary)
        os.close(primary)
    assert r.returncode == 2
    assert b"binary" in r.stderr
    # to a pipe it is written
    r = toolkit("convert", str(article), "--to", "pdf")
    assert r.returncode == 0
    assert r.stdout.startswith(b"%PDF-")


def test_a_url_needs_allow_network(tmp_path):
    r = run("build", "https://example.org/story.html", "-o", str(tmp_path))
    assert r.exit_code == 2
    assert "--allow-network" in r.output
    assert list(tmp_path.iterdir()) == []


def test_a_url_is_fetched_through_the_restricted_fetcher(tmp_path):
    # the fetcher refuses loopback addresses unless TOOLKIT_FETCH_PRIVATE=1: a page must not reach the
    # user's own network. A real server on loopback shows both sides.
    import http.server
    import threading

    page = ("<!DOCTYPE html><html lang=en><head><title>Served page title</title></head><body><article>"
            "<h1>Served page title</h1><p>" + "A sentence of the served article. " * 20 + "</p></article>"
            "</body></html>").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/news/story"
    try:
        r = toolkit("build", url, "--allow-network", "--to", "json", "-o", str(tmp_path / "refused"))
        assert r.returncode == 1
        assert b"private or local address" in r.stderr
        assert url.encode() in r.stderr
        env = dict(os.environ, PYTHONPATH=str(ROOT), TOOLKIT_FETCH_PRIVATE="1")
        r = subprocess.run([sys.executable, "-m", "toolkit.cli", "build", url, "--allow-network", "--to", "json",
                            "-o", str(tmp_path / "out")], capture_output=True, env=env, timeout=300)
        assert r.returncode == 0, r.stderr
        assert (tmp_path / "out" / "served-page-title.json").is_file()
    finally:
        server.shutdown()


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_work_before_and_after_the_command(article, tmp_path, where):
    opts = ["-q"]
    args = [*opts, "build", str(article), "--to", "html", "-o", str(tmp_path)] if where == "before" else \
        ["build", str(article), "--to", "html", "-o", str(tmp_path), *opts]
    r = toolkit(*args)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b""
    assert r.stderr == b""  # -q: nothing on success
    args = ["-v", "build", str(article), "--to", "html", "-o", str(tmp_path / "v")] if where == "before" else \
        ["build", str(article), "--to", "html", "-o", str(tmp_path / "v"), "-v"]
    r = toolkit(*args)
    assert r.returncode == 0
    for stage in (b"read as text", b"passes in", b"html edition rendered"):
        assert stage in r.stderr


@pytest.mark.parametrize("command", [["build", "--to", "json"], ["convert"], ["inspect"]])
def test_debug_shows_the_traceback_for_every_command(tmp_path, command):
    bad = tmp_path / "bad.json"
    bad.write_text('{"toolkit-tree-version": "1.0", "t": "Document", "meta": 5}', encoding="utf-8")
    name, *rest = command
    extra = ["-o", str(tmp_path / "o")] if name == "build" else []
    plain = toolkit(name, str(bad), *rest, *extra)
    assert plain.returncode == 1
    assert b"Traceback" not in plain.stderr
    debug = toolkit(name, str(bad), *rest, *extra, "--debug")
    assert debug.returncode != 0
    assert b"Traceback" in debug.stderr


def test_batch_shows_warning_counts_and_with_v_the_warnings(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(2):
        (src / f"a{i}.md").write_text(f"# Title {i}\n\nText.\n\n![Figure](https://example.org/x{i}.png)\n",
                                      encoding="utf-8")
    r = toolkit("build", str(src), "-o", str(tmp_path / "out"), "--to", "html", "-j", "1")
    assert r.returncode == 0, r.stderr
    assert r.stderr.count(b"1 warning") == 2
    assert b"--allow-network" not in r.stderr
    r = toolkit("build", str(src), "-o", str(tmp_path / "out2"), "--to", "html", "-j", "1", "-v")
    assert r.stderr.count(b"--allow-network") == 2  # the warning itself says what would fetch the image


def test_strict_names_the_warning(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# T\n\nText.\n\n![Figure](missing.png)\n", encoding="utf-8")
    r = run("build", str(md), "-o", str(tmp_path / "o.html"), "--strict")
    assert r.exit_code == 1
    assert "missing.png" in r.output


def test_init_writes_a_commented_project_file_that_loads(tmp_path):
    from toolkit.config.project import load_config

    r = run("init", str(tmp_path))
    assert r.exit_code == 0, r.output
    text = (tmp_path / "toolkit.toml").read_text()
    assert load_config(tmp_path / "toolkit.toml").path is not None  # as written: all defaults
    # every commented key is a real key with a valid value once uncommented
    (tmp_path / "house.css").write_text("p { color: black }", encoding="utf-8")
    (tmp_path / "house-style.docx").write_bytes(b"PK")
    lines = [ln[2:] if (ln.startswith("# ") and "=" in ln.split("#", 2)[1]) or ln.startswith("# [") else ln
             for ln in text.splitlines()]
    (tmp_path / "all.toml").write_text("\n".join(lines), encoding="utf-8")
    cfg = load_config(tmp_path / "all.toml")
    assert cfg.build["formats"] == ["pdf", "epub", "html"]
    assert run("init", str(tmp_path)).exit_code == 2  # never overwrites without --force
    assert run("init", str(tmp_path), "--force").exit_code == 0


def test_version_and_completion():
    r = run("--version")
    assert r.exit_code == 0
    assert "toolkit" in r.output
    r = run("completion", "bash")
    assert r.exit_code == 0
    assert "_TOOLKIT_COMPLETE" in r.output
    r = toolkit("completion", "zsh")
    assert b"compdef" in r.stdout


def test_the_seed_to_a_named_pdf_as_a_user_would(tmp_path):
    r = toolkit("build", str(SEED), "-o", "seed.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == b"seed.pdf"
    assert (tmp_path / "seed.pdf").read_bytes()[:5] == b"%PDF-"


def _explode(*args):
    raise ValueError("the plugin's own bug")


@pytest.mark.parametrize("kind", ["passes", "writers"])
def test_a_failing_plugin_pass_or_writer_is_named(article, tmp_path, kind):
    from toolkit.registry import PassSpec, WriterSpec, get_registry, reset_registry

    reset_registry()
    reg = get_registry()
    spec = PassSpec("exploding", 550, _explode) if kind == "passes" else WriterSpec("boom", "boom", _explode)
    reg.add(spec)
    reg.origins[(kind, spec.name)] = "toolkit-exploding"
    try:
        r = run("build", str(article), "--to", "boom" if kind == "writers" else "json", "-o", str(tmp_path))
    finally:
        reset_registry()
    assert r.exit_code == 1
    what = "the pass 'exploding'" if kind == "passes" else "the boom writer"
    assert f"{what} (from the plugin toolkit-exploding) failed: ValueError: the plugin's own bug" in r.output
    assert "Traceback" not in r.output
