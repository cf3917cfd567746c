"""core.seals.write_seal/key_seals and KeySession.seals/delete_seal on a SoftHSM2 key."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from PIL import Image

from netca_client.core import errors
from netca_client.core.seals import SealTrust, find_seal, key_seals, load_seal_trust, write_seal
from netca_client.core.token import TokenLibrary
from netca_seal import SEAL_APPLICATION, CertListType, SealType, make_seal
from tests.conftest import PIN
from tests.seal.conftest import Issued
from tests.seal_key.conftest import SEAL_NAME, MakeSeal
from tests.support.softhsm import SoftHsm
from tests.token.conftest import READ_BACK_DIFFERS, IssuedKey


def _trust(root: Issued) -> SealTrust:
    return load_seal_trust(extra_certificates=[root.cert], directories=())


def _small_seal(maker: Issued, *, name: str, seal_id: str) -> bytes:
    """A seal small enough for pkcs11-tool (OpenSC 0.23 writes at most 5000 bytes)."""
    image = Image.new("RGBA", (24, 24), (230, 0, 18, 255))
    png = io.BytesIO()
    image.save(png, format="PNG", dpi=(300, 300))
    now = datetime.now(UTC)
    return make_seal(
        picture_png=png.getvalue(), name=name, seal_type=SealType.PERSONAL,
        allowed_certs=[maker.cert], cert_list_type=CertListType.DIGESTS,  # not the key's
        valid_from=now - timedelta(days=1), valid_to=now + timedelta(days=30),
        maker_cert=maker.cert, maker_key=maker.key, vendor_id="NETCA-OSS", seal_id=seal_id,
    )  # fmt: skip


def test_a_written_seal_is_listed_without_a_login_and_checked(
    issued_key: IssuedKey,
    library: TokenLibrary,
    make: MakeSeal,
    seal_root: Issued,
    picture_png: bytes,
) -> None:
    der = make(allowed=[issued_key.ec_cert])
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        written = write_seal(session, der)
    assert (written.label, written.application, written.private) == (
        SEAL_NAME,
        SEAL_APPLICATION,
        False,
    )
    with library.open(key) as session:  # a fresh public session: no PIN
        [raw] = session.seals()
        [seal] = key_seals(session, trust=_trust(seal_root))
    assert raw.value == der
    assert seal.name == SEAL_NAME
    assert seal.verdict == "valid"
    assert [(a.subject_cn, a.on_key) for a in seal.allowed] == [("张三", True)]
    assert seal.picture_png() == picture_png


def test_writing_needs_a_user_login_and_writes_nothing_without_one(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal
) -> None:
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        with pytest.raises(errors.NotLoggedIn):
            write_seal(session, make(allowed=[issued_key.rsa_cert]))
        assert session.seals() == []


def test_writing_needs_a_read_write_session(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal
) -> None:
    key = library.find(issued_key.serial)
    with library.open(key) as session:
        session.login(PIN)
        with pytest.raises(errors.TokenOperationFailed):
            write_seal(session, make(allowed=[issued_key.rsa_cert]))
        assert session.seals() == []


def test_bytes_that_do_not_parse_are_refused_and_the_old_seal_stays(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal
) -> None:
    good = make(allowed=[issued_key.rsa_cert])
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        write_seal(session, good)
        with pytest.raises(errors.SealUnreadable):
            write_seal(session, good[:-1] + b"\x00\x00", label=SEAL_NAME)
        assert [s.value for s in session.seals()] == [good]


def test_a_label_that_cannot_be_a_seal_name_is_refused(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal
) -> None:
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        with pytest.raises(errors.SealUnreadable):
            write_seal(session, make(allowed=[issued_key.rsa_cert]), label="bad\nlabel")
        assert session.seals() == []


def test_writing_the_same_label_replaces_the_old_object_only(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal, softhsm: SoftHsm
) -> None:
    first = make(allowed=[issued_key.rsa_cert], seal_id="FIRST")
    second = make(allowed=[issued_key.rsa_cert], seal_id="SECOND")
    other = make(allowed=[issued_key.rsa_cert], name="另一枚章", seal_id="OTHER")
    softhsm.write_data(issued_key.label, b"opaque", pin=PIN, name=SEAL_NAME, application="x")
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        write_seal(session, first)
        write_seal(session, other)
        write_seal(session, second)
        seals = sorted((s.label, s.value) for s in session.seals())
        data = [(o.label, o.application) for o in session.data_objects()]
    assert seals == sorted([(SEAL_NAME, second), ("另一枚章", other)])
    # a data object of another application with the same label is not a seal: untouched
    assert (SEAL_NAME, "x") in data


def test_delete_seal_removes_every_seal_with_the_label(
    issued_key: IssuedKey, library: TokenLibrary, make: MakeSeal
) -> None:
    key = library.find(issued_key.serial)
    with library.open(key, rw=True) as session:
        session.login(PIN)
        write_seal(session, make(allowed=[issued_key.rsa_cert]))
        assert session.delete_seal(SEAL_NAME) == 1
        assert session.seals() == []
        with pytest.raises(errors.SealNotFound):
            session.delete_seal(SEAL_NAME)


def test_seals_planted_by_pkcs11_tool_are_read_and_shared_labels_need_the_seal_id(
    issued_key: IssuedKey,
    library: TokenLibrary,
    softhsm: SoftHsm,
    seal_maker: Issued,
    seal_root: Issued,
    tmp_path: Path,
) -> None:
    for seal_id in ("ID-1", "ID-2"):
        der = _small_seal(seal_maker, name="张三之印", seal_id=seal_id)
        assert len(der) < 5000
        softhsm.write_data(issued_key.label, der, pin=PIN, name="张三之印",
                           application=SEAL_APPLICATION)  # fmt: skip
    with library.open(library.find(issued_key.serial)) as session:
        seals = key_seals(session, trust=_trust(seal_root))
    assert sorted(s.seal.seal_id for s in seals if s.seal) == ["ID-1", "ID-2"]  # any order
    with pytest.raises(errors.SealAmbiguous) as ambiguous:
        find_seal(seals, "张三之印")
    assert set(ambiguous.value.seal_ids) == {"ID-1", "ID-2"}
    assert find_seal(seals, "ID-2").seal.seal_id == "ID-2"  # type: ignore[union-attr]
    # the digest listed is the maker's, not a certificate on the key
    assert {s.verdict for s in seals} == {"invalid"}
    assert {p.code for s in seals if s.check for p in s.check.problems} == {"holder-not-listed"}


def test_trust_skips_unreadable_files_in_directories_but_not_extra_files(
    tmp_path: Path, seal_root: Issued
) -> None:
    directory = tmp_path / "trust"
    directory.mkdir()
    (directory / "junk.pem").write_text("junk")
    (directory / "root.pem").write_bytes(seal_root.cert.public_bytes(Encoding.PEM))
    trust = load_seal_trust(directories=[directory])
    assert trust.roots == (seal_root.cert,)
    with pytest.raises(errors.ConfigError):
        load_seal_trust(directories=[], extra_files=[directory / "junk.pem"])


def test_a_seal_that_reads_back_differently_is_removed_and_the_old_one_stays(
    issued_key: IssuedKey,
    softhsm: SoftHsm,
    readback_library: TokenLibrary,
    make: MakeSeal,
    seal_maker: Issued,
    tmp_path: Path,
) -> None:
    old = _small_seal(seal_maker, name="张三之印", seal_id="OLD-1")
    softhsm.write_data(issued_key.label, old, pin=PIN, name=READ_BACK_DIFFERS,
                       application=SEAL_APPLICATION)  # fmt: skip
    readback_library.reinitialize()  # SoftHSM2 reads the token's objects again
    with readback_library.open(readback_library.find(issued_key.serial), rw=True) as session:
        session.login(PIN)
        with pytest.raises(errors.SealNotVerified, match="VALUE read back differently"):
            write_seal(session, make(allowed=[issued_key.rsa_cert]), label=READ_BACK_DIFFERS)
        assert [s.label for s in session.seals()] == [READ_BACK_DIFFERS]
    out = tmp_path / "seal.der"
    softhsm.tool(issued_key.label, "--read-object", "--type", "data", "--application-label",
                 SEAL_APPLICATION, "--label", READ_BACK_DIFFERS, "-o", str(out))  # fmt: skip
    assert out.read_bytes() == old
