"""What the user configures around an article: the project file, sidecars, ``--meta`` and YAML.

``project`` finds and checks ``toolkit.toml``; ``metadata`` merges sidecar, project and ``--meta``
metadata into a document; ``safe_yaml`` loads YAML without its surprises. It may import the tree,
``language``, ``guard`` (to open the files it names), ``options`` and ``errors``; never a reader,
pass or writer.
"""
