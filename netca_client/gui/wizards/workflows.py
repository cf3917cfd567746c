"""The client's workflow objects for the wizards, built once per window from the settings.

KeyRequests, Provisioner and Renewals need the key service's TokenLibrary, which loads after the
window opens: they are built on first use. Every method here is cheap; the blocking calls
are the workflows' own, run on the pool through each window's JobBridge.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from netca_client.core.errors import DriverMissing
from netca_client.core.key_snapshot import KeySnapshot
from netca_client.core.token import KeyRef
from netca_client.core.workflows.journal import Journal, JournalEntry
from netca_client.gui.job_bridge import JobBridge, ignore_error
from netca_client.gui.key_service import KeyService

if TYPE_CHECKING:
    # Imported where first built: the RA client (requests, pydantic), keyring and the
    # workflows cost start-up time a window that only shows keys should not pay.
    from netca_client.core.ra.renewal_client import RenewalClient
    from netca_client.core.secrets import SecretStore
    from netca_client.core.token import TokenLibrary
    from netca_client.core.workflows.key_requests import KeyRequests
    from netca_client.core.workflows.provision import Provisioner
    from netca_client.core.workflows.renewals import Renewals
    from netca_client.core.workflows.seal_jobs import SealJobs
    from netca_client.core.workflows.staff import StaffSession, StaffSessions


class KeyWorkflows(QObject):
    """RA client, journal, secret store and staff sessions for one RA address."""

    staff_changed = Signal(object)  # StaffSession | None

    def __init__(
        self,
        service: KeyService,
        pool: ThreadPoolExecutor,
        *,
        ra_url: str,
        ca_bundle: str | None = None,
        journal: Journal | None = None,
        secrets: SecretStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.pool = pool
        self.ra_url = ra_url.rstrip("/")
        self._ca_bundle = ca_bundle
        self.journal = journal or Journal()
        self._secrets = secrets
        self._lock = threading.Lock()  # the lazy parts may be first asked for on two threads
        self._ra: RenewalClient | None = None
        self._staff: StaffSessions | None = None
        self._requests: KeyRequests | None = None
        self._provisioner: Provisioner | None = None
        self._renewals: Renewals | None = None
        self._seals: SealJobs | None = None
        #: the signed-in acceptance-point staff member, as last read or set on the GUI thread
        self.staff_session: StaffSession | None = None
        self._staff_generation = 0  # set_staff calls so far: a slower stored read loses
        self._jobs = JobBridge(self)

    # Built on first use, on whichever thread asks first (the pool, normally): creating
    # a keyring backend may talk to D-Bus.
    @property
    def ra(self) -> RenewalClient:
        from netca_client.core.ra.renewal_client import RenewalClient

        with self._lock:
            if self._ra is None:
                self._ra = RenewalClient(self.ra_url, ca_bundle=self._ca_bundle)
            return self._ra

    @property
    def secrets(self) -> SecretStore:
        from netca_client.core.secrets import SecretStore

        with self._lock:
            if self._secrets is None:
                self._secrets = SecretStore()
            return self._secrets

    @property
    def staff(self) -> StaffSessions:
        from netca_client.core.workflows.staff import StaffSessions

        secrets = self.secrets
        with self._lock:
            if self._staff is None:
                self._staff = StaffSessions(secrets, self.ra_url)
            return self._staff

    @property
    def requests(self) -> KeyRequests:
        from netca_client.core.workflows.key_requests import KeyRequests

        library, ra, secrets = self._library(), self.ra, self.secrets
        with self._lock:
            if self._requests is None:
                self._requests = KeyRequests(
                    library, ra, ra_url=self.ra_url, journal=self.journal, secrets=secrets
                )
            return self._requests

    @property
    def provisioner(self) -> Provisioner:
        from netca_client.core.workflows.provision import Provisioner

        library, ra = self._library(), self.ra
        with self._lock:
            if self._provisioner is None:
                self._provisioner = Provisioner(
                    library, ra, ra_url=self.ra_url, journal=self.journal
                )
            return self._provisioner

    @property
    def renewals(self) -> Renewals:
        from netca_client.core.workflows.renewals import Renewals

        library, ra, secrets = self._library(), self.ra, self.secrets
        with self._lock:
            if self._renewals is None:
                self._renewals = Renewals(
                    library, ra, ra_url=self.ra_url, journal=self.journal, secrets=secrets
                )
            return self._renewals

    @property
    def seals(self) -> SealJobs:
        """申请印章 / 变更印章 / 修改资料 / 安装印章 (the trust: the window's, else the default)."""
        from netca_client.core.seals import load_seal_trust
        from netca_client.core.workflows.seal_jobs import SealJobs

        library, ra, secrets = self._library(), self.ra, self.secrets
        trust = self.service.trust or load_seal_trust()
        with self._lock:
            if self._seals is None:
                self._seals = SealJobs(
                    library, ra, ra_url=self.ra_url, journal=self.journal, secrets=secrets,
                    trust=trust,
                )  # fmt: skip
            return self._seals

    def _library(self) -> TokenLibrary:
        library = self.service.library
        if library is None:
            raise DriverMissing((), "the key driver is not loaded yet")
        return library

    def set_staff(self, session: StaffSession | None) -> None:
        self._staff_generation += 1
        self.staff_session = session
        self.staff_changed.emit(session)

    def load_staff(self) -> None:
        """Read a stored staff session (keyring) on the pool; staff_changed follows, unless
        someone signed in or out while the keyring was being read (that answer is newer)."""
        started = self._staff_generation

        def loaded(session: StaffSession | None) -> None:
            if self._staff_generation == started:
                self.set_staff(session)

        self._jobs.on_pool(
            self.pool, lambda: self.staff.current(), done=loaded, failed=ignore_error
        )

    # --- what the GUI knows about keys ----------------------------------------------

    def snapshot_of(self, serial: str) -> KeySnapshot | None:
        for snapshot in self.service.snapshots.values():
            if snapshot.key.serial == serial:
                return snapshot
        return None

    def key_of(self, serial: str) -> KeyRef | None:
        snapshot = self.snapshot_of(serial)
        return snapshot.key if snapshot else None

    def pending(self) -> list[JournalEntry]:
        """Unfinished activations, unlocks, provisionings, renewals and seal applications
        (blocking: reads the journal)."""
        return [
            *self.requests.pending(),
            *self.provisioner.pending(),
            *self.renewals.pending(),
            *self.seals.pending(),
        ]
