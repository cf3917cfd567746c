"""Wire enums a front end needs before it needs the models: importing them loads no pydantic
(the GUI's start-up asks which kind of key request a journal entry is). ``models`` re-exports
each, so ``netca_protocol.models.KeyRequestPurpose`` is the same class."""

from __future__ import annotations

from enum import StrEnum


class KeyRequestPurpose(StrEnum):
    ACTIVATE = "activate"
    UNLOCK = "unlock"


class BusinessType(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    CHANGE = "change"
    REPLACEMENT = "replacement"
    UNLOCK = "unlock"
    SEAL_APPLY = "seal_apply"
    SEAL_CHANGE = "seal_change"


class SealOrderKind(StrEnum):
    """What seal is applied for. The RA offers ``OFFERED_SEAL_KINDS`` today (the guides: 暂仅
    支持公章或合同专用章); the others are in the model for later (seal_kind_not_offered)."""

    OFFICIAL = "official"  # 公章
    CONTRACT = "contract"  # 合同专用章
    FINANCE = "finance"  # 财务专用章
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法人章 (法定代表人名章)
    SIGNATURE = "signature"  # 手写签名


class SealOrderState(StrEnum):
    """Where a seal application stands (its order moves alongside, see ra-protocol.md)."""

    MATERIALS_REQUIRED = "materials_required"  # fill, print, stamp, scan, upload, submit
    UNDER_REVIEW = "under_review"  # 审核中 (修改资料 opens a new revision)
    REJECTED = "rejected"  # review_reason says why
    APPROVED = "approved"  # 印章待安装: the seal is made; install it on the key
    INSTALLED = "installed"  # the client wrote, read back and verified it
    CANCELLED = "cancelled"
