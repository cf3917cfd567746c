"""What the three platforms' bundles share: the Analysis of the launcher and the trimming rules.

Imported by netca-linux.spec, netca-windows.spec and netca-macos.spec (PyInstaller runs a spec
file as Python, with the spec's folder as SPECPATH). Everything platform-specific is a
parameter here, so the three specs stay short and cannot drift apart.

One-folder bundles only: a one-file build unpacks itself on every start, too slow for a tray
program that starts at login.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from PyInstaller.building.build_main import Analysis
from PyInstaller.utils.hooks import collect_submodules, copy_metadata

#: our packages in the client bundle (the RA, vkey and the demo are not shipped)
SHIPPED = ("netca_client", "netca_protocol", "netca_seal", "netca_gm")

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION: str = PROJECT["version"]
APP = "netca-client"

#: Modules that must never be in a bundle: the RA and the demo (installed separately, the RA
#: as its own wheel), the tests, development tools, and Qt modules the client never imports.
EXCLUDES = [
    # ours, not shipped in the client
    "netca_ra",
    "netca_demo",
    "tests",
    # development and test tools (not installed in the build environment either)
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "selenium",
    "mypy",
    "ruff",
    "importlinter",
    "reportlab",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "wheel",
    "packaging",
    "altgraph",
    "pip",
    "chardet",
    "PyInstaller",
    "cyclonedx",
    "cyclonedx_py",
    # standard library parts nothing of ours uses
    "tkinter",
    "idlelib",
    "lib2to3",
    "ensurepip",
    "venv",
    "pydoc_data",
    # Qt: the client uses QtCore, QtGui, QtWidgets and QtNetwork (QLocalServer) only
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtConcurrent",
    "PySide6.QtStateMachine",
    "PySide6.QtGraphs",
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
    "PySide6.QtNetworkAuth",
    "PySide6.QtConcurrent",
    "PySide6.scripts",
    "PySide6.support",
]

#: Qt plugins kept, per platform and plugin folder; every other plugin is dropped.
QT_PLUGINS: dict[str, dict[str, tuple[str, ...]]] = {
    "linux": {
        "platforms": (
            "libqxcb.so",
            "libqwayland.so",
            "libqwayland-generic.so",
            "libqwayland-egl.so",
            "libqoffscreen.so",
        ),
        "xcbglintegrations": ("libqxcb-glx-integration.so", "libqxcb-egl-integration.so"),
        "wayland-shell-integration": ("libxdg-shell.so",),
        "wayland-decoration-client": ("libbradient.so",),
        "wayland-graphics-integration-client": ("libqt-plugin-wayland-egl.so",),
        # Chinese input methods (IBus; fcitx speaks IBus too) and compose keys
        "platforminputcontexts": (
            "libibusplatforminputcontextplugin.so",
            "libcomposeplatforminputcontextplugin.so",
        ),
        "platformthemes": ("libqxdgdesktopportal.so",),
        "imageformats": ("libqjpeg.so", "libqgif.so", "libqico.so"),
    },
    "windows": {
        "platforms": ("qwindows.dll", "qoffscreen.dll"),
        "styles": ("qmodernwindowsstyle.dll",),
        "imageformats": ("qjpeg.dll", "qgif.dll", "qico.dll"),
    },
    "macos": {
        "platforms": ("libqcocoa.dylib", "libqoffscreen.dylib"),
        "styles": ("libqmacstyle.dylib",),
        "imageformats": ("libqjpeg.dylib", "libqgif.dylib", "libqico.dylib"),
    },
}

#: Qt's own translations kept: the client loads qtbase_<language>.qm, and English is built in.
QT_TRANSLATIONS = ("qtbase_zh_CN.qm",)

#: Qt libraries that only the dropped plugins and modules need (matched in the file name).
QT_LIBRARIES_DROPPED = (
    "Qt6Quick",
    "Qt6Qml",
    "Qt6Pdf",
    "Qt6WebEngine",
    "Qt6WebChannel",
    "Qt6WebSockets",
    "Qt6Svg",
    "Qt6Sql",
    "Qt6Test",
    "Qt6Designer",
    "Qt6Help",
    "Qt6Multimedia",
    "Qt6ShaderTools",
    "Qt6VirtualKeyboard",
    "Qt6Positioning",
    "Qt6Charts",
    "Qt6Graphs",
    "Qt6EglFS",
    "Qt6EglFs",
    "Qt6PrintSupport",
    "Qt6OpenGLWidgets",
    "Qt6Concurrent",
    "QtQuick",
    "QtQml",
    "QtPdf",
    "QtWebEngine",
    "QtSvg",
    "QtVirtualKeyboard",
)


def analysis(os_name: str, *, binaries: Iterable[tuple[str, str]] = ()) -> Analysis:
    """The one Analysis every executable of the bundle is made from, already trimmed."""
    datas = [
        (str(REPO / "drivers" / "models.toml"), "drivers"),
        *_translations(),
        *[
            (str(p), "resources/trust")
            for p in sorted((REPO / "resources" / "trust").glob("*.pem"))
        ],
        *copy_metadata("netca-client"),
    ]
    update_source = os.environ.get("NETCA_BUNDLE_UPDATE_SOURCE")
    if update_source:
        # The release pipeline's update source (manifest URL and signing key), see packaging.md.
        datas.append((update_source, "resources"))
    a = Analysis(
        [str(HERE / "launcher.py")],
        pathex=[],
        binaries=list(binaries),
        datas=datas,
        # The CLI loads each command's module on use, and netca_protocol, netca_seal and
        # core.token their names on first use (importlib, which the analysis cannot follow):
        # name every module of ours the client ships.
        hiddenimports=[module for package in SHIPPED for module in collect_submodules(package)],
        hookspath=[],
        hooksconfig={},
        runtime_hooks=[str(HERE / "rthook_netca.py")],
        excludes=EXCLUDES,
        noarchive=False,
        optimize=0,
    )
    a.binaries = trim(a.binaries, os_name)
    a.datas = trim(a.datas, os_name)
    return a


def _translations() -> list[tuple[str, str]]:
    found = sorted((REPO / "resources" / "translations").glob("*.qm"))
    if not found:
        raise SystemExit("no .qm translations: run `make translations` first")
    return [(str(p), "resources/translations") for p in found]


#: Linux: libraries found in the system's own folders are not copied into the bundle; the .deb
#: depends on the Debian packages that hold them (packaging/linux/build.py asks dpkg which),
#: so the X11, fontconfig, D-Bus and OpenSSL of the machine are used, with its security
#: updates. libpython is the exception: the bundle carries its own Python.
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def system_library(src: str, os_name: str) -> bool:
    """A shared library of the Linux system (not of a wheel, not libpython)."""
    if os_name != "linux" or not src:
        return False
    real = os.path.realpath(src)
    name = os.path.basename(real)
    return real.startswith(SYSTEM_LIBRARY_DIRS) and not name.startswith("libpython")


def keep(dest: str, os_name: str) -> bool:
    """Whether a file the analysis collected stays in the bundle (by its path in the bundle)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts:
        return True
    if parts[0] == "PySide6" and "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) > i + 2:
            folder, name = parts[i + 1], parts[-1]
            return name in QT_PLUGINS[os_name].get(folder, ())
    if parts[0] == "PySide6" and "translations" in parts:
        return parts[-1] in QT_TRANSLATIONS
    if any(lib in parts[-1] for lib in QT_LIBRARIES_DROPPED):
        return False
    # test folders some wheels ship inside their package
    return not any(p in ("tests", "test", "testing") for p in parts[:-1])


def trim(toc: list[tuple[str, str, str]], os_name: str) -> list[tuple[str, str, str]]:
    files = [
        (dest, src, kind)
        for dest, src, kind in toc
        if kind != "SYMLINK" and not system_library(src, os_name) and keep(dest, os_name)
    ]
    kept = {PurePosixPath(dest) for dest, _, _ in files}
    # PyInstaller links some libraries into the top folder: a link stays with its target
    links = [
        (dest, src, kind)
        for dest, src, kind in toc
        if kind == "SYMLINK" and PurePosixPath(dest).parent / src in kept
    ]
    return files + links
