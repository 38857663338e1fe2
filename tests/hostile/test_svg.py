"""SVG figures (issue 26, class 5): ``<use>`` chains that expand to billions of elements are refused, and
nothing in an SVG that runs or loads (presentation-attribute ``url()``, ``href``, ``xlink:href``, ``style``,
``<style>`` imports, ``<image>``) reaches an edition. One gate: ``toolkit.guard.images``."""

from __future__ import annotations

import zipfile

from tests.hostile.conftest import article_text, cli
from toolkit.guard.images import MAX_SVG_EXPANDED, expanded_size, sanitized_svg, svg_ok, usable_image

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" '
       'height="30">{}</svg>')
LOOPBACK = "127.0.0.1"
LOADING = [
    f'<rect width="4" height="4" fill="url(http://{LOOPBACK}/fill)"/>',
    f'<rect width="4" height="4" stroke="url(&quot;http://{LOOPBACK}/stroke&quot;)"/>',
    f'<path d="M0 0h4" marker-end="url(//{LOOPBACK}/marker)"/>',
    f'<rect width="4" height="4" style="fill: url( \'http://{LOOPBACK}/style\')"/>',
    f'<rect width="4" height="4" style="fill: u\\72l(http://{LOOPBACK}/escaped)"/>',
    f'<image href="http://{LOOPBACK}/image.png" width="4" height="4"/>',
    f'<image xlink:href="file:///etc/{LOOPBACK}" width="4" height="4"/>',
    f'<a href="http://{LOOPBACK}/link"><text>t</text></a>',
    f'<style>@import url(http://{LOOPBACK}/sheet.css);</style>',
    f'<style>rect {{ fill: url(http://{LOOPBACK}/css) }}</style>',
    f'<filter id="f"><feImage href="http://{LOOPBACK}/fe"/></filter>',
    f'<g xml:base="http://{LOOPBACK}/"><use href="#r"/></g>',
    f'<rect width="4" height="4" onload="fetch(\'http://{LOOPBACK}/\')"/>',
    f'<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://{LOOPBACK}/"/></foreignObject>',
    f'<script>fetch("http://{LOOPBACK}/")</script>',
]


def use_bomb(levels: int = 9) -> bytes:
    """A group of ten <use>s of a group of ten <use>s ...: 10**levels rectangles from a 1 KB file."""
    parts = ['<rect id="l0" width="1" height="1"/>']
    for i in range(1, levels + 1):
        parts.append(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>")
    return SVG.format("<defs>" + "".join(parts) + f'</defs><use href="#l{levels}"/>').encode()


def test_use_expansion_is_counted_and_bounded():
    assert expanded_size(_root(use_bomb(3))) > 1000
    assert svg_ok(use_bomb(3))
    for bomb in (use_bomb(9), use_bomb(6)):
        assert not svg_ok(bomb)
        assert sanitized_svg(bomb) is None
    assert expanded_size(_root(use_bomb(9))) == MAX_SVG_EXPANDED + 1


def test_patterns_and_cycles_count_too():
    pattern = ['<pattern id="p0" width="1" height="1"><rect width="1" height="1"/></pattern>']
    for i in range(1, 8):
        pattern.append(f'<pattern id="p{i}" width="1" height="1">'
                       + f'<rect width="1" height="1" fill="url(#p{i - 1})"/>' * 10 + "</pattern>")
    assert not svg_ok(SVG.format("<defs>" + "".join(pattern) + '</defs><rect fill="url(#p7)"/>').encode())
    cycle = SVG.format('<g id="a"><use href="#b"/></g><g id="b"><use xlink:href="#a"/></g>').encode()
    assert not svg_ok(cycle)
    assert sanitized_svg(cycle) is None


def test_everything_that_loads_is_refused_or_removed():
    for inner in LOADING:
        data = SVG.format('<rect id="r" width="40" height="30" fill="url(#g)"/>' + inner).encode()
        assert not svg_ok(data), inner
        clean = sanitized_svg(data)
        assert clean is not None, inner
        assert LOOPBACK not in clean.decode(), (inner, clean)
        assert b'fill="url(#g)"' in clean, clean  # the drawing itself is kept
        assert usable_image(data, "image/svg+xml") == clean


def test_a_plain_drawing_is_kept():
    data = SVG.format('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
                      '<rect width="40" height="30" fill="url(#g)" transform="rotate(3)"/><use href="#g"/>').encode()
    assert svg_ok(data)
    assert b"linearGradient" in sanitized_svg(data)


def article(tmp_path, image: str):
    path = tmp_path / "story.txt"
    path.write_text(article_text())
    (tmp_path / "story.txt.meta.yaml").write_text(f"image: {image!r}\nfigure_alt: A drawing of the river\n")
    return path


def test_a_use_bomb_figure_is_left_out_with_a_warning(tmp_path, out):
    (tmp_path / "laughs.svg").write_bytes(use_bomb(9))
    run = cli("build", article(tmp_path, "laughs.svg"), "-o", out, "--to", "pdf,epub", "--timeout", "120")
    assert run.exit_code == 0, run.stderr
    assert any("laughs.svg" in w for w in run.warnings), run.stderr
    assert sorted(p.suffix for p in out.iterdir() if p.is_file()) == [".epub", ".pdf"]


def test_no_url_from_an_svg_reaches_the_epub(tmp_path, out):
    (tmp_path / "drawing.svg").write_text(SVG.format('<rect id="r" width="40" height="30"/>' + "".join(LOADING)))
    run = cli("build", article(tmp_path, "drawing.svg"), "-o", out, "--to", "epub,html")
    assert run.exit_code == 0, run.stderr
    with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
        for name in book.namelist():
            assert LOOPBACK.encode() not in book.read(name), name
    assert LOOPBACK not in next(out.glob("*.html")).read_text(encoding="utf-8")


def test_an_svg_with_a_script_is_cleaned_and_kept(tmp_path, out):
    """The gate hands every edition the sanitised drawing: the figure stays, what could run or load goes."""
    (tmp_path / "chart.svg").write_text(SVG.format('<rect id="bar" width="40" height="30" fill="#336"/>'
                                                   + LOADING[0] + LOADING[-1]))
    run = cli("build", article(tmp_path, "chart.svg"), "-o", out, "--to", "epub,pdf")
    assert run.exit_code == 0, run.stderr
    with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
        svgs = [book.read(n) for n in book.namelist() if n.endswith(".svg")]
    assert len(svgs) == 1, "the figure was dropped instead of cleaned"
    assert b'id="bar"' in svgs[0]
    assert b"<script" not in svgs[0]
    assert LOOPBACK.encode() not in svgs[0]


def _root(data: bytes):
    from lxml import etree

    return etree.fromstring(data)


def test_a_raster_inside_an_svg_is_checked_like_any_image():
    import base64
    from io import BytesIO

    from PIL import Image

    def png(size):
        buf = BytesIO()
        Image.new("1", size).save(buf, "PNG")
        return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()

    small = SVG.format(f'<image href="{png((4, 4))}" width="4" height="4"/>').encode()
    assert svg_ok(small)
    bomb = SVG.format(f'<image href="{png((9000, 9000))}" width="4" height="4"/>').encode()  # 81 megapixels
    assert not svg_ok(bomb)
    assert b"base64" not in sanitized_svg(bomb)
    assert not svg_ok(SVG.format('<image href="data:image/png;base64,not-base64!"/>').encode())
