"""The SQLite state: one run per folder at a time, unique output names, counts of builds, leftovers."""

from __future__ import annotations

import pytest

from toolkit.batch.identity import Identity
from toolkit.batch.state import STATE_DIR, BatchState, read_state
from toolkit.errors import OutputError


def test_second_run_on_same_folder_is_refused(tmp_path):
    first = BatchState(tmp_path)
    try:
        with pytest.raises(OutputError, match="another toolkit build"):
            BatchState(tmp_path)
    finally:
        first.close()
    BatchState(tmp_path).close()  # free again once the first run has finished


def test_two_runs_never_share_a_folder_even_with_different_state_files(tmp_path):
    first = BatchState(tmp_path / "out", tmp_path / "one.sqlite")
    try:
        with pytest.raises(OutputError, match="another toolkit build"):
            BatchState(tmp_path / "out", tmp_path / "two.sqlite")
    finally:
        first.close()
    assert not (tmp_path / "out" / STATE_DIR).exists()  # --state elsewhere: nothing in the output folder


def test_articles_are_matched_by_path_then_content_and_new_ones_get_their_own_key(tmp_path):
    state = BatchState(tmp_path)
    for rel, source in (("a.txt", "A"), ("b.txt", "B"), ("sub/c.txt", "C")):
        (tmp_path / f"{rel[-5]}.html").write_text("x")
        state.record_done(rel, "h", rel[-5], [f"{rel[-5]}.html"], 0.1, rel, source)
    jobs = [Identity("/ci2/a.txt", "a.txt", "A"),  # same path, same content
            Identity("/ci2/b.txt", "b.txt", "B2"),  # same path, revised
            Identity("/ci2/moved.txt", "moved.txt", "C"),  # same content, renamed
            Identity("/ci2/x/a.txt", "a.txt", "A")]  # a second a.txt with the same content: a new article
    assert state.match(jobs) == {"/ci2/a.txt": "a.txt", "/ci2/b.txt": "b.txt", "/ci2/moved.txt": "sub/c.txt",
                                 "/ci2/x/a.txt": "a.txt#2"}
    assert state.get("sub/c.txt").rel == "moved.txt"
    assert state.strangers("a.txt", ["a.html", "b.html", "z.html"]) == ["b.html"]
    (tmp_path / "z.html").write_text("theirs")
    assert state.strangers("a.txt#2", ["z.html"]) == ["z.html"]
    state.close()
    assert read_state(tmp_path)["sub/c.txt"].rel == "moved.txt"


def test_names_are_unique_per_article(tmp_path):
    state = BatchState(tmp_path)
    assert state.claim_stem("/a", "title") == "title"
    assert state.claim_stem("/b", "title") == "title-2"
    assert state.claim_stem("/a", "title") == "title"
    state.record_done("/b", "h", "title-2", ["title-2.html"], 0.1)
    state.close()
    again = BatchState(tmp_path)
    assert again.claim_stem("/c", "title-2") == "title-2-2"  # still owned by /b from the last run
    assert again.claim_stem("/b", "title") == "title"  # /a's claim was never recorded
    again.close()


def test_builds_are_counted_and_current_needs_the_files(tmp_path):
    state = BatchState(tmp_path)
    (tmp_path / "x.html").write_text("<html></html>")
    state.record_done("/x", "h1", "x", ["x.html"], 0.2)
    assert state.is_current("/x", "h1")
    assert not state.is_current("/x", "h2")
    state.record_done("/x", "h2", "x", ["x.html"], 0.2)
    state.close()
    rec = read_state(tmp_path)["/x"]
    assert (rec.builds, rec.hash) == (2, "h2")
    (tmp_path / "x.html").unlink()
    state = BatchState(tmp_path)
    assert not state.is_current("/x", "h2")
    state.close()


def test_leftover_temporary_files_are_removed(tmp_path):
    (tmp_path / ".a.pdf.x1y2.part").write_bytes(b"%PDF-1.7 half")
    (tmp_path / "keep.pdf").write_bytes(b"%PDF")
    BatchState(tmp_path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_DIR, "keep.pdf"]


def test_unwritable_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="output folder"):
        BatchState(blocker / "out")
