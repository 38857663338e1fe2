"""Maps pandoc's JSON AST to the toolkit tree, and runs the pandoc binary that pypandoc-binary ships."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from toolkit.errors import InputError, RenderError
from toolkit.tree.nodes import (
    Attr,
    BlockQuote,
    Code,
    CodeBlock,
    Emph,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Quote,
    Rule,
    Span,
    Strong,
    Text,
)

PANDOC_TIMEOUT = 120


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise RenderError(f"pandoc is not available ({exc}); install pypandoc-binary") from None


def run_pandoc(args: list[str], data: bytes, path: str | None = None) -> bytes:
    """Run pandoc in its sandbox (no file or network access beyond its input)."""
    try:
        proc = subprocess.run([pandoc_path(), "--sandbox", *args], input=data, capture_output=True,
                              timeout=PANDOC_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"pandoc took more than {PANDOC_TIMEOUT} s; the input may be malformed", path) from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"pandoc could not read it: {msg[-1] if msg else 'exit ' + str(proc.returncode)}", path)
    return proc.stdout


def pandoc_version() -> str | None:
    try:
        out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.split("\n", 1)[0].split()[-1]
    except Exception:
        return None


def _attr(a: list) -> Attr:
    ident, classes, kv = a
    return Attr(ident, tuple(classes), tuple((k, v) for k, v in kv))


class FromPandoc:
    def __init__(self):
        self.notes: list[Note] = []

    def inlines(self, items: list) -> tuple:
        out: list = []
        for it in items:
            node = self.inline(it)
            if node is None:
                continue
            for n in node if isinstance(node, list) else [node]:
                if isinstance(n, Text) and out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text + n.text)
                else:
                    out.append(n)
        return tuple(out)

    def inline(self, it: dict) -> Any:
        t, c = it["t"], it.get("c")
        if t == "Str":
            return Text(c)
        if t in ("Space", "SoftBreak"):
            return Text(" ")
        if t == "LineBreak":
            return LineBreak()
        if t == "Emph":
            return Emph(self.inlines(c))
        if t in ("Strong", "Underline", "SmallCaps"):
            return Strong(self.inlines(c)) if t == "Strong" else list(self.inlines(c))
        if t in ("Strikeout", "Superscript", "Subscript"):
            return list(self.inlines(c))
        if t == "Code":
            return Code(c[1])
        if t == "Link":
            return Link(self.inlines(c[1]), c[2][0], c[2][1])
        if t == "Quoted":
            marks = "\u201c\u201d" if c[0]["t"] == "DoubleQuote" else "\u2018\u2019"
            return Quote(self.inlines(c[1]), attr=Attr(kv=(("marks", marks),)))
        if t == "Note":
            nid = f"note{len(self.notes) + 1}"
            self.notes.append(Note(nid, self.blocks(c)))
            return NoteRef(nid)
        if t == "Span":
            return Span(self.inlines(c[1]), _attr(c[0]))
        if t == "Cite":
            return list(self.inlines(c[1]))
        if t == "Image":
            return None  # images inside paragraphs become figures at block level
        if t in ("Math", "RawInline"):
            return Text(c[1]) if t == "Math" else None
        return None

    def blocks(self, items: list) -> tuple:
        out: list = []
        for it in items:
            node = self.block(it)
            if node is None:
                continue
            out.extend(node if isinstance(node, list) else [node])
        return tuple(out)

    def _figure_from_image(self, img: dict, caption_inlines: list | None = None) -> Figure:
        attr, alt, (src, _title) = img["c"]
        alt_text = "".join(getattr(n, "text", "") for n in self.inlines(alt))
        caption = self.inlines(caption_inlines) if caption_inlines is not None else self.inlines(alt)
        credit = dict(attr[2]).get("credit", "")
        return Figure(src, alt_text, caption, (Text(credit),) if credit else (), _attr(attr))

    def block(self, it: dict) -> Any:
        t, c = it["t"], it.get("c")
        if t in ("Para", "Plain"):
            imgs = [x for x in c if x["t"] == "Image"]
            if imgs and all(x["t"] in ("Image", "Space", "SoftBreak") for x in c):
                return [self._figure_from_image(x) for x in imgs]
            return Para(self.inlines(c))
        if t == "Header":
            return Heading(c[0], self.inlines(c[2]), _attr(c[1]))
        if t == "BlockQuote":
            return BlockQuote(self.blocks(c))
        if t == "BulletList":
            return ListBlock(False, tuple(self.blocks(item) for item in c))
        if t == "OrderedList":
            return ListBlock(True, tuple(self.blocks(item) for item in c[1]))
        if t == "CodeBlock":
            return CodeBlock(c[1], _attr(c[0]))
        if t == "HorizontalRule":
            return Rule()
        if t == "Figure":
            _attr_fig, caption, body = c
            cap_blocks = caption[1]
            cap_inlines = [x for b in cap_blocks for x in b.get("c", [])] if cap_blocks else []
            imgs = [x for b in body for x in (b.get("c") or []) if isinstance(x, dict) and x.get("t") == "Image"]
            if imgs:
                return self._figure_from_image(imgs[0], cap_inlines)
            return list(self.blocks(body))
        if t == "Div":
            return list(self.blocks(c[1]))
        if t == "LineBlock":
            return [Para(self.inlines(line)) for line in c]
        if t == "DefinitionList":
            return [Para(self.inlines(term)) for term, _ in c]
        return None


def meta_value(v: dict) -> Any:
    t, c = v["t"], v.get("c")
    if t == "MetaString":
        return c
    if t == "MetaBool":
        return c
    if t in ("MetaInlines", "MetaBlocks"):
        conv = FromPandoc()
        nodes = conv.inlines(c) if t == "MetaInlines" else conv.blocks(c)
        from toolkit.tree.walk import plain_text

        if t == "MetaBlocks":
            return "\n\n".join(plain_text(b.children) for b in nodes if hasattr(b, "children"))
        return plain_text(nodes)
    if t == "MetaList":
        return [meta_value(x) for x in c]
    if t == "MetaMap":
        return {k: meta_value(x) for k, x in c.items()}
    return None


def from_pandoc_json(raw: bytes) -> tuple[dict, tuple]:
    """(metadata as plain values, blocks including notes) from pandoc's JSON output."""
    ast = json.loads(raw)
    conv = FromPandoc()
    blocks = conv.blocks(ast["blocks"])
    meta = {k: meta_value(v) for k, v in ast.get("meta", {}).items()}
    return meta, blocks + tuple(conv.notes)
