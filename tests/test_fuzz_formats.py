"""Property tests over every kind of file a build reads, through the real command line (in-process, as
``tests/hostile`` runs it): DOCX, ODT and EPUB zips with odd entries, SVG figures, CSL styles, manifests
(CSV and JSON Lines), ``toolkit.toml`` project files and JSON trees. Whatever the file holds, the build
ends with a documented exit code (0, 1 or 2) and never says "internal error", nor that a reader, pass or
writer failed with an exception of Python's (both bugs of ours, issue 26).

``TOOLKIT_FUZZ_EXAMPLES`` sets the number of examples per property (``make fuzz`` raises it)."""

from __future__ import annotations

import functools
import json
import tempfile
import uuid
import warnings
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.conftest import Run, article_text, billion_laughs, cli, pandoc_file, rezip
from tests.test_fuzz_trees import FUZZ, hostile_text

EXIT_CODES = (0, 1, 2)  # `toolkit build --help`: 130 and 143 only after a signal


def assert_handled(run: Run) -> None:
    said = run.stdout + run.stderr
    assert "internal error" not in said, said[-2000:]
    assert "run with --debug for the traceback" not in said, said[-2000:]  # a reader, pass or writer crashed
    assert "Traceback" not in said, said[-2000:]
    assert run.exit_code in EXIT_CODES, (run.exit_code, said[-2000:])


def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp(f"fuzz-{uuid.uuid4().hex[:6]}")


def build(src: Path, *extra: str, to: str = "html") -> Run:
    return cli("build", src, "-o", src.parent / "out", "--to", to, *extra)


# ------------------------------------------------------------------ XML-ish pieces shared by the formats
WORDS = st.sampled_from(["harbour", "Ana Petrova said", "the ferry", "\u201cquoted\u201d", "&amp;", "&bogus;",
                         "&#0;", "&#xD800;", "]]>", "<![CDATA[x]]>", "<!-- c -->", "\x00", "\u202e", ""])
