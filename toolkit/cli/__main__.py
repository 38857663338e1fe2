"""``python -m toolkit.cli``: the ``toolkit`` command."""

from toolkit.cli.commands import main

main()
