"""Seals on the key: which CKO_DATA objects are seals, and whether each one parses."""

from netca_client.core.seals.objects import SEAL_APPLICATION, SealObject, seal_objects

__all__ = ["SEAL_APPLICATION", "SealObject", "seal_objects"]
