"""Pictures of the web login dialogs (consent, PIN) for docs/, in Chinese and English.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots_web.py [--out docs/screenshots]
The dialogs are the client's own, filled as a procurement site's login would fill them; the
certificate is made here (a throwaway CA), so no key is needed.
tests/web/test_web_login_browser.py takes the same dialogs from a real login
(NETCA_SCREENSHOTS=dir).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from netca_client.core.certs import summarize  # noqa: E402
from netca_client.core.token import KeyRef, PinStatus, PinStatusSource  # noqa: E402
from netca_client.core.weblogin.cms import login_statement  # noqa: E402
from netca_client.gui.dialogs.web_consent import WebConsentDialog  # noqa: E402
from netca_client.gui.dialogs.web_sign import WebSignDialog  # noqa: E402
from netca_client.gui.i18n import install_translator  # noqa: E402
from netca_client.gui.style import apply_style  # noqa: E402
from netca_client.web.host import SignPrompt  # noqa: E402

ORIGIN = "https://zcy.example.gov.cn"
CHALLENGE = "q3N9xV2c7LkT0pR8yWbE1uJ4mZ6aH5sD"


def _certificate() -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "网证通示例 CA Issuing CA")])
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "张三"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "广州示例科技有限公司"),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(0x6F4AD130A87CBCCF9C9570E747A8963E)
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=700))
        .sign(ca_key, hashes.SHA256())
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    apply_style(app)
    summary = summarize(_certificate(), key_id="01")
    key = KeyRef(slot_id=0, serial="d5d6a38294295967", label="张三", manufacturer="", model="")
    statement = login_statement(origin=ORIGIN, challenge=CHALLENGE)
    prompt = SignPrompt(
        origin=ORIGIN,
        key=key,
        certificate=summary,
        kind="login",
        text=statement.decode(),
        digest=hashlib.sha256(statement).hexdigest(),
    )
    status = PinStatus(
        tries_left=10, max_tries=10, count_low=False, final_try=False, locked=False,
        to_be_changed=False, so_tries_left=None, so_max_tries=None, so_count_low=False,
        so_final_try=False, so_locked=False, source=PinStatusSource.VENDOR,
    )  # fmt: skip
    for language in ("en", "zh_CN"):  # English first: Qt's own zh_CN texts stay loaded
        translator = install_translator(app, language)
        for name, dialog in (
            ("web-consent", WebConsentDialog(ORIGIN)),
            ("web-pin", WebSignDialog(prompt, status=status)),
        ):
            dialog.show()
            for _ in range(5):
                app.processEvents()
            dialog.grab().save(str(out / f"{name}-{language}.png"))
            dialog.close()
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main())
