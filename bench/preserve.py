"""The preservation check (make preserve): every word the author wrote reaches every edition, with its meaning.

Each fixture of tests/fixtures/preserve/ (a Markdown article holding every block and inline kind of pandoc's
AST, two web pages, an RST guide, a LaTeX note), plus the DOCX, ODT, RST, LaTeX and EPUB versions pandoc makes
of the Markdown article at run time, is built with the installed ``toolkit`` command to every edition. Each
edition's words are compared with pandoc's own plain-text reading of the same input; the meaning checks ask
what the words alone cannot show (struck text marked as struck, a list that starts at 4 shows 4, table cells
in a table, definitions in ``dd``, right-to-left text marked ``dir="rtl"``). Prints the table; exit 1 when
any edition keeps less than 99 % of the words or fails a meaning check.

Usage: preserve.py [--to pdf,epub,html,...] [--only NAME ...] [--keep DIR] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "preserve"
THRESHOLD = 0.99
EDITIONS = ("pdf", "epub", "html", "docx", "odt", "markdown")
EXTENSION = {"markdown": "md"}  # an edition's file extension where it differs from its format name
DERIVED = ("docx", "odt", "rst", "latex", "epub")  # pandoc's versions of the Markdown article
DERIVED_EXT = {"latex": "tex"}
IMAGE = "basin.png"  # the article's figure, drawn at run time
WORD = re.compile(r"[^\W\d_]+|\d+")  # runs of letters, runs of digits: separate words
# pandoc's plain reading of the metadata an edition prints in its title block or front matter
TEMPLATE = """$if(title)$$title$
$endif$$if(subtitle)$$subtitle$
$endif$$for(author)$$author$
$endfor$$if(date)$$date$
$endif$"""
ABSTRACT_TEMPLATE = "$if(abstract)$$abstract$$endif$"
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul math mtable mtr mtd img".split())
HIDDEN_TAGS = frozenset(("script", "style", "template", "head", "annotation", "annotation-xml"))  # never shown
LIST_MARKERS = {"LowerRoman": ("lower-roman", "i"), "UpperRoman": ("upper-roman", "I"),
                "LowerAlpha": ("lower-alpha", "a"), "UpperAlpha": ("upper-alpha", "A"),
                "Decimal": ("decimal", "1"), "DefaultStyle": ("decimal", "1"), "Example": ("decimal", "1")}


def pandoc() -> str:
    from toolkit.pandoc.run import pandoc_path

    return pandoc_path()


def toolkit_command() -> str:
    found = Path(sys.executable).parent / "toolkit"
    return str(found) if found.exists() else shutil.which("toolkit") or "toolkit"


# --- words -------------------------------------------------------------------------------------------------

def ordered_words(text: str) -> list[str]:
    """The words in reading order: NFKC (ligatures, presentation forms, superscript digits), case-folded,
    without invisible format characters (a soft hyphen, MathML's invisible times) splitting a word."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return WORD.findall("".join(c for c in folded if unicodedata.category(c) != "Cf"))


def words(text: str) -> Counter:
    """The multiset of words (see ``ordered_words``)."""
    return Counter(ordered_words(text))


def share_kept(reference: Counter, edition: Counter) -> float:
    total = sum(reference.values())
    return sum((reference & edition).values()) / total if total else 1.0


def missing_words(reference_text: str, reference: Counter, edition: Counter, limit: int = 10) -> list[str]:
    """The first ``limit`` words (in reading order) the edition has fewer of than pandoc's reading."""
    short = reference - edition
    out: list[str] = []
    for w in ordered_words(reference_text):
        if short[w] > 0 and w not in out:
            out.append(w)
            if len(out) == limit:
                break
    return out


# --- pandoc's reading --------------------------------------------------------------------------------------

def run_pandoc(args: list[str], data: bytes | None = None, cwd: Path | None = None) -> bytes:
    proc = subprocess.run([pandoc(), *args], input=data, capture_output=True, cwd=cwd, check=False, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc {' '.join(args)}: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def reader_args(path: Path) -> list[str]:
    return ["-f", "html"] if path.suffix.lower() in (".html", ".htm", ".xhtml") else []


def read_ast(path: Path) -> dict:
    """pandoc's JSON reading of ``path``; with citeproc when its metadata names a bibliography (as the toolkit)."""
    args = [*reader_args(path), "-t", "json", path.name]
    ast = json.loads(run_pandoc(args, cwd=path.parent))
    if "bibliography" in ast.get("meta", {}) or "references" in ast.get("meta", {}):
        ast = json.loads(run_pandoc(["--citeproc", *args], cwd=path.parent))
    if path.suffix.lower() in (".tex", ".latex"):
        # pandoc reads a longtable's page-repeat head (\endhead) as a first body row: the author wrote the
        # head once, so the reference counts it once (the toolkit's reader drops that row by the same rule)
        from toolkit.readers.pandoc import latex_table_heads

        ast = latex_table_heads(ast)
    return ast


def drop_unresolved_refs(node):
    """pandoc prints a ``\\ref`` it could not number as its label ("[eq:tide]"): that is no word of the author's."""
    if isinstance(node, list):
        return [drop_unresolved_refs(n) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Link":
        attr, content, _target = node["c"]
        keys = dict(attr[2])
        if "reference" in keys and inline_text(content) == f"[{keys['reference']}]":
            return {"t": "Str", "c": ""}
    return {k: drop_unresolved_refs(v) for k, v in node.items()}


def countable(ast: dict) -> dict:
    """The AST without what pandoc's plain writer makes up: an ordered list's markers ("4.", "iii.") and the
    note numbers ("[1]"), which an edition's ``<ol>`` draws and the meaning checks test instead (each note's
    text moves to the end, where the plain writer puts it), and a table's attributes, which it prints after
    the caption ("{style="width:74%;"}")."""
    notes: list = []
    gone = object()

    def visit(node):
        if isinstance(node, list):
            return [out for n in node if (out := visit(n)) is not gone]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Note":
            notes.extend(visit(node["c"]))
            return gone
        if node.get("t") == "OrderedList":
            return {"t": "BulletList", "c": visit(node["c"][1])}
        if node.get("t") == "Table":
            return {"t": "Table", "c": [["", [], []], *visit(node["c"][1:])]}
        return {k: visit(v) for k, v in node.items()}

    blocks = visit(ast["blocks"])
    return {**ast, "blocks": blocks + notes}


def plain(ast: dict, template: str | None = None) -> str:
    args = ["-f", "json", "-t", "plain", "--wrap=none"]
    with tempfile.TemporaryDirectory() as tmp:
        if template is not None:
            tpl = Path(tmp) / "t.plain"
            tpl.write_text(template, encoding="utf-8")
            args += ["-s", f"--template={tpl}"]
        return run_pandoc(args, json.dumps(ast).encode()).decode("utf-8")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def spell_date(ast: dict) -> dict:
    """An ISO date in the metadata as the words an edition prints ("2023-05-17": 17 May 2023), in any order."""
    date = ast.get("meta", {}).get("date")
    match = ISO_DATE.fullmatch(inline_text(date).strip()) if date else None
    if match and 1 <= int(match[2]) <= 12:
        spelled = f"{int(match[3])} {MONTHS[int(match[2]) - 1]} {match[1]}"
        ast = {**ast, "meta": {**ast["meta"], "date": {"t": "MetaString", "c": spelled}}}
    return ast


@dataclass
class Reading:
    """pandoc's reading of one file: its AST, its plain text, and its words.

    ``words`` is the reference: body and abstract count every word, and the title block (title, subtitle,
    authors, date) counts a word only beyond the body's count of it, since a web page's ``<title>`` repeats
    its ``<h1>`` and an edition prints the title once. ``all_words`` counts the title block in full: an
    edition read by pandoc (DOCX, ODT, Markdown) holds its title once, in its metadata.
    """

    ast: dict
    text: str
    words: Counter
    all_words: Counter


def pandoc_reading(path: Path) -> Reading:
    ast = spell_date(drop_unresolved_refs(read_ast(path)))
    counted = countable(ast)
    body = plain(counted) + "\n" + plain(counted, ABSTRACT_TEMPLATE)
    header = plain(counted, TEMPLATE)
    return Reading(ast, header + "\n" + body, words(body) | words(header), words(body) + words(header))


# --- the editions' words -----------------------------------------------------------------------------------

def local(tag) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def element_text(el) -> str:
    """The text of an element, with a space where a block starts or ends (inline markup joins words)."""
    parts: list[str] = []

    def visit(node):
        name = local(node.tag)
        if name in HIDDEN_TAGS:
            if node.tail:
                parts.append(node.tail)
            return
        block = name in BLOCK_TAGS
        if block:
            parts.append(" ")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            visit(child)
        if block:
            parts.append(" ")
        if node.tail and node is not el:
            parts.append(node.tail)

    visit(el)
    return "".join(parts)


def parse_html(data: bytes):
    return html.fromstring(data, parser=html.HTMLParser(encoding="utf-8", remove_comments=True))


def body_of(root):
    bodies = [el for el in root.iter() if local(el.tag) == "body"]
    return bodies[0] if bodies else root


def epub_documents(path: Path) -> list[bytes]:
    """The XHTML content documents of an EPUB in spine order, without its navigation document and cover."""
    with zipfile.ZipFile(path) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"))
        opf_name = next(el.get("full-path") for el in container.iter() if local(el.tag) == "rootfile")
        opf = etree.fromstring(z.read(opf_name))
        base = PurePosixPath(opf_name).parent
        items = {el.get("id"): el for el in opf.iter() if local(el.tag) == "item"}
        out = []
        for ref in (el for el in opf.iter() if local(el.tag) == "itemref"):
            item = items.get(ref.get("idref"))
            if item is None or "xhtml" not in (item.get("media-type") or ""):
                continue
            props = (item.get("properties") or "").split()
            if "nav" in props or "cover" in (item.get("id") or "").lower() or "cover" in item.get("href", "").lower():
                continue
            out.append(z.read(str(base / item.get("href"))))
        return out


def pdf_text(path: Path) -> str:
    proc = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=120)
    text = proc.stdout.decode("utf-8", "replace")
    return re.sub(r"\u2010[ \t]*\n[ \t]*", "", text)  # WeasyPrint's hyphen (U+2010) where it broke a word


@dataclass
class Edition:
    """One edition's text for the word count and, for HTML-based ones, its parsed documents."""

    kind: str
    path: Path
    text: str
    roots: list = field(default_factory=list)
    words: Counter | None = None

    def __post_init__(self):
        if self.words is None:
            self.words = words(self.text)


def read_edition(kind: str, path: Path) -> Edition:
    if kind == "pdf":
        return Edition(kind, path, pdf_text(path))
    if kind in ("html", "epub"):
        docs = [path.read_bytes()] if kind == "html" else epub_documents(path)
        roots = [parse_html(d) for d in docs]
        return Edition(kind, path, "\n".join(element_text(body_of(r)) for r in roots), roots)
    if kind == "odt":
        return Edition(kind, path, odt_text(path))
    reading = pandoc_reading(path)  # docx, markdown: pandoc's own reading of the edition
    return Edition(kind, path, reading.text, words=reading.all_words)


def odt_text(path: Path) -> str:
    """The words of an ODT edition from its XML: pandoc's ODT reader leaves out what the file holds in
    forms it does not read back (the abstract's paragraph style, formulas as MathML objects)."""
    parts = []
    with zipfile.ZipFile(path) as odt:
        for name in ["content.xml", *sorted(n for n in odt.namelist() if re.match(r"[^/]+/content\.xml$", n))]:
            root = etree.fromstring(odt.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
            for el in root.iter():
                if not isinstance(el.tag, str) or etree.QName(el).localname not in ("p", "h", "math"):
                    continue
                if etree.QName(el).localname == "math" or not any(
                        isinstance(a.tag, str) and etree.QName(a).localname in ("p", "h") for a in el.iterancestors()):
                    parts.append(" ".join("".join(el.itertext()).split()))
    return "\n".join(parts)


# --- meaning -----------------------------------------------------------------------------------------------

def inline_text(inlines) -> str:
    """The words of a pandoc AST fragment (Str, Code, Math text), spaces where pandoc has them."""
    out: list[str] = []

    def visit(node):
        if isinstance(node, list):
            for n in node:
                visit(n)
        elif isinstance(node, dict):
            t, c = node.get("t"), node.get("c")
            if t == "Str":
                out.append(c)
            elif t in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif t in ("Code", "Math"):
                out.append(" ")
            elif t in ("Note",):
                return
            elif t in ("Link", "Image", "Cite"):
                visit(c[1])
            elif c is not None:
                visit(c)
                out.append(" " if t in ("Para", "Plain", "Header") else "")

    visit(inlines)
    return "".join(out)


def find(node, kind: str):
    """Every node of ``kind`` in a pandoc AST fragment."""
    if isinstance(node, list):
        for n in node:
            yield from find(n, kind)
    elif isinstance(node, dict):
        if node.get("t") == kind:
            yield node
        for v in node.values():
            yield from find(v, kind)


def table_cells(table: dict) -> list[list]:
    """The cells of a pandoc Table (head, each body's head and body rows, foot): [attr, align, rowspan,
    colspan, blocks] each; JSON rows and cells carry no "t" tag, so ``find`` cannot reach them."""
    _attr, _caption, _specs, head, bodies, foot = table["c"]
    rows = [*head[1], *(r for body in bodies for r in (*body[2], *body[3])), *foot[1]]
    return [cell for _row_attr, cells in rows for cell in cells]


def elements(roots, *names: str):
    for root in roots:
        for el in root.iter():
            if local(el.tag) in names:
                yield el


def covered(expected: str, els) -> bool:
    """The words of ``expected`` are all inside one of ``els`` (or, together, inside them)."""
    need = words(expected)
    if not need:
        return True
    texts = [words(element_text(el)) for el in els]
    return any(not (need - t) for t in texts) or not (need - sum(texts, Counter()))


def marker(number: int, style: str) -> str:
    if style in ("lower-alpha", "upper-alpha"):
        s = ""
        while number:
            number, r = divmod(number - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if style == "upper-alpha" else s
    if style in ("lower-roman", "upper-roman"):
        s, n = "", number
        for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                s, n = s + letters, n - value
        return s.upper() if style == "upper-roman" else s
    return str(number)


def short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Problem(NamedTuple):
    """A meaning check that failed: its kind (one of ``CHECKS``) and what is wrong."""

    kind: str
    message: str


# the meaning checks, each with the pandoc AST node kinds that call for it
CHECKS = {"struck": ("Strikeout",), "superscript": ("Superscript",), "subscript": ("Subscript",),
          "list-start": ("OrderedList",), "list-style": ("OrderedList",), "table-cells": ("Table",),
          "table-caption": ("Table",), "rowspan": ("Table",), "term": ("DefinitionList",),
          "definition": ("DefinitionList",), "dir": ("Div", "Span"), "lang": ("Div", "Span")}
PDF_CHECKS = ("list-start", "list-style")  # what a PDF's text can show


def numbered_lists(ast: dict):
    """(start, style name, style code, first item's text) of each ordered list not plainly 1, 2, 3."""
    for node in find(ast["blocks"], "OrderedList"):
        (start, style, _delim), items = node["c"]
        name, code = LIST_MARKERS.get(style["t"], ("decimal", "1"))
        if start != 1 or name != "decimal":
            yield start, name, code, inline_text(items[0]) if items else ""


def marked(ast: dict):
    """(key, value, text) of each Div and Span whose ``dir`` or ``lang`` the editions must keep."""
    for kind in ("Div", "Span"):
        for node in find(ast["blocks"], kind):
            attrs = dict(node["c"][0][2])
            for key in ("dir", "lang"):
                if key in attrs:
                    yield key, attrs[key], inline_text(node["c"][1])


def applicable(ast: dict, edition: str) -> set[str]:
    """The meaning checks pandoc's AST of an input calls for in an edition of kind ``edition``."""
    if edition not in ("html", "epub", "pdf"):
        return set()
    found = set()
    if any(s != 1 for s, *_ in numbered_lists(ast)):
        found.add("list-start")
    if any(n != "decimal" for _s, n, *_ in numbered_lists(ast)):
        found.add("list-style")
    if edition == "pdf":
        return found
    for check, kinds in CHECKS.items():
        if check.startswith("list-") or check in ("dir", "lang"):
            continue
        if any(next(find(ast["blocks"], k), None) for k in kinds):
            found.add(check)
    found.update(key for key, *_ in marked(ast))
    if not any(c[2] > 1 for t in find(ast["blocks"], "Table") for c in table_cells(t)):
        found.discard("rowspan")
    if not any(inline_text(t["c"][1][1]).strip() for t in find(ast["blocks"], "Table")):
        found.discard("table-caption")
    return found


def check_html_meaning(ast: dict, roots) -> list[Problem]:
    """What the HTML-based editions must mark, found from pandoc's AST of the input."""
    problems = []
    for node in find(ast["blocks"], "Strikeout"):
        text = inline_text(node["c"])
        if not covered(text, elements(roots, "del", "s", "strike")):
            problems.append(Problem("struck", f"struck '{short(text)}' not in <del>/<s>"))
    for kind, tag in (("Superscript", "sup"), ("Subscript", "sub")):
        for node in find(ast["blocks"], kind):
            text = inline_text(node["c"])
            if not covered(text, elements(roots, tag)):
                problems.append(Problem(kind.lower(), f"{kind.lower()} '{short(text)}' not in <{tag}>"))
    ols = list(elements(roots, "ol"))
    for start, name, code, first in numbered_lists(ast):
        candidates = [ol for ol in ols if covered(first, [ol])]
        if start != 1 and not any(ol.get("start") == str(start) for ol in candidates):
            problems.append(Problem("list-start", f"list starting at {start} ('{short(first, 24)}') has no "
                                                  f'<ol start="{start}">'))
        if name != "decimal" and not any(
                ol.get("type") == code or name in (ol.get("style") or "") or name in (ol.get("class") or "")
                for ol in candidates):
            problems.append(Problem("list-style", f"{name} list ('{short(first, 24)}') not marked {name}"))
    inside = list(elements(roots, "td", "th"))
    for table in find(ast["blocks"], "Table"):
        cells = [inline_text(c[4]) for c in table_cells(table)]
        lost = [c for c in cells if c.strip() and not covered(c, inside)]
        if lost:
            problems.append(Problem("table-cells", f"{len(lost)} of {len(cells)} table cells not in <td>/<th> "
                                                   f"(first: '{short(lost[0])}')"))
        caption = inline_text(table["c"][1][1])
        if caption.strip() and not covered(caption, elements(roots, "caption", "figcaption")):
            problems.append(Problem("table-caption", f"table caption '{short(caption)}' not in <caption>"))
        for cell in table_cells(table):
            if cell[2] > 1 and not any(el.get("rowspan") == str(cell[2]) for el in inside):
                problems.append(Problem("rowspan", f"cell '{short(inline_text(cell[4]))}' spans "
                                                   f"{cell[2]} rows: no rowspan"))
    for dl in find(ast["blocks"], "DefinitionList"):
        for term, definitions in dl["c"]:
            t = inline_text(term)
            if not covered(t, elements(roots, "dt")):
                problems.append(Problem("term", f"term '{short(t)}' not in <dt>"))
            for d in definitions:
                text = inline_text(d)
                if not covered(text, elements(roots, "dd")):
                    problems.append(Problem("definition", f"definition '{short(text)}' not in <dd>"))
    for key, value, text in marked(ast):
        holders = [el for root in roots for el in root.iter() if isinstance(el.tag, str) and el.get(key) == value]
        if not covered(text, holders):
            problems.append(Problem(key, f"'{short(text)}' not marked {key}=\"{value}\""))
    return problems


def check_pdf_meaning(ast: dict, text: str) -> list[Problem]:
    """In the PDF's text: an ordered list shows its first number in its own style ("4.", "i.", "A.")."""
    problems = []
    folded = unicodedata.normalize("NFKC", text)
    for start, name, _code, first_text in numbered_lists(ast):
        first = WORD.findall(unicodedata.normalize("NFKC", first_text))
        if not first:
            continue
        mark = marker(start, name)
        if not re.search(rf"(?<![\w.]){re.escape(mark)}[.)]\s+(?i:{re.escape(first[0])})", folded):
            problems.append(Problem("list-start" if start != 1 else "list-style",
                                    f"list ('{first[0]} …') does not show '{mark}.'"))
    return problems


def meaning(ast: dict, edition: Edition) -> list[Problem]:
    if edition.kind in ("html", "epub"):
        return check_html_meaning(ast, edition.roots)
    if edition.kind == "pdf":
        return check_pdf_meaning(ast, edition.text)
    return []


# --- fixtures and builds -----------------------------------------------------------------------------------

def draw_image(path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (240, 120), (200, 220, 235))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 80, 240, 120), fill=(120, 110, 90))
    draw.rectangle((20, 40, 90, 80), fill=(70, 80, 100))
    im.save(path)


def prepare(work: Path, derive: tuple[str, ...] = DERIVED) -> list[Path]:
    """Copy the hand-written fixtures into ``work``, draw the figure, and let pandoc make the other formats."""
    src = work / "inputs"
    shutil.copytree(FIXTURES, src)
    draw_image(src / IMAGE)
    inputs = sorted(p for p in src.iterdir() if p.suffix in (".md", ".html", ".rst", ".tex"))
    article = src / "article.md"
    for fmt in derive:
        out = article.with_suffix("." + DERIVED_EXT.get(fmt, fmt))
        run_pandoc(["--citeproc", "-s", "-t", fmt, "-o", out.name, article.name], cwd=src)
        inputs.append(out)
    return inputs


@dataclass
class Row:
    fixture: str
    edition: str
    share: float | None
    missing: list[str]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.share is not None and self.share >= THRESHOLD and not self.problems


def build(path: Path, out: Path, formats: tuple[str, ...]) -> tuple[dict[str, Path], str]:
    """The editions of ``path`` made by the installed toolkit command, and its warnings."""
    out.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([toolkit_command(), "build", str(path), "--to", ",".join(formats), "-o", str(out),
                           "-j", "1"], capture_output=True, text=True, check=False, timeout=900)
    found = {}
    for fmt in formats:
        ext = EXTENSION.get(fmt, fmt)
        hits = sorted(p for p in out.glob(f"*.{ext}") if p.is_file())
        if hits:
            found[fmt] = hits[0]
    lines = (proc.stderr or "").strip().splitlines()
    return found, (lines[-1] if lines else f"exit {proc.returncode}") if proc.returncode else ""


def label(path: Path) -> str:
    return path.name


def check(path: Path, out: Path, formats: tuple[str, ...]) -> list[Row]:
    reading = pandoc_reading(path)
    built, error = build(path, out, formats)
    rows = []
    for fmt in formats:
        if fmt not in built:
            rows.append(Row(label(path), fmt, None, [], [Problem("build", f"not built: {error or 'no file'}")]))
            continue
        edition = read_edition(fmt, built[fmt])
        got = edition.words
        rows.append(Row(label(path), fmt, share_kept(reading.words, got),
                        missing_words(reading.text, reading.words, got), meaning(reading.ast, edition)))
    return rows


def run(inputs: list[Path], out: Path, formats: tuple[str, ...], jobs: int = 4) -> list[Row]:
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = pool.map(lambda p: check(p, out / p.name.replace(".", "-"), formats), inputs)
        return [row for rows in results for row in rows]


def summary(problems: list[Problem]) -> str:
    """The failed checks of one edition, by kind: "struck, list-start x2"."""
    counts = Counter(p.kind for p in problems)
    return ", ".join(k if n == 1 else f"{k} x{n}" for k, n in counts.items()) or "ok"


def table(rows: list[Row]) -> str:
    """The table: fixture, edition, share kept, the first 10 missing words, the failed meaning checks."""
    lines = [f"{'fixture':20} {'edition':9} {'kept':>7}  {'missing (first 10)':62}  meaning",
             f"{'-' * 20} {'-' * 9} {'-' * 7}  {'-' * 62}  {'-' * 20}"]
    for r in rows:
        kept = "-" if r.share is None else f"{100 * r.share:.1f} %"
        missing = short(" ".join(r.missing) or "-", 62)
        lines.append(f"{r.fixture:20} {r.edition:9} {kept:>7}  {missing:62}  {summary(r.problems)}")
    return "\n".join(lines)


def details(rows: list[Row]) -> str:
    """Each failed meaning check in full, under its fixture and edition."""
    lines = []
    for r in rows:
        for p in r.problems:
            lines.append(f"{r.fixture} {r.edition}: {p.message}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--to", default=",".join(EDITIONS), help="editions to build (default: %(default)s)")
    ap.add_argument("--only", nargs="*", default=None, help="fixture file names to check (e.g. article.md)")
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep the inputs and editions")
    ap.add_argument("--jobs", type=int, default=4)
    args = ap.parse_args()
    formats = tuple(f.strip() for f in args.to.split(",") if f.strip())
    with tempfile.TemporaryDirectory(prefix="preserve-") as tmp:
        work = args.keep or Path(tmp)
        if args.keep and work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
        inputs = prepare(work)
        if args.only:
            inputs = [p for p in inputs if p.name in args.only]
        rows = run(inputs, work / "editions", formats, args.jobs)
    print(table(rows))
    if any(r.problems for r in rows):
        print("\nmeaning checks that failed:\n" + details(rows))
    failed = [r for r in rows if not r.ok]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} editions keep at least {THRESHOLD:.0%} of the words and "
          "their meaning" + (f"; {len(failed)} do not" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
