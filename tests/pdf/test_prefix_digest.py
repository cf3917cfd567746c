"""The signature's document digest comes from the state over the original, hashed while it
was copied into the output (netca_client/core/pdf/writer.py), not from reading the whole
output back. These tests pin what that relies on in pyhanko: the digest every signature
carries equals a fresh one over its /ByteRange in the final file, our fill step (not
pyhanko's own pass over the output) made it, and the result matches pyhanko's own fill byte
for byte. A pyhanko that stops adding the signature dictionary through the writer, changes
the fill protocol or writes the original differently fails here."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import sys
import threading
from pathlib import Path
from typing import IO, Any

import pytest

from netca_client.core.errors import PdfUnreadable, PdfWriteFailed
from netca_client.core.pdf import (
    AtPosition,
    CrossPage,
    SignatureLevel,
    SignOptions,
    sign_pdf,
    verify_pdf,
)
from netca_client.core.pdf import writer as writer_module
from tests.pdf.conftest import Signing
from tests.pdf.documents import leftovers, tender
from tests.pdf.validators import pdfsig_valid

THREADED = hasattr(os, "pread")


def _digests(path: Path) -> list[tuple[bytes, bytes]]:
    """Per regular signature: the messageDigest its CMS signed, and a fresh digest over
    its /ByteRange read from ``path``."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    data = path.read_bytes()
    out = []
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    for signature in reader.embedded_regular_signatures:
        start, length, start2, length2 = (int(x) for x in signature.sig_object["/ByteRange"])
        fresh = hashlib.new(signature.md_algorithm)
        fresh.update(data[start : start + length])
        fresh.update(data[start2 : start2 + length2])
        attributes = signature.signer_info["signed_attrs"]
        (signed,) = [
            a["values"][0].native for a in attributes if a["type"].native == "message_digest"
        ]
        out.append((signed, fresh.digest()))
    return out


class Spy:
    """Which ranges our fill step read back, and how the original got into the output."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read_back: list[tuple[int, int]] = []
        self.threaded = 0
        self.inline = 0
        hash_range = writer_module.hash_range
        copy_hashing = writer_module.copy_hashing
        result = writer_module.PrefixCopy.result

        def spy_hash_range(hasher: Any, stream: IO[bytes], start: int, end: int) -> None:
            self.read_back.append((start, end))
            hash_range(hasher, stream, start, end)

        def spy_copy_hashing(*args: Any) -> Any:
            self.inline += 1
            return copy_hashing(*args)

        def spy_result(copy: writer_module.PrefixCopy) -> Any:
            self.threaded += 1
            return result(copy)

        # the test files are small: copy them on the thread as a 100 MB file would be
        monkeypatch.setattr(writer_module.PrefixCopy, "THREADED_FROM", 0)
        monkeypatch.setattr(writer_module, "hash_range", spy_hash_range)
        monkeypatch.setattr(writer_module, "copy_hashing", spy_copy_hashing)
        monkeypatch.setattr(writer_module.PrefixCopy, "result", spy_result)

    def assert_never_read_from_start(self) -> None:
        """pyhanko's own digest, and our fallback, read the output from byte 0."""
        assert self.read_back
        assert all(start > 0 for start, _ in self.read_back), self.read_back


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    return Spy(monkeypatch)


def _no_copy_thread_left() -> bool:
    return not any(t.name == "pdf-prefix-copy" for t in threading.enumerate())


def test_a_plain_stamp_carries_the_digest_of_its_byte_ranges(
    signing: Signing, spy: Spy, tmp_path: Path
) -> None:
    source = tender(tmp_path / "in.pdf", pages=3)
    original = source.read_bytes()
    target = tmp_path / "out.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
             options=SignOptions(placements=(AtPosition(1, 300, 300), CrossPage())))  # fmt: skip

    [(signed, fresh)] = _digests(target)
    assert signed == fresh
    assert target.read_bytes().startswith(original)
    assert source.read_bytes() == original
    spy.assert_never_read_from_start()
    # only the new revision was read back: everything after the original
    assert min(start for start, _ in spy.read_back) == len(original)
    assert (spy.threaded, spy.inline) == ((1, 0) if THREADED else (0, 1))
    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.verdict == "valid"
    assert pdfsig_valid(target, signatures=1)
    assert _no_copy_thread_left()
    assert leftovers(tmp_path) == []


