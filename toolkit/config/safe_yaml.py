"""Loads YAML from untrusted files as plain data: size-limited, and without aliases ("billion laughs").

A YAML alias (``*name``) repeats a node; nine levels of ten aliases make a billion strings when
expanded, which hangs pandoc and exhausts memory in anything that turns the values into text.
Article metadata never needs them, so they are refused with a message saying what to do.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.errors import InputError

MAX_YAML_BYTES = 256 * 1024
ALIAS_MESSAGE = ("YAML metadata uses aliases (*name), which are refused because they can expand without "
                 "bound; write the values out in full")
# A pandoc YAML metadata block: "---" at the start or after a blank line, closed by "---" or "...".
_BLOCK = re.compile(r"(?:\A|\n[ \t]*\n)---[ \t]*\n(?![ \t]*\n)(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def has_aliases(text: str) -> bool:
    """True if ``text`` scans as YAML containing an alias or anchor."""
    import yaml

    try:
        return any(isinstance(tok, (yaml.AliasToken, yaml.AnchorToken)) for tok in yaml.scan(text))
    except yaml.YAMLError:
        return False  # not YAML after all (pandoc will read it as Markdown)


def load_yaml(text: str, path: str | None = None) -> Any:
    """Plain data from YAML text; raises InputError for aliases, oversized or invalid YAML."""
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise InputError(f"YAML metadata is over {MAX_YAML_BYTES // 1024} KB; keep it to the article's fields",
                         path)
    if has_aliases(text):
        raise InputError(ALIAS_MESSAGE, path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise InputError(f"metadata is not valid YAML: {first}; fix it or remove it", path) from None
    except RecursionError:
        raise InputError("YAML metadata is nested too deeply; flatten it", path) from None
    except (ValueError, OverflowError) as exc:  # a timestamp that scans but is no day: 2018-02-30, year 0
        from toolkit.language.dates import yaml_date_problem

        problem = yaml_date_problem(text)  # names the key when it can
        raise InputError(problem or f"metadata holds a value YAML cannot read: {exc}; quote it or fix it",
                         path) from None


def check_front_matter(text: str, path: str | None = None) -> None:
    """Refuse Markdown whose YAML metadata blocks (anywhere, as pandoc reads them) use aliases."""
    if "*" not in text and "&" not in text:
        return
    for m in _BLOCK.finditer(text):
        block = m.group(1)
        if len(block) > MAX_YAML_BYTES:
            raise InputError(f"YAML metadata is over {MAX_YAML_BYTES // 1024} KB; keep it to the article's "
                             "fields", path)
        if ("*" in block or "&" in block) and has_aliases(block):
            raise InputError(ALIAS_MESSAGE, path)
