"""The verification report shared by the GUI's 验证 page and `netca verify`: plain values."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path


class Verdict(StrEnum):
    """valid: intact, trusted, nothing added since but validation data or later signatures.
    changed: the signature is intact but the document was changed after it (see ``changes``).
    indeterminate: intact, but the signer is not trusted here or revocation failed to check.
    invalid: the signed bytes were altered, or the signer's certificate is revoked.
    unsigned: (report only) the file has no signature.
    pending: intact and nothing wrong found yet, but the later revisions have not been
    analysed (the GUI's first, quick answer; ``verify_pdf(analyse_changes=False)``)."""

    VALID = "valid"
    CHANGED = "changed"
    INDETERMINATE = "indeterminate"
    INVALID = "invalid"
    UNSIGNED = "unsigned"
    PENDING = "pending"


_ORDER = [Verdict.VALID, Verdict.PENDING, Verdict.CHANGED, Verdict.INDETERMINATE, Verdict.INVALID]


class Revocation(StrEnum):
    GOOD = "good"  # checked against OCSP/CRL data embedded in the file
    REVOKED = "revoked"
    NOT_CHECKED = "not_checked"  # no revocation data in the file (B-B, B-T); not fetched
    FAILED = "failed"  # data embedded but it does not show the certificate as good


@dataclass(frozen=True)
class StampChange:
    """A stamp of this signature that is not as it was signed: removed or moved."""

    kind: str  # removed / moved
    name: str  # the stamp's /NM, or "widget" for the signature's own appearance
    page: int | None

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "page": self.page}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_cn: str
    organisation: str
    signer_subject: str
    issuer_cn: str
    certificate_sha256: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    timestamp_authority: str | None
    timestamp_ok: bool | None
    intact: bool
    valid: bool
    trusted: bool
    revocation: Revocation
    subfilter: str  # /SubFilter without the slash: ETSI.CAdES.detached, adbe.pkcs7.detached…
    level: str  # "PAdES B-B" … "PAdES B-LTA"; other formats by name ("PKCS#7 + T")
    covers_whole_document: bool
    modification_level: str | None
    changes: tuple[str, ...]
    stamp_changes: tuple[StampChange, ...]
    page: int | None
    verdict: Verdict
    problems: tuple[str, ...] = ()
    later_signatures: int = 0  # signatures added after this one (they are not changes)
    changes_analysed: bool = True  # False: the revisions after it are not analysed yet
    seal_png: bytes | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "field_name": self.field_name,
            "signer_cn": self.signer_cn,
            "organisation": self.organisation,
            "signer_subject": self.signer_subject,
            "issuer_cn": self.issuer_cn,
            "certificate_sha256": self.certificate_sha256,
            "signing_time": _iso(self.signing_time),
            "timestamp": {
                "time": _iso(self.timestamp_time),
                "authority": self.timestamp_authority,
                "ok": self.timestamp_ok,
            }
            if self.timestamp_time
            else None,
            "intact": self.intact,
            "valid": self.valid,
            "trusted": self.trusted,
            "revocation": self.revocation.value,
            "subfilter": self.subfilter,
            "level": self.level,
            "covers_whole_document": self.covers_whole_document,
            "modification_level": self.modification_level,
            "changes": list(self.changes),
            "stamp_changes": [c.as_dict() for c in self.stamp_changes],
            "later_signatures": self.later_signatures,
            "changes_analysed": self.changes_analysed,
            "page": self.page,
            "verdict": self.verdict.value,
            "problems": list(self.problems),
            "seal_png_base64": base64.b64encode(self.seal_png).decode() if self.seal_png else None,
        }


@dataclass(frozen=True)
class VerificationReport:
    path: Path
    signatures: tuple[SignatureReport, ...]

    @property
    def verdict(self) -> Verdict:
        """The worst verdict of any signature; unsigned when there is none."""
        if not self.signatures:
            return Verdict.UNSIGNED
        return max((s.verdict for s in self.signatures), key=_ORDER.index)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "verdict": self.verdict.value,
            "signatures": [s.as_dict() for s in self.signatures],
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
