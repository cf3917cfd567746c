"""Start-up stays light: the window and the CLI do not import the PDF stack until it is used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyhanko", "pypdfium2", "aiohttp", "pdfminer", "fastapi", "sqlalchemy", "netca_ra")


def _loaded_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_heavy_modules_are_importable_here() -> None:
    # Otherwise the tests below would pass for the wrong reason.
    assert {"pyhanko", "fastapi"} <= set(_loaded_after("import pyhanko.sign, fastapi"))


def test_main_window_does_not_import_heavy_modules() -> None:
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from netca_client.core.config import ClientConfig\n"
        "from netca_client.gui.key_service import KeyService\n"
        "from netca_client.gui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(KeyService(None), ClientConfig())\n"
        "window.show()\n"
    )
    assert _loaded_after(code) == []


def test_cli_does_not_import_heavy_modules() -> None:
    assert _loaded_after("import netca_client.cli.main") == []


#: what `netca keys` has no use for: the RA client and its HTTP stack, pydantic (the wire
#: models), the OS keyring, the workflows
NOT_FOR_KEYS = ("pydantic", "requests", "keyring", "netca_client.core.ra",
                "netca_client.core.workflows", "netca_protocol.models",
                # nor X.509 parsing, the seal format, Pillow or the SM2 bindings: listing keys
                # reads labels, serials and PIN flags (issue 16)
                "cryptography", "PIL", "netca_seal.check", "netca_seal.model", "netca_gm",
                "netca_client.core.certs", "netca_client.core.seals")  # fmt: skip


def test_netca_keys_loads_only_the_key_layer() -> None:
    """`netca keys` imports the main group, the context, the keys command and the error
    texts, and none of what other commands need (they are loaded when they run); opening a
    key session is covered too (its modules are imported)."""
    code = (
        "from netca_client.cli.main import main\n"
        "import click, sys\n"
        "ctx = click.Context(main)\n"
        "assert main.get_command(ctx, 'keys') is not None\n"
        "import netca_client.cli.context, netca_client.cli.errors, netca_client.cli.keys\n"
        "import netca_client.core.token.session, netca_client.core.key_snapshot\n"
        f"print(__import__('json').dumps([m for m in {NOT_FOR_KEYS!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
        env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


#: what the window needs only once a job or a wizard runs (the journal it reads is light)
NOT_FOR_THE_WINDOW = ("pydantic", "requests", "keyring", "netca_client.core.ra",
                      "netca_protocol.models", "netca_client.core.workflows.key_requests",
                      "netca_client.core.workflows.renewals",
                      "netca_client.core.workflows.provision",
                      "netca_client.core.workflows.seal_jobs", "netca_protocol.seals",
                      # X.509, the seal format and Pillow load with the first snapshot, on the
                      # key service's thread, after the window is shown
                      "cryptography", "PIL", "netca_seal.check", "netca_gm",
                      "netca_client.core.certs", "netca_client.core.seals",
                      # pkcs11 loads with the key service, the diagnostics when asked for
                      "pkcs11", "netca_client.core.diagnostics")  # fmt: skip


def test_main_window_shows_without_the_ra_client_pydantic_keyring_or_workflows() -> None:
    """The window and its key list first; the wizards, the RA client (requests, pydantic),
    keyring and the workflows load when a job or a wizard first needs them (issue 16: ~0.9 s
    of a loaded machine's start-up)."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from netca_client.core.config import ClientConfig\n"
        "from netca_client.gui.key_service import KeyService\n"
        "from netca_client.gui.main_window import MainWindow\n"
        "import sys\n"
        "app = QApplication([])\n"
        "window = MainWindow(KeyService(None), ClientConfig())\n"
        "window.show()\n"
        "app.processEvents()\n"
        f"print(__import__('json').dumps([m for m in {NOT_FOR_THE_WINDOW!r}"
        " if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_lazy_packages_export_every_name_from_its_module() -> None:
    """core.token and netca_seal import their names on first use (issue 16): each name of
    __all__ has a module, resolves, and is that module's own object."""
    import importlib

    import netca_client.core.token as token
    import netca_seal

    for package in (token, netca_seal):
        modules = package._MODULES  # type: ignore[attr-defined]
        assert set(modules) == set(package.__all__), package.__name__
        for name in package.__all__:
            where = modules[name]
            module, attribute = where if isinstance(where, tuple) else (where, name)
            assert getattr(package, name) is getattr(importlib.import_module(module), attribute)
