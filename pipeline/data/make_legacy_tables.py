"""Generator (run from the repo root) of pipeline/data/legacy_*.json from the published layouts (kept for the record)."""
import json, unicodedata
N = lambda s: unicodedata.normalize("NFC", s)
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # huyền hỏi ngã sắc nặng (TCVN3 order)
# TCVN3 (TCVN 5712:1993, VN3): byte of each lowercase vowel with tones in the order above
tcvn = {"\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
        "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư", "\u00ae": "đ"}
rows = {"a": [0xB5, 0xB6, 0xB7, 0xB8, 0xB9], "ă": [0xBB, 0xBC, 0xBD, 0xBE, 0xC6], "â": [0xC7, 0xC8, 0xC9, 0xCA, 0xCB],
        "e": [0xCC, 0xCE, 0xCF, 0xD0, 0xD1], "ê": [0xD2, 0xD3, 0xD4, 0xD5, 0xD6], "i": [0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
        "o": [0xDF, 0xE1, 0xE2, 0xE3, 0xE4], "ô": [0xE5, 0xE6, 0xE7, 0xE8, 0xE9], "ơ": [0xEA, 0xEB, 0xEC, 0xED, 0xEE],
        "u": [0xEF, 0xF1, 0xF2, 0xF3, 0xF4], "ư": [0xF5, 0xF6, 0xF7, 0xF8, 0xF9], "y": [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]}
for base, codes in rows.items():
    for t, c in zip(TONES, codes):
        tcvn[chr(c)] = N(base + t)
# VNI Windows: base letter followed by mark bytes (shown as cp1252 characters)
tone_l = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
tone_u = {"\u0300": "Ø", "\u0301": "Ù", "\u0309": "Û", "\u0303": "Õ", "\u0323": "Ï"}
circ_l = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
circ_u = {"": "Â", "\u0300": "À", "\u0301": "Á", "\u0309": "Å", "\u0303": "Ã", "\u0323": "Ä"}
breve_l = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
breve_u = {"": "Ê", "\u0300": "È", "\u0301": "É", "\u0309": "Ú", "\u0303": "Ü", "\u0323": "Ë"}
i_l = {"\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
i_u = {"\u0300": "Ì", "\u0301": "Í", "\u0309": "Æ", "\u0303": "Ó", "\u0323": "Ò"}
vni = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "î": "ỵ", "Î": "Ỵ"}
for t in TONES:
    for low, up, tone_tab in (("a", "A", None), ("e", "E", None), ("o", "O", None), ("u", "U", None), ("y", "Y", None)):
        if not (low == "y" and t == "\u0323"):
            vni[low + tone_l[t]] = N(low + t)
            vni[up + tone_u[t]] = N(up + t)
    vni[i_l[t]] = N("i" + t); vni[i_u[t]] = N("I" + t)
    vni["ô" + tone_l[t]] = N("ơ" + t); vni["Ô" + tone_u[t]] = N("Ơ" + t)
    vni["ö" + tone_l[t]] = N("ư" + t); vni["Ö" + tone_u[t]] = N("Ư" + t)
for t in [""] + TONES:
    for low, up in (("a", "A"), ("e", "E"), ("o", "O")):
        vni[low + circ_l[t]] = N(low + "\u0302" + t); vni[up + circ_u[t]] = N(up + "\u0302" + t)
    vni["a" + breve_l[t]] = N("a\u0306" + t); vni["A" + breve_u[t]] = N("A\u0306" + t)
json.dump({"name": "TCVN3 (ABC, .Vn fonts), bytes read as Latin-1", "map": tcvn},
          open("pipeline/data/legacy_tcvn3.json", "w"), ensure_ascii=False, indent=0)
json.dump({"name": "VNI Windows (VNI- fonts), bytes read as Windows-1252", "map": vni},
          open("pipeline/data/legacy_vni.json", "w"), ensure_ascii=False, indent=0)
print(len(tcvn), len(vni))
d = json.load(open("pipeline/data/legacy_vni.json"))
d["decode_only"] = {"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í", "yï": "ỵ", "YÏ": "Ỵ"}
json.dump(d, open("pipeline/data/legacy_vni.json", "w"), ensure_ascii=False, indent=0)
