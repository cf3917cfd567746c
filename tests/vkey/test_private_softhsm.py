"""vkey's SoftHSM2 stays apart from a SoftHSM2 the same process loads as a module of its own:
each keeps its configuration and tokens, vkey's keys keep their lockout and are never
listed a second time without it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.softhsm import SoftHsm
from tests.vkey.conftest import Cli, run_python

# Runs in a fresh process: this one's SoftHSM2 has been initialised by other tests.
_SCRIPT = """
import json, os, sys
from netca_client.core.errors import PinIncorrect
from netca_client.core.token import TokenLibrary

modules = sys.argv[1:] or None
conf_before = os.environ["SOFTHSM2_CONF"]
library = TokenLibrary.load(modules)
keys = library.keys()
out = {"keys": [[k.label, k.manufacturer, os.path.basename(k.module)] for k in keys]}
vkey = next(k for k in keys if k.manufacturer == "netca-vkey")
with library.open(vkey) as session:
    for _ in range(3):
        try:
            session.login("Wrong-Pin-0")
        except PinIncorrect as exc:
            out["tries_left"] = exc.tries_left
out["failures"] = [f.reason for f in library.failures]
out["conf_kept"] = os.environ["SOFTHSM2_CONF"] == conf_before
library.close()
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SoftHsm:
    """A SoftHSM2 world of its own with one token, SOFTHSM2_CONF pointing at it."""
    hsm = SoftHsm.create(tmp_path / "outside")
    hsm.init_token("外部", pin="Pin-12345678", so_pin="So-Pin-12345678")
    monkeypatch.setenv("SOFTHSM2_CONF", str(hsm.conf))
    monkeypatch.delenv("NETCA_PKCS11_MODULE", raising=False)
    return hsm


@pytest.mark.parametrize("softhsm_first", [True, False], ids=["softhsm-first", "vkey-first"])
def test_softhsm2_as_a_module_and_vkey_keep_their_own_tokens_in_one_process(
    vkey: Cli, vkey_module: str, outside: SoftHsm, softhsm_first: bool
) -> None:
    vkey("create", "--label", "甲")
    order = [outside.module, vkey_module] if softhsm_first else [vkey_module, outside.module]
    out = json.loads(run_python(_SCRIPT, *order).stdout)
    listed = sorted(map(tuple, out["keys"]))
    assert listed == [
        ("外部", "SoftHSM project", "libsofthsm2.so"),
        ("甲", "netca-vkey", "libnetca-vkey.so"),
    ]
    assert out["tries_left"] == 7  # vkey's lockout counts, through its own SoftHSM2
    assert out["failures"] == []
    assert out["conf_kept"] is True


def test_vkeys_tokens_seen_through_plain_softhsm2_are_listed_once_through_vkey(
    vkey: Cli, vkey_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    vkey("create", "--label", "甲")
    # SoftHSM2 loaded directly, pointed at vkey's own token directory: the same token twice.
    monkeypatch.setenv("SOFTHSM2_CONF", str(vkey_dir / "softhsm2.conf"))
    monkeypatch.setenv("NETCA_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("NETCA_PKCS11_MODULE", raising=False)
    out = json.loads(run_python(_SCRIPT).stdout)
    assert [k for k in out["keys"] if k[0] == "甲"] == [["甲", "netca-vkey", "libnetca-vkey.so"]]
    assert out["tries_left"] == 7
