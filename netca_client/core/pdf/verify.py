"""Verifying every signature in a PDF into a VerificationReport (pyhanko); worker-pool threads.

Offline: trust comes from the roots given plus resources/trust and the user's trust
directory; revocation is judged only from OCSP/CRL data embedded in the file (B-LT).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from netca_client.core.errors import PdfEncrypted
from netca_client.core.pdf._errors import check_header, translated
from netca_client.core.pdf.report import (
    Revocation,
    SignatureReport,
    StampChange,
    Verdict,
    VerificationReport,
)


def verify_pdf(
    path: Path,
    *,
    trust_roots: Sequence[x509.Certificate] = (),
    now: datetime | None = None,
    analyse_changes: bool = True,
) -> VerificationReport:
    """A report on every signature in ``path`` (document time-stamps count toward B-LTA).

    ``analyse_changes=False`` is the quick first answer: integrity, signature, trust and
    revocation, without pyhanko's difference analysis of the revisions after a signature
    (~90 % of the time on a large file: it reads every object of the signed revision). A
    signature that has later revisions then gets ``Verdict.PENDING`` and
    ``changes_analysed=False``; the full call decides it by pyhanko's own policy. The quick
    answer leaves ``page`` None (finding the stamps reads every page object)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from netca_client.core.seals import load_seal_trust

    check_header(path)
    trust = load_seal_trust(extra_certificates=trust_roots)
    reports = []
    with path.open("rb") as handle, translated(path):
        reader = PdfFileReader(handle, strict=False)
        if reader.encrypted:
            raise PdfEncrypted(str(path))
        context = _Context(reader, trust.roots, trust.intermediates, now, analyse_changes)
        context.revisions = {
            str(s.field_name): s.signed_revision for s in reader.embedded_regular_signatures
        }
        has_doc_timestamp = any(s.sig_object.get("/Type") == "/DocTimeStamp"
                                for s in reader.embedded_signatures)  # fmt: skip
        for signature in reader.embedded_regular_signatures:
            reports.append(context.report(signature, has_doc_timestamp=has_doc_timestamp))
    return VerificationReport(path=path, signatures=tuple(reports))


