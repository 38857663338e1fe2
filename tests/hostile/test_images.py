"""Missing, corrupt, oversized and out-of-folder images: the article is built, each image is named in a
warning, and the figure keeps its caption; ``--strict`` turns that into exit 1."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.hostile.conftest import article_text, assert_one_line_error, cli


def article(tmp_path, image: str):
    path = tmp_path / "story.txt"
    path.write_text(article_text())
    (tmp_path / "story.txt.meta.yaml").write_text(f"image: {image!r}\nfigure_alt: The river at dawn\n")
    return path


def make_images(tmp_path):
    (tmp_path / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 50)
    (tmp_path / "empty.jpg").write_bytes(b"")
    Image.new("1", (12_000, 12_000)).save(tmp_path / "bomb.png")  # 144 megapixels in a small file
    (tmp_path / "fake.png").write_text("<script>alert(1)</script>")
    (tmp_path / "script.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    outside = tmp_path.parent / "outside.png"
    Image.new("RGB", (8, 8), "red").save(outside)


@pytest.mark.parametrize("image", ["missing.png", "corrupt.png", "empty.jpg", "bomb.png", "fake.png", "script.svg"])
def test_unusable_image_is_a_warning(tmp_path, out, image):
    make_images(tmp_path)
    run = cli("build", article(tmp_path, image), "-o", out)
    assert run.exit_code == 0, run.stderr
    assert any(image in w for w in run.warnings), run.stderr
    names = sorted(p.suffix for p in out.iterdir() if not p.name.startswith("."))
    assert names == [".epub", ".html", ".pdf"]
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert "<img" not in html.split("<main", 1)[1]


def test_image_outside_the_input_folder_is_removed(tmp_path, out):
    make_images(tmp_path)
    run = cli("build", article(tmp_path, "../outside.png"), "-o", out, "--to", "html,epub")
    assert run.exit_code == 0, run.stderr
    assert any("../outside.png" in w and "not allowed" in w for w in run.warnings), run.stderr


def test_strict_makes_a_missing_image_fatal(tmp_path, out):
    run = cli("build", article(tmp_path, "missing.png"), "-o", out, "--to", "html", "--strict")
    assert run.exit_code == 1
    assert any("missing.png" in w for w in run.warnings), run.stderr


def test_good_image_is_used(tmp_path, out):
    Image.new("RGB", (40, 30), "blue").save(tmp_path / "river.png")
    run = cli("build", article(tmp_path, "river.png"), "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr
    assert not run.warnings, run.stderr
    assert '<img src="data:image/png;base64,' in next(out.glob("*.html")).read_text(encoding="utf-8")


def test_unreadable_sidecar_is_one_line(tmp_path, out):
    path = tmp_path / "story.txt"
    path.write_text(article_text())
    (tmp_path / "story.txt.meta.yaml").write_text("image: [unclosed\n")
    assert_one_line_error(cli("build", path, "-o", out), "story.txt.meta.yaml", "not valid YAML", "fix it")