XML_BITS = ["<w:p><w:r><w:t>", "</w:t></w:r></w:p>", "<text:p>", "</text:p>", "<p>", "</p>", "<body>", "</body>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\">", "</html>", "<a href=\"http://127.0.0.1:9/x\">", "</a>",
            "<img src=\"../../../etc/hostname\"/>", "<script>x()</script>", "<?xml version=\"1.0\"?>",
            "<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">", billion_laughs("x"), "&lol9;", "<x>" * 300, "<",
            "\xff\xfe", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"]
xml_like = st.lists(st.one_of(st.sampled_from(XML_BITS), WORDS, hostile_text), max_size=25).map("".join)
ENTRY_NAMES = ["../../escape.txt", "/absolute.xml", "dir/", "word/media/image1.png", "OEBPS/../../up.xhtml",
               "a" * 300 + ".xml", "\u00e9t\u00e9/\u4e2d.xml", "mimetype", "META-INF/container.xml",
               "[Content_Types].xml", "content.xml", "word/document.xml", "EPUB/text/ch001.xhtml"]


@functools.cache
def base_zip(ext: str) -> bytes:
    """A small article made by pandoc in the format ``ext`` (made once)."""
    folder = Path(tempfile.mkdtemp(prefix="toolkit-fuzz-base-"))
    markdown = "---\ntitle: A Quiet Morning\nauthor: Ana Petrova\n---\n\n" + article_text(n=3)
    return pandoc_file(markdown, folder / f"base.{ext}").read_bytes()


@FUZZ
@given(st.sampled_from(["docx", "odt", "epub"]), st.data())
def test_office_and_epub_zips_with_odd_entries(tmp_path_factory, ext, data):
    folder = workdir(tmp_path_factory)
    src = folder / "base.in"
    src.write_bytes(base_zip(ext))
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
    changes = data.draw(st.dictionaries(st.sampled_from(names),
                                        st.one_of(st.none(), xml_like.map(lambda s: s.encode("utf-8", "replace")),
                                                  st.binary(max_size=200)), max_size=3))
    extra = data.draw(st.dictionaries(st.sampled_from(ENTRY_NAMES),
                                      st.one_of(xml_like.map(lambda s: s.encode("utf-8", "replace")),
                                                st.binary(max_size=200)), max_size=3))
    target = folder / f"odd.{ext}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        rezip(src, target, changes, extra)
    src.unlink()
    assert_handled(build(target))


# ------------------------------------------------------------------ SVG figures
SVG_BITS = ['<rect width="4" height="4"/>', '<g id="a">', "</g>", '<use href="#a"/>', '<use xlink:href="#b"/>',
            '<g id="b">' + '<use href="#a"/>' * 10 + "</g>", '<rect fill="url(http://127.0.0.1:9/f)"/>',
            '<image href="http://127.0.0.1:9/i.png"/>', '<image href="data:image/png;base64,AAAA"/>',
            '<style>@import url(http://127.0.0.1:9/c.css);</style>', '<rect style="fill:u\\72l(x)"/>',
            "<script>alert(1)</script>", '<rect onload="x"/>', "<foreignObject><p>x</p></foreignObject>",
            '<pattern id="p"><rect fill="url(#p)"/></pattern>', '<text>Ana Petrova</text>', "<", "&x;",
            '<svg xmlns="http://www.w3.org/2000/svg">', "</svg>"]
svg_like = st.builds(lambda head, body, close: head + body + close,
                     st.sampled_from(['<svg xmlns="http://www.w3.org/2000/svg" '
                                      'xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="30">',
                                      '<?xml version="1.0"?>' + billion_laughs("svg") + "<svg>", "", "<html>"]),
                     st.lists(st.one_of(st.sampled_from(SVG_BITS), hostile_text), max_size=20).map("".join),
                     st.sampled_from(["</svg>", ""]))


@FUZZ
@given(svg_like, st.sampled_from(["html", "epub", "html,epub"]))
def test_svg_figures(tmp_path_factory, svg, to):
    folder = workdir(tmp_path_factory)
    (folder / "figure.svg").write_text(svg, encoding="utf-8", errors="surrogatepass")
    src = folder / "story.txt"
    src.write_text(article_text())
    (folder / "story.txt.meta.yaml").write_text("image: figure.svg\nfigure_alt: A drawing of the harbour\n")
    assert_handled(build(src, to=to))


# ------------------------------------------------------------------ CSL styles
CSL_HEAD = ('<?xml version="1.0" encoding="utf-8"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
            'version="1.0">')
CSL_BITS = ["<info><title>T</title><id>x</id></info>", '<link href="http://127.0.0.1:9/parent.csl" '
            'rel="independent-parent"/>', '<citation><layout><text variable="title"/></layout></citation>',
            '<bibliography><layout><text variable="author"/></layout></bibliography>', "<macro name=\"m\">",
            '<text macro="m"/>', "</macro>", "<locale xml:lang=\"xx\">", "</locale>", "</style>", "<", "&lol9;"]
csl_like = st.builds(lambda head, body: head + body, st.sampled_from([CSL_HEAD, "", billion_laughs("style")]),
                     st.lists(st.one_of(st.sampled_from(CSL_BITS), hostile_text), max_size=12).map("".join))


@FUZZ
@given(csl_like)
def test_csl_styles(tmp_path_factory, csl):
    folder = workdir(tmp_path_factory)
    (folder / "style.csl").write_text(csl, encoding="utf-8", errors="surrogatepass")
    (folder / "refs.json").write_text(json.dumps([{"id": "report", "type": "report", "title": "Harbour report",
                                                   "author": [{"family": "Petrova", "given": "Ana"}],
                                                   "issued": {"date-parts": [[2020]]}}]))
    src = folder / "story.md"
    src.write_text("---\ntitle: A Quiet Morning\nbibliography: refs.json\n---\n\n"
                   + article_text(n=3) + "\nAs the report says [@report].\n")
    assert_handled(build(src, "--csl", folder / "style.csl"))


# ------------------------------------------------------------------ manifests
COLUMNS = ["input", "output", "title", "author", "date", "language", "tags", "kicker", "bogus", "", "input"]
cell = st.one_of(st.sampled_from(["story.txt", "missing.txt", "../outside.txt", "story.txt.meta.yaml", ".", "",
                                  "2020-02-30", "en", "xx-!!", "a;b;c", '"', "\n", "=cmd()"]),
                 hostile_text)


@FUZZ
@given(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=5), st.lists(st.lists(cell, max_size=6), max_size=4),
       st.sampled_from(["csv", "jsonl"]), st.sampled_from(["", "\ufeff"]))
def test_manifests(tmp_path_factory, header, rows, kind, bom):
    folder = workdir(tmp_path_factory)
    (folder / "story.txt").write_text(article_text())
    if kind == "csv":
        def line(cells):
            return ",".join('"' + c.replace('"', '""') + '"' if i % 2 else c for i, c in enumerate(cells))
        text = bom + "\n".join([line(header), *(line(r) for r in rows)]) + "\n"
    else:
        text = bom + "\n".join(json.dumps(dict(zip(header, r, strict=False))) if r else "{" for r in rows) + "\n"
    manifest = folder / f"list.{kind}"
    manifest.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_handled(cli("build", "--manifest", manifest, "-o", folder / "out", "--to", "html", "--jobs", "1"))