class _Context:
    """What every signature of one file is checked against."""

    def __init__(
        self,
        reader: Any,
        roots: Sequence[x509.Certificate],
        intermediates: Sequence[x509.Certificate],
        now: datetime | None,
        analyse_changes: bool = True,
    ) -> None:
        from pyhanko.pdf_utils.misc import PdfReadError
        from pyhanko.sign.validation.dss import DocumentSecurityStore

        from netca_client.core.pdf.gm_signatures import SM2_VALIDATOR
        from netca_client.core.pdf.signer import to_asn1

        self.reader = reader
        self.now = now
        self.analyse_changes = analyse_changes
        self.seal_pictures: dict[object, bytes | None] = {}  # image XObject → PNG
        self.revisions: dict[str, int] = {}  # signature field → the revision it signed
        self.last_revision = reader.xrefs.total_revisions - 1
        self.positions: dict[int | None, dict[str, Any]] = {}  # revision → stamp_positions
        self.kwargs: dict[str, Any] = {
            "trust_roots": [to_asn1(c) for c in roots],
            "other_certs": [to_asn1(c) for c in intermediates],
            "allow_fetching": False,
            # SM2 signatures, chains, CRLs and OCSP answers (libcrypto); others as before
            "signature_validator": SM2_VALIDATOR,
        }
        if now is not None:
            self.kwargs["moment"] = now
        try:
            self.dss: Any = DocumentSecurityStore.read_dss(reader)
        except (KeyError, PdfReadError, ValueError, NameError):
            self.dss = None
        self.has_revocation_data = bool(self.dss and (self.dss.ocsps or self.dss.crls))

    def _validation_context(self, mode: str, signature: Any = None) -> Any:
        """The trust, with the DSS's revocation data and (for ``signature``) the CRLs and OCSP
        answers it carries in its own signed attributes (adbe.pkcs7.detached B-LT, as the
        SM2 signatures are made: docs/gm.md)."""
        from pyhanko_certvalidator import ValidationContext

        kwargs = {**self.kwargs, "revocation_mode": mode}
        if signature is not None:
            crls, ocsps = _archived_revocation(signature)
            kwargs.update(crls=crls, ocsps=ocsps)
        if self.dss is not None:
            return self.dss.as_validation_context(kwargs)
        return ValidationContext(**kwargs)

    def _has_revocation_data(self, signature: Any) -> bool:
        return self.has_revocation_data or any(_archived_revocation(signature))

    def _validate(self, signature: Any, mode: str, *, analyse_changes: bool) -> Any:
        from pyhanko.sign.validation import validate_pdf_signature

        return validate_pdf_signature(
            signature,
            signer_validation_context=self._validation_context(mode, signature),
            ts_validation_context=self._validation_context("soft-fail"),
            skip_diff=not analyse_changes,
        )

    def report(self, signature: Any, *, has_doc_timestamp: bool) -> SignatureReport:
        from netca_client.core.pdf.appearance import seal_png, stamp_changes

        status = self._validate(signature, "soft-fail", analyse_changes=self.analyse_changes)
        revocation = self._revocation(signature, status)
        field_name = str(signature.field_name)
        # The stamps' pages come with the full answer: finding them reads every page object
        # (a second on 2,000 pages), which the quick answer is meant to skip.
        now_positions = self._positions(None).get(field_name, {}) if self.analyse_changes else {}
        moved: tuple[StampChange, ...] = ()
        if self.analyse_changes and signature.signed_revision != self.last_revision:
            # where the stamps were when signed: part of the analysis of later revisions
            signed_positions = self._positions(signature.signed_revision).get(field_name, {})
            moved = stamp_changes(signed_positions, now_positions)
        cert = x509.load_der_x509_certificate(signature.signer_cert.dump())
        later = {f for f, r in self.revisions.items() if r > signature.signed_revision}
        changes, level_name = _changes(status, later)
        whole = _covers_whole(status)
        # pyhanko has nothing to analyse for a signature that covers the whole file
        analysed = self.analyse_changes or whole
        timestamp = status.timestamp_validity
        report = SignatureReport(
            field_name=field_name,
            signer_cn=_attr(cert.subject, NameOID.COMMON_NAME),
            organisation=_attr(cert.subject, NameOID.ORGANIZATION_NAME),
            signer_subject=cert.subject.rfc4514_string(),
            issuer_cn=_attr(cert.issuer, NameOID.COMMON_NAME),
            certificate_sha256=hashlib.sha256(signature.signer_cert.dump()).hexdigest(),
            signing_time=status.signer_reported_dt,
            timestamp_time=timestamp.timestamp if timestamp else None,
            timestamp_authority=_ts_authority(timestamp),
            timestamp_ok=(timestamp.intact and timestamp.valid) if timestamp else None,
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            revocation=revocation,
            subfilter=_subfilter(signature),
            level=_level(
                _subfilter(signature),
                timestamp,
                self._has_revocation_data(signature),
                has_doc_timestamp,
            ),
            covers_whole_document=whole,
            modification_level=level_name,
            changes=changes + tuple(_describe(c) for c in moved),
            stamp_changes=moved,
            later_signatures=len(later),
            page=now_positions.get("widget", (None,))[0],
            verdict=Verdict.VALID,
            problems=(),
            seal_png=seal_png(signature.sig_field, self.seal_pictures),
            changes_analysed=analysed,
        )
        verdict, problems = _judge(report)
        return replace(report, verdict=verdict, problems=problems)

    def _positions(self, revision: int | None) -> dict[str, Any]:
        """Every signature's stamps in ``revision`` (None: the file as it is now), one walk of
        the page tree per revision however many signatures ask."""
        from netca_client.core.pdf.appearance import stamp_positions

        if revision == self.last_revision:
            revision = None
        if revision not in self.positions:
            root = self.reader.root if revision is None else (
                self.reader.get_historical_root(revision))  # fmt: skip
            self.positions[revision] = stamp_positions(root)
        return self.positions[revision]

    def _revocation(self, signature: Any, status: Any) -> Revocation:
        if status.revocation_details is not None:
            return Revocation.REVOKED
        if not self._has_revocation_data(signature) or not status.trusted:
            return Revocation.NOT_CHECKED
        # Only the revocation verdict is read from this second pass: the difference analysis
        # (the costly part) was done in the first and is not repeated.
        strict = self._validate(signature, "hard-fail", analyse_changes=False)
        if strict.revocation_details is not None:
            return Revocation.REVOKED
        return Revocation.GOOD if strict.trusted else Revocation.FAILED


