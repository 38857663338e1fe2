"""The print edition set by Typst (``--pdf-engine typst``): the WeasyPrint edition's design from the same tree."""
