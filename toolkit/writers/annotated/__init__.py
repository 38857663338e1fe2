"""The annotated HTML edition: one self-contained page with the passes' annotations drawn.

``writer`` (``render_annotated_html``) assembles the page; ``render`` and ``marks`` draw the
annotated body, ``panels``, ``index`` and ``timeline`` the side panels, ``jsonld`` and ``webanno``
the machine-readable annotations, ``fonts`` the subset fonts.
"""
