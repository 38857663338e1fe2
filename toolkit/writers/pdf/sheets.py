"""The print edition's style sheets: theme, base and print sheets with the paper's geometry and the user's CSS,
parsed once per process with their font configuration (``_stylesheet``), and made ahead of the article
(``warm_sheets``) by a process that waits for the tree."""

from __future__ import annotations

from collections import OrderedDict

from toolkit.guard.files import read_text
from toolkit.options import Options
from toolkit.writers.html.themes import edition_css
from toolkit.writers.pdf.page import page_css


def print_css(options: Options) -> str:
    """Theme, base and print sheets, the paper's geometry, then the user's own CSS (which wins)."""
    parts = [edition_css("print", options.style, ()), page_css(options)]
    parts += [read_text(path, "CSS file") for path in options.css]
    return "\n".join(parts)


_SHEETS: OrderedDict[tuple[str, str | None], tuple] = OrderedDict()


def _stylesheet(stylesheet: str, base: str, fetcher):
    """(font configuration, colour profiles, parsed CSS) for this style sheet, kept for the process.

    A batch worker lays out hundreds of articles with the same sheets: parsing them again (15 ms)
    and, above all, starting a new font configuration (Pango's font map and its caches) for each
    article cost 35-90 ms of a 300 ms PDF. Sheets that load nothing relative (ours load nothing)
    are shared by every article; a user's sheet with a relative ``url()`` is kept per folder.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    key = (stylesheet, base if "url(" in stylesheet else None)
    if key in _SHEETS:
        _SHEETS.move_to_end(key)
        return _SHEETS[key]
    fonts, profiles = FontConfiguration(), {}  # for @font-face and @color-profile rules
    css = weasyprint.CSS(string=stylesheet, base_url=base, url_fetcher=fetcher, font_config=fonts,
                         color_profiles=profiles)
    _SHEETS[key] = (fonts, profiles, css)
    while len(_SHEETS) > 4:
        _SHEETS.popitem(last=False)
    return fonts, profiles, css


def warm_sheets(options: Options) -> None:
    """Parse the print sheets and start their font configuration now (60-90 ms, cold), for a process that
    waits while another reads the article. Sheets that load something relative (a user's ``url()``)
    depend on the article's folder and are left for the layout; so is any error (reported there)."""
    try:
        stylesheet = print_css(options)
        if "url(" not in stylesheet:
            _stylesheet(stylesheet, "", None)
    except Exception:  # warming only; the layout reports the same error with its context
        pass
