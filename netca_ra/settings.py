"""RA settings from the environment (``NETCA_RA_*``) and the data directory's secret files."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev", "placeholder"})
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name
#: the master secret every key's SO PIN is derived from; never the web secret_key, so that
#: rotating that one cannot brick keys in the field
SO_PIN_MASTER_FILE = "so_pin_master"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("netca-ra", appauthor=False))


def write_secret_file(path: Path, value: str) -> None:
    """Create ``path`` readable by its owner only (0600); never overwrite an existing secret."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


class RaSettings(BaseSettings):
    """Everything the RA process needs; nothing here may differ between processes of one RA."""

    model_config = SettingsConfigDict(env_prefix="NETCA_RA_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    dev_mode: bool = False
    database_url: str = ""
    secret_key: SecretStr = SecretStr("")
    public_base_url: str = "http://127.0.0.1:8600"
    order_prefix: str = Field(default="00", pattern=r"^[0-9]{2}$")
    sms_http_url: str = ""
    sms_http_template: str = '{"phone": "{phone}", "text": "{text}"}'
    sms_per_phone_per_hour: int = 5
    sms_per_order_per_hour: int = 3
    otp_ttl_seconds: int = 300
    so_pin_master: SecretStr = SecretStr("")
    #: one-time codes per key per day (activation and unlock requests together)
    key_codes_per_day: int = 10
    session_ttl_seconds: int = 8 * 3600

    # Limits (docs/ra-deploy.md, "What the RA promises"). Each is a fixed-window counter in
    # the database, so it holds across every process of the RA. A client is its IP address
    # (an IPv6 client its /64), as uvicorn sees it behind a trusted proxy.
    #: new orders a client may open per hour, and all clients together
    orders_per_client_per_hour: int = Field(default=30, ge=1)
    orders_per_hour: int = Field(default=1000, ge=1)
    #: SMS a client may cause per hour (order codes, key codes), and every SMS the RA sends
    sms_per_client_per_hour: int = Field(default=20, ge=1)
    sms_per_hour: int = Field(default=500, ge=1)
    #: activation and unlock requests per key per day, and per client per hour
    key_requests_per_key_per_day: int = Field(default=10, ge=1)
    key_requests_per_client_per_hour: int = Field(default=30, ge=1)
    #: unlock materials: bytes per request (10 files of 5 MB at most besides), per client per
    #: hour, and from everyone per hour
    material_bytes_per_request: int = Field(default=20 * 1024 * 1024, ge=1)
    material_bytes_per_client_per_hour: int = Field(default=50 * 1024 * 1024, ge=1)
    material_bytes_per_hour: int = Field(default=500 * 1024 * 1024, ge=1)
    #: failed staff sign-ins per 15 minutes: one user name from one client, one client for
    #: any names, and one user name from everywhere (the last one stops distributed guessing)
    failed_logins_per_user_and_client: int = Field(default=10, ge=1)
    failed_logins_per_client: int = Field(default=30, ge=1)
    failed_logins_per_user: int = Field(default=100, ge=1)
    #: orders and key requests shown on one page of a console queue
    queue_page_size: int = Field(default=50, ge=1, le=500)
    #: the CJK font of the seal application form: a path, or path#index in a collection
    #: (default: found through fontconfig or in the usual Windows/macOS places)
    form_font: str = ""
    #: where the CA key passphrase is, if not ``<data_dir>/ca/passphrase`` (e.g. a systemd
    #: credential under $CREDENTIALS_DIRECTORY, kept out of data-directory backups)
    ca_passphrase_file: Path | None = None
    simulated_payments: bool | None = None
    sms_outbox: bool | None = None

    @model_validator(mode="after")
    def _fill_from_data_dir(self) -> RaSettings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'ra.sqlite3'}"
        if not self.secret_key.get_secret_value():
            key_file = self.data_dir / SECRET_KEY_FILE
            if key_file.exists():
                self.secret_key = SecretStr(key_file.read_text(encoding="utf-8").strip())
        if not self.so_pin_master.get_secret_value():
            master_file = self.data_dir / SO_PIN_MASTER_FILE
            if master_file.exists():
                self.so_pin_master = SecretStr(master_file.read_text(encoding="utf-8").strip())
        if self.simulated_payments is None:
            self.simulated_payments = self.dev_mode
        if self.sms_outbox is None:
            self.sms_outbox = self.dev_mode or not self.sms_http_url
        return self

    def check_secrets(self) -> None:
        """Refuse placeholder secrets unless in dev mode (checked when the app is built)."""
        if self.dev_mode:
            return
        if self.secret_key.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "NETCA_RA_SECRET_KEY is missing or a placeholder; run `netca-ra init` "
                "or set a real secret (placeholders are accepted only with --dev)"
            )
        if self.sms_outbox and not self.sms_http_url:
            raise ValueError("production mode needs NETCA_RA_SMS_HTTP_URL (the outbox is dev-only)")
        if self.simulated_payments:
            raise ValueError("simulated payments are dev-only")
        if self.so_pin_master.get_secret_value() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "the SO PIN master secret (NETCA_RA_SO_PIN_MASTER or <data_dir>/so_pin_master) "
                "is missing or a placeholder; run `netca-ra init`"
            )

    @property
    def ca_dir(self) -> Path:
        return self.data_dir / "ca"

    @property
    def effective_secret(self) -> bytes:
        value = self.secret_key.get_secret_value()
        if value in PLACEHOLDER_SECRETS and not self.dev_mode:
            raise ValueError("no usable secret key")
        return (value or "dev-only-secret").encode("utf-8")

    def ensure_dev_so_pin_master(self) -> None:
        """Dev mode only: create ``<data_dir>/so_pin_master`` when there is none yet."""
        if not self.dev_mode or self.so_pin_master.get_secret_value():
            return
        master_file = self.data_dir / SO_PIN_MASTER_FILE
        if not master_file.exists():
            with contextlib.suppress(FileExistsError):  # another process made it first
                write_secret_file(master_file, generate_secret())
        self.so_pin_master = SecretStr(master_file.read_text(encoding="utf-8").strip())

    @property
    def so_pin_master_key(self) -> bytes:
        value = self.so_pin_master.get_secret_value()
        if value in PLACEHOLDER_SECRETS:
            raise ValueError("no usable SO PIN master secret")
        return value.encode("utf-8")
