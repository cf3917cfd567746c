"""The import contracts are real: a forbidden import in a copy of the tree breaks lint-imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("netca_client", "netca_protocol", "netca_ra", "netca_seal", "netca_vkey")


def _copy_tree(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tree_as_it_is_keeps_the_contracts(tmp_path: Path) -> None:
    done = _lint_imports(_copy_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("netca_client/core/certs/uscc.py", "import PySide6", "core never imports Qt"),
        ("netca_client/core/certs/uscc.py", "import pkcs11", "only core.token imports pkcs11"),
        ("netca_client/core/errors.py", "import netca_client.cli.main", "core never imports"),
        ("netca_seal/__init__.py", "import netca_client.core.errors", "import neither side"),
        ("netca_client/cli/pdf.py", "import pyhanko.sign", "only core.pdf imports pyhanko"),
        ("netca_client/core/seals/der.py", "import pypdfium2", "only core.pdf imports pyhanko"),
        ("netca_client/core/token/models.py", "import netca_client.core.certs", "core layers"),
        ("netca_client/core/token/pins.py", "import netca_client.core.seals", "core layers"),
        ("netca_client/core/seals/der.py", "import netca_client.core.workflows", "core layers"),
        ("netca_client/core/certs/uscc.py", "import netca_client.core.pdf", "core layers"),
    ],
)
def test_a_forbidden_import_breaks_the_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    tree = _copy_tree(tmp_path)
    target = tree / module
    target.write_text(target.read_text() + f"\n{line}  # injected by the test\n")
    done = _lint_imports(tree)
    assert done.returncode != 0
    assert contract in done.stdout
    assert "BROKEN" in done.stdout
