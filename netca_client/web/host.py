"""What the bridge asks of the desktop client: consent, the PIN (in the client's own dialog),
opening a page. The GUI implements BridgeHost (gui/web_bridge.py).

The bridge calls these methods on its own thread; each returns a Future the host completes
from its thread (the GUI's) once the user has answered. The host never blocks the bridge.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from netca_client.core.errors import NetcaError
from netca_client.core.token import KeyRef, PinStatus
from netca_client.core.weblogin.origins import ConsentAnswer

if TYPE_CHECKING:
    from netca_client.core.certs import CertificateSummary


@dataclass(frozen=True)
class SignPrompt:
    """What the PIN dialog shows: who asks, with which certificate, to sign what."""

    origin: str
    key: KeyRef
    certificate: CertificateSummary
    #: "login" or "data"
    kind: str
    #: login: the statement; data: the site's description
    text: str
    #: SHA-256 of what is signed, hex
    digest: str


@dataclass(frozen=True)
class PinAnswer:
    pin: str
    #: the user confirmed spending the final try
    final_try: bool


class BridgeHost(Protocol):
    def ask_consent(self, origin: str) -> Future[ConsentAnswer]:
        """Ask whether ``origin`` may use the key; one dialog per origin at a time."""
        ...

    def ask_pin(
        self, prompt: SignPrompt, *, status: PinStatus | None, error: NetcaError | None
    ) -> Future[PinAnswer | None]:
        """The PIN for this signature, None when the user cancels (or the key goes);
        ``error`` is why the last PIN did not do (wrong, say), shown in the dialog."""
        ...

    def open_page(self, page: str, key: KeyRef) -> Future[bool]:
        """Open the client's ``page`` for ``key``; False when the client has no such page."""
        ...

    def key_used(self, key: KeyRef) -> None:
        """A signature spent (or tried) a PIN: the client re-reads the key's state."""
        ...
