"""Word lists shipped with the toolkit: reporting verbs, titles, organisation words, names, places."""
