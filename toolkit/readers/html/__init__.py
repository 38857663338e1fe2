"""The web page reader: a complete page or a fragment into an article tree.

``reader`` (``read_html``) strings the steps together: ``dom`` parses and cleans, ``content`` and
``segments`` find the article body (trafilatura where it helps), ``tree`` turns elements into
nodes, ``metadata``, ``title``, ``header``, ``authors``, ``byline`` and ``dates`` read the front
matter, ``figures`` the images and captions.
"""
