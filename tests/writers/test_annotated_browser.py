"""The annotated edition in Chromium (Playwright, system browser): toggles, fragment state, sidenotes, no JS."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import html as lhtml

from tests.writers.conftest import CHROMIUM
from tests.writers.test_annotated_html import page
from tests.writers.test_annotated_webanno import page_text

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no system Chromium at /usr/bin/chromium")

# every sidenote's box, the text column's box and each note's anchor, in page coordinates
GEOMETRY = """() => {
  const box = el => { const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right}; };
  const notes = [...document.querySelectorAll('.article-body .sidenote')].filter(n => n.offsetParent !== null);
  return {
    body: box(document.querySelector('.article-body')),
    paras: [...document.querySelectorAll('.article-body > p')].map(box),
    notes: notes.map(n => ({box: box(n), anchor: box(document.getElementById(n.dataset.for))})),
    width: document.documentElement.scrollWidth,
  };
}"""


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("annotated") / "sample.html"
    path.write_text(page(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_doc) -> Path:
    from toolkit.options import Context, Options
    from toolkit.pipeline import render

    path = tmp_path_factory.mktemp("annotated") / "seed.html"
    path.write_bytes(render(seed_doc, "html", Options(), Context()))
    return path


def open_page(browser, path: Path, width: int = 1280, fragment: str = "", js: bool = True):
    # reduced motion: the style sheet then has no transitions, so styles are final at once
    ctx = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js,
                              reduced_motion="reduce")
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    pg.on("request", lambda r: problems.append("request " + r.url) if not r.url.startswith(("file:", "data:"))
          else None)
    pg.goto(path.as_uri() + fragment)
    pg.wait_for_load_state("load")
    return pg, problems


def background(pg, selector: str) -> str:
    return pg.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def pressed(pg) -> dict[str, str]:
    return pg.eval_on_selector_all(".layer-toggle", "bs => Object.fromEntries(bs.map("
                                   "b => [b.dataset.layer, b.getAttribute('aria-pressed')]))")


def test_toggles_switch_layers_and_keep_state_in_the_fragment(browser, sample_file):
    pg, problems = open_page(browser, sample_file)
    assert pg.is_visible(".layer-toggle")
    assert pressed(pg) == {"quotes": "true", "sources": "true", "terms": "true", "dates": "false",
                           "entities": "false"}
    quote = "span.quote[data-speaker='mara']"
    assert background(pg, quote) != "rgba(0, 0, 0, 0)"
    assert pg.is_visible(".sidenote")
    pg.click(".layer-toggle[data-layer='quotes']")
    assert pressed(pg)["quotes"] == "false"
    assert background(pg, quote) == "rgba(0, 0, 0, 0)"
    assert not pg.is_visible(".sidenote")
    assert "layers=sources,terms" in pg.evaluate("location.hash")
    # keyboard: focus the dates switch and press Space, then Enter on the names switch
    date = "time.date"
    before = background(pg, date)
    pg.focus(".layer-toggle[data-layer='dates']")
    pg.keyboard.press("Space")
    assert pressed(pg)["dates"] == "true"
    assert background(pg, date) != before
    pg.focus(".layer-toggle[data-layer='entities']")
    pg.keyboard.press("Enter")
    fragment = pg.evaluate("location.hash")
    assert fragment == "#layers=sources,terms,dates,entities"
    # the state survives a reload from the address, and a permalink keeps it
    pg2, problems2 = open_page(browser, sample_file, fragment="#p2&layers=dates")
    assert pressed(pg2) == {"quotes": "false", "sources": "false", "terms": "false", "dates": "true",
                            "entities": "false"}
    pg2.click("#p3 .pilcrow", force=True)
    assert pg2.evaluate("location.hash") == "#p3&layers=dates"
    assert problems == []
    assert problems2 == []


def _overlap(a: dict, b: dict) -> bool:
    return a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5 and a["left"] < b["right"] - 0.5 \
        and b["left"] < a["right"] - 0.5


def check_sidenotes(geometry: dict) -> None:
    notes = geometry["notes"]
    assert notes, "no visible sidenotes"
    for i, n in enumerate(notes):
        assert n["box"]["left"] >= geometry["body"]["right"], "a note overlaps the text column"
        assert n["box"]["top"] >= n["anchor"]["top"] - 1, "a note sits above its quote"
        assert not any(_overlap(n["box"], p) for p in geometry["paras"])
        for m in notes[i + 1:]:
            assert not _overlap(n["box"], m["box"]), "two notes overlap"
    assert geometry["width"] <= 1280


def test_sidenotes_sit_beside_their_quotes_without_overlap(browser, seed_file, sample_file):
    for path in (seed_file, sample_file):
        pg, problems = open_page(browser, path)
        check_sidenotes(pg.evaluate(GEOMETRY))
        assert problems == []


def test_sidenotes_without_script_still_do_not_overlap(browser, sample_file):
    pg, _ = open_page(browser, sample_file, js=False)
    assert not pg.is_visible(".layer-toggle")  # switches need the script, so they stay hidden
    assert pg.is_visible("#voices")
    assert pg.is_visible("#timeline")
    check_sidenotes(pg.evaluate(GEOMETRY))


def test_narrow_screen_opens_notes_inline(browser, seed_file):
    pg, problems = open_page(browser, seed_file, width=390)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    note_id = pg.get_attribute(".sn-ref", "href")[1:]
    assert not pg.is_visible(f"#{note_id}")
    pg.click(".sn-ref")
    assert pg.is_visible(f"#{note_id}")
    assert pg.get_attribute(".sn-ref", "aria-expanded") == "true"
    note = pg.eval_on_selector(f"#{note_id}", "n => n.getBoundingClientRect().toJSON()")
    assert note["right"] <= 390
    assert note["left"] >= 0
    assert problems == []


def test_export_offsets_match_the_text_the_browser_sees(browser, sample_file):
    """The article text measured in Chromium equals the text the export's positions refer to."""
    pg, _ = open_page(browser, sample_file)
    seen = pg.evaluate("""() => [...document.querySelectorAll('.article-body p')].map(p => {
        const c = p.cloneNode(true);
        c.querySelectorAll('.pilcrow, .sn-ref, .cite-n, .noteref').forEach(x => x.remove());
        return c.textContent; }).join('\\n\\n')""")
    tree = lhtml.fromstring(sample_file.read_text(encoding="utf-8"))
    assert seen == page_text(copy.deepcopy(tree))
