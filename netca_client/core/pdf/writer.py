"""pyhanko's incremental writer, opened the way signing needs it: large copy chunks, the
input checked for encryption, and the signature's document digest computed without reading
the output back. Imported on first use (it loads pyhanko).

An incremental update starts with the original file, byte for byte; the signature's
``/ByteRange`` covers all of it and the new revision except the ``/Contents`` hole. pyhanko
copies the original into the output and then reads the whole output back to hash those
ranges: a second pass over a 100 MB file. Here the original is hashed as it is copied (on a
thread of its own, while pyhanko parses the file and builds the new revision:
:class:`PrefixCopy`), the digest's state at the end of the copy is kept, and the signature
only reads back and hashes the new revision (:func:`_fill`). A signature appended in place
to a file signed a moment ago starts from that signature's state (:attr:`_Writer.final`).

The hook into pyhanko is the signature dictionary's ``fill`` step (write the file, fill in
the ``/ByteRange``, digest, then write the CMS), taken over for the signature objects added
to our writer; every other object, writer and digest algorithm takes pyhanko's own path.
``tests/pdf/test_prefix_digest.py`` pins what it relies on: the digest each signature
carries equals a fresh one over its byte ranges in the final file, and the output was not
read back.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers.pdf_byterange import PdfByteRangeDigest, PreparedByteRangeDigest

from netca_client.core.errors import PdfEncrypted
from netca_client.core.pdf._errors import translated

# Bytes moved per read/write when the original file is copied into the output and when the
# output is hashed; pyhanko's default is 4 KiB (IncrementalPdfFileWriter.IO_CHUNK_SIZE, and
# misc.DEFAULT_CHUNK_SIZE), which costs a system call every 4 KiB of a 100 MB file.
CHUNK = 1 << 20

# pyhanko's digest names (PdfSignatureMetadata.md_algorithm) that hashlib computes under
# the same name; any other digest takes pyhanko's own path. SM3 is hashlib's where OpenSSL
# provides it (checked when a hash is made).
_DIGESTS = frozenset({"sha256", "sha384", "sha512", "sm3"})


def new_hash(algorithm: str) -> Any | None:
    """A hashlib object for pyhanko's digest name, or None where we leave it to pyhanko."""
    if algorithm not in _DIGESTS:
        return None
    try:
        return hashlib.new(algorithm)
    except ValueError:  # an OpenSSL without SM3
        return None


class _Readable(Protocol):
    def seek(self, offset: int, whence: int = ..., /) -> int: ...

    def readinto(self, buffer: Any, /) -> int: ...


@dataclass(frozen=True)
class PrefixDigest:
    """A digest's state over the bytes ``[0, length)`` of a file (never finalised: use
    :meth:`hasher` for a copy to go on with)."""

    algorithm: str
    length: int
    state: Any

    def hasher(self) -> Any:
        return self.state.copy()


def copy_hashing(source: _Readable, target: IO[bytes], algorithm: str) -> PrefixDigest | None:
    """Copy ``source`` from its start to ``target``'s position (which must be 0), hashing
    every byte as it is written; None (and nothing copied) for a digest hashlib lacks."""
    hasher = new_hash(algorithm)
    if hasher is None:
        return None
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    source.seek(0)
    length = 0
    while read := source.readinto(buffer):
        hasher.update(view[:read])
        target.write(view[:read])
        length += read
    return PrefixDigest(algorithm, length, hasher)


