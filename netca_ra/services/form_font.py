"""A CJK font for the RA's PDF forms: found on this machine, subset to the text, embedded.

reportlab embeds TrueType outlines only; the Noto CJK fonts Debian ships (fonts-noto-cjk) have
CFF outlines, so the subset is converted to TrueType quadratic curves with fontTools (cu2qu)
first. TrueType CJK fonts (Windows' SimSun and Microsoft YaHei, macOS' Songti/STHeiti, WenQuanYi)
are subset as they are. ``NETCA_RA_FORM_FONT`` (a path, optionally ``path#index`` for a
collection) names one explicitly. docs/ra-deploy.md, "Fonts for the application form".
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

#: tried through fontconfig first (Linux), in this order
FONTCONFIG_PATTERNS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei")
#: then these files (Windows, macOS, Linux without fontconfig)
KNOWN_FILES = (
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
_MAXP_ZERO = (
    "maxPoints",
    "maxContours",
    "maxCompositePoints",
    "maxCompositeContours",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)


class FormFontMissing(RuntimeError):
    """No font with simplified Chinese glyphs was found (install fonts-noto-cjk)."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0


def find_form_font(configured: str = "") -> FontFile:
    """The font to use: ``configured`` (path or path#index), else fontconfig's match for a
    simplified-Chinese face, else the first known file that exists."""
    if configured:
        path, _, index = configured.partition("#")
        return FontFile(Path(path), int(index or 0))
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        for pattern in FONTCONFIG_PATTERNS:
            done = subprocess.run(
                [fc_match, "-f", "%{file}\n%{index}\n%{family}", f"{pattern}:lang=zh-cn"],
                capture_output=True, text=True, check=False, timeout=10,
            )  # fmt: skip
            file, _, rest = done.stdout.partition("\n")
            index, _, family = rest.partition("\n")
            if done.returncode == 0 and pattern in family and Path(file).is_file():
                return FontFile(Path(file), _sc_index(Path(file), int(index or 0)))
    for known in KNOWN_FILES:
        if Path(known).is_file():
            return FontFile(Path(known), _sc_index(Path(known), 0))
    raise FormFontMissing("no CJK font found: install fonts-noto-cjk or set NETCA_RA_FORM_FONT")


def _sc_index(path: Path, index: int) -> int:
    """In a Noto CJK collection, the simplified-Chinese face (fc-match may name another)."""
    if "NotoSansCJK" not in path.name and "NotoSerifCJK" not in path.name:
        return index
    for candidate in range(10):
        try:
            font = TTFont(str(path), fontNumber=candidate, lazy=True)
        except (OSError, IndexError, ValueError):
            break
        if " SC" in str(font["name"].getDebugName(1)):
            return candidate
    return index


def subset_truetype(font: FontFile, text: str) -> bytes:
    """TrueType bytes holding just the glyphs of ``text`` (CFF outlines converted)."""
    tt = TTFont(str(font.path), fontNumber=font.index)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(tt)
    if "CFF " in tt:
        _cff_to_glyf(tt)
    out = io.BytesIO()
    tt.save(out)
    return out.getvalue()


def _cff_to_glyf(tt: TTFont) -> None:
    """Replace CFF outlines by TrueType ones (quadratic curves within 1 font unit)."""
    glyph_set = tt.getGlyphSet()
    order = tt.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    tt["glyf"] = glyf
    tt["loca"] = newTable("loca")
    for table in ("CFF ", "VORG"):
        if table in tt:
            del tt[table]
    maxp = tt["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in _MAXP_ZERO:
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    tt["head"].indexToLocFormat = 0
    tt["head"].glyphDataFormat = 0
    post = tt["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    tt.sfntVersion = "\x00\x01\x00\x00"
