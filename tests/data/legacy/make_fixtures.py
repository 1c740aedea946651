#!/usr/bin/env python3
"""Regenerates the legacy-encoding fixtures of tests/legacy_test.cpp from tasks.utf8.csv.

    python3 tests/data/legacy/make_fixtures.py

tasks.utf8.csv is the source (hand-written, NFC). The script writes:
  tasks.utf8-bom.csv       the same bytes after a UTF-8 BOM
  tasks.cp1258.csv         Windows-1258: a letter the code page has precomposed (á, â, ơ, đ …)
                           is one byte, any other toned letter is its base letter followed by
                           the combining tone byte, as Word's "Vietnamese (Windows)" saves it
  tasks.vni.csv            VNI-Windows
  tasks.tcvn3.csv          TCVN3 (ABC)
  tasks.tcvn3.expected.csv what tasks.tcvn3.csv decodes to: TCVN3 has no capitals with a tone
                           (ABC users switch to the .VnTimeH capital fonts, which draw the
                           small-letter bytes as capitals), so "HÀ NỘI" is stored as the bytes
                           of "Hà NộI" and reads back that way.

The TCVN3 and VNI tables are written out here independently of src/text/legacy.cpp (as
encoders, in a different layout) so that the test compares two separate transcriptions.
"""
import pathlib
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent

# Tone marks, in the order TCVN3 lays out each vowel's toned letters.
HUYEN, HOI, NGA, SAC, NANG = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = (HUYEN, HOI, NGA, SAC, NANG)


def split_tone(ch):
    """'Ấ' -> ('Â', SAC); 'đ' -> ('đ', None)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = next((m for m in decomposed if m in TONES), None)
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONES))
    return base, tone


# --- TCVN3 ----------------------------------------------------------------------------------
# Per vowel, the bytes of its toned small letters: huyền, hỏi, ngã, sắc, nặng.
TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# Letters without a tone that are not ASCII: capitals A1–A7, small letters A8–AE.
TCVN3_PLAIN = {ch: 0xA1 + i for i, ch in enumerate("ĂÂÊÔƠƯĐăâêôơưđ")}


def tcvn3(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        base, tone = split_tone(ch)
        if tone is None:
            out.append(TCVN3_PLAIN[base])
        else:  # a capital with a tone is stored as its small letter
            out.append(TCVN3_TONED[base.lower()][TONES.index(tone)])
    return bytes(out)


def tcvn3_readback(text):
    """The text as TCVN3 keeps it: capitals with a tone become small letters."""
    out = []
    for ch in text:
        base, tone = split_tone(ch)
        out.append(ch.lower() if tone is not None else ch)
    return "".join(out)


# --- VNI ------------------------------------------------------------------------------------
# Small-letter mark bytes; a capital letter takes the byte 0x20 lower (the capital Latin-1 form).
VNI_TONE = {SAC: 0xF9, HUYEN: 0xF8, HOI: 0xFB, NGA: 0xF5, NANG: 0xEF}  # ù ø û õ ï
VNI_CIRCUMFLEX = {None: 0xE2, SAC: 0xE1, HUYEN: 0xE0, HOI: 0xE5, NGA: 0xE3, NANG: 0xE4}  # â á à å ã ä
VNI_BREVE = {None: 0xEA, SAC: 0xE9, HUYEN: 0xE8, HOI: 0xFA, NGA: 0xFC, NANG: 0xEB}  # ê é è ú ü ë
VNI_SINGLE = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6}  # ñ ô ö
VNI_I = {SAC: 0xED, HUYEN: 0xEC, HOI: 0xE6, NGA: 0xF3, NANG: 0xF2}  # í ì æ ó ò
VNI_Y_NANG = 0xEE  # î


def vni(text):
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        base, tone = split_tone(ch)
        small = base.lower()
        shift = 0x20 if base != small else 0
        ascii_base = unicodedata.normalize("NFD", base)[0]
        if small in VNI_SINGLE:
            out.append(VNI_SINGLE[small] - shift)
            if tone:
                out.append(VNI_TONE[tone] - shift)
        elif small == "i":
            out.append(VNI_I[tone] - shift)
        elif small == "y" and tone == NANG:
            out.append(VNI_Y_NANG - shift)
        elif small in "âêô":
            out += ascii_base.encode("ascii")
            out.append(VNI_CIRCUMFLEX[tone] - shift)
        elif small == "ă":
            out += ascii_base.encode("ascii")
            out.append(VNI_BREVE[tone] - shift)
        else:
            out += ascii_base.encode("ascii")
            out.append(VNI_TONE[tone] - shift)
    return bytes(out)


# --- Windows-1258 -----------------------------------------------------------------------------
def cp1258(text):
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")  # ASCII, and letters the code page has precomposed
        except UnicodeEncodeError:
            base, tone = split_tone(ch)
            out += (base + tone).encode("cp1258")  # base letter + combining tone byte
    return bytes(out)


def main():
    text = (HERE / "tasks.utf8.csv").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text, "tasks.utf8.csv must be NFC"
    outputs = {
        "tasks.utf8-bom.csv": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "tasks.cp1258.csv": cp1258(text),
        "tasks.vni.csv": vni(text),
        "tasks.tcvn3.csv": tcvn3(text),
        "tasks.tcvn3.expected.csv": tcvn3_readback(text).encode("utf-8"),
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)
        print(f"wrote {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
