"""Benchmark: stamping a ~100 MB PDF, next to the floors and to plain pyhanko.

Run: .venv/bin/python tests/bench/bench_pdf_sign.py [--runs 5]
Each measurement runs in a fresh process and prints wall time and that process's peak RSS;
the rows are alternated run by run and printed as median (min–max), so a busy machine slows
every row alike: read the ratios, which are computed from the medians of this one run.
- floor: SHA-256 of the file with hashlib.file_digest, and a copy of the file (shutil,
  sendfile); floor = the two medians added;
- copy + hash: the two ways to copy the file while SHA-256 sees every byte (what stamping
  must do at least): read once then hash and write the same buffer (1 MiB chunks, what
  sign_pdf does), and copy_file_range then hash the copy from the page cache;
- pyhanko: plain pyhanko B-B signing with a software key, invisible, no stamp; once into a
  write-only file (pyhanko then buffers the whole output in memory to read it back for the
  digest) and once into a readable one: the anchor;
- ours: sign_pdf through the vkey key, one seal at coordinates, B-B: the second call in the
  process (the first also pays the lazy imports; both and the process total are printed);
  ours fsyncs the output before renaming it, the floor and pyhanko's plain run do not;
- baseline: the peak RSS of a process that only imported the same modules.
Before each child the disk is synced (untimed), so no row waits for the writeback of the
100 MB the rows before it left in the page cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
    "copy + hash: read once, hash and write (1 MiB)": r"""
import hashlib, os
t = time.perf_counter()
hasher, buffer = hashlib.sha256(), bytearray(1 << 20)
view = memoryview(buffer)
with src.open("rb", buffering=0) as f, (work / "copy.pdf").open("wb", buffering=0) as out:
    while n := f.readinto(buffer):
        hasher.update(view[:n])
        out.write(view[:n])
done(time.perf_counter() - t)
""",
    "copy + hash: copy_file_range, then hash the copy": r"""
import hashlib, os
t = time.perf_counter()
size = src.stat().st_size
with src.open("rb") as f, (work / "copy.pdf").open("w+b") as out:
    copied = 0
    while copied < size:
        copied += os.copy_file_range(f.fileno(), out.fileno(), size - copied, copied, copied)
    out.seek(0)
    hashlib.file_digest(out, "sha256")
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
    # Every row writes 100 MB and only ours fsyncs it: without this, ours would also wait
    # for the disk to write back the rows before it. Not timed.
    os.sync()
    out = subprocess.run(
        [sys.executable, "-c", code, str(source), str(work), LABEL, PIN, ORG],
        env=env, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


OURS = "ours: sign_pdf, vkey key, one seal, B-B"
ANCHOR = "pyhanko: same, output opened w+b (readable)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        root = Path(tmp)
        world = make_key(root / "keys")
        began = time.perf_counter()
        source = large_pdf(root / "large.pdf")
        made = time.perf_counter() - began
        size = source.stat().st_size / 1e6
        print(f"input: {size:.1f} MB, 2000 pages (generated in {made:.1f} s)")
        env = {**world.env, "PYTHONPATH": str(ROOT)}
        load_before = os.getloadavg()

        def work(name: str) -> Path:
            folder = root / name.split(":")[0].replace(" ", "-").replace("+", "")
            folder.mkdir(exist_ok=True)
            return folder

        baseline = run("baseline (imports only)", source, work("baseline"), env)
        names = [n for n in CHILDREN if "baseline" not in n]
        results: dict[str, list[dict[str, float]]] = {name: [] for name in names}
        for _ in range(runs):
            for name in names:
                results[name].append(run(name, source, work(name), env))
        load_after = os.getloadavg()

        def median(name: str) -> float:
            return statistics.median(r["seconds"] for r in results[name])

        print(f"{runs} runs each (fresh processes, alternated); median (min–max), peak RSS")
        print(f"  baseline (imports only): peak RSS {baseline['peak_rss_mib']:.0f} MiB")
        for name in names:
            seconds = [r["seconds"] for r in results[name]]
            peak = max(r["peak_rss_mib"] for r in results[name])
            extra = ""
            if "process_seconds" in results[name][0]:
                first = statistics.median(r["first_call"] for r in results[name])
                whole = statistics.median(r["process_seconds"] for r in results[name])
                extra = (f"; first call with the lazy imports {first:.2f} s, whole process"
                         f" {whole:.2f} s")  # fmt: skip
            print(f"  {name}: {statistics.median(seconds):.3f} s ({min(seconds):.3f}–"
                  f"{max(seconds):.3f}), peak RSS {peak:.0f} MiB{extra}")  # fmt: skip
        floor = median("floor: SHA-256 (hashlib.file_digest)") + median(
            "floor: file copy (shutil.copyfile)"
        )
        ours = median(OURS)
        peak = max(r["peak_rss_mib"] for r in results[OURS])
        print(f"  floor (SHA-256 + copy, medians): {floor:.3f} s")
        print(f"  ours / floor: {ours / floor:.2f}× (goal ≤ 1.5×); ours / anchor:"
              f" {ours / median(ANCHOR):.2f}×; peak RSS {peak:.0f} MiB ="
              f" baseline + {peak - baseline['peak_rss_mib']:.0f} MiB (goal ≤ + 64)")  # fmt: skip
        print("  load average (1, 5, 15 min): before "
              + ", ".join(f"{x:.1f}" for x in load_before) + "; after "
              + ", ".join(f"{x:.1f}" for x in load_after))  # fmt: skip
        # Does the peak grow with the file? The same stamp on a quarter of the file.
        small = large_pdf(root / "quarter.pdf", pages=500)
        quarter = [run(OURS, small, root, env) for _ in range(3)]
        print(
            f"  {OURS}, {small.stat().st_size / 1e6:.1f} MB / 500 pages: "
            f"{statistics.median(r['seconds'] for r in quarter):.3f} s, peak RSS "
            f"{max(r['peak_rss_mib'] for r in quarter):.0f} MiB"
        )


if __name__ == "__main__":
    main()
