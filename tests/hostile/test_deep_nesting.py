"""Deeply nested input: a clear refusal, or a result whose deep parts were flattened, never a crash."""

from __future__ import annotations

from tests.hostile.conftest import assert_one_line_error, cli, cli_process


def test_html_nested_10000_levels(tmp_path, out):
    path = tmp_path / "deep.html"
    inner = "<p>The one paragraph of text that sits at the very bottom of the page, far down.</p>"
    path.write_text("<html><body>" + "<div>" * 10_000 + inner + "</div>" * 10_000 + "</body></html>")
    run, _ = cli_process("build", path, "-o", out, "--to", "html")
    if run.exit_code:
        assert_one_line_error(run, "deep.html", "nested")
    else:
        assert "far down" in (out / "deep.html").read_text(encoding="utf-8")


def test_markdown_quotes_nested_1000_levels(tmp_path, out):
    path = tmp_path / "deep.md"
    path.write_text("# Deep\n\n" + ">" * 1000 + " the bottom of the well\n")
    assert_one_line_error(cli("build", path, "-o", out, "--to", "html"), "deep.md", "nested too deeply")


def test_markdown_quotes_nested_300_levels_are_flattened(tmp_path, out):
    path = tmp_path / "deep300.md"
    path.write_text("# Deep\n\n" + ">" * 300 + " the bottom of the well\n\nA closing paragraph.\n")
    run = cli("build", path, "-o", out, "--to", "html,pdf,epub")
    assert run.exit_code == 0, run.stderr
    assert any("32 levels deep" in w and "flattened" in w for w in run.warnings), run.stderr
    html = (out / "deep.html").read_text(encoding="utf-8")
    assert "the bottom of the well" in html
    assert html.count("<blockquote") <= 33
    assert (out / "deep.pdf").read_bytes().startswith(b"%PDF")


def _nested_tree(levels: int) -> str:
    """The JSON text of a tree with ``levels`` block quotes inside each other (built as text:
    ``json.dumps`` itself cannot go that deep)."""
    para = '{"t": "Para", "children": [{"t": "Text", "text": "bottom"}]}'
    body = '{"t": "BlockQuote", "blocks": [' * levels + para + "]}" * levels
    return '{"toolkit-tree-version": "1.0", "t": "Document", "blocks": [' + body + "]}"


def test_json_tree_nested_5000_levels(tmp_path, out):
    path = tmp_path / "deep.json"
    path.write_text(_nested_tree(5000))
    assert_one_line_error(cli("build", path, "-o", out), "deep.json", "nested too deeply")


def test_json_tree_nested_150_levels(tmp_path, out):
    path = tmp_path / "deep150.json"
    path.write_text(_nested_tree(150))
    assert_one_line_error(cli("build", path, "-o", out), "deep150.json", "nested more than 100 levels")
