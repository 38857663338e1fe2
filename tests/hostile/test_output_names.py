"""Output names are slugs inside the output folder, whatever the title says."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import cli, paragraphs
from toolkit.naming import slugify

TITLES = ["../../etc/x", "/etc/passwd", "..", "C:\\Windows\\system32", "~root/.ssh/authorized_keys",
          "a\x00b", "<script>alert(1)</script>", "CON", ". . .", "\u202eevil\u202c.pdf", "x" * 500]


@pytest.mark.parametrize("title", TITLES, ids=range(len(TITLES)))
def test_title_cannot_leave_the_output_folder(tmp_path, title):
    src = tmp_path / "src"
    src.mkdir()
    story = src / "story.md"
    safe_title = title.replace("\x00", "")
    story.write_text(f"---\ntitle: {safe_title!r}\n---\n\n" + "\n\n".join(paragraphs(2)) + "\n")
    out = tmp_path / "deep" / "out"
    run = cli("build", story, "-o", out, "--to", "html,json")
    assert run.exit_code == 0, run.stderr
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.parent not in (src, out / ".toolkit"))
    editions = written  # the batch's own state lives in out/.toolkit/
    assert len(editions) == 2, written
    for path in written:
        assert path.parent == out, path
    for path in editions:
        stem = path.name.split(".")[0]
        assert stem, path
        assert set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"), path
        assert len(path.name) < 100


def test_slugify_keeps_to_safe_characters():
    assert slugify("../../etc/x") == "etc-x"
    assert slugify("..", fallback="story") == "story"
    assert slugify("\u00c9t\u00e9 \u00e0 Paris") == "ete-a-paris"
