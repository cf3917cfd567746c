"""Benchmark: verifying a ~100 MB PDF with two signatures, beside plain pyhanko and the floor.

Run: .venv/bin/python tests/bench/bench_pdf_verify.py [--runs 5]
The file: 2,000 pages of noise images (tests/bench/pdf_key.large_pdf), stamped twice through
the vkey key (two signatures, the second a later revision). Fresh processes, alternated:
- floor: SHA-256 of the whole file twice (each signature's byte range is about the file);
- anchor: pyhanko's validate_pdf_signature on both signatures, trust given, offline;
- ours, the GUI's first answer: verify_pdf(analyse_changes=False), integrity, signature,
  trust and revocation without pyhanko's analysis of the later revision;
- ours in process: verify_pdf (the modules imported before the clock starts);
- ours as a user runs it: the whole `netca verify FILE --json --trust ROOT` process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.pdf_key import LABEL, ORG, PIN, large_pdf, make_key  # noqa: E402

_PRELUDE = r"""
import json, sys, time
from pathlib import Path
path, root = Path(sys.argv[1]), Path(sys.argv[2])
"""

_FLOOR = r"""
import hashlib
t = time.perf_counter()
for _ in range(2):
    with path.open("rb") as f:
        hashlib.file_digest(f, "sha256")
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_ANCHOR = r"""
from asn1crypto import x509 as ax
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
roots = [ax.Certificate.load(c.public_bytes(Encoding.DER))
         for c in x509.load_pem_x509_certificates(root.read_bytes())]
t = time.perf_counter()
with path.open("rb") as f:
    reader = PdfFileReader(f)
    for signature in reader.embedded_regular_signatures:
        status = validate_pdf_signature(
            signature, ValidationContext(trust_roots=roots, allow_fetching=False))
        assert status.bottom_line, status.pretty_print_details()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_OURS = r"""
from cryptography import x509
from netca_client.core.pdf import verify_pdf
import netca_client.core.pdf.verify, pyhanko.sign.validation  # imports before the clock
roots = x509.load_pem_x509_certificates(root.read_bytes())
t = time.perf_counter()
report = verify_pdf(path, trust_roots=roots)
assert report.verdict == "valid", report.as_dict()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_QUICK = r"""
from cryptography import x509
from netca_client.core.pdf import verify_pdf
import netca_client.core.pdf.verify, pyhanko.sign.validation  # imports before the clock
roots = x509.load_pem_x509_certificates(root.read_bytes())
t = time.perf_counter()
report = verify_pdf(path, trust_roots=roots, analyse_changes=False)
assert report.verdict == "pending", report.as_dict()  # the first signature awaits the analysis
assert all(s.intact and s.trusted for s in report.signatures), report.as_dict()
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_PROCESS = r"""
import subprocess
t = time.perf_counter()
done = subprocess.run([sys.executable, "-m", "netca_client.cli", "verify", str(path), "--json",
                       "--trust", str(root)], capture_output=True, text=True)
seconds = time.perf_counter() - t
assert done.returncode == 0, done.stdout + done.stderr
print(json.dumps({"seconds": seconds}))
"""

ROWS = {
    "floor: SHA-256 of the file, twice": _FLOOR,
    "anchor: pyhanko validate_pdf_signature x2": _ANCHOR,
    "ours: the GUI's first answer (integrity, trust; no change analysis)": _QUICK,
    "ours: verify_pdf in process": _OURS,
    "ours: `netca verify` process": _PROCESS,
}


def _two_signatures(world_root: Path, source: Path, target: Path) -> Path:
    """``source`` stamped twice through the bench key; returns the trust roots' PEM file."""
    from netca_client.core.pdf import AtPosition, SignOptions, sign_pdf
    from netca_client.core.seals import find_seal, key_seals, load_seal_trust
    from netca_client.core.token import TokenLibrary

    world = make_key(world_root)
    once = target.with_name("once.pdf")
    library = TokenLibrary.load(world.module)
    try:
        with library.open(library.find(LABEL)) as session:
            session.login(PIN)
            seal = find_seal(key_seals(session, trust=load_seal_trust(directories=())), ORG)
            for src, dst, page in ((source, once, 1), (once, target, 2)):
                options = SignOptions(placements=(AtPosition(page, 300, 300),))
                library.run(sign_pdf, session, seal=seal, source=src, target=dst, options=options)
    finally:
        library.close()
    return world_root / "ca.pem"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="bench-pdf-verify-") as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        source = large_pdf(root / "large.pdf")
        target = root / "two.pdf"
        roots = _two_signatures(root / "keys", source, target)
        print(f"input: {target.stat().st_size / 1e6:.1f} MB, 2000 pages, 2 signatures "
              f"(prepared in {time.perf_counter() - began:.0f} s), {runs} runs each")  # fmt: skip
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
        seconds: dict[str, list[float]] = {name: [] for name in ROWS}
        for _ in range(runs):
            for name, code in ROWS.items():
                done = subprocess.run(
                    [sys.executable, "-c", _PRELUDE + code, str(target), str(roots)],
                    env=env, capture_output=True, text=True, check=False, cwd=ROOT,
                )  # fmt: skip
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed:\n{done.stdout}\n{done.stderr}")
                seconds[name].append(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
        for name, values in seconds.items():
            print(f"  {name}: {statistics.median(values):.2f} s "
                  f"({min(values):.2f}–{max(values):.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
