"""The key object convention: public CKO_DATA, fixed application, the seal name as label."""

from __future__ import annotations

import pytest

from netca_seal import (
    SEAL_APPLICATION,
    SealBuildError,
    parse_seal,
    seal_label,
    seal_object_template,
)


def test_seal_object_template_carries_name_der_and_is_public(seal_der: bytes) -> None:
    template = seal_object_template(parse_seal(seal_der))

    assert template.application == SEAL_APPLICATION == "GB/T 38540 SES_Seal"
    assert template.label == "广州示例科技有限公司合同专用章"
    assert template.value == seal_der
    assert template.private is False


def test_label_is_nfc_and_trimmed() -> None:
    decomposed = "e\u0301 公章 "
    assert seal_label(decomposed) == "\u00e9 公章"


@pytest.mark.parametrize("name", ["", "   ", "公\n章", "a\x00b", "章" * 43])
def test_label_refuses_empty_control_or_overlong_names(name: str) -> None:
    with pytest.raises(SealBuildError):
        seal_label(name)


def test_every_exported_name_resolves_from_its_module() -> None:
    """netca_seal imports its names on first use (the key layer needs only keyobject): each
    name of __all__ has a module, resolves, and is the module's own object."""
    import importlib

    import netca_seal

    assert set(netca_seal._MODULES) == set(netca_seal.__all__)
    for name, module in netca_seal._MODULES.items():
        assert getattr(netca_seal, name) is getattr(importlib.import_module(module), name)
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = netca_seal.no_such_name  # type: ignore[attr-defined]
