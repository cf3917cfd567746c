"""Stamping one PDF: plan the boxes, sign each stamp through the key, write atomically.

Runs on the token thread (the GUI submits it there as one job): pyhanko's sync API calls
asyncio.run, and KeySigner calls session.sign inline. Network (TSA, OCSP, CRL) goes through
pyhanko's own HTTP clients for B-T and above.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes

from netca_client.core.atomic_files import TargetExists, atomic_output
from netca_client.core.errors import (
    PdfOutputExists,
    PdfSigningFailed,
    PdfWriteFailed,
)
from netca_client.core.pdf._errors import check_header, translated
from netca_client.core.pdf.model import (
    SignatureLevel,
    SignOptions,
    SignResult,
    StampSignature,
)
from netca_client.core.pdf.placement import plan_stamps

if TYPE_CHECKING:
    from netca_client.core.pdf.stamping import SealImages
    from netca_client.core.pdf.writer import PrefixDigest
    from netca_client.core.seals import KeySeal
    from netca_client.core.token import KeySession


def sign_pdf(
    session: KeySession,
    *,
    seal: KeySeal,
    source: Path,
    target: Path,
    options: SignOptions,
    overwrite: bool = False,
) -> SignResult:
    """Stamp ``source`` with ``seal`` at every placement into ``target``, through the one
    logged-in session.

    One signature carries every stamp: its widget shows the first, the others are page
    content in the signed revision. An input that is already signed gets one signature per
    stamp instead, each in its own revision, since changed page content would count against
    the earlier signatures (docs/pdf-signing.md). ``source`` is only read; ``target``
    appears complete or not at all (a temporary file beside it is renamed into place).
    Time-stamps are per signature (B-T and up); validation data (B-LT) and the document
    time-stamp (B-LTA) are added once, after the last signature, for all of them.
    """
    from netca_client.core.pdf.signer import KeySigner, key_chain, signing_certificate
    from netca_client.core.pdf.stamping import SealImages, encoded_seal
    from netca_client.core.pdf.writer import PrefixCopy, open_writer

    check_header(source)
    _check_target(source, target, overwrite=overwrite)
    if seal.seal is None:
        from netca_client.core.errors import SealUnreadable

        raise SealUnreadable(seal.problem)
    picture = seal.seal.picture
    size_mm = (float(picture.width_mm), float(picture.height_mm))
    key_id, certificate = signing_certificate(session, seal)
    boxes = plan_stamps(source, placements=options.placements, seal_size_mm=size_mm)
    chain = [*key_chain(session, certificate), *options.extra_certificates]
    signer = KeySigner(session, key_id=key_id, certificate=certificate, chain=chain)
    operation = secrets.token_hex(4)
    signatures: list[StampSignature] = []
    with (
        source.open("rb") as handle,
        _atomic_output(target, overwrite=overwrite) as out,
        # The original goes into ``out`` (and through the signature's digest) on a thread
        # while pyhanko parses it and the stamps are built (writer.py).
        PrefixCopy(handle, out, signer.md_algorithm) as copy,
    ):
        writer = open_writer(handle, source, digest=signer.md_algorithm, prefix_copy=copy)
        signed = bool(writer.prev.embedded_signatures)
        groups = [[b] for b in boxes] if signed else [boxes]
        stamping = _FileStamping(
            source=source, out=out, signer=signer, options=options, chain=chain,
            images=SealImages(encoded_seal(picture.data)),
            reservation=reservation(certificate, chain, options.level),
        )  # fmt: skip
        for index, group in enumerate(groups, 1):
            stamp = StampSignature(f"NetcaSeal-{operation}-{index}", tuple(group))
            # The first signature reads the source and writes ``out``; every later one
            # reads ``out`` and appends to it.
            stamping.sign(stamp, handle if index == 1 else out, last=index == len(groups),
                          writer=writer if index == 1 else None)  # fmt: skip
            signatures.append(stamp)
    return SignResult(
        source=source,
        target=target,
        signatures=tuple(signatures),
        level=options.level,
        signer_subject=certificate.subject.rfc4514_string(),
        size=target.stat().st_size,
    )


# DER bytes a CMS signature needs beyond its certificates and the signature value: signed
# attributes (content type, signing time, message digest, signing-certificate-v2 with the
# issuer's name), the signer info, the algorithm identifiers and the structure around
# them; generous, since long Chinese issuer names appear twice. A time-stamp token (B-T
# and up) is a signature of its own with the TSA's certificate.
_CMS_OVERHEAD = 4096
_TIMESTAMP_TOKEN = 8192


def reservation(
    certificate: x509.Certificate, chain: Sequence[x509.Certificate], level: SignatureLevel
) -> int:
    """Hex digits to reserve for the signature container, from what it will embed: the
    certificates, the signature (at most the key's size), attributes and, for B-T and up,
    a time-stamp token. pyhanko would otherwise make a throwaway signature to measure
    (and for B-T ask the TSA once more) before every real one."""
    from cryptography.hazmat.primitives.serialization import Encoding

    certificates = {c.fingerprint(hashes.SHA256()): c for c in (certificate, *chain)}
    embedded = sum(len(c.public_bytes(Encoding.DER)) for c in certificates.values())
    try:
        key_bits = getattr(certificate.public_key(), "key_size", 4096)
    except UnsupportedAlgorithm:  # SM2: cryptography cannot load it; 72 bytes of DER fit
        key_bits = 4096
    size = embedded + 2 * key_bits // 8 + _CMS_OVERHEAD
    if level is not SignatureLevel.B_B:
        size += _TIMESTAMP_TOKEN
    return 2 * size  # hexadecimal in the file


class _ReservationTooSmall(Exception):
    """The signature container did not fit the reserved space (pyhanko's SigningError)."""


class _FileStamping:
    """The signatures of one output file, all through one signer, appended to ``out``."""

    def __init__(
        self,
        *,
        source: Path,
        out: IO[bytes],
        signer: Any,
        options: SignOptions,
        chain: list[x509.Certificate],
        images: SealImages,
        reservation: int,
    ) -> None:
        self.source, self.out, self.signer = source, out, signer
        self.options, self.chain, self.images = options, chain, images
        self.reservation = reservation
        #: the signatures' digest; the state over ``out`` after the last signature, which
        #: the next one, appended in place, goes on from (writer.py)
        self.digest: str = getattr(signer, "md_algorithm", "sha256")
        self.state: PrefixDigest | None = None

    def sign(self, stamp: StampSignature, document: IO[bytes], *, last: bool, writer: Any) -> None:
        """One signature with its widget at ``stamp.boxes[0]`` and the other boxes as page
        content. If the container outgrows the reservation (an unusually large time-stamp
        token, say), the attempt is cut off ``out`` and signed again with pyhanko's own
        estimate."""
        from netca_client.core.pdf.writer import open_writer

        in_place = document is self.out
        start = self.out.seek(0, os.SEEK_END) if in_place else 0
        prefix = self.state if in_place else None

        def opened() -> Any:
            return open_writer(document, self.source, digest=self.digest, prefix=prefix)

        writer = writer or opened()
        try:
            self._attempt(stamp, writer, in_place=in_place, last=last, reserve=self.reservation)
        except _ReservationTooSmall:
            self.images.forget_uncommitted()
            self.out.seek(start)
            self.out.truncate()
            writer = opened()
            self._attempt(stamp, writer, in_place=in_place, last=last, reserve=None)
        self.state = getattr(writer, "final", None)
        self.images.commit()

    def _attempt(
        self, stamp: StampSignature, writer: Any, *, in_place: bool, last: bool, reserve: int | None
    ) -> None:
        from pyhanko.sign import fields, signers
        from pyhanko.sign.general import SigningError

        from netca_client.core.pdf.stamping import SealStampStyle, add_page_stamps
        from netca_client.core.pdf.writer import CHUNK

        box, options = stamp.boxes[0], self.options
        with translated(self.source):  # a page tree or content pyhanko cannot follow
            add_page_stamps(writer, self.images, stamp.boxes[1:],
                            prefix=stamp.field_name.replace("-", ""))  # fmt: skip
        pdf_signer = signers.PdfSigner(
            _metadata(
                stamp.field_name, last=last, options=options, chain=self.chain, signer=self.signer
            ),
            signer=self.signer,
            timestamper=_timestamper(options),
            stamp_style=SealStampStyle(images=self.images, box=box),
            new_field_spec=fields.SigFieldSpec(
                stamp.field_name,
                on_page=box.page - 1,
                # pyhanko writes the box as given; floats keep a keyword stamp centred exactly.
                box=(box.x0, box.y0, box.x1, box.y1),  # type: ignore[arg-type]
            ),
        )
        output = {"in_place": True} if in_place else {"output": self.out}
        with _signing_errors(options):
            try:
                pdf_signer.sign_pdf(writer, bytes_reserved=reserve, chunk_size=CHUNK, **output)
            except SigningError as exc:
                # pyhanko 0.38 has no error class of its own for this (pdf_byterange.py).
                if reserve is not None and "larger than expected" in str(exc):
                    raise _ReservationTooSmall from exc
                raise


def _metadata(
    field_name: str,
    *,
    last: bool,
    options: SignOptions,
    chain: list[x509.Certificate],
    signer: Any = None,
) -> Any:
    """PAdES metadata; only the operation's ``last`` signature asks for B-LT/B-LTA's
    additions (validation data, document time-stamp), which then serve every signature.
    An SM2 signer asks for SM3 and adbe.pkcs7.detached (KeySigner says so)."""
    from pyhanko.sign import fields, signers

    long_term = last and options.level in (SignatureLevel.B_LT, SignatureLevel.B_LTA)
    return signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=getattr(signer, "md_algorithm", "sha256"),
        subfilter=(
            fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED
            if getattr(signer, "subfilter", "pades") == "pkcs7"
            else fields.SigSeedSubFilter.PADES
        ),
        reason=options.reason,
        location=options.location,
        embed_validation_info=long_term,
        validation_context=validation_context(options, chain) if long_term else None,
        use_pades_lta=long_term and options.level is SignatureLevel.B_LTA,
    )


def validation_context(options: SignOptions, chain: list[x509.Certificate]) -> Any:
    """Trust for B-LT: the options' roots plus the built-in and user trust directories;
    revocation data fetched from the certificates' OCSP/CRL addresses (hard-fail)."""
    from pyhanko_certvalidator import ValidationContext

    from netca_client.core.pdf.signer import to_asn1
    from netca_client.core.seals import load_seal_trust

    trust = load_seal_trust(extra_certificates=options.trust_roots)
    from netca_client.core.pdf.gm_signatures import SM2_VALIDATOR

    return ValidationContext(
        trust_roots=[to_asn1(c) for c in trust.roots],
        other_certs=[to_asn1(c) for c in (*trust.intermediates, *chain)],
        allow_fetching=True,
        revocation_mode="hard-fail",
        signature_validator=SM2_VALIDATOR,
    )


def _timestamper(options: SignOptions) -> Any:
    if options.level is SignatureLevel.B_B:
        return None
    if not options.tsa_url:
        raise PdfSigningFailed(f"level {options.level} needs a time-stamp authority URL")
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    return RequestsHTTPTimeStamper(options.tsa_url, timeout=20)


@contextmanager
def _signing_errors(options: SignOptions) -> Iterator[None]:
    """Service and validation failures while signing become PdfSigningFailed (B-LT fetches
    OCSP/CRL data with hard-fail: a signer whose status cannot be had is not signed)."""
    import aiohttp
    import requests
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError
    from pyhanko_certvalidator.errors import (
        CRLValidationError,
        OCSPValidationError,
        PathError,
        ValidationError,
    )

    try:
        yield
    except (TimestampRequestError, requests.RequestException) as exc:
        raise PdfSigningFailed(str(exc), service=options.tsa_url) from exc
    except (
        SigningError,
        PathError,
        ValidationError,
        CRLValidationError,
        OCSPValidationError,
        aiohttp.ClientError,
    ) as exc:
        raise PdfSigningFailed(f"{type(exc).__name__}: {exc}") from exc


def _check_target(source: Path, target: Path, *, overwrite: bool) -> None:
    if target.exists() and (not overwrite or target.resolve() == source.resolve()):
        raise PdfOutputExists(str(target))


@contextmanager
def _atomic_output(target: Path, *, overwrite: bool) -> Iterator[IO[bytes]]:
    """A temporary file beside ``target`` (w+b), put in place only when the body succeeds
    and, without ``overwrite``, only if no file took the name meanwhile."""
    try:
        with atomic_output(target, replace=overwrite) as out:
            yield out
    except TargetExists:
        raise PdfOutputExists(str(target)) from None
    except OSError as exc:
        raise PdfWriteFailed(str(target), exc.strerror or str(exc)) from exc
