"""Turn the PyInstaller one-folder bundle into the Linux artefacts, reproducibly.

    python3 packaging/linux/build.py --bundle build/package/dist/netca-client --out dist \
        --sbom-python build/tools-venv/bin/python --bundle-python build/package-venv/bin/python

Makes, from the bundle folder:
  dist/netca-client-VERSION-linux-x86_64.tar.gz   the folder, to unpack anywhere and run
  dist/netca-client_VERSION_amd64.deb              /usr/lib/netca-client + /usr/bin links,
                                                   desktop entry and icon; no maintainer scripts
  dist/netca-client-VERSION.cdx.json               the CycloneDX SBOM (also inside both)
  dist/SHA256SUMS                                  of the three above
Both archives carry SHA256SUMS (every file of the bundle) and sbom.cdx.json in the folder.

Reproducible: every time stamp is SOURCE_DATE_EPOCH (the Makefile passes the last commit's
time), owners are root, entries are sorted, modes normalised, gzip and xz headers fixed.
Standard library only, plus dpkg-deb, dpkg-query and readelf (binutils).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APP = "netca-client"
#: the names the one executable answers to (packaging/pyinstaller/launcher.py)
ALIASES = ("netca", "netca-vkey")
#: glibc's libraries come with any system; everything else the bundle leaves out is a Depends
ELF_MAGIC = b"\x7fELF"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "package" / "stage")
    parser.add_argument("--sbom-python", required=True, help="python of the SBOM tool's venv")
    parser.add_argument("--bundle-python", required=True, help="python the bundle was built with")
    args = parser.parse_args(argv)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or _last_commit_time())
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    bundle: Path = args.bundle
    for alias in ALIASES:
        link = bundle / alias
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(APP)
    depends = debian_depends(bundle)
    sbom = make_sbom(
        bundle,
        version=version,
        sbom_python=args.sbom_python,
        bundle_python=args.bundle_python,
        depends=depends,
        epoch=epoch,
    )
    (bundle / "sbom.cdx.json").write_text(sbom, encoding="utf-8")
    write_sums(bundle)
    normalise(bundle, epoch)
    args.out.mkdir(parents=True, exist_ok=True)
    tarball = args.out / f"{APP}-{version}-linux-x86_64.tar.gz"
    write_tarball(bundle, tarball, top=f"{APP}-{version}", epoch=epoch)
    deb = args.out / f"{APP}_{version}_amd64.deb"
    write_deb(bundle, deb, work=args.work, version=version, depends=depends, epoch=epoch)
    sbom_file = args.out / f"{APP}-{version}.cdx.json"
    sbom_file.write_text(sbom, encoding="utf-8")
    artefacts = (tarball, deb, sbom_file)
    (args.out / "SHA256SUMS").write_text(
        "".join(f"{_sha256(p)}  {p.name}\n" for p in artefacts), encoding="utf-8"
    )
    for path in artefacts:
        print(f"{path} {path.stat().st_size / 2**20:.1f} MiB")
    print(f"bundle {_tree_size(bundle) / 2**20:.1f} MiB unpacked ({bundle})")
    return 0


def _last_commit_time() -> str:
    done = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    """Every file and link under root, sorted by path (directories not included)."""
    found = [p for p in root.rglob("*") if p.is_symlink() or p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in _files(root) if not p.is_symlink())


# --- what the system must provide ------------------------------------------------------------


def _elf_files(root: Path) -> list[Path]:
    out = []
    for path in _files(root):
        if path.is_symlink():
            continue
        with open(path, "rb") as handle:
            if handle.read(4) == ELF_MAGIC:
                out.append(path)
    return out


def _needed(path: Path) -> list[str]:
    done = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


def _ldconfig() -> dict[str, str]:
    """soname -> path of the x86-64 libraries the dynamic linker knows."""
    done = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True)
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if match and "x86-64" in match.group(2):
            found.setdefault(match.group(1), match.group(3))
    return found


def debian_depends(bundle: Path) -> list[str]:
    """The Debian packages holding every library the bundle's programs need but do not carry."""
    inside = {p.name for p in _files(bundle)}
    known = _ldconfig()
    missing: dict[str, list[str]] = {}
    for elf in _elf_files(bundle):
        for soname in _needed(elf):
            if soname not in inside:
                missing.setdefault(soname, []).append(str(elf.relative_to(bundle)))
    packages: set[str] = set()
    unknown = []
    for soname, users in sorted(missing.items()):
        path = known.get(soname)
        if path is None:
            unknown.append(f"{soname} (needed by {users[0]})")
            continue
        packages.add(_owner(path))
    if unknown:
        raise SystemExit(
            "libraries the bundle needs are neither in it nor on this system "
            "(run `make sysdeps`): " + ", ".join(unknown)
        )
    return sorted(packages)


