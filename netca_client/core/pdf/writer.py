"""pyhanko's incremental writer, opened the way signing needs it: large copy chunks, the
input checked for encryption. Imported on first use (it loads pyhanko)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from netca_client.core.errors import PdfEncrypted
from netca_client.core.pdf._errors import translated

# Bytes moved per read/write when the original file is copied into the output and when the
# output is hashed; pyhanko's default is 4 KiB (IncrementalPdfFileWriter.IO_CHUNK_SIZE, and
# misc.DEFAULT_CHUNK_SIZE), which costs a system call every 4 KiB of a 100 MB file.
CHUNK = 1 << 20


class _Writer(IncrementalPdfFileWriter):
    IO_CHUNK_SIZE = CHUNK


def open_writer(document: IO[bytes], source: Path) -> IncrementalPdfFileWriter:
    """An incremental writer over ``document`` (read from its start); ``source`` names the
    file in errors."""
    document.seek(0)
    with translated(source):
        writer = _Writer(document, strict=False)
        if writer.prev.encrypted:
            raise PdfEncrypted(str(source))
    return writer
