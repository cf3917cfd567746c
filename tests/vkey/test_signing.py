"""python-pkcs11 and pyhanko sign through vkey; poppler's pdfsig checks the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.vkey.conftest import Cli, run_python

SCRIPT = "from tests.vkey.signing import main; main()"


@pytest.mark.parametrize("kind", ["rsa", "ec"])
def test_python_pkcs11_and_pyhanko_sign_through_vkey(
    vkey: Cli, vkey_module: str, tmp_path: Path, kind: str
) -> None:
    vkey("create", "--label", "alice")
    assert run_python(SCRIPT, vkey_module, kind, str(tmp_path)).stdout.strip() == f"signed {kind}"
    pdf = tmp_path / f"signed-{kind}.pdf"
    report = subprocess.run(
        ["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    assert "Signature is Valid." in report
    assert "vkey signer" in report