def test_manifest_nul_byte(tmp_path):
    """Found by this fuzzer: a NUL byte in a manifest input reached os.stat (ValueError: embedded null byte)."""
    manifest = tmp_path / "list.csv"
    manifest.write_text("input\nstory\x00.txt\n")
    assert_handled(cli("build", "--manifest", manifest, "-o", tmp_path / "out", "--to", "html", "--jobs", "1"))


# ------------------------------------------------------------------ toolkit.toml
TOP_KEYS = ["theme", "paper", "css", "columns", "notes", "missing-images", "page-map", "annotations", "bleed",
            "strict", "reference-doc", "formats", "bogus"]
META_KEYS = ["title", "author", "date", "language", "tags", "cover", "kicker", "publisher", "bogus"]
toml_value = st.one_of(st.sampled_from(['"a4"', '"letter"', '"classic"', '"modern"', "1", "2", "0", "-1", "true",
                                        '"foot"', '"end"', '"drop"', '"3mm"', '["html", "epub"]', '"html"',
                                        '"missing.css"', '"../x"', '"story.txt"', "1e400", "{ a = 1 }", "[1, [2]]",
                                        '"""x"""', "2020-01-01T00:00:00Z", '"2020-02-30"', '"en"', '["a", "b"]',
                                        '"\\u0000"', "nan"]),
                       hostile_text.map(json.dumps))


VALID = {"theme": ['"classic"', '"modern"'], "paper": ['"a4"', '"letter"', '"a5"'], "columns": ["1", "2"],
         "notes": ['"foot"', '"end"'], "missing-images": ['"note"', '"drop"'], "page-map": ["true", "false"],
         "annotations": ["true", "false"], "bleed": ['"3mm"'], "strict": ["false"], "formats": ['["html"]'],
         "title": ['"A Quiet Morning"'], "author": ['"Ana Petrova"', '["Ana Petrova", "Tomasz W\u00f3jcik"]'],
         "date": ['"2021-03-04"', "2021-03-04"], "language": ['"en"', '"fr-CA"'], "tags": ['["harbour"]'],
         "kicker": ['"Coast"'], "publisher": ['"The Harbour Post"']}


def _table(keys):
    """Key = value lines: mostly values the key takes, one time in four anything (``toml_value``)."""
    pair = st.tuples(st.integers(0, 3), toml_value)
    return st.dictionaries(st.sampled_from(keys), pair, max_size=5).map(
        lambda kv: "\n".join(f"{k} = {v if n == 0 or k not in VALID else VALID[k][n % len(VALID[k])]}"
                             for k, (n, v) in kv.items()))


toml_like = st.builds(lambda top, meta, junk: "\n".join([top, meta and "[meta]\n" + meta, junk]),
                      _table(TOP_KEYS), _table(META_KEYS),
                      st.sampled_from(["", "", "", "", "", "", "[pdf]\ncolumns = 2", "[epub]\nembed-fonts = true", "[[x]]",
                                       "[meta", "= 1", "[build]\nformats = 3"]))


@FUZZ
@given(toml_like)
def test_project_files(tmp_path_factory, toml):
    folder = workdir(tmp_path_factory)
    (folder / "toolkit.toml").write_text(toml, encoding="utf-8", errors="surrogatepass")
    src = folder / "story.txt"
    src.write_text(article_text())
    assert_handled(build(src, "--config", folder / "toolkit.toml"))


# ------------------------------------------------------------------ JSON trees
TREE = ('{"toolkit-tree-version": "1.0", "t": "Document", "meta": {"t": "Meta", "title": "T"}, "blocks": '
        '[{"t": "Heading", "level": LEVEL, "children": [{"t": "Text", "text": "A heading"}]}, '
        '{"t": "Para", "children": [{"t": "Text", "text": "TEXT"}]}]}')
levels = st.one_of(st.integers(-10, 12).map(str), st.integers(1, 6000).map(lambda n: "7" * n),
                   st.sampled_from(["1.5", "1e999", "-0", "NaN", "Infinity", '"2"', "null", "[" * 5000, "{}"]))


@FUZZ
@given(levels, hostile_text)
def test_json_trees(tmp_path_factory, level, text):
    folder = workdir(tmp_path_factory)
    src = folder / "tree.json"
    src.write_text(TREE.replace("LEVEL", level).replace('"TEXT"', json.dumps(text)), encoding="utf-8",
                   errors="surrogatepass")
    assert_handled(build(src, to="html,epub"))
