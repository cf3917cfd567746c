"""Seal art: transparent PNGs in seal red, sized for their millimetres and dpi."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from netca_seal import SealType, make_seal, parse_seal
from netca_seal.art import (
    SEAL_RED,
    SealArt,
    find_cjk_font,
    render_legal_rep_seal,
    render_organisation_seal,
)
from netca_seal.errors import SealArtError

from .conftest import NOW, Issued

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "seals"


def _image(art_png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(art_png))
    image.load()
    return image


def _red_share(image: Image.Image) -> float:
    """Share of pixels that are opaque and seal red."""
    r, g, b, a = (band.tobytes() for band in image.split())
    red = sum(1 for i in range(len(a)) if a[i] > 200 and (r[i], g[i], b[i]) == SEAL_RED)
    return red / len(a)


def _assert_seal_png(image: Image.Image, *, pixels: int, dpi: int) -> None:
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.size == (pixels, pixels)
    assert round(image.info["dpi"][0]) == dpi


def test_organisation_seal_is_transparent_red_and_42_mm_at_300_dpi() -> None:
    art = render_organisation_seal("广州网证通示例科技有限公司", bottom_text="合同专用章")
    image = _image(art.png)

    assert (art.width_mm, art.height_mm, art.dpi) == (42, 42, 300)
    _assert_seal_png(image, pixels=496, dpi=300)  # 42 / 25.4 * 300 = 496.06
    alpha = image.getchannel("A")
    for corner in [(0, 0), (495, 0), (0, 495), (495, 495), (40, 40)]:
        assert alpha.getpixel(corner) == 0
    assert alpha.getpixel((248, 2)) == 255  # the ring at the top
    assert alpha.getpixel((248, 230)) == 255  # the star in the middle
    assert 0.10 < _red_share(image) < 0.45


def test_organisation_seal_size_follows_mm_and_dpi() -> None:
    art = render_organisation_seal("示例公司", diameter_mm=40, dpi=600)
    image = _image(art.png)
    assert image.size == (945, 945)  # 40 / 25.4 * 600 = 944.9
    assert (art.width_mm, art.dpi) == (40, 600)


def test_legal_rep_seal_is_square_transparent_red() -> None:
    art = render_legal_rep_seal("张三之印")
    image = _image(art.png)

    assert (art.width_mm, art.height_mm) == (20, 20)
    _assert_seal_png(image, pixels=236, dpi=300)  # 20 / 25.4 * 300 = 236.2
    alpha = image.getchannel("A")
    assert alpha.getpixel((1, 1)) == 255  # the border reaches the corner
    assert alpha.getpixel((118, 118)) == 0  # the gap between the two columns
    transparent = alpha.tobytes().count(0)
    assert transparent > 0.3 * 236 * 236
    assert _red_share(image) > 0.2


@pytest.mark.parametrize("text", ["张三", "李四印"])
def test_legal_rep_seal_takes_two_or_three_characters(text: str) -> None:
    assert _red_share(_image(render_legal_rep_seal(text).png)) > 0.15


@pytest.mark.parametrize("text", ["张", "欧阳建国之印"])
def test_legal_rep_seal_refuses_other_lengths(text: str) -> None:
    with pytest.raises(SealArtError):
        render_legal_rep_seal(text)


def test_cjk_font_is_found() -> None:
    face = find_cjk_font()
    assert face.path.is_file()


def test_seal_art_goes_into_a_seal_with_its_size(maker: Issued, holder: Issued) -> None:
    art: SealArt = render_organisation_seal("广州示例科技有限公司")
    der = make_seal(
        picture_png=art.png,
        name="广州示例科技有限公司",
        seal_type=SealType.ORGANISATION,
        allowed_certs=[holder.cert],
        valid_from=NOW,
        valid_to=NOW + timedelta(days=365),
        maker_cert=maker.cert,
        maker_key=maker.key,
        vendor_id="NETCA-OSS",
        seal_id="ART-1",
    )
    picture = parse_seal(der).picture
    assert (picture.width_mm, picture.height_mm) == (42, 42)
    assert picture.data == art.png


@pytest.mark.parametrize(
    ("file", "pixels"), [("demo-org-seal.png", 496), ("demo-legal-rep-seal.png", 236)]
)
def test_demo_seals_in_resources_are_seal_pngs(file: str, pixels: int) -> None:
    image = _image((RESOURCES / file).read_bytes())
    assert image.mode == "RGBA"
    assert image.size == (pixels, pixels)
    assert image.getchannel("A").getpixel((pixels // 2, 0)) == 255
    assert _red_share(image) > 0.1
