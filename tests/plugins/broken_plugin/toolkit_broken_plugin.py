"""A plugin whose import fails, as one does when a library it needs is missing."""

raise ImportError("this plugin needs the library 'libnothere', which is not installed")
