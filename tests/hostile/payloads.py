"""Hostile articles for every reader (HTML, Markdown, text, DOCX, JSON tree), aimed at a loopback server,
and the checks that an edition carries none of it: no script, handler, frame, form or remote load."""

from __future__ import annotations

import json
import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from tests.hostile.conftest import paragraphs

MARK = "XSSMARK"
ALERT = f"alert('{MARK}')"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


class Recorder(ThreadingHTTPServer):
    """A loopback HTTP server that records every request (the hostile tests expect none).

    ``routes`` maps a path to (status, headers, body); any other path gets a 1x1 PNG.
    """

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], bytes]] | None = None):
        self.requests: list[str] = []
        outer = self
        routes = routes or {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                code, headers, body = routes.get(self.path, (200, {"Content-Type": "image/png"}, PNG))
                self.send_response(code)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def hostile_html(base: str) -> str:
    ps = paragraphs(4)
    return f"""<!DOCTYPE html><html lang='en" onload="{ALERT}'><head><title>Hostile page</title>
<base href="{base}/base/">
<meta http-equiv="refresh" content="0;url=javascript:{ALERT}">
<link rel="stylesheet" href="{base}/remote.css"><link rel="attachment" href="/etc/passwd">
<style>@import url({base}/import.css); body {{ background: url({base}/bg.png) }}</style>
<script>{ALERT}</script><script src="{base}/remote.js"></script>
</head><body onload="{ALERT}"><article><h1>Hostile page</h1>
<p onclick="{ALERT}" style="background:url({base}/p.png)">{ps[0]} <a href="javascript:{ALERT}">js link</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>
<a href=" JaVa&#x09;ScRiPt:{ALERT}">spaced link</a> <a href="vbscript:msgbox(1)">vb link</a>
<a href="https://example.org/fine" onmouseover="{ALERT}">good link</a></p>
<p>{ps[1]} <img src="x" onerror="{ALERT}" alt="broken"> <img src="file:///etc/passwd" alt="passwd">
<img src="{base}/remote.png" alt="remote"> <svg onload="{ALERT}"><script>{ALERT}</script></svg></p>
<iframe src="{base}/frame.html"></iframe><object data="{base}/obj.swf"></object><embed src="{base}/e.swf">
<form action="{base}/steal"><input name="q" value="{MARK}"><button formaction="javascript:{ALERT}">Go</button></form>
<p>{ps[2]} Literal text: &lt;script&gt;{ALERT}&lt;/script&gt; and &lt;img src=x onerror={ALERT}&gt;.</p>
<figure><img src="data:text/html,&lt;script&gt;{ALERT}&lt;/script&gt;" alt="data image">
<figcaption>A caption <span style="background:url({base}/cap.png)">styled</span></figcaption></figure>
<p>{ps[3]} <a href="{base}/ok.html">a loopback link is only a link</a></p>
</article></body></html>"""


def hostile_markdown(base: str) -> str:
    ps = paragraphs(4)
    return f"""---
title: "Hostile <script>{ALERT}</script>notes"
lang: "en\\" onload=\\"{ALERT}"
author: ["<img src=x onerror={ALERT}>Ann"]
---

{ps[0]} [js link](javascript:{ALERT}) [data link](data:text/html,<script>{ALERT}</script>)
[vb](vbscript:msgbox(1)) [good](https://example.org/fine "a <b>title</b>").

[{ps[1]}]{{#x onclick="{ALERT}" style="background:url({base}/span.png)" .c\\"x}}

<script>{ALERT}</script>
<iframe src="{base}/frame.html"></iframe>
<form action="{base}/steal"><input value="{MARK}"></form>
<style>@import url({base}/import.css);</style>
<a href="javascript:{ALERT}" onclick="{ALERT}">raw link</a>

![data image](data:text/html,<script>{ALERT}</script>)

![remote image]({base}/remote.png)

![local secret](/etc/passwd)

{ps[2]} <img src=x onerror="{ALERT}">

{ps[3]}
"""


def hostile_text() -> str:
    ps = paragraphs(5)
    return "\n\n".join([
        "A Hostile Text Story", "By Ann Writer",
        ps[0], f"{ps[1]} It quoted <script>{ALERT}</script> verbatim in the report.",
        f"{ps[2]} A reader wrote javascript:{ALERT} and <img src=x onerror={ALERT}> in a comment.",
        f'{ps[3]} The sign said "</p><iframe src=javascript:{ALERT}>" in large letters.', ps[4]]) + "\n"


def hostile_tree(base: str) -> dict:
    def text(s):
        return {"t": "Text", "text": s}

    def para(*children, **attr):
        node = {"t": "Para", "children": list(children)}
        if attr:
            node["attr"] = {"t": "Attr", "id": attr.get("id", ""), "classes": attr.get("classes", []),
                            "kv": attr.get("kv", [])}
        return node

    ps = paragraphs(4)
    evil_id = f'p1" onmouseover="{ALERT}'
    return {
        "toolkit-tree-version": "1.0", "t": "Document",
        "meta": {"t": "Meta", "title": f"Tree </title><script>{ALERT}</script>", "language": f'en" onload="{ALERT}',
                 "url": f"javascript:{ALERT}", "cover": "file:///etc/passwd",
                 "authors": [f"<img src=x onerror={ALERT}>"]},
        "blocks": [
            para(text(ps[0] + " "), {"t": "Link", "children": [text("js")], "url": f"javascript:{ALERT}",
                                     "title": f'"><script>{ALERT}</script>'},
                 {"t": "Link", "children": [text("data")], "url": "data:text/html,<script>alert(1)</script>"},
                 {"t": "Link", "children": [text("good")], "url": "https://example.org/fine"},
                 id=evil_id, classes=[f'x" onclick="{ALERT}', "ok"],
                 kv=[["onclick", ALERT], ["style", f"background:url({base}/kv.png)"], ["href", f"javascript:{ALERT}"]]),
            para(text(ps[1]), {"t": "Span", "children": [text(" span")],
                               "attr": {"t": "Attr", "id": f'"><script>{ALERT}</script>', "classes": ["entity"],
                                        "kv": [["onmouseover", ALERT], ["kind", f'"><b onclick="{ALERT}">']]}},
                 {"t": "Abbr", "text": "UN", "title": f'"><script>{ALERT}</script>'},
                 {"t": "Quote", "children": [text("quoted")], "speaker": f'p" onclick="{ALERT}'},
                 {"t": "NoteRef", "note": f'n1" onclick="{ALERT}'}),
            {"t": "Figure", "src": f"data:text/html,<script>{ALERT}</script>", "alt": "x"},
            {"t": "Figure", "src": "file:///etc/passwd", "alt": "passwd"},
            {"t": "Figure", "src": f"{base}/remote.png", "alt": "remote"},
            {"t": "CodeBlock", "text": f"</code></pre><script>{ALERT}</script>"},
            para(text(ps[2] + f" <script>{ALERT}</script>")),
            para(text(ps[3])),
            {"t": "Note", "id": f'n1" onclick="{ALERT}', "blocks": [para(text("A note."))]},
        ],
        "people": [{"t": "Person", "id": f'p" onclick="{ALERT}', "name": f"<b onclick={ALERT}>Ann</b>"}],
        "sources": [{"t": "Source", "id": "s1", "name": "Site", "url": f"javascript:{ALERT}"}],
    }


def write_inputs(folder: Path, base: str) -> dict[str, Path]:
    """One hostile input per reader: html, markdown, text, docx (made by pandoc), json."""
    from toolkit.pandoc.run import pandoc_path

    folder.mkdir(parents=True, exist_ok=True)
    paths = {"html": folder / "page.html", "markdown": folder / "notes.md", "text": folder / "story.txt",
             "json": folder / "tree.json", "docx": folder / "letter.docx"}
    paths["html"].write_text(hostile_html(base), encoding="utf-8")
    paths["markdown"].write_text(hostile_markdown(base), encoding="utf-8")
    paths["text"].write_text(hostile_text(), encoding="utf-8")
    paths["json"].write_text(json.dumps(hostile_tree(base)), encoding="utf-8")
    import subprocess

    subprocess.run([pandoc_path(), "--from", "markdown", "--to", "docx", "-o", str(paths["docx"])],
                   input=hostile_markdown(base).encode(), check=True, capture_output=True)
    return paths


# ------------------------------------------------------------------ checks on the editions
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "textarea",
                  "select", "base", "portal", "maction"}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "srcset", "background", "codebase",
             "cite", "manifest", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application", "data:image/svg", "file:")
