"""Our stamps through every independent reader: the real signing code (sign_pdf) on a vkey
USB key against the live RA (CA, TSA, OCSP, CRL), over a matrix of placements, PAdES levels
and input documents. One test case per output file; its failure shows a table (reader ×
verdict) and every problem, reader-named.

The matrix (41 files, thinned from 5 × 4 × 5 = 100):
- every placement × every level on the LibreOffice input (20 files);
- every placement × the four other inputs at B-T (20 files);
- one file on the EC P-256 key (coordinates, B-T, LibreOffice): iText 5 has no ECDSA, so
  that case expects iText to fail with exactly that and every other reader to pass.
The other cases use the RSA 2048 key (organisation keys are often RSA).

Expectation per file: regular signatures = the input's prior signatures + one per
``SignResult.field_names`` (one signature per stamp since issue 12), one document
time-stamp for B-LTA, a red seal drawn in every ``SignResult.boxes`` box.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from netca_client.core.pdf import (
    AtPosition,
    ByKeyword,
    CrossPage,
    Placement,
    SignatureLevel,
    SignOptions,
    SignResult,
    sign_pdf,
)
from tests.interop.expectation import Box, Expectation
from tests.interop.harness import Report, check_many
from tests.interop.inputs import KEYWORD, Input
from tests.pdf.conftest import Signing

PLACEMENTS: dict[str, tuple[Placement, ...]] = {
    "at": (AtPosition(2, 300, 450),),
    "keyword": (ByKeyword(KEYWORD),),
    "keyword-all": (ByKeyword(KEYWORD, "all"),),
    "cross-page": (CrossPage(),),
    "several-at": (AtPosition(1, 150, 650), AtPosition(2, 400, 400), AtPosition(3, 200, 300)),
}
LEVELS = {level.value: level for level in SignatureLevel}
FULL_INPUT = "libreoffice"
OTHER_INPUTS = ("objstm", "linearized", "pdf20", "signed")


@dataclass(frozen=True)
class Case:
    placement: str
    level: str
    input: str
    key: str = "rsa"

    @property
    def id(self) -> str:
        return f"{self.key}/{self.input}/{self.placement}/{self.level}"


CASES = [
    *(Case(p, lv, FULL_INPUT) for p in PLACEMENTS for lv in LEVELS),
    *(Case(p, "B-T", i) for i in OTHER_INPUTS for p in PLACEMENTS),
    Case("at", "B-T", FULL_INPUT, key="ec"),
]


@dataclass
class Output:
    case: Case
    path: Path | None = None
    result: SignResult | None = None
    expectation: Expectation | None = None
    error: str | None = None
    api_problems: tuple[str, ...] = ()
    seconds: float = 0.0


def _sign(signing: Signing, case: Case, source: Input, out_dir: Path) -> Output:
    output = Output(case)
    target = out_dir / (case.id.replace("/", "_") + ".pdf")
    options = SignOptions(
        placements=PLACEMENTS[case.placement], level=LEVELS[case.level],
        tsa_url=signing.world.tsa_url, trust_roots=(signing.world.root,),
    )  # fmt: skip
    started = time.monotonic()
    try:
        result = sign_pdf(
            signing.session, seal=signing.seal, source=source.path, target=target, options=options
        )
    except Exception as exc:
        output.error = f"sign_pdf raised {type(exc).__name__}: {exc}"
        return output
    finally:
        output.seconds = time.monotonic() - started
    output.path, output.result = target, result
    names = getattr(result, "field_names", None)
    problems = []
    if names is None:
        # main before issue 12: one signature field for every stamp of the operation. Checked
        # as that, so the readers' verdicts on that layout are seen, and failed for the API.
        problems.append("SignResult has no field_names (the issue-12 layout is not in)")
        new = 1
    else:
        new = len(names)
        if sum(len(s.boxes) for s in result.signatures) != len(result.boxes):
            problems.append("SignResult's signatures do not carry every stamp box")
        problems += _field_names(target, source.prior_signatures, tuple(names))
    output.api_problems = tuple(problems)
    signatures = getattr(result, "signatures", ())
    output.expectation = Expectation(
        signatures=source.prior_signatures + new,
        # Each signature's widget shows its first stamp; the rest are page content.
        stamps=tuple(Box.of(s.boxes[0]) for s in signatures) or (Box.of(result.boxes[0]),),
        content_stamps=tuple(Box.of(b) for s in signatures for b in s.boxes[1:]),
        timestamps=1 if case.level == "B-LTA" else 0,
        trust=(*signing.world.ca.chain(), *source.trust),
        other_stamps=source.prior_stamps,
    )
    return output


def _field_names(path: Path, prior: int, names: tuple[str, ...]) -> list[str]:
    """The file's new regular signatures are the fields SignResult names, in order."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as handle:
        found = tuple(s.field_name for s in PdfFileReader(handle).embedded_regular_signatures)
    if found[prior:] != names:
        return [
            f"signature fields {list(found[prior:])} in the file, SignResult says {list(names)}"
        ]
    return []


Matrix = tuple[dict[str, Output], Report]


@pytest.fixture(scope="module")
def matrix(
    rsa_signing: Signing,
    signing: Signing,
    interop_inputs: dict[str, Input],
    tmp_path_factory: pytest.TempPathFactory,
) -> Matrix:
    out_dir = tmp_path_factory.mktemp("matrix")
    keys = {"rsa": rsa_signing, "ec": signing}
    started = time.monotonic()
    outputs = {c.id: _sign(keys[c.key], c, interop_inputs[c.input], out_dir) for c in CASES}
    signed = time.monotonic()
    jobs = [(o.path, o.expectation) for o in outputs.values() if o.path and o.expectation]
    report = check_many(jobs, workdir=out_dir / "readers")
    checked = time.monotonic()
    labels = {o.path: o.case.id for o in outputs.values() if o.path}
    print(f"\nsigned {len(jobs)} files in {signed - started:.1f}s, "
          f"readers {checked - signed:.1f}s ({report.timing()})")  # fmt: skip
    print(report.text(label=labels))
    return outputs, report


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_reader_accepts_the_stamped_file(matrix: Matrix, case: Case) -> None:
    outputs, report = matrix
    output = outputs[case.id]
    assert output.error is None, output.error
    assert output.path is not None
    assert output.result is not None
    label = {output.path: case.id}
    table = report.text([output.path], label=label)
    boxes = ", ".join(str(Box.of(b)) for b in output.result.boxes)
    context = f"{case.id}: stamps {boxes}\n{table}"
    if case.key == "ec":
        # iText 5.5.13 knows no ECDSA (see test_harness.test_ecdsa_signature_fails_only_itext).
        ecdsa = [p for p in report.problems(output.path, "itext") if "Signature not available" in p]
        others = [r for r in report.failing(output.path) if r != "itext"]
        itext_rest = [p for p in report.problems(output.path, "itext") if p not in ecdsa]
        assert ecdsa, context
        assert not others, context
        assert not itext_rest, context
        assert not output.api_problems, "\n".join(output.api_problems) + "\n" + context
        return
    assert not output.api_problems, "\n".join(output.api_problems) + "\n" + context
    assert not report.failing(output.path), context
