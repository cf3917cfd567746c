"""TokenLibrary: one loaded PKCS#11 module and the one thread every PKCS#11 call runs on.

Any thread may call the public methods: they hop to the token thread and wait.
Vendor modules are often not thread-safe and python-pkcs11 initialises them
without OS locking, so nothing here ever calls the module from two threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import pkcs11
import pkcs11.exceptions as p11
from pkcs11 import TokenFlag

from netca_client.core.errors import DriverMissing, KeyNotFound, TokenError
from netca_client.core.token import _errors
from netca_client.core.token._cryptoki import Cryptoki
from netca_client.core.token.models import KeyRef, ModuleInfo
from netca_client.core.token.registry import DriverRegistry, KeyModel, ModuleCandidate

if TYPE_CHECKING:
    from netca_client.core.token.session import KeySession

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


def _version(v: tuple[int, int]) -> str:
    return f"{v[0]}.{v[1]}"


class TokenLibrary:
    """A loaded PKCS#11 module. Build it with :meth:`load`; close it when done."""

    def __init__(
        self,
        *,
        candidate: ModuleCandidate,
        registry: DriverRegistry,
        executor: ThreadPoolExecutor,
    ) -> None:
        self.module_path = candidate.path
        self.model: KeyModel | None = candidate.model
        self.registry = registry
        self._executor = executor
        self._thread_ident: int | None = None
        self._lib: Any = None
        self._cryptoki: Cryptoki | None = None
        self._closed = False

    # --- construction -------------------------------------------------------

    @classmethod
    def load(
        cls,
        module: str | Path | None = None,
        *,
        registry: DriverRegistry | None = None,
    ) -> TokenLibrary:
        """Load ``module``, else $NETCA_PKCS11_MODULE, else the first module the registry finds."""
        registry = registry or DriverRegistry.load()
        if module is not None:
            path = str(module)
            candidate = ModuleCandidate(path, registry.for_module(path), "argument")
        else:
            found = registry.discover()
            if not found:
                searched = tuple(n for m in registry.models for n in m.module_names())
                raise DriverMissing(searched, "no known module is installed")
            candidate = found[0]
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netca-token")
        library = cls(candidate=candidate, registry=registry, executor=executor)
        try:
            library.run(library._load_on_token_thread)
        except BaseException:
            executor.shutdown(wait=True)
            raise
        return library

    def _load_on_token_thread(self) -> None:
        self._thread_ident = threading.get_ident()
        if not Path(self.module_path).is_file():
            raise DriverMissing((self.module_path,), "file not found")
        try:
            self._lib = pkcs11.lib(self.module_path)
            self._cryptoki = Cryptoki(self.module_path)
        except (OSError, RuntimeError, p11.PKCS11Error) as exc:
            raise DriverMissing((self.module_path,), str(exc)) from exc
        log.info("loaded PKCS#11 module %s", self.module_path)

    # --- the token thread -----------------------------------------------------

    def on_token_thread(self) -> bool:
        return threading.get_ident() == self._thread_ident

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
        """Keys present now, in slot order."""
        return self.run(self._keys)

    def _keys(self) -> list[KeyRef]:
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
            initialized=bool(TokenFlag(token.flags) & TokenFlag.TOKEN_INITIALIZED),
        )

    def find(self, serial: str | None = None) -> KeyRef:
        """The key with this serial (or label); without one, the only key present."""
        keys = self.keys()
        if serial is None:
            if len(keys) == 1:
                return keys[0]
            if not keys:
                raise KeyNotFound()
            raise KeyNotFound(f"one of {len(keys)} keys (choose one by serial)")
        for key in keys:
            if serial in (key.serial, key.label):
                return key
        raise KeyNotFound(serial)

    def open(self, key: KeyRef, *, rw: bool = False) -> KeySession:
        """Open a session on ``key``; use it as a context manager."""
        from netca_client.core.token.session import KeySession

        return self.run(KeySession.open_on_token_thread, self, key, rw=rw)

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
        """C_Finalize + C_Initialize: SoftHSM2 sees new tokens only after this (FACTS.md).
        Every open session becomes invalid."""

        def again() -> None:
            with _errors.translated("C_Initialize"):
                self.raw.reinitialize()

        self.run(again)

    def close(self) -> None:
        """Finalize and unload the module and stop the token thread."""
        if self._closed:
            return

        def unload() -> None:
            try:
                pkcs11.unload(self.module_path)
            except p11.PKCS11Error as exc:  # finalize failing must not keep the thread alive
                log.warning("unloading %s: %s", self.module_path, type(exc).__name__)

        try:
            self.run(unload)
        finally:
            self._closed = True
            self._executor.shutdown(wait=True)

    def __enter__(self) -> TokenLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
