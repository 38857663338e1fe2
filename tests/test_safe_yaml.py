"""Untrusted YAML: aliases refused, size limited, plain data otherwise (toolkit/config/safe_yaml.py)."""

from __future__ import annotations

import pytest

from toolkit.config.safe_yaml import MAX_YAML_BYTES, check_front_matter, load_yaml
from toolkit.errors import InputError

BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: *b\n"


def test_plain_yaml():
    assert load_yaml("title: T\nauthors: [A, B]\n") == {"title": "T", "authors": ["A", "B"]}


def test_aliases_refused():
    with pytest.raises(InputError, match="aliases"):
        load_yaml(BOMB, "x.yaml")


def test_invalid_and_oversized():
    with pytest.raises(InputError, match="not valid YAML"):
        load_yaml("a: [unclosed", "x.yaml")
    with pytest.raises(InputError, match="KB"):
        load_yaml("a: " + "x" * MAX_YAML_BYTES)


def test_front_matter_anywhere():
    with pytest.raises(InputError, match="aliases"):
        check_front_matter("---\n" + BOMB + "---\n\nText\n")
    with pytest.raises(InputError, match="aliases"):
        check_front_matter("Text\n\n---\n" + BOMB + "...\n")
    check_front_matter("Text *a* &amp; *b*\n\n---\n\n* item\n")  # a rule and a list, not YAML
    check_front_matter("---\ntitle: T & *co*\n---\n")


def test_a_timestamp_that_is_no_day_is_an_input_error_naming_the_file():
    import pytest

    from toolkit.config.safe_yaml import load_yaml
    from toolkit.errors import InputError

    with pytest.raises(InputError, match=r"^notes\.yaml: updated: .*2018-02-30"):
        load_yaml("title: T\nupdated: 2018-02-30\n", "notes.yaml")
