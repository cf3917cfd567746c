"""pyHanko's validator, in process: every embedded signature and document time-stamp
validated against the expectation's trust roots (offline; revocation not judged), pyHanko's
diff analysis of later revisions (adding signatures is form filling; anything beyond that
is flagged), and the form as pyHanko's reader sees it (unsigned signature fields; every
page widget reaches a /Sig field through /Parent or is the field itself). No rendering."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.interop import judge
from tests.interop.base import Reader
from tests.interop.expectation import Expectation, Finding, Job


class PyHanko(Reader):
    name = "pyhanko"
    renders = False

    def version(self) -> str:
        from importlib.metadata import version

        return f"pyHanko {version('pyHanko')}"

    def check_many(self, jobs: Sequence[Job], workdir: Path) -> list[Finding]:
        return [self._check(path, exp) for path, exp in jobs]

    def _check(self, path: Path, exp: Expectation) -> Finding:
        started = time.monotonic()
        try:
            problems = check(path, exp)
        except Exception as exc:  # a reader that cannot read the file is a finding
            problems = [f"cannot read the file: {type(exc).__name__}: {exc}"]
        return self.finding(path, problems, started)


def check(path: Path, exp: Expectation) -> list[str]:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in exp.trust]
    problems: list[str] = []
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        regular = reader.embedded_regular_signatures
        stamps = reader.embedded_timestamp_signatures
        problems += judge.counts(exp, signatures=len(regular), timestamps=len(stamps))
        unsigned = [name for name, _, _ in enumerate_sig_fields(reader, filled_status=False)]
        problems += judge.phantoms(unsigned)
        for sig in regular:
            name = sig.field_name
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            status = validate_pdf_signature(sig, context)
            if not (status.intact and status.valid):
                problems.append(f"signature {name!r} is not intact and valid")
            elif not status.trusted:
                problems.append(f"signature {name!r}: signer not trusted by the given roots")
            ts = status.timestamp_validity
            if ts is not None and not (ts.intact and ts.valid and ts.trusted):
                problems.append(f"signature {name!r}: its signature time-stamp does not verify")
            level = status.modification_level
            if not status.docmdp_ok or (
                level is not None and level > ModificationLevel.FORM_FILLING
            ):
                problems.append(
                    f"signature {name!r}: diff analysis flags the later revisions "
                    f"({level.name if level else '?'}, docmdp_ok={status.docmdp_ok})"
                )
        for sig in stamps:
            context = ValidationContext(trust_roots=roots, allow_fetching=False)
            ts_status = validate_pdf_timestamp(sig, validation_context=context)
            if not (ts_status.intact and ts_status.valid and ts_status.trusted):
                problems.append(f"document time-stamp {sig.field_name!r} does not verify")
        widgets, orphans = _widgets(reader)
        problems += orphans
        problems += judge.widget_boxes(exp, widgets)
    return problems


def _widgets(reader: Any) -> tuple[list[tuple[int, list[float]]], list[str]]:
    """(page, rect) of every widget tied to a signature field, and the orphans."""
    widgets = []
    orphans = []
    for number in range(1, int(reader.root["/Pages"]["/Count"]) + 1):
        page = reader.find_page_for_modification(number - 1)[0].get_object()
        for ref in page.get("/Annots", ()):
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            rect = [float(v) for v in annot.get("/Rect", ())]
            field = annot if "/T" in annot else annot.get("/Parent")
            field = field.get_object() if field is not None else None
            kind = _inherited(field, "/FT") if field is not None else None
            where = "[" + ",".join(f"{v:.0f}" for v in rect) + "]"
            if field is None:
                orphans.append(
                    f"widget on page {number} {where} has no /T and no /Parent: no field"
                )
            elif kind != "/Sig":
                orphans.append(f"widget on page {number} {where} belongs to a field of type {kind}")
            else:
                widgets.append((number, rect))
    return widgets, orphans


def _inherited(node: Any, key: str) -> Any:
    while node is not None:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None
