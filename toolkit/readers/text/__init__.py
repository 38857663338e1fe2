"""The scraped-page-text reader: a whole page's text, menus included, into an article tree.

``reader`` (``read_text``) strings the steps together: ``lines`` and ``blocks`` split the page,
``header``, ``title``, ``byline``, ``dates`` and ``language`` find the front matter, ``figures``
the captions. Byline name rules shared with the HTML reader live in ``toolkit.readers.bylines``.
"""