def test_a_small_file_is_copied_inline_without_a_thread(
    signing: Signing, spy: Spy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(writer_module.PrefixCopy, "THREADED_FROM", 4 << 20)  # the default
    source = tender(tmp_path / "in.pdf")
    assert source.stat().st_size < 4 << 20
    target = tmp_path / "out.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
             options=SignOptions(placements=(AtPosition(1, 300, 300),)))  # fmt: skip
    [(signed, fresh)] = _digests(target)
    assert signed == fresh
    spy.assert_never_read_from_start()
    assert (spy.threaded, spy.inline) == (0, 1)


def _signed_once(signing: Signing, spy: Spy, tmp_path: Path) -> Path:
    """A two-page tender stamped once (the input of an in-place test), the spy reset."""
    first = tmp_path / "first.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=tender(tmp_path / "in.pdf", pages=2),
             target=first, options=SignOptions(placements=(AtPosition(1, 150, 150),)))  # fmt: skip
    spy.read_back.clear()
    return first


def test_signatures_appended_in_place_go_on_from_the_previous_state(
    signing: Signing, spy: Spy, tmp_path: Path
) -> None:
    """On a signed input every stamp is its own signature, appended to the output in place:
    each starts from the state the one before left, so none reads the file from its start."""
    first = _signed_once(signing, spy, tmp_path)
    target = tmp_path / "out.pdf"
    result = sign_pdf(signing.session, seal=signing.seal, source=first, target=target,
                      options=SignOptions(placements=(AtPosition(1, 300, 300),
                                                      AtPosition(2, 300, 300))))  # fmt: skip

    assert len(result.signatures) == 2
    digests = _digests(target)
    assert len(digests) == 3
    assert all(signed == fresh for signed, fresh in digests)
    spy.assert_never_read_from_start()
    report = verify_pdf(target, trust_roots=[signing.world.root])
    assert [s.intact and s.valid for s in report.signatures] == [True] * 3
    assert pdfsig_valid(target, signatures=3)


def test_b_t_with_the_ra_time_stamp(signing: Signing, spy: Spy, tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / "out.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
             options=SignOptions(placements=(AtPosition(1, 300, 300),), level=SignatureLevel.B_T,
                                 tsa_url=signing.world.tsa_url))  # fmt: skip

    [(signed, fresh)] = _digests(target)
    assert signed == fresh
    spy.assert_never_read_from_start()
    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.verdict == "valid"
    assert signature.timestamp_time is not None


def test_the_retry_after_an_oversized_time_stamp_copies_and_hashes_again(
    signing: Signing, spy: Spy, bulky_tsa: str, tmp_path: Path
) -> None:
    """The first attempt is cut off the output (truncated to nothing) and signed again: the
    retry copies the original once more, hashing it inline, and its digest is right."""
    source = tender(tmp_path / "in.pdf", pages=2)
    target = tmp_path / "out.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
             options=SignOptions(placements=(AtPosition(1, 300, 300),), level=SignatureLevel.B_T,
                                 tsa_url=bulky_tsa))  # fmt: skip

    [(signed, fresh)] = _digests(target)
    assert signed == fresh
    spy.assert_never_read_from_start()
    assert (spy.threaded, spy.inline) == ((1, 1) if THREADED else (0, 2))
    [signature] = verify_pdf(target, trust_roots=[signing.world.root]).signatures
    assert signature.intact
    assert signature.valid
    assert pdfsig_valid(target, signatures=1)
    assert leftovers(tmp_path) == []


def test_the_retry_in_place_goes_on_from_the_state_before_the_attempt(
    signing: Signing, spy: Spy, bulky_tsa: str, tmp_path: Path
) -> None:
    first = _signed_once(signing, spy, tmp_path)
    target = tmp_path / "out.pdf"
    sign_pdf(signing.session, seal=signing.seal, source=first, target=target,
             options=SignOptions(placements=(AtPosition(1, 300, 300), AtPosition(2, 300, 300)),
                                 level=SignatureLevel.B_T, tsa_url=bulky_tsa))  # fmt: skip

    digests = _digests(target)
    assert len(digests) == 3
    assert all(signed == fresh for signed, fresh in digests)
    spy.assert_never_read_from_start()
    report = verify_pdf(target, trust_roots=[signing.world.root])
    assert [s.intact and s.valid for s in report.signatures] == [True] * 3


