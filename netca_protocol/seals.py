"""Seal applications (申请印章 / 变更印章) on the wire: apply, edit, review outcome, install.

A holder applies from the key that will use the seal: ``POST /keys/{serial}/seal-orders``
carries a proof of possession by the key's signing certificate (possession.py). The answer
holds the order's ``access_token`` (its 查询码), which every later call sends as
``X-Order-Token``, like any order. docs/ra-protocol.md, section 13.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Re-exported: light enums (netca_protocol.enums) the GUI reads before it loads pydantic.
from netca_protocol.enums import SealOrderKind as SealOrderKind
from netca_protocol.enums import SealOrderState as SealOrderState
from netca_protocol.limits import (
    MAX_SEAL_NAME_LENGTH,
    SEAL_SIZE_MM_DEFAULT,
    SEAL_SIZE_MM_MAX,
    SEAL_SIZE_MM_MIN,
)
from netca_protocol.models import (
    SAFE_TEXT_PATTERN,
    BusinessType,
    HandlerIn,
    MaterialOut,
    OrderOut,
    visible_text,
)
from netca_protocol.possession import ProofOfPossession


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


OFFERED_SEAL_KINDS = (SealOrderKind.OFFICIAL, SealOrderKind.CONTRACT)
#: kinds whose form also collects the legal representative's seal and signature
LEGAL_REPRESENTATIVE_KINDS = (SealOrderKind.LEGAL_REPRESENTATIVE, SealOrderKind.SIGNATURE)
#: the two business types of a seal order
SEAL_BUSINESS_TYPES = (BusinessType.SEAL_APPLY, BusinessType.SEAL_CHANGE)


SealName = Annotated[
    str,
    Field(min_length=1, max_length=MAX_SEAL_NAME_LENGTH, pattern=SAFE_TEXT_PATTERN),
    AfterValidator(visible_text),
]


class SealDetailsIn(_Wire):
    """What the holder fills in (印章名称, kind, size, 经办人); also the body of 修改资料."""

    seal_kind: SealOrderKind
    seal_name: SealName
    size_mm: Annotated[int, Field(ge=SEAL_SIZE_MM_MIN, le=SEAL_SIZE_MM_MAX)] = SEAL_SIZE_MM_DEFAULT
    handler: HandlerIn


class SealApplicationIn(_Wire):
    """A new seal application (``seal_apply``) or a change of the seal (``seal_change``)."""

    business_type: BusinessType
    details: SealDetailsIn
    #: the seal id (esID) of the seal a change replaces, as the key holds it
    replaces_seal_id: Annotated[str, Field(max_length=64, pattern=r"^[ -~]*$")] = ""


class SealOrderCreate(_Wire):
    """``POST /keys/{serial}/seal-orders``: the application, signed by the key
    (``possession_message(purpose="seal-order", ..., body=application)``)."""

    application: SealApplicationIn
    proof: ProofOfPossession


class SealRevisionOut(_Wire):
    """One version of the details, oldest first: 修改资料 adds one, nothing is overwritten."""

    revision: int
    details: SealDetailsIn
    created_at: datetime
    materials: list[MaterialOut] = []


class SealOrderOut(_Wire):
    order_no: str
    key_serial: str
    business_type: BusinessType
    state: SealOrderState
    #: the current details (the last revision)
    details: SealDetailsIn
    revision: int
    #: the materials of the current revision
    materials: list[MaterialOut] = []
    history: list[SealRevisionOut] = []
    #: the signing certificate the seal will name (lower-case hex serial)
    certificate_serial: str
    replaces_seal_id: str = ""
    amount_fen: int
    review_reason: str = ""
    #: once approved: the seal's id (esID), validity and SHA-256 of its DER
    seal_id: str | None = None
    seal_sha256: str | None = None
    seal_valid_from: datetime | None = None
    seal_valid_to: datetime | None = None
    created_at: datetime
    updated_at: datetime


class SealOrderCreated(_Wire):
    application: SealOrderOut
    order: OrderOut
    #: the order's token (查询码): send it as X-Order-Token on every later call; keep it
    access_token: str


class SealIssued(_Wire):
    """The seal the RA's seal maker made for the key's signing certificate (GB/T 38540 DER)."""

    order_no: str
    seal_id: str
    seal_der_base64: str
    sha256: str


class SealInstalledIn(_Wire):
    """The client wrote the seal, read it back and verified it."""

    seal_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[ -~]+$")]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
