"""TokenLibrary: every PKCS#11 module found on this machine, and the keys of all of them.

Each module is a ModuleLibrary with its own token thread; a key (KeyRef) knows its
module and every call about it runs on that module's thread. A module that does not
load, refuses C_Initialize or hangs is recorded in ``failures`` and hides no other.
Any thread may call the public methods, and choose_key_that (a key by what it holds).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from netca_client.core.errors import (
    DriverMissing,
    KeyAmbiguous,
    KeyNotFound,
    KeyNotInitialised,
    KeyRemoved,
    NetcaError,
    TokenError,
)
from netca_client.core.token.choice import choose_key
from netca_client.core.token.models import KeyRef, ModuleFailure, ModuleInfo
from netca_client.core.token.module import ModuleLibrary
from netca_client.core.token.registry import (
    DriverRegistry,
    KeyModel,
    ModuleCandidate,
    module_override,
)
from netca_client.core.token.session import KeySession
from netca_client.core.token.thread import TokenThread

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

#: how long a module may take to load, and to answer a slot poll, before it counts as hung
LOAD_TIMEOUT = 10.0
POLL_TIMEOUT = 5.0


class TokenLibrary:
    """The loaded modules. Build it with :meth:`load`; close it when done."""

    def __init__(
        self,
        *,
        modules: Sequence[ModuleLibrary],
        failures: Sequence[ModuleFailure],
        registry: DriverRegistry,
    ) -> None:
        self.modules: tuple[ModuleLibrary, ...] = tuple(modules)
        self.failures: list[ModuleFailure] = list(failures)
        self.registry = registry
        self._jobs = TokenThread("netca-token-jobs")
        self._lock = threading.Lock()
        self._pending: dict[str, Future[list[KeyRef]]] = {}
        self._last: dict[str, list[KeyRef]] = {}
        self._closed = False

    # --- construction -------------------------------------------------------

    @classmethod
    def load(
        cls,
        module: str | Path | Sequence[str | Path] | None = None,
        *,
        extra: Sequence[str] = (),
        registry: DriverRegistry | None = None,
    ) -> TokenLibrary:
        """Load the modules to use and initialise each on its own thread.

        ``module`` (``--module``), else $NETCA_PKCS11_MODULE, restricts to the modules
        named there. Otherwise every module found is loaded: ``extra`` (the configured
        one) first, then the registry's. DriverMissing only when no module at all loaded.
        """
        registry = registry or DriverRegistry.load()
        named = _paths(module)
        if named:
            candidates = registry.candidates(named, "argument")
        elif module_override():
            candidates = registry.candidates(module_override(), "environment")
        else:
            candidates = registry.discover(extra=[p for p in extra if p])
        if not candidates:
            raise DriverMissing(registry.searched(), "no known module is installed")
        loaded, failures = _load_all(candidates, registry)
        if not loaded:
            reasons = "; ".join(f"{f.path}: {f.reason}" for f in failures)
            raise DriverMissing(tuple(f.path for f in failures), reasons)
        for failure in failures:
            log.warning("PKCS#11 module %s not used: %s", failure.path, failure.reason)
        return cls(modules=loaded, failures=failures, registry=registry)

    # --- keys -------------------------------------------------------------------

    def keys(self) -> list[KeyRef]:
        """Keys present now in every module, module by module in slot order.

        The same token seen through two modules (a card through OpenSC and its vendor
        module) is listed once, through the module found first. A module that does not
        answer within POLL_TIMEOUT keeps the keys it last reported and is recorded in
        ``failures``; it is not asked again until that answer comes.
        """
        started = time.monotonic()
        futures: dict[str, Future[list[KeyRef]]] = {}
        answers: dict[str, list[KeyRef]] = {}
        for module in self.modules:
            path = module.module_path
            if module.on_token_thread():
                answers[path] = self._poll_here(module)
                continue
            with self._lock:
                pending = self._pending.get(path)
                if pending is not None and not pending.done():
                    answers[path] = self._last.get(path, [])  # still busy with the last poll
                    continue
            if pending is not None:
                # The answer to a poll that had timed out came since: the freshest there is.
                # (Asking again instead would throw it away, and a module whose every answer
                # takes longer than POLL_TIMEOUT would never show its keys.)
                answers[path] = self._answer(module, pending, 0)
                continue
            with self._lock:
                if module.busy and path in self._last:
                    answers[path] = self._last[path]  # signing, say: its keys are as they were
                    continue
                pending = module.submit(module.keys_on_token_thread)
                self._pending[path] = pending
            futures[path] = pending
        for module in self.modules:
            future = futures.get(module.module_path)
            if future is None:
                continue
            left = max(0.0, POLL_TIMEOUT - (time.monotonic() - started))
            answers[module.module_path] = self._answer(module, future, left)
        found: list[KeyRef] = []
        seen: set[tuple[str, str]] = set()
        for module in self.modules:
            for key in answers.get(module.module_path, []):
                twin = (key.serial, key.label)
                if key.serial and twin in seen:
                    log.info("%s also seen through %s: listed once", key.serial, key.module)
                    continue
                seen.add(twin)
                found.append(key)
        return found

    def _poll_here(self, module: ModuleLibrary) -> list[KeyRef]:
        try:
            keys = module.keys_on_token_thread()
        except NetcaError as exc:
            self._note(module, f"C_GetSlotList: {exc}")
            return self._last.get(module.module_path, [])
        self._last[module.module_path] = keys
        self._forget(module)
        return keys

    def _answer(
        self, module: ModuleLibrary, future: Future[list[KeyRef]], wait: float
    ) -> list[KeyRef]:
        try:
            keys = future.result(timeout=wait)
        except FutureTimeout:
            self._note(module, "C_GetSlotList did not answer")
            return self._last.get(module.module_path, [])  # the answer is used when it comes
        except NetcaError as exc:
            self._answered(module, future)
            self._note(module, f"C_GetSlotList: {exc}")
            return self._last.get(module.module_path, [])
        self._answered(module, future)
        self._last[module.module_path] = keys
        self._forget(module)
        return keys

    def _answered(self, module: ModuleLibrary, future: Future[list[KeyRef]]) -> None:
        """``future``'s answer is taken: the next ``keys`` asks the module again."""
        with self._lock:
            if self._pending.get(module.module_path) is future:
                del self._pending[module.module_path]

    def _note(self, module: ModuleLibrary, reason: str) -> None:
        with self._lock:
            if any(f.path == module.module_path for f in self.failures):
                return
            model_id = module.model.id if module.model else None
            self.failures.append(ModuleFailure(module.module_path, model_id, module.origin, reason))
        log.warning("PKCS#11 module %s: %s", module.module_path, reason)

    def _forget(self, module: ModuleLibrary) -> None:
        with self._lock:
            self.failures = [f for f in self.failures if f.path != module.module_path]

    def find(self, wanted: str | None = None) -> KeyRef:
        """The key with this serial (or label); without one, the only key present.

        KeyNotFound when none matches (or no key is present); KeyAmbiguous when several do.
        """
        return choose_key(self.keys(), wanted)

    # --- one key's module ----------------------------------------------------------

    def module_for(self, key: KeyRef) -> ModuleLibrary:
        """The module a key was found through."""
        for module in self.modules:
            if module.module_path == key.module:
                return module
        if not key.module and len(self.modules) == 1:
            return self.modules[0]
        raise KeyNotFound(key.serial or key.label)

    def open(self, key: KeyRef, *, rw: bool = False) -> KeySession:
        """Open a session on ``key`` (on its module's thread); use it as a context manager."""
        return KeySession.open(self.module_for(key), key, rw=rw)

    def model_for(self, key: KeyRef) -> KeyModel | None:
        return self.module_for(key).model_for(key)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue ``fn`` as one job: on the token thread of the module of the first key (or key
        session) among the arguments, else on a jobs thread of its own (each PKCS#11 call
        then still runs on its module's thread)."""
        if self._closed:
            raise TokenError("the token library is closed")
        module = self._route(args, kwargs)
        if module is not None:
            return module.submit(fn, *args, **kwargs)
        return self._jobs.submit(fn, *args, **kwargs)

    def submit_for(
        self, key: KeyRef | None, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> Future[T]:
        """Queue ``fn`` on ``key``'s module thread (the jobs thread without a key)."""
        if self._closed:
            raise TokenError("the token library is closed")
        if key is None:
            return self._jobs.submit(fn, *args, **kwargs)
        return self.module_for(key).submit(fn, *args, **kwargs)

    def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` as one job on the token thread of the module of the first key (or key
        session) among the arguments and wait; without one, in the calling thread."""
        module = self._route(args, kwargs)
        if module is None:
            return fn(*args, **kwargs)
        return module.run(fn, *args, **kwargs)

    def _route(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> ModuleLibrary | None:
        for value in (*args, *kwargs.values()):
            if isinstance(value, KeyRef):
                return self.module_for(value)
            if isinstance(value, KeySession):
                return self.module_for(value.key)
        return None

    # --- the modules ---------------------------------------------------------------

    def module_infos(self) -> list[ModuleInfo]:
        """C_GetInfo of every loaded module that answers."""
        infos: list[ModuleInfo] = []
        for module in self.modules:
            try:
                infos.append(module.submit(module.module_info).result(timeout=POLL_TIMEOUT))
            except (FutureTimeout, NetcaError) as exc:
                self._note(module, f"C_GetInfo: {exc or 'did not answer'}")
        return infos

    def reinitialize(self) -> None:
        """C_Finalize + C_Initialize of every module: SoftHSM2 sees new tokens only after
        this (docs/dependencies.md). Every open session becomes invalid."""
        for module in self.modules:
            module.reinitialize()

    def close(self) -> None:
        """Finalize and unload every module and stop their threads (a hung one is left)."""
        if self._closed:
            return
        self._closed = True
        for module in self.modules:
            hung = any(f.path == module.module_path for f in self.failures)
            module.close(wait=not hung)
        self._jobs.shutdown(wait=True)

    def __enter__(self) -> TokenLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def choose_key_that(
    library: TokenLibrary, fits: Callable[[KeySession], bool], wanted: str | None = None
) -> KeyRef:
    """The key named by ``wanted``; else the only key present; else the only key for which
    ``fits`` holds (for an activation, the key awaiting it; for an unlock, the locked one).

    KeyNotFound without any key; KeyAmbiguous when no single key fits.
    """
    if wanted is not None:
        return library.find(wanted)
    keys = library.keys()
    if len(keys) <= 1:
        return choose_key(keys)
    fitting: list[KeyRef] = []
    for key in keys:
        try:
            with library.open(key) as session:
                if fits(session):
                    fitting.append(key)
        except (KeyRemoved, KeyNotInitialised):
            continue
    if len(fitting) == 1:
        return fitting[0]
    raise KeyAmbiguous("", fitting or keys)


def _paths(module: str | Path | Sequence[str | Path] | None) -> list[str]:
    if module is None:
        return []
    if isinstance(module, str | Path):
        return [str(module)] if str(module) else []
    return [str(m) for m in module if str(m)]


def _load_all(
    candidates: Sequence[ModuleCandidate], registry: DriverRegistry
) -> tuple[list[ModuleLibrary], list[ModuleFailure]]:
    """Load every candidate, each on its own thread, in parallel; keep the order."""
    results: list[ModuleLibrary | ModuleFailure | None] = [None] * len(candidates)

    def load(index: int, candidate: ModuleCandidate) -> None:
        try:
            results[index] = ModuleLibrary.load(candidate, registry=registry, timeout=LOAD_TIMEOUT)
        except DriverMissing as exc:
            model_id = candidate.model.id if candidate.model else None
            reason = exc.reason or str(exc)
            results[index] = ModuleFailure(candidate.path, model_id, candidate.origin, reason)

    threads = [
        threading.Thread(target=load, args=(i, c), name="netca-token-load", daemon=True)
        for i, c in enumerate(candidates)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    loaded = [r for r in results if isinstance(r, ModuleLibrary)]
    failures = [r for r in results if isinstance(r, ModuleFailure)]
    return loaded, failures
