"""The one gate for what the toolkit may open or fetch: files, URLs, decoding and limits.

``files`` opens what an article or a user names (inputs, style sheets, images beside the article)
with size limits and one-line errors; ``fetch`` is the restricted fetcher for remote images and pages
(``--allow-network`` only: no private addresses, time, redirect and size limits); ``decode`` turns
bytes into text (BOMs, charset detection, mojibake); ``source`` resolves a command-line input
(a path, ``-`` for standard input, a URL). Nothing else in ``toolkit`` calls ``open()`` on a user's
path or a URL: ``tests/test_layers.py`` scans for it. It imports only ``errors`` and ``options``.
"""
