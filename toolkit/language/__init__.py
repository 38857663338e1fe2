"""What the toolkit knows about words, shared by readers, passes and writers.

``names`` (name particles, honorifics, place and organisation cues), ``speech`` (speech verbs and
their forms) and ``dates`` (parsing and formatting the dates an article names). Plain data and pure
functions: it imports nothing of ours but ``errors``.
"""
