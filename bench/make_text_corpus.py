"""Builds a whole-page text-dump corpus from an HTML corpus with truth: the text a reader gets by
selecting and copying the rendered page.

Each page is loaded in headless Chromium (Playwright, the system's /usr/bin/chromium, never a browser
download) with JavaScript disabled and every network request aborted, so only the page's own HTML and
inline styles count. ``document.body.innerText`` is taken whole - menus, teasers, footers, cookie notes
and all - and normalised to the form of the shared ``wcxb-dev-text`` corpus: blocks separated by a
blank line, a ``<br>`` a single line break inside its block, whitespace collapsed, table cells blocks
of their own. The ``<head>`` (and so the page's ``<title>``) is not part of the dump.

    .venv/bin/python bench/make_text_corpus.py [SRC_CORPUS] [OUT_DIR] [--limit N]

Defaults: ../shared/corpus/fundus -> build/corpora/fundus-text. Writes OUT_DIR/items/<id>.txt,
OUT_DIR/truth.json (the source truth with only the keys a text dump can carry), OUT_DIR/kind and
OUT_DIR/README.md. build/ is not committed: this script is how the corpus is made again.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "corpus" / "fundus"
DEFAULT_OUT = ROOT / "build" / "corpora" / "fundus-text"
CHROMIUM = Path("/usr/bin/chromium")
KEEP_KEYS = ("title", "subtitle", "authors", "date", "text")
LINE_MARK = "\ue000"  # stands for a <br> while the body's text is read (a private-use character)
PAGE_TIMEOUT_MS = 30_000

# Every <br> becomes LINE_MARK, so that a line break inside a paragraph can be told from a block edge.
MARK_BREAKS = """(mark) => {
  for (const br of Array.from(document.body ? document.body.querySelectorAll('br') : [])) {
    br.replaceWith(document.createTextNode(mark));
  }
  return document.body ? document.body.innerText : '';
}"""


def normalise_dump(inner_text: str) -> str:
    """``innerText`` (with LINE_MARK for each <br>) -> blocks separated by one blank line.

    Any line break or tab (a table cell's edge) ends a block; a LINE_MARK is a single line break
    inside its block; runs of white space become one space; lines with nothing visible (empty, or only
    zero-width characters) are dropped."""
    blocks = []
    for raw in re.split(r"[\n\r\t\f\v\u2029]+", inner_text or ""):
        lines = [" ".join(part.split()) for part in raw.replace("\u2028", LINE_MARK).split(LINE_MARK)]
        block = "\n".join(line for line in lines if any(unicodedata.category(c) != "Cf" for c in line))
        if block:
            blocks.append(block)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def text_truth(truth: dict) -> dict:
    """The keys of a truth a text dump can carry (no figures: a dump has no images)."""
    return {k: truth[k] for k in KEEP_KEYS if k in truth}


class PageDumper:
    """One headless Chromium, JavaScript off, the network cut: ``dump(html)`` -> normalised page text."""

    def __init__(self, executable: Path = CHROMIUM):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=str(executable))
        self._context = self._browser.new_context(java_script_enabled=False, offline=True)
        self._context.route("**/*", lambda route: route.abort())

    def dump(self, html: str) -> str:
        page = self._context.new_page()
        try:
            page.set_content(html, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)
            return normalise_dump(page.evaluate(MARK_BREAKS, LINE_MARK))
        finally:
            page.close()

    def close(self) -> None:
        self._context.close()
        self._browser.close()
        self._pw.stop()

    def __enter__(self) -> PageDumper:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


README = """# {name}

Whole-page text dumps derived from the HTML corpus `{src_name}` (its own README says where the
pages come from; for fundus: github.com/flairNLP/fundus `tests/resources/parser/test_data`, licence
**MIT**, (c) 2023 Max Dallabetta, Conrad Dobberstein, Aaron Wey and contributors; the pages belong
to their publishers - local evaluation input only, never committed).

Made by `bench/make_text_corpus.py` (the project's repository): each page loaded in headless
Chromium ({browser}) with JavaScript disabled and every network request aborted (so external style
sheets do not apply: parts a site hides with them show), `document.body.innerText` taken whole
(menus, teasers, footers, cookie notes kept; no `<head>`, so no `<title>`), then normalised like
`wcxb-dev-text`: any line break or tab ends a block, blocks separated by a blank line, a `<br>` a
single line break inside its block, white space collapsed.

Truth: the source truth with the keys a text dump can carry ({keys}); figures dropped.

## Numbers

- items: {n} (text), {failed} pages failed to load
- truth fields (items that have them): {counts}
- made in {secs:.0f} s
"""


def build(src: Path, out: Path, limit: int | None = None) -> tuple[int, list[str], float]:
    """Writes the text corpus; returns (items written, ids that failed, seconds)."""
    truth = json.loads((src / "truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    (out / "items").mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    kept, failed = {}, []
    with PageDumper() as dumper:
        version = dumper._browser.version
        for item_id in ids:
            page = src / "items" / f"{item_id}.html"
            try:
                text = dumper.dump(page.read_text(encoding="utf-8", errors="replace"))
            except Exception as exc:  # a page that will not load is reported and left out
                print(f"make_text_corpus: {page.name}: {str(exc).splitlines()[0]}", file=sys.stderr)
                failed.append(item_id)
                continue
            if not text.strip():
                print(f"make_text_corpus: {page.name}: the page shows no text", file=sys.stderr)
                failed.append(item_id)
                continue
            (out / "items" / f"{item_id}.txt").write_text(text, encoding="utf-8")
            kept[item_id] = text_truth(truth[item_id])
    secs = time.monotonic() - started
    (out / "truth.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "kind").write_text("text\n", encoding="utf-8")
    counts = ", ".join(f"{k} {sum(1 for t in kept.values() if k in t)}" for k in KEEP_KEYS)
    (out / "README.md").write_text(README.format(
        name=out.name, src_name=src.name, browser=f"Chromium {version}", keys=", ".join(KEEP_KEYS),
        n=len(kept), failed=len(failed), counts=counts, secs=secs), encoding="utf-8")
    return len(kept), failed, secs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC)
    ap.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not (args.src / "truth.json").is_file():
        print(f"make_text_corpus: {args.src}: no truth.json (not a corpus)", file=sys.stderr)
        return 2
    if not CHROMIUM.is_file():
        print(f"make_text_corpus: {CHROMIUM} is missing (make system-test installs it)", file=sys.stderr)
        return 2
    n, failed, secs = build(args.src, args.out, args.limit)
    print(f"make_text_corpus: {n} items in {args.out} ({len(failed)} failed), {secs:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
