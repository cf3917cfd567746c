"""On vkey: the dual key's SM2 certificate signs a PDF with `netca sign` (SM2 seal, CMS
SM2/SM3); `netca verify` and BouncyCastle accept it, a tampered copy fails, the SM2 seal
checks valid, and the key's RSA certificate still signs beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from asn1crypto import cms
from cryptography.hazmat.primitives.serialization import Encoding

from netca_client.core.seals import key_seals, load_seal_trust
from netca_client.core.token import TokenLibrary
from tests.gm.conftest import PIN, DualWorld
from tests.gm.oracles import bouncycastle

SAMPLE = Path(__file__).resolve().parents[2] / "netca_demo" / "samples" / "投标函.pdf"


def _netca(
    world: DualWorld, module: str, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NETCA_VKEY_DIR": str(world.vkey_dir), "NETCA_PKCS11_MODULE": module,
           "NETCA_CONFIG": str(world.vkey_dir / "none.toml")}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "netca_client.cli", *args], env=env, input=stdin,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


def _trust(world: DualWorld, tmp: Path) -> Path:
    assert world.ca.gm is not None
    path = tmp / "trust.pem"
    path.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in
                              (world.ca.gm.root, world.ca.gm.issuing, world.ca.root)))  # fmt: skip
    return path


def _cms_and_content(pdf: bytes) -> tuple[bytes, bytes]:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    contents = cms.ContentInfo.load(bytes(signature.sig_object["/Contents"])).dump()
    start, length1, start2, length2 = (int(x) for x in signature.sig_object["/ByteRange"])
    return contents, pdf[start : start + length1] + pdf[start2 : start2 + length2]


def test_an_sm2_pdf_signature_made_on_vkey_verifies_here_and_in_bouncycastle(
    dual_world: DualWorld, library: TokenLibrary, vkey_module: str, tmp_path: Path
) -> None:
    trust = _trust(dual_world, tmp_path)
    with library.open(library.find("gm")) as session:
        seals = key_seals(session, trust=load_seal_trust(extra_files=[trust]))
    assert [s.check.verdict.value if s.check else None for s in seals] == ["valid"]
    seal = seals[0]
    library.close()

    out = tmp_path / "signed.pdf"
    signed = _netca(dual_world, vkey_module, "sign", str(SAMPLE), "-o", str(out), "--seal",
                    seal.label, "--page", "1", "--at", "300,300", "--trust", str(trust),
                    "--pin-stdin", stdin=PIN + "\n")  # fmt: skip
    assert signed.returncode == 0, signed.stderr + signed.stdout
    verified = _netca(dual_world, vkey_module, "verify", str(out), "--json", "--trust", str(trust))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    report = json.loads(verified.stdout)
    (signature,) = report["signatures"]
    assert signature["verdict"] == "valid"
    assert signature["trusted"]
    assert signature["valid"]
    assert signature["level"] == "PKCS#7"
    assert "国密测试有限公司" in signature["signer_subject"]

    contents, content = _cms_and_content(out.read_bytes())
    info = cms.ContentInfo.load(contents)["content"]["signer_infos"][0]
    assert info["signature_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.501"
    assert info["digest_algorithm"]["algorithm"].dotted == "1.2.156.10197.1.401"
    tampered = bytearray(content)
    tampered[len(tampered) // 2] ^= 0x01
    results = bouncycastle(
        tmp_path, [("cms", [contents, content]), ("cms", [contents, bytes(tampered)])]
    )
    assert results[0] == "ok 1.2.156.10197.1.501/1.2.156.10197.1.401", results
    assert not results[1].startswith("ok")

    # a copy with one changed byte inside the signed range fails `netca verify`
    pdf = bytearray(out.read_bytes())
    at = pdf.find(b"/Producer") if b"/Producer" in pdf else 200
    pdf[at + 2] ^= 0x01
    broken = tmp_path / "tampered.pdf"
    broken.write_bytes(bytes(pdf))
    failed = _netca(dual_world, vkey_module, "verify", str(broken), "--json", "--trust", str(trust))
    assert failed.returncode != 0
    assert json.loads(failed.stdout)["signatures"][0]["verdict"] == "invalid"
