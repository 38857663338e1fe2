"""Writers: each turns a Document into the bytes of one output format and never parses input."""

from toolkit.writers.compiled_ffi import install as _compiled_ffi

_compiled_ffi()  # WeasyPrint's C declarations from a compiled cache: see compiled_ffi.py
