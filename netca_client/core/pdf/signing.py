"""Stamping one PDF: plan the boxes, sign each stamp through the key, write atomically.

Runs on the token thread (the GUI submits it there as one job): pyhanko's sync API calls
asyncio.run, and KeySigner calls session.sign inline. Network (TSA, OCSP, CRL) goes through
pyhanko's own HTTP clients for B-T and above.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cryptography import x509

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
    from netca_client.core.pdf.writer import open_writer

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
    images = SealImages(encoded_seal(picture.data))
    operation = secrets.token_hex(4)
    signatures: list[StampSignature] = []
    with source.open("rb") as handle, _atomic_output(target, overwrite=overwrite) as out:
        writer = open_writer(handle, source)
        signed = bool(writer.prev.embedded_signatures)
        groups = [[b] for b in boxes] if signed else [boxes]
        for index, group in enumerate(groups, 1):
            if index > 1:  # every later signature appends to what the earlier ones wrote
                writer = open_writer(out, source)
            stamp = StampSignature(f"NetcaSeal-{operation}-{index}", tuple(group))
            _sign_stamps(
                writer, out, source=source, in_place=index > 1, signer=signer, images=images,
                stamp=stamp, last=index == len(groups), options=options, chain=chain,
            )  # fmt: skip
            signatures.append(stamp)
    return SignResult(
        source=source,
        target=target,
        signatures=tuple(signatures),
        level=options.level,
        signer_subject=certificate.subject.rfc4514_string(),
        size=target.stat().st_size,
    )


def _sign_stamps(
    writer: Any,
    out: IO[bytes],
    *,
    source: Path,
    in_place: bool,
    signer: Any,
    images: Any,
    stamp: StampSignature,
    last: bool,
    options: SignOptions,
    chain: list[x509.Certificate],
) -> None:
    """One signature, its merged field/widget at ``stamp.boxes[0]`` and the other boxes as
    page content. The first signature's writer reads the source and writes ``out``; every
    later one's reads ``out`` and appends to it (``in_place``)."""
    from pyhanko.sign import fields, signers

    from netca_client.core.pdf.stamping import SealStampStyle, add_page_stamps
    from netca_client.core.pdf.writer import CHUNK

    box = stamp.boxes[0]
    with translated(source):  # a page tree or content pyhanko cannot follow
        add_page_stamps(writer, images, stamp.boxes[1:], prefix=stamp.field_name.replace("-", ""))
    pdf_signer = signers.PdfSigner(
        _metadata(stamp.field_name, last=last, options=options, chain=chain),
        signer=signer,
        timestamper=_timestamper(options),
        stamp_style=SealStampStyle(images=images, box=box),
        new_field_spec=fields.SigFieldSpec(
            stamp.field_name,
            on_page=box.page - 1,
            # pyhanko writes the box as given; floats keep a keyword stamp centred exactly.
            box=(box.x0, box.y0, box.x1, box.y1),  # type: ignore[arg-type]
        ),
    )
    with _signing_errors(options):
        if in_place:
            pdf_signer.sign_pdf(writer, in_place=True, chunk_size=CHUNK)
        else:
            pdf_signer.sign_pdf(writer, output=out, chunk_size=CHUNK)


def _metadata(
    field_name: str, *, last: bool, options: SignOptions, chain: list[x509.Certificate]
) -> Any:
    """PAdES metadata; only the operation's ``last`` signature asks for B-LT/B-LTA's
    additions (validation data, document time-stamp), which then serve every signature."""
    from pyhanko.sign import fields, signers

    long_term = last and options.level in (SignatureLevel.B_LT, SignatureLevel.B_LTA)
    return signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
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
    return ValidationContext(
        trust_roots=[to_asn1(c) for c in trust.roots],
        other_certs=[to_asn1(c) for c in (*trust.intermediates, *chain)],
        allow_fetching=True,
        revocation_mode="hard-fail",
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
