"""`toolkit` with some of the readers' rule constants set from the environment (the scorer's --cmd).

TOOLKIT_BENCH_KNOBS holds a JSON object {"package.module.NAME": value, ...}; each module is imported
and its attribute set before the command line runs, so a constant read at call time as a module
global takes the value. A name that does not exist is an error (a misspelt knob must not score the
defaults under another name). Used by bench/eval.py for the leave-one-corpus-out figures:

    TOOLKIT_BENCH_KNOBS='{"toolkit.readers.text.title.TITLE_REACH": 100}' \\
        .venv/bin/python bench/tuned_toolkit.py inspect page.txt --json
"""

from __future__ import annotations

import importlib
import json
import os
import sys

ENV = "TOOLKIT_BENCH_KNOBS"


def apply_knobs(setting: dict[str, object]) -> None:
    """Sets each "module.NAME" to its value; raises KeyError for a module without that name."""
    for dotted, value in setting.items():
        module_name, _, attr = dotted.rpartition(".")
        module = importlib.import_module(module_name)
        if not hasattr(module, attr):
            raise KeyError(f"{module_name} has no {attr}")
        setattr(module, attr, value)


def main() -> int:
    raw = os.environ.get(ENV, "").strip()
    if raw:
        try:
            apply_knobs(json.loads(raw))
        except (ValueError, KeyError, ImportError) as exc:
            print(f"tuned_toolkit: {ENV}: {exc}", file=sys.stderr)
            return 2
    from toolkit.cli import main as toolkit_main

    sys.argv[0] = "toolkit"
    return toolkit_main()


if __name__ == "__main__":
    sys.exit(main())
