"""What the editions assert: the EPUB colophon states rights only when the input did, and the shared
rendering names a quotation's speaker only when the attribution is confident enough (issue 24)."""

from __future__ import annotations

import io
import zipfile

import toolkit
from toolkit.options import Context, Options
from toolkit.tree.nodes import Attr, Document, Meta, Para, Person, Quote, Text


def colophon(doc: Document) -> str:
    data = toolkit.render(doc, "epub", Options(), Context())
    return zipfile.ZipFile(io.BytesIO(data)).read("EPUB/colophon.xhtml").decode("utf-8")


def test_the_colophon_asserts_no_rights_the_input_did_not_state():
    body = (Para((Text("Some words."),)),)
    assert "Rights:" not in colophon(Document(meta=Meta(title="T"), blocks=body))
    assert "Copyright remains" not in colophon(Document(meta=Meta(title="T"), blocks=body))
    assert "Rights: CC BY 4.0" in colophon(Document(meta=Meta(title="T", rights="CC BY 4.0"), blocks=body))


def quote_doc(confidence: str) -> Document:
    quote = Quote((Text("We will rebuild"),), speaker="p1", cue="said",
                  attr=Attr(kv=(("marks", "“”"), ("confidence", confidence), ("rule", "test"))))
    return Document(meta=Meta(title="T"), blocks=(Para((quote, Text(", she said.")), Attr("p1")),),
                    people=(Person("p1", "Ada Lovelace"),))


def test_the_epub_names_a_speaker_only_when_confident():
    def page(doc):
        data = toolkit.render(doc, "epub", Options(), Context())
        return zipfile.ZipFile(io.BytesIO(data)).read("EPUB/article.xhtml").decode("utf-8")

    assert 'data-speaker="p1"' in page(quote_doc("0.95"))
    assert 'data-speaker="p1"' not in page(quote_doc("0.30"))
    assert "We will rebuild" in page(quote_doc("0.30"))  # the words stay; only the name is held back
