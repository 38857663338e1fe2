"""The bridge to pandoc, used by the pandoc readers and writers alike.

``run`` finds and runs the pandoc binary (from ``pypandoc-binary``) with limits; ``from_ast`` turns
pandoc's JSON AST into our tree and ``to_ast`` our tree into pandoc's AST, with ``tables`` (tables
both ways), ``markers`` (how the toolkit's own kinds travel as marked spans and divs),
``leftovers`` (raw passages and unknown kinds kept as text, counted for warnings), ``meta_ast``
(metadata and abstract out) and ``registries`` (the toolkit's registries back in). It imports the
tree, ``language`` and ``errors``; never a reader, pass or writer.
"""
