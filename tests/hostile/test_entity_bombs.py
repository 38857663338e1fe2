"""XML entity bombs ("billion laughs") and external entities in HTML, XHTML, DOCX and SVG images:
never expanded, never read from disk; the build finishes in bounded memory."""

from __future__ import annotations

import itertools
import json

from tests.hostile.conftest import (
    assert_one_line_error,
    billion_laughs,
    cli_process,
    pandoc_file,
    paragraphs,
    rezip,
)

XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PEAK_KB = 600 * 1024  # an expanded bomb would need gigabytes


def page(doctype: str, entity: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(3))
    return (f'<?xml version="1.0"?>{doctype}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Bomb'
            f"</title></head><body><h1>Bomb</h1><p>{entity} here.</p>{body}</body></html>")


def assert_inert(run, out, peak_kb):
    assert peak_kb < PEAK_KB, peak_kb
    assert "Traceback" not in run.stderr
    for f in (p for p in out.rglob("*") if p.is_file()):  # the editions and the .toolkit state
        data = f.read_bytes()
        assert b"lollollollol" not in data, f
        assert b"root:x:0:0" not in data, f


def test_billion_laughs_in_html_and_xhtml(tmp_path, out):
    for ext in ("html", "xhtml"):
        path = tmp_path / f"bomb.{ext}"
        path.write_text(page(billion_laughs("html").replace("x [", "html ["), "&lol9;"))
        run, peak = cli_process("build", path, "-o", out, "--to", "html,epub")
        assert run.exit_code in (0, 1), run.stderr
        assert_inert(run, out, peak)


def test_external_entity_in_xhtml(tmp_path, out):
    path = tmp_path / "xxe.xhtml"
    path.write_text(page(XXE.replace("x [", "html ["), "&xxe;"))
    run, peak = cli_process("build", path, "-o", out, "--to", "html,json")
    assert run.exit_code in (0, 1), run.stderr
    assert_inert(run, out, peak)


def test_billion_laughs_in_docx(tmp_path, out):
    good = pandoc_file("# A title\n\n" + "\n\n".join(paragraphs(3)), tmp_path / "good.docx")
    import zipfile

    with zipfile.ZipFile(good) as zf:
        xml = zf.read("word/document.xml").decode()
    head, rest = xml.split("?>", 1)
    rest = rest.replace("<w:t", "<w:t", 1)
    bomb = head + "?>" + billion_laughs("w:document") + rest.replace(">A title<", ">&lol9; A title<", 1)
    bad = rezip(good, tmp_path / "bomb.docx", {"word/document.xml": bomb.encode()})
    run, peak = cli_process("build", bad, "-o", out, "--to", "html")
    if run.exit_code:
        assert_one_line_error(run, "bomb.docx", "pandoc could not read it")
    assert_inert(run, out, peak)


def test_external_entity_in_docx(tmp_path, out):
    good = pandoc_file("# A title\n\n" + "\n\n".join(paragraphs(3)), tmp_path / "good.docx")
    import zipfile

    with zipfile.ZipFile(good) as zf:
        xml = zf.read("word/document.xml").decode()
    head, rest = xml.split("?>", 1)
    bad = rezip(good, tmp_path / "xxe.docx", {"word/document.xml": (
        head + "?>" + XXE.replace("x [", "w:document [") + rest.replace(">A title<", ">&xxe; A title<", 1)).encode()})
    run, peak = cli_process("build", bad, "-o", out, "--to", "html,json")
    assert run.exit_code in (0, 1), run.stderr
    assert_inert(run, out, peak)


def test_svg_bomb_image_from_a_json_tree(tmp_path, out):
    """The JSON tree's XML part: a figure whose image is an SVG with an entity bomb."""
    (tmp_path / "bomb.svg").write_text('<?xml version="1.0"?>' + billion_laughs("svg") +
                                       '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
                                       "<text>&lol9;</text></svg>")
    (tmp_path / "xxe.svg").write_text('<?xml version="1.0"?>' + XXE.replace("x [", "svg [") +
                                      '<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>')
    tree = {"toolkit-tree-version": "1.0", "t": "Document", "meta": {"t": "Meta", "title": "Pictures"},
            "blocks": [{"t": "Figure", "src": "bomb.svg", "alt": "a bomb"},
                       {"t": "Figure", "src": "xxe.svg", "alt": "an entity"},
                       *({"t": "Para", "children": [{"t": "Text", "text": p}]} for p in paragraphs(2))]}
    path = tmp_path / "tree.json"
    path.write_text(json.dumps(tree))
    run, peak = cli_process("build", path, "-o", out, "--to", "html,epub,pdf")
    assert run.exit_code == 0, run.stderr
    assert "bomb.svg" in run.stderr
    assert "xxe.svg" in run.stderr
    assert_inert(run, out, peak)


def test_latex_macro_bomb_stops_at_pandocs_memory_budget(tmp_path, out):
    """LaTeX's billion laughs: each macro is ten of the one before. pandoc expands macros, so it
    runs under a heap ceiling (1.5 GB; 200 MB here to keep the test short)."""
    names = "abcdefghijkl"
    macros = ["\\newcommand{\\a}{lol}"]
    for prev, name in itertools.pairwise(names):
        macros.append("\\newcommand{\\" + name + "}{" + ("\\" + prev) * 10 + "}")
    tex = "\n".join(macros) + "\n"
    path = tmp_path / "bomb.tex"
    path.write_text(tex + "\\section{Title}\nText \\l end.\n")
    run, _ = cli_process("build", path, "-o", out, "--to", "html", env={"TOOLKIT_PANDOC_HEAP_MB": "200"},
                         timeout=150)
    assert_one_line_error(run, "bomb.tex", "ran out of its 200 MB memory budget", "simplify the input")
