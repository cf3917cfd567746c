"""ModuleLibrary: one loaded PKCS#11 module and the one thread every call into it runs on.

Any thread may call the public methods: they hop to the module's token thread and wait.
Vendor modules are often not thread-safe (not even among themselves) and python-pkcs11
initialises them without OS locking, so nothing here ever calls a module from two
threads; each module has a thread of its own, so a slow or hung module keeps only
itself waiting (TokenLibrary holds them all).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pkcs11
import pkcs11.exceptions as p11
from pkcs11 import TokenFlag

from netca_client.core.errors import DriverMissing, KeyNotFound, TokenError
from netca_client.core.token import _errors
from netca_client.core.token._cryptoki import Cryptoki
from netca_client.core.token.models import KeyRef, ModuleInfo
from netca_client.core.token.registry import DriverRegistry, KeyModel, ModuleCandidate
from netca_client.core.token.thread import TokenThread

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

#: C_Initialize of one module at a time, whatever thread: modules built on SoftHSM2 read
#: SOFTHSM2_CONF there, and vkey sets it around its own SoftHSM2's C_Initialize.
_INITIALIZE_LOCK = threading.Lock()
#: a module hung in C_Initialize keeps the lock: nobody waits longer than this for it
_INITIALIZE_WAIT = 2.0
_held_since: list[float] = []


@contextmanager
def _initializing() -> Iterator[None]:
    held = _held_since[0] if _held_since else None
    wait = (
        _INITIALIZE_WAIT if held is None else max(0.0, _INITIALIZE_WAIT - (time.monotonic() - held))
    )
    locked = _INITIALIZE_LOCK.acquire(timeout=wait)
    if not locked:
        log.warning("another PKCS#11 module is still in C_Initialize; going on without waiting")
    else:
        _held_since[:] = [time.monotonic()]
    try:
        yield
    finally:
        if locked:
            _held_since.clear()
            _INITIALIZE_LOCK.release()


def _version(v: tuple[int, int]) -> str:
    return f"{v[0]}.{v[1]}"


class ModuleLibrary:
    """A loaded PKCS#11 module. Build it with :meth:`load`; close it when done."""

    def __init__(self, *, candidate: ModuleCandidate, registry: DriverRegistry) -> None:
        self.module_path = candidate.path
        self.model: KeyModel | None = candidate.model
        self.origin = candidate.origin
        self.registry = registry
        self._executor = TokenThread(f"netca-token-{Path(candidate.path).name}")
        self._thread_ident: int | None = None
        self._lib: Any = None
        self._cryptoki: Cryptoki | None = None
        self._closed = False

    # --- construction -------------------------------------------------------

    @classmethod
    def load(
        cls, candidate: ModuleCandidate, *, registry: DriverRegistry, timeout: float | None = None
    ) -> ModuleLibrary:
        """Load and initialise the module on its own new thread.

        DriverMissing when it cannot be loaded, fails C_Initialize, or does not answer
        within ``timeout`` seconds (its thread is then left to the module).
        """
        library = cls(candidate=candidate, registry=registry)
        future = library.submit(library._load_on_token_thread)
        try:
            future.result(timeout=timeout)
        except TimeoutError:
            library._closed = True
            library._executor.shutdown(wait=False)
            raise DriverMissing((candidate.path,), "C_Initialize did not answer") from None
        except BaseException:
            library._closed = True
            library._executor.shutdown(wait=True)
            raise
        return library

    def _load_on_token_thread(self) -> None:
        self._thread_ident = threading.get_ident()
        if not Path(self.module_path).is_file():
            raise DriverMissing((self.module_path,), "file not found")
        try:
            with _initializing():
                self._lib = pkcs11.lib(self.module_path)
            self._cryptoki = Cryptoki(self.module_path)
        except (OSError, RuntimeError, p11.PKCS11Error) as exc:
            raise DriverMissing((self.module_path,), _load_reason(exc)) from exc
        except (TypeError, ValueError) as exc:  # NULL entries in its CK_FUNCTION_LIST
            raise DriverMissing((self.module_path,), f"incomplete function list: {exc}") from exc
        log.info("loaded PKCS#11 module %s", self.module_path)

    # --- the token thread -----------------------------------------------------

    def on_token_thread(self) -> bool:
        return threading.get_ident() == self._thread_ident

    @property
    def busy(self) -> bool:
        """Whether the token thread is running (or has queued) a call right now."""
        return self._executor.busy

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue ``fn`` for the token thread; the GUI waits on the future, never blocks."""
        if self._closed:
            raise TokenError("the token library is closed")
        return self._executor.submit(fn, *args, **kwargs)

    def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` on the token thread and wait for it (directly when already there)."""
        if self.on_token_thread():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    # --- for the rest of core/token ------------------------------------------

    @property
    def raw(self) -> Any:
        """The python-pkcs11 lib object. Token thread only."""
        self._require_token_thread()
        return self._lib

    @property
    def cryptoki(self) -> Cryptoki:
        self._require_token_thread()
        if self._cryptoki is None:
            raise TokenError("the module is not loaded")
        return self._cryptoki

    def _require_token_thread(self) -> None:
        # A programming error, not a user-facing one: PKCS#11 off the token thread.
        if not self.on_token_thread():
            raise RuntimeError("PKCS#11 call off the token thread")

    def slot(self, slot_id: int) -> Any:
        """The python-pkcs11 slot with this id. Token thread only."""
        with _errors.translated("C_GetSlotList"):
            for slot in self.raw.get_slots(token_present=False):
                if slot.slot_id == slot_id:
                    return slot
        raise KeyNotFound(f"slot {slot_id}")

    # --- public API -----------------------------------------------------------

    def keys(self) -> list[KeyRef]:
        """Keys present now, in slot order. A slot whose token is not initialised (SoftHSM2's
        spare slot, a reader with an empty card) holds no key."""
        return self.run(self.keys_on_token_thread)

    def keys_on_token_thread(self) -> list[KeyRef]:
        refs: list[KeyRef] = []
        with _errors.translated("C_GetSlotList"):
            slots = self.raw.get_slots(token_present=True)
        for slot in slots:
            try:
                token = slot.get_token()
            except (p11.TokenNotPresent, p11.DeviceRemoved, p11.SlotIDInvalid):
                continue  # unplugged between the list and the info: not present
            except p11.TokenNotRecognised:
                continue
            except p11.PKCS11Error as exc:  # one odd slot must not hide the others
                log.info("slot %s of %s: %s", slot.slot_id, self.module_path, exc)
                continue
            if not TokenFlag(token.flags) & TokenFlag.TOKEN_INITIALIZED:
                continue
            refs.append(self._key_ref(slot.slot_id, token))
        return refs

    def _key_ref(self, slot_id: int, token: Any) -> KeyRef:
        manufacturer = token.manufacturer_id.strip()
        model = self.registry.for_manufacturer(manufacturer) or self.model
        serial = token.serial.decode("ascii", "replace").strip()
        return KeyRef(
            slot_id=int(slot_id),
            serial=serial,
            label=token.label.strip(),
            manufacturer=manufacturer,
            model=token.model.strip(),
            model_id=model.id if model else None,
            initialized=True,
            module=self.module_path,
        )

    def module_info(self) -> ModuleInfo:
        def read() -> ModuleInfo:
            lib = self.raw
            return ModuleInfo(
                path=self.module_path,
                manufacturer=lib.manufacturer_id.strip(),
                description=lib.library_description.strip(),
                cryptoki_version=_version(lib.cryptoki_version),
                library_version=_version(lib.library_version),
                model_id=self.model.id if self.model else None,
                capabilities=self.model.capabilities if self.model else (),
            )

        return self.run(read)

    def model_for(self, key: KeyRef) -> KeyModel | None:
        return self.registry.by_id(key.model_id) if key.model_id else self.model

    def reinitialize(self) -> None:
        """C_Finalize + C_Initialize: SoftHSM2 sees new tokens only after this
        (docs/dependencies.md). Every open session becomes invalid."""

        def again() -> None:
            with _errors.translated("C_Initialize"), _initializing():
                self.raw.reinitialize()

        self.run(again)

    def close(self, *, wait: bool = True) -> None:
        """Finalize and unload the module and stop the token thread."""
        if self._closed:
            return

        def unload() -> None:
            try:
                pkcs11.unload(self.module_path)
            except p11.PKCS11Error as exc:  # finalize failing must not keep the thread alive
                log.warning("unloading %s: %s", self.module_path, type(exc).__name__)

        try:
            if wait:
                self.run(unload)
            else:
                self.submit(unload)
        finally:
            self._closed = True
            self._executor.shutdown(wait=wait)

    def __enter__(self) -> ModuleLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_reason(exc: BaseException) -> str:
    """Why a module did not load, in a line: the CK_RV name when C_Initialize refused."""
    if isinstance(exc, p11.PKCS11Error) and type(exc) is not p11.PKCS11Error:
        return f"C_Initialize: {type(exc).__name__}"
    return " ".join(str(exc).split()) or type(exc).__name__
