"""``python -m toolkit``: the ``toolkit`` command."""

from toolkit.cli.commands import main

main()