def test_a_copy_that_fails_on_its_thread_fails_the_signing_and_leaves_nothing(
    signing: Signing, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not THREADED:
        pytest.skip("no copy thread where os.pread does not exist")

    def broken(fd: int, view: memoryview, offset: int) -> int:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(writer_module, "_pread_into", broken)
    monkeypatch.setattr(writer_module.PrefixCopy, "THREADED_FROM", 0)
    source = tender(tmp_path / "in.pdf")
    target = tmp_path / "out.pdf"
    with pytest.raises(PdfWriteFailed):
        sign_pdf(signing.session, seal=signing.seal, source=source, target=target,
                 options=SignOptions(placements=(AtPosition(1, 300, 300),)))  # fmt: skip
    assert not target.exists()
    assert leftovers(tmp_path) == []
    assert _no_copy_thread_left()


def test_an_input_refused_while_the_copy_runs_stops_the_thread(
    signing: Signing, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(writer_module.PrefixCopy, "THREADED_FROM", 0)
    started = []
    enter = writer_module.PrefixCopy.__enter__

    def spy_enter(copy: writer_module.PrefixCopy) -> writer_module.PrefixCopy:
        started.append(enter(copy).pending)
        return copy

    monkeypatch.setattr(writer_module.PrefixCopy, "__enter__", spy_enter)
    source = tender(tmp_path / "in.pdf")
    data = source.read_bytes()
    source.write_bytes(data[: data.rindex(b"xref")])  # the header is fine, the xref is gone
    with pytest.raises(PdfUnreadable):
        sign_pdf(signing.session, seal=signing.seal, source=source, target=tmp_path / "out.pdf",
                 options=SignOptions(placements=(AtPosition(1, 300, 300),)))  # fmt: skip
    assert started == [True]  # refused by pyhanko's parse, after the thread began
    assert leftovers(tmp_path) == []
    assert _no_copy_thread_left()


# The fill step itself, through pyhanko's public embedding protocol (PdfCMSEmbedder), with
# no key: every digest the adapter supports, into a file (the copy thread) or a BytesIO
# (inline copy), and appended in place.


def _embed(
    writer: Any, md: str, *, output: IO[bytes] | None, in_place: bool = False, name: str = "Sig1"
) -> tuple[Any, IO[bytes]]:
    from pyhanko.sign.fields import SigFieldSpec
    from pyhanko.sign.signers.cms_embedder import PdfCMSEmbedder, SigIOSetup, SigObjSetup
    from pyhanko.sign.signers.pdf_byterange import SignatureObject

    embedding = PdfCMSEmbedder(SigFieldSpec(name, box=(10, 10, 50, 50))).write_cms(name, writer)
    next(embedding)
    embedding.send(SigObjSetup(sig_placeholder=SignatureObject(bytes_reserved=256)))
    prepared, out = embedding.send(SigIOSetup(md_algorithm=md, output=output, in_place=in_place))
    embedding.send(b"\x30\x03\x02\x01\x00")  # any DER: the test checks digests, not CMS
    return prepared, out


def _fresh(data: bytes, md: str, start: int, end: int) -> bytes:
    fresh = hashlib.new(md)
    fresh.update(data[:start])
    fresh.update(data[end:])
    return fresh.digest()


@pytest.mark.parametrize("md", ["sha256", "sm3", "sha512"])
@pytest.mark.parametrize("into", ["file", "bytesio"])
def test_the_fill_step_matches_pyhankos_own_byte_for_byte(
    md: str, into: str, spy: Spy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    supported = writer_module.new_hash(md) is not None
    source = tender(tmp_path / "in.pdf", pages=2)
    original = source.read_bytes()
    # the same second /ID for both writers (pyhanko draws it with os.urandom)
    monkeypatch.setattr(os, "urandom", lambda size: bytes(range(size)))

    # pyhanko's own writer and fill
    theirs = io.BytesIO()
    with source.open("rb") as handle:
        their_digest, _ = _embed(IncrementalPdfFileWriter(handle, strict=False), md, output=theirs)

    # ours: the copy thread into a real file, or inline into a BytesIO
    def run(out: IO[bytes]) -> tuple[Any, Any]:
        with source.open("rb") as handle, writer_module.PrefixCopy(handle, out, md) as copy:
            ours = writer_module.open_writer(handle, source, digest=md, prefix_copy=copy)
            prepared, _ = _embed(ours, md, output=out)
            return prepared, ours

    if into == "file":
        with (tmp_path / "out.pdf").open("w+b") as out:
            prepared, ours = run(out)
        data = (tmp_path / "out.pdf").read_bytes()
    else:
        buffer = io.BytesIO()
        prepared, ours = run(buffer)
        data = buffer.getvalue()

    assert data == theirs.getvalue()
    assert prepared == their_digest
    assert prepared.document_digest == _fresh(
        data, md, prepared.reserved_region_start, prepared.reserved_region_end
    )
    if not supported:  # pyhanko's path: nothing of ours ran
        assert spy.read_back == []
        return
    assert data.startswith(original)
    spy.assert_never_read_from_start()
    threaded = THREADED and into == "file"
    assert (spy.threaded, spy.inline) == ((1, 0) if threaded else (0, 1))
    # the state left for a signature appended in place covers the whole output
    assert ours.final.length == len(data)
    assert ours.final.hasher().digest() == hashlib.new(md, data).digest()

    # a second signature appended in place starts from that state
    spy.read_back.clear()
    with (tmp_path / "second.pdf").open("w+b") as out:
        out.write(data)
        out.flush()
        appended = writer_module.open_writer(out, source, digest=md, prefix=ours.final)
        second, _ = _embed(appended, md, output=None, in_place=True, name="Sig2")
    final = (tmp_path / "second.pdf").read_bytes()
    assert final.startswith(data)
    assert second.document_digest == _fresh(
        final, md, second.reserved_region_start, second.reserved_region_end
    )
    assert min(start for start, _ in spy.read_back) == len(data)


def test_a_state_that_does_not_cover_the_file_is_not_used(spy: Spy, tmp_path: Path) -> None:
    """A state whose length is not where the new revision starts (the file changed since)
    falls back to hashing the output from its start."""
    source = tender(tmp_path / "in.pdf")
    data = source.read_bytes()
    stale = writer_module.PrefixDigest("sha256", len(data) - 1, hashlib.sha256(data[:-1]))
    with (tmp_path / "out.pdf").open("w+b") as out:
        out.write(data)
        out.flush()
        appended = writer_module.open_writer(out, source, digest="sha256", prefix=stale)
        prepared, _ = _embed(appended, "sha256", output=None, in_place=True)
    final = (tmp_path / "out.pdf").read_bytes()
    assert prepared.document_digest == _fresh(
        final, "sha256", prepared.reserved_region_start, prepared.reserved_region_end
    )
    assert spy.read_back[0][0] == 0


def test_another_digest_than_the_writers_takes_pyhankos_path(spy: Spy, tmp_path: Path) -> None:
    source = tender(tmp_path / "in.pdf")
    out = io.BytesIO()
    with source.open("rb") as handle:
        ours = writer_module.open_writer(handle, source, digest="sha256")
        prepared, _ = _embed(ours, "sha512", output=out)
    data = out.getvalue()
    assert prepared.document_digest == _fresh(
        data, "sha512", prepared.reserved_region_start, prepared.reserved_region_end
    )
    assert spy.read_back == []


def test_the_copy_is_hashed_whole_and_handed_to_the_disk_as_it_goes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not THREADED:
        pytest.skip("no copy thread where os.pread does not exist")
    data = os.urandom(3 * writer_module.CHUNK + 12345)
    source = tmp_path / "original.bin"
    source.write_bytes(data)
    kicks: list[tuple[int, int]] = []
    real = writer_module._writeback()
    if sys.platform.startswith("linux"):
        assert real is not None
        with (tmp_path / "probe").open("wb") as probe:
            probe.write(b"x" * 4096)
            probe.flush()
            assert real(probe.fileno(), 0, 4096) == 0
    monkeypatch.setattr(writer_module, "WRITEBACK_EVERY", writer_module.CHUNK)
    monkeypatch.setattr(writer_module, "_writeback", lambda: lambda fd, o, n: kicks.append((o, n)))
    monkeypatch.setattr(writer_module.PrefixCopy, "THREADED_FROM", 0)
    with (
        source.open("rb") as handle,
        (tmp_path / "out.bin").open("w+b") as out,
        writer_module.PrefixCopy(handle, out, "sha256") as copy,
    ):
        assert copy.pending
        prefix = copy.result()
        assert out.tell() == len(data)
    assert (tmp_path / "out.bin").read_bytes() == data
    assert prefix.length == len(data)
    assert prefix.hasher().digest() == hashlib.sha256(data).digest()
    step = writer_module.CHUNK
    assert kicks == [(0, step), (step, step), (2 * step, step)]
