"""The EPUB 3 edition (ebooklib), and the Kobo edition built on it.

``writer`` (``render_epub``) assembles the book; ``render`` and ``pages`` make its XHTML
documents, ``cover``, ``fonts``, ``pagemap`` and ``a11y`` the cover, embedded fonts, page list and
accessibility metadata; ``kepub`` adds Kobo's sentence spans.
"""
