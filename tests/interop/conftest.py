"""The interop suite's fixtures: the PDF tests' real RA and vkey keys (tests/pdf/conftest.py)
for the matrix, and a software key for the harness's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.interop import samples
from tests.interop.inputs import Input, make_inputs
from tests.pdf.conftest import pdf_world, rsa_signing, signing, user_dirs  # noqa: F401


@pytest.fixture(scope="session")
def soft_key() -> samples.SoftKey:
    return samples.SoftKey.create("测试签章人")


@pytest.fixture(scope="session")
def interop_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Input]:
    return make_inputs(tmp_path_factory.mktemp("interop-inputs"))


@pytest.fixture(scope="session")
def interop_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("interop")
