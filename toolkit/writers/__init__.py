"""Writers: each turns a Document into the bytes of one output format and never parses input."""
