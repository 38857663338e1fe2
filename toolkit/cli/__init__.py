"""The command line: the only layer that prints to the terminal or sets the exit code.

It owns the click commands (``commands``), option parsing and logging set-up (``options``), where
outputs go (``targets``: files, folders, standard output), batch progress on a terminal
(``progress``), ``inspect``'s views, ``doctor`` and ``init``. It may import every layer below it;
nothing in ``toolkit`` imports it. The library raises typed errors (``toolkit.errors``); this layer
turns them into one-line messages and exit codes.
"""

from toolkit.cli.commands import main
from toolkit.cli.serve import serve

main.add_command(serve)

__all__ = ["main"]
