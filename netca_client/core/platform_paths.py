"""What differs between Windows, macOS and Linux, in one place: where the client keeps its
files, how it starts at login, and how a running client is found by a second launch.

The PKCS#11 module names and search folders per OS live in drivers/models.toml and
core/token/registry.py; the keyring backend is chosen by `keyring` itself (Windows Credential
Manager, macOS Keychain, Secret Service on Linux; none on a headless box, see
core/secrets.py); tray and notifications are Qt's (gui/tray.py). Everything else that
depends on the OS is here. Any thread.
"""

from __future__ import annotations

import getpass
import hashlib
import importlib
import os
import plistlib
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from netca_client.core.config import APP_NAME, config_path

#: the value name in HKCU\\...\\Run; the Inno Setup script writes the same one
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
MACOS_AGENT_LABEL = "org.netca-client.autostart"
#: what the autostart entry passes: start with the window minimised
AUTOSTART_ARGUMENT = "--minimized"


def data_dir() -> Path:
    """Journals, trusted roots of the user, downloaded updates' folder parent."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def updates_dir() -> Path:
    """Where a downloaded update waits for the holder to open it."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "updates"


def bundled() -> bool:
    """Running from an installed bundle (PyInstaller), not from a Python environment."""
    return bool(getattr(sys, "frozen", False))


def launch_command() -> list[str]:
    """The command that starts this desktop client again (autostart entries use it)."""
    if bundled():
        return [os.path.realpath(sys.executable)]
    # not resolved: a virtual environment's python is a link, and its packages are its own
    return [sys.executable, "-m", "netca_client.gui.app"]


def instance_name() -> str:
    """The local socket a running client listens on: one per user and settings file, so the
    demo's profile and the holder's own are separate clients."""
    seed = f"{getpass.getuser()}\0{config_path().resolve()}"
    return f"{APP_NAME}-{hashlib.sha256(seed.encode()).hexdigest()[:16]}"


# --- autostart ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Autostart:
    """The per-user start-at-login entry of this platform. Nothing outside the user's own
    settings is touched: an XDG autostart file, a LaunchAgent, or a value in HKCU's Run key."""

    platform: str = sys.platform

    @property
    def location(self) -> str:
        if self.platform == "win32":
            return f"HKEY_CURRENT_USER\\{WINDOWS_RUN_KEY}\\{APP_NAME}"
        return str(self._file())

    def _file(self) -> Path:
        if self.platform == "darwin":
            return Path.home() / "Library" / "LaunchAgents" / f"{MACOS_AGENT_LABEL}.plist"
        config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(config_home) / "autostart" / f"{APP_NAME}.desktop"

    def enabled(self) -> bool:
        if self.platform == "win32":
            return self._windows_value() is not None
        return self._file().is_file()

    def enable(self, command: list[str] | None = None) -> None:
        command = [*(command or launch_command()), AUTOSTART_ARGUMENT]
        if self.platform == "win32":
            self._windows_set(subprocess_line(command))
            return
        path = self._file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin":
            data = plistlib.dumps(
                {"Label": MACOS_AGENT_LABEL, "ProgramArguments": command, "RunAtLoad": True}
            )
            path.write_bytes(data)
        else:
            path.write_text(desktop_entry(command), encoding="utf-8")

    def disable(self) -> None:
        if self.platform == "win32":
            self._windows_delete()
            return
        self._file().unlink(missing_ok=True)

    # Windows only: winreg exists only there.
    def _windows_value(self) -> str | None:
        registry = _winreg()
        try:
            with registry.OpenKey(registry.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
                return str(registry.QueryValueEx(key, APP_NAME)[0])
        except OSError:
            return None

    def _windows_set(self, line: str) -> None:
        registry = _winreg()
        with registry.CreateKey(registry.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
            registry.SetValueEx(key, APP_NAME, 0, registry.REG_SZ, line)

    def _windows_delete(self) -> None:
        registry = _winreg()
        try:
            with registry.OpenKey(
                registry.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, registry.KEY_SET_VALUE
            ) as key:
                registry.DeleteValue(key, APP_NAME)
        except OSError:
            pass


def _winreg() -> Any:
    return importlib.import_module("winreg")


def subprocess_line(command: list[str]) -> str:
    """A Windows command line: every argument quoted."""
    return " ".join(f'"{part}"' for part in command)


def desktop_entry(command: list[str]) -> str:
    """An XDG autostart .desktop file that runs ``command`` at login."""
    exec_line = " ".join(shlex.quote(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_NAME}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )
