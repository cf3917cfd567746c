"""Benchmark: stamping a ~100 MB PDF, next to the floors and to plain pyhanko.

Run: .venv/bin/python tests/bench/bench_pdf_sign.py
Each measurement runs in a fresh process and prints wall time and that process's peak RSS:
- floor: SHA-256 of the file with hashlib.file_digest, and a copy of the file;
- pyhanko: plain pyhanko B-B signing with a software key, invisible, no stamp; once into a
  write-only file (pyhanko then buffers the whole output in memory to read it back for the
  digest) and once into a readable one, as sign_pdf does;
- ours: sign_pdf through the vkey key, one seal at coordinates, B-B: the second call in the
  process (the first also pays the lazy imports; both and the process total are printed);
  ours fsyncs the output before renaming it, pyhanko's plain run does not;
- baseline: the peak RSS of a process that only imported the same modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.pdf_key import LABEL, ORG, PIN, large_pdf, make_key  # noqa: E402

CHILD_PRELUDE = r"""
import json, sys, time
from pathlib import Path
src, work = Path(sys.argv[1]), Path(sys.argv[2])
def done(seconds, **extra):
    # VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork+exec.
    status = Path("/proc/self/status").read_text().splitlines()
    rss = int(next(l for l in status if l.startswith("VmHWM:")).split()[1]) / 1024
    print(json.dumps({"seconds": seconds, "peak_rss_mib": rss, **extra}))
"""

# Plain pyhanko with a software key; __MODE__ is how the output file is opened.
_PYHANKO = r"""
import datetime as dt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.keys import load_private_key_from_pemder_data
from asn1crypto import x509 as ax, keys as ak
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
with src.open("rb") as f, (work / "pyhanko.pdf").open("__MODE__") as out:
    w = IncrementalPdfFileWriter(f, strict=False)
    signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name="Sig1"), signer=signer,
                     output=out)
done(time.perf_counter() - t)
"""

CHILDREN = {
    "baseline (imports only)": r"""
import hashlib, shutil, pyhanko.sign, pypdfium2, pdfminer.high_level
from netca_client.core.pdf import signing, placement, render
done(0.0)
""",
    "floor: SHA-256 (hashlib.file_digest)": r"""
import hashlib
t = time.perf_counter()
with src.open("rb") as f:
    hashlib.file_digest(f, "sha256")
done(time.perf_counter() - t)
""",
    "floor: file copy (shutil.copyfile)": r"""
import shutil
t = time.perf_counter()
shutil.copyfile(src, work / "copy.pdf")
done(time.perf_counter() - t)
""",
    "pyhanko: B-B, software key, no stamp, output wb": _PYHANKO.replace("__MODE__", "wb"),
    "pyhanko: same, output opened w+b (readable)": _PYHANKO.replace("__MODE__", "w+b"),
    "ours: sign_pdf, vkey key, one seal, B-B": r"""
import os
started = time.perf_counter()
from netca_client.core.token import TokenLibrary
from netca_client.core.seals import key_seals, find_seal, load_seal_trust
from netca_client.core.pdf import AtPosition, SignOptions, sign_pdf
library = TokenLibrary.load(os.environ["NETCA_PKCS11_MODULE"])
with library.open(library.find(sys.argv[3])) as session:
    session.login(sys.argv[4])
    seal = find_seal(key_seals(session, trust=load_seal_trust(directories=())), sys.argv[5])
    times = []
    for _ in range(2):  # the first call also imports pyhanko, pypdfium2 and pdfminer
        t = time.perf_counter()
        library.run(sign_pdf, session, seal=seal, source=src, target=work / "ours.pdf",
                    options=SignOptions(placements=(AtPosition(1, 300, 300),)), overwrite=True)
        times.append(time.perf_counter() - t)
library.close()
done(times[1], first_call=times[0], process_seconds=time.perf_counter() - started)
""",
}


def run(name: str, source: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    code = CHILD_PRELUDE + CHILDREN[name]
    out = subprocess.run(
        [sys.executable, "-c", code, str(source), str(work), LABEL, PIN, ORG],
        env=env, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        root = Path(tmp)
        world = make_key(root / "keys")
        began = time.perf_counter()
        source = large_pdf(root / "large.pdf")
        made = time.perf_counter() - began
        size = source.stat().st_size / 1e6
        print(f"input: {size:.1f} MB, 2000 pages (generated in {made:.1f} s)")
        env = {**world.env, "PYTHONPATH": str(ROOT)}
        for name in CHILDREN:
            work = root / name.split(":")[0].replace(" ", "-")
            work.mkdir(exist_ok=True)
            runs = [run(name, source, work, env) for _ in range(3 if "baseline" not in name else 1)]
            best = min(runs, key=lambda r: r["seconds"])
            extra = (f" (first call with the lazy imports {best['first_call']:.2f} s, whole"
                     f" process {best['process_seconds']:.2f} s)"
                     if "process_seconds" in best else "")  # fmt: skip
            print(
                f"  {name}: {best['seconds']:.3f} s (best of {len(runs)}), "
                f"peak RSS {best['peak_rss_mib']:.0f} MiB{extra}"
            )
        # Does the peak grow with the file? The same stamp on a quarter of the file.
        small = large_pdf(root / "quarter.pdf", pages=500)
        name = "ours: sign_pdf, vkey key, one seal, B-B"
        best = min((run(name, small, root, env) for _ in range(3)), key=lambda r: r["seconds"])
        print(
            f"  {name}, {small.stat().st_size / 1e6:.1f} MB / 500 pages: "
            f"{best['seconds']:.3f} s, peak RSS {best['peak_rss_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
