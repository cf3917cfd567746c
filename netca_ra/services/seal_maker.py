"""The RA's seal maker: an approved seal image plus holder certificate(s) -> a signed SES_Seal.

The seal-maker certificate and key are made by `netca-ra init` (ca/builtin.py,
`seal-maker.crt.pem` / `seal-maker.key.pem` under the CA directory). Seals are GB/T 38540
v4, signed sha256WithRSAEncryption by that key (docs/seal-format.md). Pure: no database;
the caller that records the seal owns the transaction.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from PIL import Image, UnidentifiedImageError

from netca_protocol.errors import ErrorCode
from netca_ra.ca import keystore
from netca_ra.errors import ApiError
from netca_seal import SealBuildError, SealType, make_seal

VENDOR_ID = "NETCA-OSS-RA"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 4000
# A seal picture is ink on a transparent background. Square seals are inked to their
# corners, so count pixels instead: our art is 48-55 % transparent for a square
# legal-representative seal and ~75 % for a round one; a scanned seal on white paper is 0 %.
TRANSPARENT_ALPHA = 16
MIN_TRANSPARENT_SHARE = 0.25


@dataclass(frozen=True)
class SealMaker:
    """The RA's seal-maker certificate and its key (RSA, from the built-in CA)."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    vendor_id: str = VENDOR_ID

    @classmethod
    def load(cls, ca_dir: Path, *, passphrase_file: Path | None = None) -> SealMaker:
        """``passphrase_file`` as for the CA (NETCA_RA_CA_PASSPHRASE_FILE, e.g. a systemd
        credential kept outside the data directory)."""
        passphrase = keystore.read_passphrase(ca_dir, passphrase_file)
        return cls(
            cert=keystore.load_certificate(ca_dir / "seal-maker.crt.pem"),
            key=keystore.load_key(ca_dir / "seal-maker.key.pem", passphrase),
        )


def _rejected(detail: str) -> ApiError:
    return ApiError(ErrorCode.VALIDATION_FAILED, 422, detail)


def check_seal_image(png: bytes) -> None:
    """Refuse an image that is not a PNG with a transparent background (ApiError 422)."""
    if len(png) > MAX_IMAGE_BYTES:
        raise _rejected(f"the seal image is larger than {MAX_IMAGE_BYTES} bytes")
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG":
                raise _rejected(f"the seal image must be a PNG, not {image.format}")
            if max(image.size) > MAX_IMAGE_PIXELS:
                raise _rejected(f"the seal image is larger than {MAX_IMAGE_PIXELS} pixels")
            image.load()
            has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise _rejected(f"the seal image does not decode: {exc}") from exc
    if not has_alpha:
        raise _rejected("the seal image has no transparency (alpha channel)")
    alpha = rgba.getchannel("A").histogram()
    transparent = sum(alpha[: TRANSPARENT_ALPHA + 1]) / (rgba.size[0] * rgba.size[1])
    if transparent < MIN_TRANSPARENT_SHARE:
        raise _rejected(
            f"the seal image's background is not transparent ({transparent:.0%} of pixels)"
        )


def make_holder_seal(
    maker: SealMaker,
    *,
    image_png: bytes,
    name: str,
    seal_type: SealType,
    holder_certs: Sequence[x509.Certificate],
    valid_from: datetime,
    valid_to: datetime,
    seal_id: str,
    now: datetime,
    size_mm: tuple[int, int] | None = None,
) -> bytes:
    """Sign a GB/T 38540 seal for the approved ``image_png`` that ``holder_certs`` may use.

    Refusals are ApiError 422 (validation_failed): an image that is not a transparent PNG,
    no holder certificate or one not valid now, a validity the maker certificate does not
    cover (the seal would turn "maker untrusted" when the maker certificate expires).
    """
    check_seal_image(image_png)
    if not holder_certs:
        raise _rejected("a seal needs at least one holder certificate")
    for cert in holder_certs:
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            subject = cert.subject.rfc4514_string()
            raise _rejected(f"holder certificate {subject} is not valid now")
    if not valid_from < valid_to:
        raise _rejected("the seal's validity ends before it starts")
    maker_from, maker_to = maker.cert.not_valid_before_utc, maker.cert.not_valid_after_utc
    if valid_from < maker_from or valid_to > maker_to:
        raise _rejected(
            f"the seal must be valid within the seal-maker certificate's "
            f"{maker_from:%Y-%m-%d} to {maker_to:%Y-%m-%d}"
        )
    try:
        return make_seal(
            picture_png=image_png,
            name=name,
            seal_type=seal_type,
            allowed_certs=list(holder_certs),
            valid_from=valid_from,
            valid_to=valid_to,
            maker_cert=maker.cert,
            maker_key=maker.key,
            vendor_id=maker.vendor_id,
            seal_id=seal_id,
            picture_size_mm=size_mm,
            created=now,
        )
    except SealBuildError as exc:
        raise _rejected(str(exc)) from exc
