"""Turns pandoc citeproc output (Cite inlines and the ``refs`` Div) into Cite nodes and Sources.

Markdown ``[@key]`` citations with a bibliography (CSL JSON, BibTeX, ...) are rendered by pandoc's
citeproc in the CSL style given (``--csl`` or ``csl:`` in the front matter); the toolkit keeps one
Source per cited key, with the formatted reference, and the writers print one reference list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.pandoc.from_ast import CITE
from toolkit.tree.nodes import Source

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
MAX_PARENTS = 3  # a dependent style's parent may itself name a parent: this many at most


def citeproc_args(meta: dict, ctx, path: str | None) -> list[str]:
    """pandoc arguments for citeproc: bibliography, style and abbreviation files, which must lie beside
    the input (a ``--csl`` the user gave may lie anywhere).

    pandoc reads each file itself, outside its sandbox: every one is named here, on its command line
    (which overrides the front matter's keys), after the guard's checks (``toolkit.pandoc.run``). A CSL
    "dependent" style names its parent style by a link citeproc would follow over the network: its
    parent is given instead when it is a file beside the article, and the build stops otherwise.
    """
    bib = meta.get("bibliography")
    if not bib and not meta.get("references"):
        return []
    files = (bib if isinstance(bib, list) else [bib]) if bib else []
    base = ctx.base_dir.resolve()
    args = ["--citeproc"]
    for name in files:
        args += ["--bibliography", str(_beside(base, name, "bibliography", path))]
    abbreviations = meta.get("citation-abbreviations")
    if abbreviations:
        args += ["--citation-abbreviations", str(_beside(base, abbreviations, "citation-abbreviations", path))]
    given = getattr(ctx.options, "csl", None)  # --csl names a file the user chose
    csl = given or meta.get("csl")
    if csl:
        p = Path(csl) if given else _beside(base, csl, "csl", path)
        if not p.is_file():
            raise InputError(f"CSL style {str(csl)!r} not found", path)
        allow_network = bool(getattr(ctx.options, "allow_network", False))
        args += ["--csl", str(independent_style(p, base, "--csl" if given else "csl", path, allow_network))]
    return args


def _beside(base: Path, name, key: str, path: str | None) -> Path:
    """The file the front matter's ``key`` names, which must lie in the article's folder (symlinks resolved)."""
    if isinstance(name, list) or not str(name).strip():
        raise InputError(f"'{key}' in the front matter must name one file beside the article", path)
    text = str(name)
    if "://" in text:  # pandoc would fetch it: nothing is, without the toolkit's own fetcher
        raise InputError(f"'{key}' names a URL ({text[:80]}); the toolkit fetches no {key} file: save it "
                         "beside the article and name the file", path)
    p = (base / text).resolve()
    if not p.is_relative_to(base):
        raise InputError(f"{key} {text!r} lies outside the article's folder; copy it beside the article",
                         path)
    if not p.is_file():
        raise InputError(f"{key} {text!r} not found beside the article", path)
    return p


def independent_style(style: Path, base: Path, key: str, path: str | None, allow_network: bool = False) -> Path:
    """The CSL style that holds the formatting: ``style`` itself, or, for a "dependent" style (a pointer to
    a parent by ``<link rel="independent-parent" href=...>``), its parent when that is a file in the
    article's folder, or one on the network fetched by the toolkit's restricted fetcher with
    ``--allow-network``. Without it a parent on the network is refused: citeproc would fetch it past every
    guard (no address check, no size limit)."""
    from lxml import etree

    from toolkit.guard.files import MAX_CITATION_FILE_BYTES, read_text

    for _ in range(MAX_PARENTS + 1):
        text = read_text(style, "CSL style", MAX_CITATION_FILE_BYTES)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(text.encode("utf-8"), parser)
        except etree.XMLSyntaxError as exc:
            raise InputError(f"CSL style {style.name!r} ('{key}') is not XML: {exc}", path) from None
        link = root.find(f"{CSL_NS}info/{CSL_NS}link[@rel='independent-parent']")
        if link is None:
            return style
        href = (link.get("href") or "").strip()
        if "://" in href and not href.startswith("file://"):
            style = _fetched_parent(href, style, key, path, allow_network)
            continue
        parent = (style.resolve().parent / href.removeprefix("file://")).resolve()
        if not parent.is_relative_to(base) or not parent.is_file():
            raise InputError(f"CSL style {style.name!r} ('{key}') is a dependent style whose parent {href[:80]!r} "
                             "is not a file beside the article; save the parent style there and name it with csl:",
                             path)
        style = parent
    raise InputError(f"CSL style ('{key}'): more than {MAX_PARENTS} dependent styles in a chain", path)


def _fetched_parent(href: str, style: Path, key: str, path: str | None, allow_network: bool) -> Path:
    """The parent style at ``href``, fetched through ``toolkit.guard.fetch`` (``--allow-network`` only)."""
    from toolkit.guard.fetch import FetchRefusedError, fetch_to_file
    from toolkit.guard.files import MAX_CITATION_FILE_BYTES

    if not allow_network:
        raise InputError(f"CSL style {style.name!r} ('{key}') is a dependent style whose formatting lies at "
                         f"{href[:80]}; nothing is fetched without --allow-network: give that option, or "
                         "download the parent style, save it beside the article and name it with csl:", path)
    try:
        return fetch_to_file(href, MAX_CITATION_FILE_BYTES, "application/vnd.citationstyles.style+xml, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1", ".csl")
    except FetchRefusedError as exc:
        raise InputError(f"CSL style {style.name!r} ('{key}') is a dependent style; its parent {href[:80]} was "
                         f"not fetched: {exc}", path) from None


def _text(inlines: list) -> str:
    out: list[str] = []
    for it in inlines:
        t, c = it.get("t"), it.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "SmallCaps", "Underline", "Superscript", "Subscript", "Strikeout"):
            out.append(_text(c))
        elif t in ("Span", "Link", "Quoted", "Cite"):
            out.append(_text(c[1]))
    return "".join(out)


def _block_text(blocks: list) -> str:
    return " ".join(_text(b.get("c", [])) if b.get("t") in ("Para", "Plain") else _block_text(b["c"][1])
                    if b.get("t") == "Div" else "" for b in blocks).strip()


REFERENCES_TITLE = "references-title"  # Meta.extra key: the author's own heading for the reference list


def extract_citations(ast: dict) -> tuple[dict, list[Source]]:
    """Rewrite Cite inlines as toolkit cite Spans and lift the reference list out of the blocks.

    The writers print the list (one Source per cited key, with its formatted reference). The author's own
    heading over it ("References", "Bibliographie") would be left over it empty: it goes with the list, and
    its words title the writers' list (``Meta.extra`` key ``references-title``, set by the reader).
    """
    refs: dict[str, str] = {}
    kept = []
    blocks = ast.get("blocks", [])
    for i, block in enumerate(blocks):
        if block.get("t") == "Div" and block["c"][0][0] == "refs":
            for entry in block["c"][1]:
                if entry.get("t") == "Div" and entry["c"][0][0].startswith("ref-"):
                    refs[entry["c"][0][0][4:]] = _block_text(entry["c"][1])
            after = next((b for b in blocks[i + 1:]), None)
            if kept and kept[-1].get("t") == "Header" and (
                    after is None or (after.get("t") == "Header" and after["c"][0] <= kept[-1]["c"][0])):
                heading = kept.pop()  # the heading had nothing under it but the list
                ast.setdefault("meta", {})[REFERENCES_TITLE] = {"t": "MetaString", "c": _text(heading["c"][2])}
            continue
        kept.append(block)
    ast["blocks"] = kept
    order: list[str] = []

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(n) for n in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Cite":
            citations, inlines = node["c"]
            keys = [c["citationId"] for c in citations]
            for k in keys:
                if k not in order:
                    order.append(k)
            return {"t": "Span", "c": [["", [CITE], [["source", keys[0]]]], visit(inlines)]}
        return {k: visit(v) for k, v in node.items()}

    ast["blocks"] = visit(ast["blocks"])
    sources = [Source(id=k, name=refs.get(k, k), kind="reference", reference=refs.get(k, ""))
               for k in order]
    return ast, sources