def _archived_revocation(signature: Any) -> tuple[list[Any], list[Any]]:
    """The CRLs and OCSP answers in the signature's adbe-revocationInfoArchival attribute
    (where pyHanko puts B-LT validation data for a non-PAdES signature); none without it."""
    from pyhanko.sign.general import (
        MultivaluedAttributeError,
        NonexistentAttributeError,
        find_unique_cms_attribute,
    )

    try:
        archive = find_unique_cms_attribute(
            signature.signer_info["signed_attrs"], "adobe_revocation_info_archival"
        )
    except (MultivaluedAttributeError, NonexistentAttributeError):
        return [], []
    from asn1crypto import core

    crls, ocsps = archive["crl"], archive["ocsp"]
    return (
        [] if isinstance(crls, core.Void) else list(crls),
        [] if isinstance(ocsps, core.Void) else list(ocsps),
    )


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _ts_authority(timestamp: Any) -> str | None:
    if timestamp is None:
        return None
    return str(timestamp.signing_cert.subject.native.get("common_name", "")) or None


# Only ETSI.CAdES.detached signatures are PAdES; the others are named by their format.
_PADES = "ETSI.CAdES.detached"
_FORMATS = {"adbe.pkcs7.detached": "PKCS#7", "adbe.pkcs7.sha1": "PKCS#7 SHA-1",
            "adbe.x509.rsa_sha1": "PKCS#1"}  # fmt: skip


def _subfilter(signature: Any) -> str:
    return str(signature.sig_object.get("/SubFilter", "")).lstrip("/")


def _level(subfilter: str, timestamp: Any, revocation_data: bool, doc_timestamp: bool) -> str:
    """ "PAdES B-T" and the like for PAdES; the format and what it carries for the others
    ("PKCS#7 + T" has a signature time-stamp, "+ LT" validation data, "+ LTA" a document
    time-stamp as well)."""
    if timestamp is None:
        reach = "B"
    elif not revocation_data:
        reach = "T"
    else:
        reach = "LTA" if doc_timestamp else "LT"
    if subfilter == _PADES:
        return f"PAdES B-{reach}" if reach != "B" else "PAdES B-B"
    name = _FORMATS.get(subfilter, subfilter or "unknown")
    return name if reach == "B" else f"{name} + {reach}"


def _covers_whole(status: Any) -> bool:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return bool(status.coverage == SignatureCoverageLevel.ENTIRE_FILE)


def _changes(status: Any, later_signatures: set[str]) -> tuple[tuple[str, ...], str | None]:
    """pyhanko's diff analysis of the revisions after the signature, in words. Later
    signatures (another stamping, a counter-signature) alone are not a change."""
    from pyhanko.sign.diff_analysis import SuspiciousModification

    level = status.modification_level
    level_name = level.name.lower() if level is not None else None
    result = status.diff_result
    if isinstance(result, SuspiciousModification):
        return (f"suspicious: {result}",), level_name
    if result is None or level_name in (None, "none", "lta_updates"):
        return (), level_name  # validation data added for B-LT/B-LTA is not a change
    fields = sorted(getattr(result, "changed_form_fields", ()) or ())
    if level_name == "form_filling" and set(fields) <= later_signatures:
        return (), level_name
    words = f"later revision: {level_name.replace('_', ' ')}"
    return ((words + (f" (fields {', '.join(fields)})" if fields else "")),), level_name


def _describe(change: StampChange) -> str:
    where = f" on page {change.page}" if change.page else ""
    return f"stamp {change.name} {change.kind}{where}"


def _judge(report: SignatureReport) -> tuple[Verdict, tuple[str, ...]]:
    problems = []
    if not report.intact:
        problems.append("signed bytes altered")
    elif not report.valid:
        problems.append("signature does not verify")
    if report.revocation is Revocation.REVOKED:
        problems.append("signer certificate revoked")
    if problems:
        return Verdict.INVALID, tuple(problems)
    later = bool(report.stamp_changes or report.changes)
    if report.timestamp_time is not None and not report.timestamp_ok:
        problems.append("time-stamp does not verify")
    if not report.trusted:
        problems.append("signer not trusted here")
    if report.revocation is Revocation.FAILED:
        problems.append("embedded revocation data does not confirm the certificate")
    if later:
        return Verdict.CHANGED, (*problems, "document changed after signing")
    if problems:
        return Verdict.INDETERMINATE, tuple(problems)
    if not report.changes_analysed:
        return Verdict.PENDING, ("later revisions not analysed yet",)
    return Verdict.VALID, ()
