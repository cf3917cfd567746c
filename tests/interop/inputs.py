"""The input documents of the interop matrix: five kinds of PDF a bidder stamps.

Every input has three pages (A4) and the keyword 盖章 on pages 1 and 3 (``--all`` finds
two), nothing red on any page, and is readable by every reader as it is.

- ``libreoffice``: LibreOffice 7.4's own PDF 1.6 (fixtures/tender-3pages.pdf, embedded
  Noto Sans CJK subsets; made from fixtures/tender-3pages.fodt, see fixtures/README.md);
- ``objstm``: a tender letter rewritten by qpdf with object streams and a cross-reference
  stream (`qpdf --object-streams=generate`);
- ``linearized``: the same letter linearised for fast web view (`qpdf --linearize`);
- ``pdf20``: PDF 2.0 as a 2.0 writer makes it: header %PDF-2.0, no document information
  dictionary (deprecated in 2.0), XMP metadata on the catalog, object streams and a
  cross-reference stream (written by qpdf from its JSON form);
- ``signed``: a tender letter already signed by another bidder (a software RSA key from a
  CA of its own, pyhanko's default merged field/widget, a visible blue stamp on page 2).
"""

from __future__ import annotations

import base64
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from tests.interop import samples
from tests.interop.expectation import Box
from tests.pdf.documents import tender

FIXTURES = Path(__file__).parent / "fixtures"
KEYWORD = "盖章"
KEYWORD_PAGES = (1, 3)
PAGES = 3
KINDS = ("libreoffice", "objstm", "linearized", "pdf20", "signed")
# The other bidder's stamp on the already-signed input: top left of page 2, clear of every
# placement the matrix uses.
OTHER_STAMP = Box(2, 40, 700, 120, 780)


@dataclass(frozen=True)
class Input:
    kind: str
    path: Path
    prior_signatures: int = 0
    prior_stamps: tuple[Box, ...] = ()
    trust: tuple[x509.Certificate, ...] = ()


def make_inputs(directory: Path) -> dict[str, Input]:
    directory.mkdir(parents=True, exist_ok=True)
    plain = tender(directory / "tender.pdf", pages=PAGES, keyword_lines=KEYWORD_PAGES)
    other = samples.SoftKey.create("另一投标人 测试")
    signed = samples.sign(
        plain, directory / "signed.pdf", other, boxes=[OTHER_STAMP], field_name="OtherBidder",
        picture=samples.seal_picture(samples.OTHER_BLUE),
    )  # fmt: skip
    return {
        "libreoffice": Input("libreoffice", FIXTURES / "tender-3pages.pdf"),
        "objstm": Input("objstm", object_streams(plain, directory / "objstm.pdf")),
        "linearized": Input("linearized", linearized(plain, directory / "linearized.pdf")),
        "pdf20": Input("pdf20", pdf20(plain, directory / "pdf20.pdf")),
        "signed": Input("signed", signed, 1, (OTHER_STAMP,), other.roots),
    }


def _qpdf(*args: str | Path) -> None:
    done = subprocess.run(
        ["qpdf", *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:  # 3 = warnings: not good enough for an input
        raise RuntimeError(f"qpdf {args} exited {done.returncode}: {done.stderr}")


def object_streams(source: Path, target: Path) -> Path:
    _qpdf("--object-streams=generate", "--compress-streams=y", source, target)
    return target


def linearized(source: Path, target: Path) -> Path:
    _qpdf("--linearize", source, target)
    return target


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">投标函</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>2026-11-21T10:00:00+08:00</xmp:CreateDate>
   <xmp:ModifyDate>2026-11-21T10:00:00+08:00</xmp:ModifyDate>
   <xmp:CreatorTool>netca-client interop tests</xmp:CreatorTool>
   <pdf:Producer>qpdf (PDF 2.0)</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def pdf20(source: Path, target: Path) -> Path:
    """``source`` as PDF 2.0: through qpdf's JSON form, /Info dropped, XMP metadata added."""
    as_json = target.with_suffix(".json")
    _qpdf("--json-output", "--json-stream-data=inline", source, as_json)
    data = json.loads(as_json.read_text(encoding="utf-8"))
    header, objects = data["qpdf"]
    trailer = objects["trailer"]["value"]
    trailer.pop("/Info", None)
    number = int(header["maxobjectid"]) + 1
    xmp = XMP.encode("utf-8")
    objects[f"obj:{number} 0 R"] = {
        "stream": {
            "dict": {"/Type": "/Metadata", "/Subtype": "/XML"},
            "data": base64.b64encode(xmp).decode("ascii"),
        }
    }
    root = objects[f"obj:{trailer['/Root']}"]["value"]
    root["/Metadata"] = f"{number} 0 R"
    header["maxobjectid"] = number
    as_json.write_text(json.dumps(data), encoding="utf-8")
    _qpdf("--json-input", as_json, "--force-version=2.0", "--object-streams=generate", target)
    as_json.unlink()
    return target
