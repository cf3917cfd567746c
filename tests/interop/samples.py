"""Signed PDFs made with pyhanko and a software key (no USB key): for the harness's own tests
and for the already-signed input of the matrix.

Three signature layouts:
- ``merged``: pyhanko's default, the signature field and its widget are one dictionary;
- ``kids_without_parent``: ``SigFieldSpec(combine_annotation=False)``, the widget in the
  field's /Kids without /Parent (what main wrote for one stamp before issue 12);
- ``one_field_many_kids``: one signature field whose /Kids hold every stamp, the first
  without /Parent, the others with it (what main wrote for several stamps before issue 12).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from PIL import Image, ImageDraw

from tests.interop.expectation import Box
from tests.support.pki import MiniCa

Layout = Literal["merged", "kids_without_parent", "one_field_many_kids"]

SEAL_RED = (230, 0, 18, 255)
OTHER_BLUE = (20, 60, 200, 255)


def seal_picture(colour: tuple[int, int, int, int] = SEAL_RED, size: int = 400) -> Image.Image:
    """A round seal: a thick ring, a star and a bar, on a transparent background."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    width = size // 14
    draw.ellipse((width, width, size - width, size - width), outline=colour, width=width)
    c = size / 2
    star = []
    for i in range(10):
        import math

        radius = size * (0.2 if i % 2 == 0 else 0.08)
        angle = math.pi / 2 + i * math.pi / 5
        star.append((c + radius * math.cos(angle), c - radius * math.sin(angle)))
    draw.polygon(star, fill=colour)
    draw.rectangle((size * 0.25, size * 0.68, size * 0.75, size * 0.76), fill=colour)
    return image


def slices(picture: Image.Image, count: int) -> list[Image.Image]:
    """A cross-page seal's vertical strips, left to right."""
    edges = [round(picture.width * i / count) for i in range(count + 1)]
    return [picture.crop((edges[i], 0, edges[i + 1], picture.height)) for i in range(count)]


@dataclass
class SoftKey:
    """A software EC key with a certificate from a test CA of its own."""

    ca: MiniCa
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    name: str
    _signer: Any = field(default=None, repr=False)

    @classmethod
    def create(
        cls, name: str = "另一投标人 测试", *, kind: Literal["rsa", "ec"] = "rsa"
    ) -> SoftKey:
        """RSA 2048 by default: iText 5 cannot verify ECDSA signatures at all."""
        ca = MiniCa.create(f"{name} 根证书")
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
        if kind == "rsa":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        else:
            key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = ca.issue(
            key.public_key().public_bytes(Encoding.DER, _spki()),
            cn=name, org="测试单位", not_before=now - dt.timedelta(hours=1),
            not_after=now + dt.timedelta(days=30),
        )  # fmt: skip
        return cls(ca, key, cert, name)

    @property
    def roots(self) -> tuple[x509.Certificate, ...]:
        return (self.ca.cert,)

    def pyhanko_signer(self) -> Any:
        if self._signer is None:
            from asn1crypto import keys as asn1_keys
            from asn1crypto import x509 as asn1_x509
            from pyhanko.sign import signers
            from pyhanko_certvalidator.registry import SimpleCertificateStore

            cert = asn1_x509.Certificate.load(self.cert.public_bytes(Encoding.DER))
            root = asn1_x509.Certificate.load(self.ca.cert.public_bytes(Encoding.DER))
            key = asn1_keys.PrivateKeyInfo.load(
                self.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
            )
            self._signer = signers.SimpleSigner(
                signing_cert=cert,
                signing_key=key,
                cert_registry=SimpleCertificateStore.from_certs([cert, root]),
            )
        return self._signer

    def timestamper(self) -> Any:
        """A time-stamp authority of this key's CA, in process (for document time-stamps)."""
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        # pyhanko's dummy TSA signs with RSA only.
        tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        now = dt.datetime.now(dt.UTC)
        tsa_cert = _tsa_certificate(self.ca, tsa_key, now)
        asn1_cert = asn1_x509.Certificate.load(tsa_cert.public_bytes(Encoding.DER))
        root = asn1_x509.Certificate.load(self.ca.cert.public_bytes(Encoding.DER))
        return DummyTimeStamper(
            tsa_cert=asn1_cert,
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                tsa_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
            ),
            certs_to_embed=SimpleCertificateStore.from_certs([asn1_cert, root]),
        )


def _spki() -> Any:
    from cryptography.hazmat.primitives.serialization import PublicFormat

    return PublicFormat.SubjectPublicKeyInfo


def _tsa_certificate(ca: MiniCa, key: rsa.RSAPrivateKey, now: dt.datetime) -> Any:
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "测试 TSA")]))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca.key, hashes.SHA256())
    )


