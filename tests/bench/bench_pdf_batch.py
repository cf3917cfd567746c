"""Benchmark: batch throughput, 50 small PDFs stamped in one key session (one PIN), beside
plain pyhanko signing the same files.

Run: .venv/bin/python tests/bench/bench_pdf_batch.py [--runs 5]
Two-page tender letters with Chinese text. Every measurement is a fresh process that loads
the libraries and logs in first, then times only the batch; the rows are alternated run by
run and printed as median (min–max) files per second:
- anchor: plain pyhanko B-B with a software key, invisible, no stamp, one file after another;
- ours: sign_batch through the vkey key, B-B: the seal at coordinates, by keyword 盖章
  (pdfminer finds it in each file), and keyword plus a cross-page seal over both pages.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.pdf_key import LABEL, ORG, PIN, make_key  # noqa: E402
from tests.pdf.documents import tender  # noqa: E402

FILES = 50

_PRELUDE = r"""
import json, sys, time
from pathlib import Path
inputs, out = Path(sys.argv[1]), Path(sys.argv[2])
sources = sorted(inputs.glob("*.pdf"))
"""

_ANCHOR = r"""
import datetime as dt
from asn1crypto import keys as ak, x509 as ax
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
key = ec.generate_private_key(ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench")])
now = dt.datetime.now(dt.UTC)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
        .sign(key, hashes.SHA256()))
signer = signers.SimpleSigner(
    signing_cert=ax.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
    signing_key=ak.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())),
    cert_registry=None)
t = time.perf_counter()
for source in sources:
    with source.open("rb") as f, (out / source.name).open("w+b") as o:
        signers.sign_pdf(IncrementalPdfFileWriter(f, strict=False),
                         signers.PdfSignatureMetadata(field_name="Sig1"), signer=signer, output=o)
print(json.dumps({"seconds": time.perf_counter() - t, "ok": len(sources)}))
"""

_OURS = r"""
import os
from netca_client.core.pdf import (AtPosition, BatchItem, ByKeyword, CrossPage, SignOptions,
                                   sign_batch)
from netca_client.core.seals import find_seal, key_seals, load_seal_trust
from netca_client.core.token import TokenLibrary
placements = {"coordinates": (AtPosition(1, 300, 300),), "keyword": (ByKeyword("盖章"),),
              "keyword + cross-page": (ByKeyword("盖章"), CrossPage())}[sys.argv[3]]
library = TokenLibrary.load(os.environ["NETCA_PKCS11_MODULE"])
with library.open(library.find(sys.argv[4])) as session:
    session.login(sys.argv[5])
    seal = find_seal(key_seals(session, trust=load_seal_trust(directories=())), sys.argv[6])
    items = [BatchItem(s, out / s.name) for s in sources]
    # The lazy imports (pyhanko, pdfminer, pdfium) before the clock starts, as the anchor's.
    import netca_client.core.pdf.signing, netca_client.core.pdf.stamping
    import pdfminer.converter, pdfminer.pdfinterp, pdfminer.pdfpage, pypdfium2
    t = time.perf_counter()
    results = library.run(sign_batch, session, seal=seal, items=items,
                          options=SignOptions(placements=placements))
    seconds = time.perf_counter() - t
library.close()
print(json.dumps({"seconds": seconds, "ok": sum(r.ok for r in results)}))
"""

ROWS = {
    "anchor: pyhanko loop, software key, no stamp": (_ANCHOR, ""),
    "ours: seal at coordinates": (_OURS, "coordinates"),
    "ours: keyword 盖章": (_OURS, "keyword"),
    "ours: keyword + cross-page": (_OURS, "keyword + cross-page"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-pdf-batch-") as tmp:
        root = Path(tmp)
        world = make_key(root / "keys")
        inputs = root / "in"
        inputs.mkdir()
        for i in range(FILES):
            tender(inputs / f"{i:02d}.pdf", pages=2, keyword_lines=[2])
        env = {**world.env, "PYTHONPATH": str(ROOT)}
        rates: dict[str, list[float]] = {name: [] for name in ROWS}
        for run in range(runs):
            for name, (code, placement) in ROWS.items():
                out = root / f"out-{run}-{len(rates[name])}-{abs(hash(name))}"
                out.mkdir()
                done = subprocess.run(
                    [sys.executable, "-c", _PRELUDE + code, str(inputs), str(out), placement,
                     LABEL, PIN, ORG],
                    env=env, capture_output=True, text=True, check=False, cwd=ROOT,
                )  # fmt: skip
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed:\n{done.stderr}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                if result["ok"] != FILES:
                    raise SystemExit(f"{name}: only {result['ok']} of {FILES} files signed")
                rates[name].append(FILES / result["seconds"])
        print(f"{FILES} two-page tender letters, {runs} runs each (fresh processes, alternated)")
        for name, values in rates.items():
            print(f"  {name}: {statistics.median(values):.1f} files/s "
                  f"({min(values):.1f}–{max(values):.1f})")  # fmt: skip


if __name__ == "__main__":
    main()
