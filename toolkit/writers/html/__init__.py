"""The one rendering of the tree to HTML that the PDF, EPUB and annotated HTML editions share.

``render`` draws the nodes as HTML; ``themes`` finds the style sheets (``toolkit/styles/``).
Writers draw what the passes put in the tree; they never parse input and never analyse.
"""
