"""Fresh SoftHSM2 token worlds for tests, filled with OpenSC's pkcs11-tool (not our own code)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)


def softhsm_module() -> str:
    for path in SOFTHSM_MODULES:
        if Path(path).is_file():
            return path
    raise RuntimeError("SoftHSM2 is not installed: run `make sysdeps`")


@dataclass
class SoftHsm:
    """One SoftHSM2 configuration with its own token directory."""

    root: Path
    module: str

    @property
    def conf(self) -> Path:
        return self.root / "softhsm2.conf"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf), "NETCA_PKCS11_MODULE": self.module}

    @classmethod
    def create(cls, root: Path) -> SoftHsm:
        tokens = root / "tokens"
        tokens.mkdir(parents=True)
        hsm = cls(root, softhsm_module())
        hsm.conf.write_text(
            f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
        )
        return hsm

    def run(self, *args: str, stdin: bytes | None = None) -> str:
        done = subprocess.run(
            args, env=self.env, input=stdin, capture_output=True, check=False, timeout=60
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.decode()} {done.stdout.decode()}")
        return done.stdout.decode()

    def init_token(self, label: str, *, pin: str, so_pin: str) -> str:
        """Initialise a token and return its serial."""
        self.run(
            "softhsm2-util", "--init-token", "--free", "--label", label,
            "--pin", pin, "--so-pin", so_pin,
        )  # fmt: skip
        out = self.run("softhsm2-util", "--show-slots")
        blocks = out.split("Slot ")
        for block in blocks:
            if f"Label:            {label}" in block or f"Label: {label}" in block:
                for line in block.splitlines():
                    if line.strip().startswith("Serial number:"):
                        return line.split(":", 1)[1].strip()
        raise RuntimeError(f"token {label} not found after init:\n{out}")

    def delete_token(self, label: str) -> None:
        self.run("softhsm2-util", "--delete-token", "--token", label)

    def tool(self, label: str, *args: str, pin: str | None = None) -> str:
        base = ["pkcs11-tool", "--module", self.module, "--token-label", label]
        if pin is not None:
            base += ["--login", "--pin", pin]
        return self.run(*base, *args)

    def generate_key_pair(self, label: str, *, pin: str, key_type: str, key_id: str) -> bytes:
        """Generate on the token; return the public key as DER SubjectPublicKeyInfo."""
        self.tool(label, "--keypairgen", "--key-type", key_type, "--id", key_id,
                  "--label", f"key-{key_id}", pin=pin)  # fmt: skip
        out = self.root / f"pub-{label}-{key_id}.der"
        self.tool(label, "--read-object", "--type", "pubkey", "--id", key_id, "-o", str(out))
        return out.read_bytes()

    def write_certificate(self, label: str, der: bytes, *, pin: str, key_id: str) -> None:
        path = self.root / f"cert-{label}-{key_id}.der"
        path.write_bytes(der)
        self.tool(label, "--write-object", str(path), "--type", "cert", "--id", key_id,
                  "--label", f"cert-{key_id}", pin=pin)  # fmt: skip

    def write_data(self, label: str, data: bytes, *, pin: str, name: str, application: str) -> None:
        path = self.root / f"data-{label}-{len(data)}.bin"
        path.write_bytes(data)
        self.tool(label, "--write-object", str(path), "--type", "data", "--label", name,
                  "--application-label", application, pin=pin)  # fmt: skip