class PrefixCopy:
    """The original copied into a new, empty output on a thread of its own, hashed as it is
    written, while the caller parses the original and builds the new revision; the writer
    that would copy it takes the result instead (:meth:`_Writer._write_header`).

    The thread reads the original with ``pread`` on its file descriptor (the caller's file
    position is untouched) and writes the output's descriptor from offset 0; the caller
    must not touch the output until :meth:`result`. The copy is handed to the disk as it
    is written (:func:`_writeback`, Linux) and synced (``fdatasync``) once complete, while
    the signature is made: the caller's own fsync before the rename then finds it
    written. Leaving the ``with`` block
    joins the thread. For an original under :attr:`THREADED_FROM` bytes (a batch's
    tender letters), and where ``pread`` does not exist (Windows), no thread is started
    and the writer copies inline (:func:`copy_hashing`)."""

    #: below this the overlap saves less than a thread and a second sync cost
    THREADED_FROM = 4 << 20

    def __init__(self, document: IO[bytes], out: IO[bytes], algorithm: str) -> None:
        self.out = out
        self.algorithm = algorithm
        self._document = document
        self._stop = threading.Event()
        self._copied = threading.Event()
        self._result: PrefixDigest | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._taken = False

    def __enter__(self) -> PrefixCopy:
        hasher = new_hash(self.algorithm)
        if hasher is None or not hasattr(os, "pread"):
            return self
        try:
            fds = self._document.fileno(), self.out.fileno()
        except (AttributeError, OSError):  # not a real file (BytesIO in a test)
            return self
        if os.fstat(fds[0]).st_size < self.THREADED_FROM:
            return self
        if not (self.out.readable() and self.out.seekable()):
            return self  # pyhanko would write to a BytesIO of its own instead
        self.out.flush()
        if self.out.tell() != 0 or os.fstat(fds[1]).st_size != 0:
            return self
        self._thread = threading.Thread(
            target=self._run, args=(*fds, hasher), name="pdf-prefix-copy", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    @property
    def pending(self) -> bool:
        """Started and not yet taken by a writer."""
        return self._thread is not None and not self._taken

    def result(self) -> PrefixDigest:
        """Wait for the copy; the output's position is then at its end. Raises what the
        thread raised (a full disk, say)."""
        assert self.pending
        self._taken = True
        self._copied.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        self.out.seek(self._result.length)
        return self._result

    def _run(self, source: int, target: int, hasher: Any) -> None:
        writeback = _writeback()
        try:
            buffer = bytearray(CHUNK)
            view = memoryview(buffer)
            offset = 0
            while not self._stop.is_set():
                read = _pread_into(source, view, offset)
                if not read:
                    self._result = PrefixDigest(self.algorithm, offset, hasher)
                    break
                hasher.update(view[:read])
                written = 0
                while written < read:
                    written += os.write(target, view[written:read])
                offset += read
                if writeback is not None and offset % WRITEBACK_EVERY == 0:
                    writeback(target, offset - WRITEBACK_EVERY, WRITEBACK_EVERY)
            else:
                raise InterruptedError("prefix copy stopped")
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
            return
        finally:
            self._copied.set()
        if not self._stop.is_set():
            with contextlib.suppress(OSError):  # the caller's own fsync reports it
                getattr(os, "fdatasync", os.fsync)(target)


# The copy's pages are handed to the disk as it goes, this many bytes at a time (Linux),
# so that the fsync before the rename waits for little more than the new revision.
WRITEBACK_EVERY = 8 << 20
_SYNC_FILE_RANGE_WRITE = 2


@functools.cache
def _writeback() -> Callable[[int, int, int], object] | None:
    """Linux's ``sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE)``: start
    writing a range's dirty pages to disk and return without waiting (durability still
    comes from the fsync before the rename). None elsewhere; failures are ignored."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    function.restype = ctypes.c_int
    return lambda fd, offset, length: function(fd, offset, length, _SYNC_FILE_RANGE_WRITE)


def _pread_into(fd: int, view: memoryview, offset: int) -> int:
    if hasattr(os, "preadv"):
        return os.preadv(fd, [view], offset)
    data = os.pread(fd, len(view), offset)
    view[: len(data)] = data
    return len(data)


class _Writer(IncrementalPdfFileWriter):
    IO_CHUNK_SIZE = CHUNK

    #: digest (pyhanko's name) our signatures are filled with; None: pyhanko's own path
    digest: str | None = None
    #: the original being copied into the output on a thread, if any
    prefix_copy: PrefixCopy | None = None
    #: state over the output's bytes before the new revision: set when the original is
    #: copied, or given for a signature appended in place
    prefix: PrefixDigest | None = None
    #: after a signature: state over the output up to its end (the CMS written)
    final: PrefixDigest | None = None

    def _write_header(self, stream: IO[bytes]) -> None:
        """pyhanko copies the original here; we hash it as it is copied."""
        copy, self.prefix_copy = self.prefix_copy, None
        if copy is not None and copy.pending and copy.out is stream:
            # (the thread moves the descriptor's position: ask the stream only after it)
            self.prefix = copy.result()
            return
        if self.digest is not None and stream.tell() == 0:
            self.prefix = copy_hashing(self.input_stream, stream, self.digest)
            if self.prefix is not None:
                return
        super()._write_header(stream)

    def add_object(self, obj: Any, obj_stream: Any = None, idnum: Any = None) -> Any:
        """The signature dictionary (pyhanko's PdfCMSEmbedder adds it here) fills itself
        through :func:`_fill`."""
        if isinstance(obj, PdfByteRangeDigest) and self.digest is not None:
            obj.fill = _Fill(obj)  # type: ignore[method-assign]
        return super().add_object(obj, obj_stream=obj_stream, idnum=idnum)


class _Fill:
    """``PdfByteRangeDigest.fill`` for one signature object, bound: see :func:`_fill`."""

    def __init__(self, signature: PdfByteRangeDigest) -> None:
        self.signature = signature

    def __call__(
        self,
        writer: Any,
        md_algorithm: str,
        in_place: bool = False,
        output: IO[bytes] | None = None,
        chunk_size: int = misc.DEFAULT_CHUNK_SIZE,
    ) -> Generator[Any, Any, None]:
        if not isinstance(writer, _Writer) or writer.digest != md_algorithm:
            yield from PdfByteRangeDigest.fill(
                self.signature, writer, md_algorithm, in_place=in_place, output=output,
                chunk_size=chunk_size,
            )  # fmt: skip
            return
        yield from _fill(self.signature, writer, in_place=in_place, output=output)


def _fill(
    signature: PdfByteRangeDigest, writer: _Writer, *, in_place: bool, output: IO[bytes] | None
) -> Generator[Any, Any, None]:
    """pyhanko's ``PdfByteRangeDigest.fill`` (0.38) with the digest taken from the state
    over the bytes before the new revision: write the file, fill in the ``/ByteRange``,
    hash what the state does not cover, hand out the digest, then write the CMS into the
    hole. Afterwards ``writer.final`` is the state over the whole output. Without a state
    that fits, the output is hashed from its start, as pyhanko does."""
    assert writer.digest is not None
    writer.digest_aware_write = True
    stream: Any
    if in_place:
        stream = writer.prev.stream
        start = stream.seek(0, os.SEEK_END)
        prefix = writer.prefix  # given by the caller: must end where the revision starts
        writer.write_in_place()
    else:
        # No stream.tell() before writing: a PrefixCopy thread may still be moving the
        # position. _write_header sets writer.prefix only for a copy made from offset 0.
        stream = misc.prepare_rw_output_stream(output)
        writer.prefix = None
        writer.write(stream)
        prefix = writer.prefix
        start = prefix.length if prefix is not None else 0
    eof = stream.tell()
    sig_start, sig_end = signature.contents.offsets
    signature.byte_range.fill_offsets(stream, sig_start, sig_end, eof)

    if (
        prefix is not None
        and prefix.algorithm == writer.digest
        and prefix.length == start
        and prefix.length <= sig_start
    ):
        hasher, hashed = prefix.hasher(), prefix.length
    else:
        hasher, hashed = new_hash(writer.digest), 0
    hash_range(hasher, stream, hashed, sig_start)
    before_hole = hasher.copy()
    hash_range(hasher, stream, sig_end, eof)
    prepared = PreparedByteRangeDigest(
        document_digest=hasher.digest(),
        reserved_region_start=sig_start,
        reserved_region_end=sig_end,
    )
    cms_data = yield prepared, stream
    contents = prepared.fill_with_cms(stream, cms_data)
    # the state over the whole output, for a signature appended in place next
    hash_range(before_hole, stream, sig_start, eof)
    writer.final = PrefixDigest(writer.digest, eof, before_hole)
    stream.seek(0)
    yield contents


def hash_range(hasher: Any, stream: _Readable, start: int, end: int) -> None:
    """Feed ``stream[start:end)`` to ``hasher`` in CHUNK pieces."""
    stream.seek(start)
    buffer = bytearray(min(CHUNK, max(end - start, 0)) or 1)
    view = memoryview(buffer)
    left = end - start
    while left > 0:
        read = stream.readinto(view[: min(left, len(buffer))])
        if not read:
            raise EOFError(f"the output ends before byte {end}")
        hasher.update(view[:read])
        left -= read


def open_writer(
    document: IO[bytes],
    source: Path,
    *,
    digest: str | None = None,
    prefix_copy: PrefixCopy | None = None,
    prefix: PrefixDigest | None = None,
) -> IncrementalPdfFileWriter:
    """An incremental writer over ``document`` (read from its start); ``source`` names the
    file in errors. With ``digest`` (the signature's digest algorithm, if hashlib has it)
    its signatures hash the original as it is copied, or take it from ``prefix_copy``
    (started on the same document), or, appended in place, from ``prefix`` (the state
    over ``document`` up to its end)."""
    document.seek(0)
    with translated(source):
        writer = _Writer(document, strict=False)
        if writer.prev.encrypted:
            raise PdfEncrypted(str(source))
    if digest is not None and new_hash(digest) is not None:
        writer.digest = digest
        writer.prefix_copy = prefix_copy
        writer.prefix = prefix
    return writer
