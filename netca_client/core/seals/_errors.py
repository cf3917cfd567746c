"""The one place where netca_seal's SealError tree becomes NetcaError leaves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import netca_seal
from netca_client.core import errors


def error_for(exc: netca_seal.SealError) -> errors.SealError:
    """The client leaf for an error of the seal package."""
    if isinstance(exc, netca_seal.SealFormatError):
        return errors.SealUnreadable(str(exc), field=exc.field)
    # SealBuildError (a label that cannot be a seal name), SealArtError: the input is unusable.
    return errors.SealUnreadable(str(exc))


@contextmanager
def translated() -> Iterator[None]:
    """Run netca_seal calls; their errors leave as NetcaError leaves."""
    try:
        yield
    except netca_seal.SealError as exc:
        raise error_for(exc) from exc
