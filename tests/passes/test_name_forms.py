"""One person under two forms of the name is one person (issue 24): nicknames from the `nicknames`
package's table, the middle initial, and a shared surname."""

from __future__ import annotations

import pytest

from tests.passes.voices import doc_of, quotes, run
from toolkit.language.nicknames import same_given_name, same_person

pytest.importorskip("nicknames")


def test_familiar_forms_of_a_given_name():
    assert same_given_name("Joshua", "Josh")
    assert same_given_name("bill", "William")
    assert not same_given_name("Joshua", "John")


def test_full_names_of_one_person():
    assert same_person("John M. Ford", "Mike Ford")  # goes by the middle name's familiar form
    assert same_person("Joshua Tan", "Josh Tan")
    assert not same_person("John M. Ford", "Mary Ford")  # his wife, say: another given name and gender
    assert not same_person("Mike Ford", "Mark Ford")
    assert not same_person("Josh Tan", "Josh Lee")


def test_a_speaker_under_two_forms_is_one_voice():
    found = quotes("Joshua Tan, a carpenter in Halifax, has built boats for thirty years.",
                   "“Wood remembers every mistake you make,” Josh Tan said.")
    assert [q["speaker"] for q in found] == ["Joshua Tan"]


def test_the_index_lists_one_person_for_two_forms():
    doc = run(doc_of("John M. Ford, the harbour master, closed the port on Monday.",
                     "Mike Ford said the storm would pass by Wednesday and the ferries would sail again.",
                     "Joshua Tan, a carpenter, fixed the pier. Josh Tan then fixed the boats, and Josh painted them."))
    people = [e for e in doc.entities if e.kind == "person"]
    assert [e.name for e in people] == ["John M. Ford", "Joshua Tan"]
    assert [e.mentions for e in people] == [2, 3]
