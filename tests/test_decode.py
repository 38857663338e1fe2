"""Encoding detection, binary detection and newline normalisation (toolkit/guard/decode.py)."""

from __future__ import annotations

import codecs

import pytest

from toolkit.errors import InputError
from toolkit.guard.decode import (
    MAX_INPUT_BYTES,
    binary_kind,
    check_text_size,
    decode_text,
    encoding_warning,
    looks_binary,
    normalize_newlines,
)

TEXT = "Caf\u00e9 \u201cquoted\u201d na\u00efve \u2013 r\u00e9sum\u00e9"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode(), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("utf-32"), "utf-32"),
    (("Plain words here " + TEXT).encode("utf-16-le"), "utf-16-le"),
    (("Plain words here " + TEXT).encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "windows-1252"),
    (TEXT.replace("\u201c", "").replace("\u201d", "").replace("\u2013", "-").encode("latin-1"), "latin-1"),
])
def test_encodings(data, encoding):
    text, used = decode_text(data)
    assert used == encoding
    assert "r\u00e9sum\u00e9" in text


def test_declared_charset_wins_over_guessing():
    page = '<html><head><meta charset="iso-8859-2"></head><body>\u0105</body></html>'.encode("iso-8859-2")
    text, used = decode_text(page)
    assert "\u0105" in text
    assert used == "iso8859-2"


def test_a_few_bad_bytes_in_utf8():
    text, used = decode_text(TEXT.encode() + b" \xff end")
    assert used == "utf-8 (1 invalid byte replaced)"
    assert text.startswith(TEXT)


def test_cp1252_undefined_bytes_keep_latin1_meaning():
    text, used = decode_text(b"\x93quoted\x94 \x81 caf\xe9")
    assert used == "windows-1252"
    assert text == "\u201cquoted\u201d \x81 caf\u00e9"


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"), (b"%PDF-1.4\n", "PDF file"), (b"PK\x03\x04xx", "zip archive"),
    (b"\x7fELF\x02", "a program"), (b"abc\x00def", "binary file"), (bytes(range(1, 9)) * 50, "binary file"),
])
def test_binary_is_refused_with_its_kind(data, what):
    assert what in binary_kind(data)
    with pytest.raises(InputError, match=what):
        decode_text(data, "x.txt")


def test_text_is_not_binary():
    assert not looks_binary(TEXT.encode())
    assert not looks_binary(TEXT.encode("utf-16"))
    assert binary_kind(b"BZh is how this text starts") is None


def test_lying_bom_is_refused():
    with pytest.raises(InputError, match="UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00")


def test_size_limits():
    with pytest.raises(InputError, match="limit"):
        decode_text(b" " * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError, match="4 MB limit"):
        check_text_size(9 * 2**20, "text", "a.txt")
    check_text_size(9 * 2**20, "html")
    check_text_size(9 * 2**20, "docx")


def test_warning_only_for_other_encodings():
    assert encoding_warning("utf-8") is None
    assert encoding_warning("utf-8-sig") is None
    assert encoding_warning("windows-1252") == "not UTF-8; read as windows-1252"


def test_newlines():
    assert normalize_newlines("a\r\nb\rc\nd\u2028e\u2029f") == "a\nb\nc\nd\ne\n\nf"


# Undeclared text in other code pages: charset-normalizer's reading where it is reliable (a few
# hundred characters each, written for these tests; the names are invented).
OTHER_CHARSETS = {
    "windows-1251": ("cp1251", "Вчера вечером городской совет обсуждал новый бюджет. Депутаты спорили о том, "
                     "сколько денег выделить на ремонт школ и больниц, а Анна Петрова предложила отложить "
                     "голосование до весны. "),
    "windows-1251 (uk)": ("cp1251", "Учора ввечері міська рада обговорювала новий бюджет. Депутати сперечалися "
                          "про те, скільки грошей виділити на ремонт шкіл і лікарень, а Ганна Петренко "
                          "запропонувала відкласти голосування. "),
    "shift_jis": ("shift_jis", "昨日の夜、市議会は新しい予算について議論しました。議員たちは学校や病院の修理に"
                  "どれだけのお金を割り当てるかについて長い時間話し合いました。"),
    "euc-kr": ("euc_kr", "어젯밤 시의회는 새로운 예산에 대해 논의했습니다. 의원들은 학교와 병원 수리에 얼마나 "
               "많은 돈을 배정할지 오랫동안 논쟁했습니다. "),
    "gb18030": ("gb18030", "昨天晚上，市议会讨论了新的预算。议员们就拨多少钱用于修缮学校和医院展开了长时间的争论。"),
    "iso-8859-2": ("iso8859_2", "Wczoraj wieczorem rada miejska dyskutowała o nowym budżecie. Radni spierali się, "
                   "ile pieniędzy przeznaczyć na remont szkół i szpitali; Żaneta Wójcik chciała odłożyć "
                   "głosowanie. "),
}


@pytest.mark.parametrize("name", sorted(OTHER_CHARSETS))
def test_undeclared_charsets_are_detected(name):
    codec, sentence = OTHER_CHARSETS[name]
    original = sentence * 2
    text, used = decode_text(original.encode(codec))
    assert text == original
    assert used not in ("windows-1252", "latin-1")
    assert encoding_warning(used) == f"not UTF-8; read as {used}"


@pytest.mark.parametrize("sentence", [
    "Hier soir, le conseil municipal a débattu du nouveau budget ; « c’est trop », a dit Ana Petrova. ",
    "Gestern Abend hat der Stadtrat über den Haushalt diskutiert. Größe und Übung zählen, sagte er. ",
    "The council met yesterday – “it’s too much,” said Tomasz Wójcik, who chairs the café board. ",
    "Ayer por la noche, el ayuntamiento debatió el presupuesto. «Es demasiado», dijo la concejala. ",
    "A 5×3 grid at 10°C, ±2 points, ½ price – naïve but fine. ",
])
def test_western_text_stays_windows_1252(sentence):
    original = sentence * 3
    text, used = decode_text(original.encode("cp1252"))
    assert text == original
    assert used in ("windows-1252", "latin-1")


def test_html_without_declaration_in_windows_1251():
    from toolkit.readers.html.dom import decode_page

    body = OTHER_CHARSETS["windows-1251"][1]
    page = f"<html><head><title>Бюджет</title></head><body><p>{body}</p></body></html>"
    assert decode_page(page.encode("cp1251"), None) == page