def sign(
    source: Path,
    target: Path,
    key: SoftKey,
    *,
    boxes: Sequence[Box],
    layout: Layout = "merged",
    field_name: str = "Signature1",
    picture: Image.Image | None = None,
    draw_at: Sequence[Box] | None = None,
) -> Path:
    """One signature over ``source`` in ``layout`` with one stamp per box (no box:
    invisible). ``draw_at`` puts the widgets elsewhere than ``boxes`` say (a stamp drawn
    away from where it is expected), keeping ``boxes`` for the caller's expectation."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    placed = list(draw_at if draw_at is not None else boxes)
    if layout == "merged" and len(placed) > 1:
        raise ValueError("a merged field/widget has one stamp; sign once per stamp")
    picture = picture or seal_picture()
    first = placed[0] if placed else None
    spec = fields.SigFieldSpec(
        field_name,
        on_page=(first.page - 1) if first else 0,
        box=(first.x0, first.y0, first.x1, first.y1) if first else None,  # type: ignore[arg-type]
        combine_annotation=layout == "merged",
    )
    style = _style(picture, extra=placed[1:], field_name=field_name)
    with source.open("rb") as handle, target.open("wb") as out:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        pdf_signer = signers.PdfSigner(
            signers.PdfSignatureMetadata(
                field_name=field_name,
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
            ),
            signer=key.pyhanko_signer(),
            stamp_style=style,
            new_field_spec=spec,
        )
        pdf_signer.sign_pdf(writer, output=out)
    return target


def sign_each(
    source: Path,
    target: Path,
    key: SoftKey,
    *,
    boxes: Sequence[Box],
    pictures: Sequence[Image.Image] | None = None,
) -> Path:
    """One merged signature per box, one incremental revision each (the issue-12 layout);
    ``pictures[i]`` is box i's stamp (default: the whole seal)."""
    current = source
    for number, box in enumerate(boxes, 1):
        step = target.with_name(f"{target.stem}.step{number}.pdf")
        picture = pictures[number - 1] if pictures else None
        sign(current, step, key, boxes=[box], field_name=f"Signature{number}", picture=picture)
        if current != source:
            current.unlink()
        current = step
    current.replace(target)
    return target


def add_document_timestamp(source: Path, target: Path, key: SoftKey) -> Path:
    """A document time-stamp (as B-LTA ends with) from the key's in-process TSA."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    with source.open("rb") as handle, target.open("wb") as out:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        signers.PdfTimeStamper(key.timestamper()).timestamp_pdf(
            writer, md_algorithm="sha256", output=out
        )
    return target


def add_empty_field(source: Path, target: Path, box: Box, *, name: str = "Empty") -> Path:
    """An unsigned, visible signature field added after the signatures (a phantom)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    with source.open("rb") as handle, target.open("wb") as out:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        spec = fields.SigFieldSpec(
            name,
            on_page=box.page - 1,
            box=(box.x0, box.y0, box.x1, box.y1),  # type: ignore[arg-type]
        )
        fields.append_signature_field(writer, spec)
        writer.write(out)
    return target


def flip_signed_byte(source: Path, target: Path) -> Path:
    """A copy with one byte changed inside every signature's signed range: a byte of the
    binary comment on the file's second line, which no parser reads."""
    data = bytearray(source.read_bytes())
    second_line = data.index(b"\n") + 1
    assert data[second_line : second_line + 1] == b"%", "no binary comment line"
    data[second_line + 1] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _style(picture: Image.Image, *, extra: Sequence[Box], field_name: str) -> Any:
    """pyhanko's static stamp with the picture; ``extra`` boxes become further /Kids of the
    signature field in the signed revision (first kid without /Parent, the rest with)."""
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.layout import (
        AxisAlignment,
        InnerScaling,
        Margins,
        SimpleBoxLayoutRule,
    )
    from pyhanko.stamp import StaticStampStyle
    from pyhanko.stamp.static import StaticContentStamp

    class _Stamp(StaticContentStamp):
        def apply_appearance(self, annot_dict: Any) -> None:
            super().apply_appearance(annot_dict)
            if extra:
                _add_kids(self.writer, picture, extra, field_name)

    @dataclass(frozen=True)
    class _Style(StaticStampStyle):
        def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> Any:
            return _Stamp(writer=writer, style=self, box=box)

    return _Style(
        background=PdfImage(picture),
        border_width=0,
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(0),
            inner_content_scaling=InnerScaling.STRETCH_FILL,
        ),
    )


def _add_kids(writer: Any, picture: Image.Image, boxes: Sequence[Box], field_name: str) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.images import pil_image

    field_ref = next(
        ref for ref in writer.root["/AcroForm"]["/Fields"] if ref.get_object()["/T"] == field_name
    )
    field_dict = field_ref.get_object()
    for box in boxes:
        page_ref, _ = writer.find_page_for_modification(box.page - 1)
        width, height = box.x1 - box.x0, box.y1 - box.y0
        form = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): _numbers((0, 0, width, height)),
                pdf_name("/Resources"): generic.DictionaryObject(
                    {
                        pdf_name("/XObject"): generic.DictionaryObject(
                            {pdf_name("/Seal"): pil_image(picture, writer)}
                        )
                    }
                ),
            },
            stream_data=b"q %.4f 0 0 %.4f 0 0 cm /Seal Do Q" % (width, height),
        )
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): _numbers((box.x0, box.y0, box.x1, box.y1)),
                pdf_name("/F"): generic.NumberObject(4 | 64 | 128),
                pdf_name("/P"): page_ref,
                pdf_name("/Parent"): field_ref,
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(form)}
                ),
            }
        )
        widget_ref = writer.add_object(widget)
        field_dict["/Kids"].append(widget_ref)
        writer.register_annotation(page_ref, widget_ref)


def _numbers(values: Sequence[float]) -> Any:
    from pyhanko.pdf_utils import generic

    return generic.ArrayObject(generic.FloatObject(round(v, 4)) for v in values)


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