_STRIP = re.compile(r"[\x00-\x20\x7f]+")


def problems_in_markup(root, where: str, base: str) -> list[str]:
    """Everything active in a parsed (X)HTML document; an empty list when it is inert."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname.lower()
        if tag in FORBIDDEN_TAGS:
            found.append(f"{where}: <{tag}>")
        if tag == "button" and (el.get("formaction") or el.get("form") or MARK in (el.text_content() or "")):
            found.append(f"{where}: <button> from the input")
        if tag == "meta" and (el.get("http-equiv") or "").lower() in ("refresh", "set-cookie"):
            found.append(f"{where}: <meta http-equiv={el.get('http-equiv')}>")
        if tag == "script":
            body = el.text or ""
            if el.get("type") == "application/ld+json":
                json.loads(body)  # data, not code
            elif MARK in body or "alert(" in body or el.get("src"):
                found.append(f"{where}: <script> from the input")
        if tag == "style" and _loads(el.text or "", base):
            found.append(f"{where}: <style> loading or marked")
        if tag == "link" and (el.get("rel") or "").lower() != "stylesheet":
            found.append(f"{where}: <link rel={el.get('rel')}>")
        for name, value in el.attrib.items():
            local = etree.QName(name).localname.lower() if name.startswith("{") else name.lower()
            if local.startswith("on"):
                found.append(f"{where}: <{tag} {local}>")
            if local == "style" and _loads(value, base):
                found.append(f"{where}: <{tag} style={value[:60]!r}>")
            if local in URL_ATTRS or local.endswith("href"):
                flat = _STRIP.sub("", value).lower()
                if flat.startswith(BAD_SCHEMES) or "/etc/passwd" in flat:
                    found.append(f"{where}: <{tag} {local}={value[:60]!r}>")
                if base in value and not (tag == "a" and local == "href"):
                    found.append(f"{where}: <{tag} {local}> loads from the server")
    return found


def _loads(css: str, base: str) -> bool:
    flat = _STRIP.sub("", css).lower()
    return base in css or MARK in css or "@import" in flat or "expression(" in flat or "javascript:" in flat


def html_problems(path: Path, base: str) -> list[str]:
    return problems_in_markup(lxml_html.fromstring(path.read_bytes()), path.name, base)


def epub_problems(path: Path, base: str) -> list[str]:
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if name.endswith((".xhtml", ".html", ".opf", ".ncx")):
                root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
                found += problems_in_markup(root, f"{path.name}!{name}", base)
            elif name.endswith(".css") and _loads(data.decode("utf-8", "replace"), base):
                found.append(f"{path.name}!{name}: CSS loads from outside")
    return found


def pdf_problems(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    found = []
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if key in names:
            found.append(f"{path.name}: {key} in the catalogue")
    for key in ("/OpenAction", "/AA"):
        if key in root:
            found.append(f"{path.name}: {key} on the document")
    if reader.attachments:
        found.append(f"{path.name}: attachments {list(reader.attachments)}")
    text = ""
    for page in reader.pages:
        text += page.extract_text() or ""
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/FileAttachment":
                found.append(f"{path.name}: file attachment annotation")
            action = annot.get("/A")
            if action is None:
                continue
            action = action.get_object()
            kind = action.get("/S")
            if kind not in ("/URI", "/GoTo"):
                found.append(f"{path.name}: {kind} action")
            uri = str(action.get("/URI", ""))
            if uri and not uri.lower().startswith(("http://", "https://", "mailto:", "#")):
                found.append(f"{path.name}: link to {uri[:60]!r}")
    if "root:x:0:0" in text:
        found.append(f"{path.name}: /etc/passwd in the text")
    return found
