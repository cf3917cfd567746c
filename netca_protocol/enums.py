"""Wire enums a front end needs before it needs the models: importing them loads no pydantic
(the GUI's start-up asks which kind of key request a journal entry is). ``models`` re-exports
each, so ``netca_protocol.models.KeyRequestPurpose`` is the same class."""

from __future__ import annotations

from enum import StrEnum


class KeyRequestPurpose(StrEnum):
    ACTIVATE = "activate"
    UNLOCK = "unlock"