def _owner(path: str) -> str:
    real = os.path.realpath(path)
    for candidate in (path, real, real.replace("/usr/lib/", "/lib/", 1)):
        done = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            package = done.stdout.split(":", 1)[0].split(",")[0].strip()
            return package
    raise SystemExit(f"no Debian package holds {path}")


# --- SBOM ------------------------------------------------------------------------------------


def _names(lock: Path) -> set[str]:
    text = lock.read_text(encoding="utf-8")
    return {m.lower() for m in re.findall(r"^([A-Za-z0-9_.\-]+)==", text, re.MULTILINE)}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def make_sbom(
    bundle: Path,
    *,
    version: str,
    sbom_python: str,
    bundle_python: str,
    depends: list[str],
    epoch: int,
) -> str:
    """CycloneDX 1.6 JSON of what the bundle carries: the Python packages installed in the
    build environment, less the build tools, plus CPython, the PyInstaller bootloader and the
    virtual key module; the Debian packages it needs are listed as properties."""
    done = subprocess.run(
        [
            sbom_python,
            "-m",
            "cyclonedx_py",
            "environment",
            "--pyproject",
            str(REPO / "pyproject.toml"),
            "--output-reproducible",
            "--sv",
            "1.6",
            "--of",
            "JSON",
            "--mc-type",
            "application",
            bundle_python,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
    )
    document = json.loads(done.stdout)
    shipped = {_canonical(n) for n in _names(REPO / "packaging" / "requirements-bundle.txt")}
    shipped |= {"netca-client", "pyinstaller"}  # our own; the bootloader is in the executable
    components = [
        c for c in document.get("components", []) if _canonical(c.get("name", "")) in shipped
    ]
    kept_refs = {c.get("bom-ref") for c in components}
    python_version = subprocess.run(
        [bundle_python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    components.append(
        {
            "type": "application",
            "bom-ref": "cpython",
            "name": "CPython",
            "version": python_version,
            "licenses": [{"license": {"id": "PSF-2.0"}}],
            "purl": f"pkg:generic/cpython@{python_version}",
            "description": "the Python interpreter and standard library carried by the bundle",
        }
    )
    components.append(
        {
            "type": "library",
            "bom-ref": "netca-vkey-module",
            "name": "libnetca-vkey",
            "version": version,
            "licenses": [{"license": {"id": "Apache-2.0"}}],
            "description": "the virtual USB key PKCS#11 module (drivers/vkey), for development",
        }
    )
    components.sort(key=lambda c: (c.get("name", "").lower(), c.get("version", "")))
    document["components"] = components
    document["dependencies"] = [
        {**d, "dependsOn": [r for r in d.get("dependsOn", []) if r in kept_refs]}
        for d in document.get("dependencies", [])
        if d.get("ref") in kept_refs
        or d.get("ref") == document["metadata"]["component"].get("bom-ref")
    ]
    # cyclonedx-py stamps the time of day unless SOURCE_DATE_EPOCH is set: the build's epoch
    document["metadata"]["timestamp"] = dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat()
    document["metadata"]["properties"] = [
        {"name": "netca:debian-depends", "value": ", ".join(depends)},
        {"name": "netca:bundle", "value": "PyInstaller one-folder, Linux x86-64"},
    ]
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# --- the archives ----------------------------------------------------------------------------


def write_sums(bundle: Path) -> None:
    """SHA256SUMS of every regular file of the bundle (itself excluded), `sha256sum -c` style."""
    target = bundle / "SHA256SUMS"
    if target.exists():
        target.unlink()
    lines = [
        f"{_sha256(p)}  {p.relative_to(bundle).as_posix()}\n"
        for p in _files(bundle)
        if not p.is_symlink()
    ]
    target.write_text("".join(lines), encoding="utf-8")


def _mode(path: Path) -> int:
    if path.is_dir():
        return 0o755
    with open(path, "rb") as handle:
        executable = handle.read(4) == ELF_MAGIC or os.access(path, os.X_OK)
    return 0o755 if executable else 0o644


def normalise(root: Path, epoch: int) -> None:
    """Modes 0755/0644 and every time stamp set to epoch (links too)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if not path.is_symlink():
            path.chmod(_mode(path))
        os.utime(path, (epoch, epoch), follow_symlinks=False)
    root.chmod(0o755)
    os.utime(root, (epoch, epoch))


def _add_tree(tar: tarfile.TarFile, root: Path, prefix: str, epoch: int) -> None:
    entries = sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix())
    for path in [root, *entries]:
        rel = path.relative_to(root).as_posix()
        name = prefix if rel == "." else f"{prefix}/{rel}"
        info = tar.gettarinfo(str(path), arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mtime = epoch
        if info.isreg():
            info.mode = _mode(path)
            with open(path, "rb") as handle:
                tar.addfile(info, handle)
        else:
            if info.isdir():
                info.mode = 0o755
            tar.addfile(info)


def write_tarball(bundle: Path, target: Path, *, top: str, epoch: int) -> None:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        _add_tree(tar, bundle, top, epoch)
    # gzip's header holds a time and a file name: fixed, so two builds are byte-identical
    with (
        open(target, "wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=epoch, compresslevel=6) as z,
    ):
        z.write(raw.getvalue())


def write_deb(
    bundle: Path, target: Path, *, work: Path, version: str, depends: list[str], epoch: int
) -> None:
    if work.exists():
        shutil.rmtree(work)
    root = work / "deb"
    lib = root / "usr" / "lib" / APP
    lib.parent.mkdir(parents=True)
    shutil.copytree(bundle, lib, symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for name in (APP, *ALIASES):
        (bin_dir / name).symlink_to(f"../lib/{APP}/{name}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(REPO / "resources" / "linux" / f"{APP}.desktop", share / "applications")
    icons = share / "icons" / "hicolor"
    (icons / "256x256" / "apps").mkdir(parents=True)
    shutil.copy(
        REPO / "resources" / "icons" / f"{APP}-256.png", icons / "256x256" / "apps" / f"{APP}.png"
    )
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(REPO / "resources" / "icons" / f"{APP}.svg", icons / "scalable" / "apps")
    doc = share / "doc" / APP
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    installed_kib = (_tree_size(root) + 1023) // 1024
    (control_dir / "control").write_text(
        _control(version=version, depends=depends, installed_kib=installed_kib), encoding="utf-8"
    )
    sums = [
        f"{hashlib.md5(p.read_bytes(), usedforsecurity=False).hexdigest()}  "
        f"{p.relative_to(root).as_posix()}\n"
        for p in _files(root)
        if not p.is_symlink() and p.relative_to(root).parts[0] != "DEBIAN"
    ]
    (control_dir / "md5sums").write_text("".join(sums), encoding="utf-8")
    normalise(root, epoch)
    for path in (control_dir / "control", control_dir / "md5sums"):
        path.chmod(0o644)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    # zstd (level 9: ~7 s, ~80 MiB) by default; NETCA_DEB_COMPRESSION=xz for the smallest
    # package (~63 MiB) at a few minutes of build. Debian 12 and Ubuntu 22.04 read both.
    compression = os.environ.get("NETCA_DEB_COMPRESSION", "zstd")
    level = {"zstd": "9", "xz": "6", "gzip": "9"}[compression]
    subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            f"-Z{compression}",
            f"-z{level}",
            "--build",
            str(root),
            str(target),
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


def _control(*, version: str, depends: list[str], installed_kib: int) -> str:
    return (
        f"Package: {APP}\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        "Maintainer: netca-client developers <netca-client@users.noreply.github.com>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Suggests: softhsm2, opensc-pkcs11\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Description: security client for Chinese CA USB keys (UKey)\n"
        " Sees every key of every PKCS#11 driver, shows certificates and electronic seals,\n"
        " tells PIN tries left, activates keys, unlocks PINs by SMS code and stamps PDFs.\n"
        " Desktop client (netca-client), command line (netca) and the virtual key tool for\n"
        " development (netca-vkey, needs softhsm2). Python is carried inside the package.\n"
    )


def _copyright() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {APP}\n\n"
        "Files: *\n"
        "License: Apache-2.0\n"
        " On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.\n"
        " The components carried in /usr/lib/netca-client (CPython, Qt for Python,\n"
        " cryptography, pyHanko, PDFium and the rest) are listed with their licences in\n"
        " /usr/lib/netca-client/sbom.cdx.json (CycloneDX).\n"
    )


if __name__ == "__main__":
    sys.exit(main())
