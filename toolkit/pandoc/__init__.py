"""The bridge to pandoc, used by the pandoc readers and writers alike.

``run`` finds and runs the pandoc binary (from ``pypandoc-binary``) with limits; ``from_ast`` turns
pandoc's JSON AST into our tree; ``to_ast`` turns our tree into pandoc's AST. It imports the
tree, ``language`` and ``errors``; never a reader, pass or writer.
"""
