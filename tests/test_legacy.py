"""TCVN3 / VNI legacy encodings: tables both ways, detection, and the txt and docx readers."""
from __future__ import annotations

import io

import pytest

from pipeline.legacy import detect, fix_text, from_unicode, to_unicode
from pipeline.readers import read

SENTENCES = [
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Uỷ ban nhân dân tỉnh Đồng Tháp quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2001",
    "Trường học, người dân, phường xã; ướt, ưng, ợ, ỡ, ở, ỳ, ỷ, ỹ, ý, ỵ, ặ, ẵ, ẳ, ắ, ằ, ậ, ẫ, ẩ, ấ, ầ",
    "ệ ễ ể ế ề ộ ỗ ổ ố ồ ợ ỡ ở ớ ờ ự ữ ử ứ ừ ị ĩ ỉ í ì ụ ũ ủ ú ù ọ õ ỏ ó ò ẹ ẽ ẻ é è ạ ã ả á à đ",
]


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_round_trip(enc, sentence):
    legacy = from_unicode(sentence, enc)
    assert legacy != sentence
    back = to_unicode(legacy, enc)
    if enc == "tcvn3":
        # capitals with marks share the lowercase codes in TCVN3
        assert back.lower() == sentence.lower()
    else:
        assert back == sentence


@pytest.mark.parametrize("legacy, unicode_, enc", [
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân", "tcvn3"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", "tcvn3"),
    ("QuyÕt ®Þnh / Sè / ngµy th¸ng n¨m", "Quyết định / Số / ngày tháng năm", "tcvn3"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
])
def test_domain_examples(legacy, unicode_, enc):
    assert detect(legacy) == enc
    assert fix_text(legacy) == (unicode_, enc)


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "Le café est très bon à Paris, où l'été dure longtemps.",
    "Plain English text with no accents at all.",
    "Đồng Tháp, ngày 16 tháng 01 năm 2026 — Số: 50/KH-UBND",
])
def test_no_false_positive(text):
    assert detect(text) is None


@pytest.mark.parametrize("n", range(5))
@pytest.mark.parametrize("ext", ["txt", "docx"])
def test_seeds_are_not_legacy(corpus, n, ext):
    doc = read(corpus / f"seed00{n}.{ext}")
    assert not any("converted from" in w for w in doc.warnings)


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_txt_file_in_legacy_bytes(tmp_path, enc):
    text = "\n".join(SENTENCES[:3]) + "\nThực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị.\n"
    codec = "latin-1" if enc == "tcvn3" else "cp1252"
    p = tmp_path / f"{enc}.txt"
    p.write_bytes(from_unicode(text, enc).encode(codec))
    doc = read(p)
    assert f"converted from {enc.upper()}" in doc.warnings
    assert "Thực hiện Nghị quyết số 57-NQ/TW" in doc.text
    assert "người" in to_unicode(from_unicode("người", enc), enc)  # 'ư' is 0xAD (soft hyphen) in TCVN3


def test_docx_in_vntime_fonts(tmp_path):
    import docx
    d = docx.Document()
    title = d.add_paragraph().add_run(from_unicode("Uỷ ban nhân dân tỉnh", "tcvn3"))
    title.font.name = ".VnTimeH"
    for s in SENTENCES[1:3] + ["Các sở, ngành thực hiện nhiệm vụ được giao trong năm."]:
        d.add_paragraph().add_run(from_unicode(s, "tcvn3")).font.name = ".VnTime"
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "tcvn3.docx"
    p.write_bytes(buf.getvalue())
    doc = read(p)
    assert "converted from TCVN3" in doc.warnings
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "UỶ BAN NHÂN DÂN TỈNH"  # the capitals font restores case
    assert texts[1] == "Độc lập - Tự do - Hạnh phúc"
    assert "thực hiện nhiệm vụ được giao" in texts[3]


WEAK_TCVN3 = from_unicode("Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3") + " plain words" * 30


@pytest.mark.parametrize("text, fonts_asked, with_font, without_font", [
    (SENTENCES[2], False, None, None),  # plainly Unicode Vietnamese: settled before any scoring
    ("Plain English text with no accents at all.", False, None, None),
    (from_unicode(SENTENCES[2], "tcvn3"), False, "tcvn3", "tcvn3"),  # strong evidence needs no font
    (WEAK_TCVN3, True, "tcvn3", None),  # weak evidence: the .Vn font decides
])
def test_fonts_are_looked_up_only_when_they_decide(text, fonts_asked, with_font, without_font):
    asked = []
    assert detect(text, lambda: asked.append(1) or {".VnTime"}) == with_font
    assert bool(asked) == fonts_asked
    assert detect(text, set()) == without_font


@pytest.mark.parametrize("style_font, warned", [(".VnTime", True), (None, False)])
def test_docx_weak_evidence_and_style_font(tmp_path, style_font, warned):
    import docx
    d = docx.Document()
    if style_font:
        d.styles["Normal"].font.name = style_font
    d.add_paragraph(from_unicode("Cộng hoà xã hội chủ nghĩa", "tcvn3"))
    for i in range(8):
        d.add_paragraph(f"Plain text {i} no accents")
    p = tmp_path / "weak.docx"
    d.save(p)
    doc = read(p)
    assert ("converted from TCVN3" in doc.warnings) == warned
    assert (doc.blocks[0].text == "Cộng hoà xã hội chủ nghĩa") == warned
