"""PAdES levels against the real RA: B-T carries its time-stamp, B-LT its OCSP/CRL data;
checked in our report and by pyhanko's own validator (the LT profile, offline)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes

from netca_client.core.errors import PdfSigningFailed
from netca_client.core.pdf import (
    AtPosition,
    Revocation,
    SignatureLevel,
    SignOptions,
    Verdict,
    sign_pdf,
    verify_pdf,
)
from tests.pdf.conftest import Signing
from tests.pdf.documents import snapshot, tender
from tests.pdf.validators import (
    document_timestamp_ok,
    embedded_ocsp,
    pdfsig,
    pdfsig_valid,
    pyhanko_status,
)


def _sign(signing: Signing, tmp_path: Path, level: SignatureLevel, tsa: str | None) -> Path:
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / f"{level}.pdf"
    options = SignOptions(
        placements=(AtPosition(1, 400, 300),), level=level, tsa_url=tsa,
        trust_roots=(signing.world.root,), reason="投标", location="广州",
    )  # fmt: skip
    before = snapshot([source])
    try:
        sign_pdf(signing.session, seal=signing.seal, source=source, target=target, options=options)
    finally:
        assert snapshot([source]) == before
    return target


def test_b_t_carries_the_ra_time_stamp(signing: Signing, tmp_path: Path) -> None:
    started = dt.datetime.now(dt.UTC)
    target = _sign(signing, tmp_path, SignatureLevel.B_T, signing.world.tsa_url)

    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.level == "PAdES B-T"
    assert signature.timestamp_ok is True
    assert signature.timestamp_authority == signing.world.tsa_name
    assert signature.timestamp_time is not None
    assert abs(signature.timestamp_time - started) < dt.timedelta(minutes=1)
    assert signature.revocation is Revocation.NOT_CHECKED
    assert signature.verdict is Verdict.VALID
    status = pyhanko_status(target, signing.world.root)
    assert status.bottom_line  # type: ignore[attr-defined]
    assert status.timestamp_validity is not None  # type: ignore[attr-defined]
    assert status.timestamp_validity.trusted  # type: ignore[attr-defined]
    assert pdfsig_valid(target), pdfsig(target)


def test_b_lt_embeds_the_ra_revocation_data(signing: Signing, tmp_path: Path) -> None:
    target = _sign(signing, tmp_path, SignatureLevel.B_LT, signing.world.tsa_url)

    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.level == "PAdES B-LT"
    assert signature.revocation is Revocation.GOOD
    assert signature.timestamp_ok is True
    assert signature.verdict is Verdict.VALID, signature.problems
    # pyhanko offline with hard-fail revocation: it passes only on the embedded OCSP/CRL.
    status = pyhanko_status(target, signing.world.root, ltv=True)
    assert status.bottom_line  # type: ignore[attr-defined]
    serials = {serial: state for serial, state, _ in embedded_ocsp(target)}
    assert serials[signing.world.signer_cert.serial_number] == "GOOD"
    assert pdfsig_valid(target), pdfsig(target)


def test_b_t_without_a_tsa_url_is_refused_before_the_key_signs(
    signing: Signing, tmp_path: Path
) -> None:
    with pytest.raises(PdfSigningFailed):
        _sign(signing, tmp_path, SignatureLevel.B_T, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


def test_an_unreachable_tsa_is_an_error_naming_it_and_leaves_no_file(
    signing: Signing, tmp_path: Path
) -> None:
    url = "http://127.0.0.1:9/tsa"  # discard port: nothing listens
    with pytest.raises(PdfSigningFailed) as caught:
        _sign(signing, tmp_path, SignatureLevel.B_T, url)
    assert caught.value.service == url
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]


def test_b_lta_adds_a_document_time_stamp_over_the_validation_data(
    signing: Signing, tmp_path: Path
) -> None:
    target = _sign(signing, tmp_path, SignatureLevel.B_LTA, signing.world.tsa_url)

    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.level == "PAdES B-LTA"
    assert signature.revocation is Revocation.GOOD
    assert signature.verdict is Verdict.VALID, signature.problems
    # poppler cannot check document time-stamps ("Unimplemented Feature"): pyhanko does.
    out = pdfsig(target)
    assert out.split("Signature #2")[0].count("Signature is Valid") == 1, out
    assert document_timestamp_ok(target, signing.world.root)


def test_an_rsa_key_signs_b_lt_too(rsa_signing: Signing, tmp_path: Path) -> None:
    target = _sign(rsa_signing, tmp_path, SignatureLevel.B_LT, rsa_signing.world.tsa_url)

    [signature] = verify_pdf(target, trust_roots=[rsa_signing.world.root]).signatures
    assert (
        signature.certificate_sha256
        == rsa_signing.world.rsa_cert.fingerprint(hashes.SHA256()).hex()
    )
    assert signature.revocation is Revocation.GOOD
    assert signature.verdict is Verdict.VALID, signature.problems
    assert pdfsig_valid(target), pdfsig(target)
    assert pyhanko_status(target, rsa_signing.world.root, ltv=True).bottom_line  # type: ignore[attr-defined]


def test_b_lt_for_a_signer_not_trusted_here_is_refused_and_writes_nothing(
    signing: Signing, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf")
    # No RA root among the trust roots: no trusted chain to fetch revocation data for.
    options = SignOptions(placements=(AtPosition(1, 400, 300),), level=SignatureLevel.B_LT,
                          tsa_url=signing.world.tsa_url)  # fmt: skip
    with pytest.raises(PdfSigningFailed):
        sign_pdf(signing.session, seal=signing.seal, source=source,
                 target=tmp_path / "out.pdf", options=options)  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]
