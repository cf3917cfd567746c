"""Vendor mechanism profiles (drivers/models.toml ``[[mechanism_profile]]``): which vendor
mechanism ids a model's module uses for SM2. PKCS#11 defines no SM2 and vendors disagree
(docs/gm.md), so a model without a profile never signs with an SM2 key: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pkcs11 import Mechanism

from netca_client.core.errors import ConfigError, UnsupportedKeyAlgorithm

if TYPE_CHECKING:
    from netca_client.core.token.open_session import OpenSession

#: the forms of SM2 key a profile can describe (measured: CKK_EC on the SM2 curve)
SM2_KEY_FORMS = ("ec",)


@dataclass(frozen=True)
class MechanismProfile:
    """One [[mechanism_profile]] entry: the SM2 mechanism ids of a vendor family."""

    id: str
    sm2_key: str
    sm2_key_pair_gen: int | None
    sm3_sm2_id_raw: int | None
    sm3_sm2_id_der: int | None
    sm2_sign_e: int | None
    verified: bool
    source: str

    @property
    def signs_sm2(self) -> bool:
        return any(
            m is not None for m in (self.sm3_sm2_id_der, self.sm3_sm2_id_raw, self.sm2_sign_e)
        )


def _mechanism(table: Mapping[str, Any], name: str) -> int | None:
    value = table.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**32:
        raise ConfigError(f"mechanism profile {table.get('id', '?')}: {name} is not a mechanism id")
    return value


def profile_from_table(table: Mapping[str, Any]) -> MechanismProfile:
    try:
        profile = MechanismProfile(
            id=str(table["id"]),
            sm2_key=str(table.get("sm2_key", "ec")),
            sm2_key_pair_gen=_mechanism(table, "sm2_key_pair_gen"),
            sm3_sm2_id_raw=_mechanism(table, "sm3_sm2_id_raw"),
            sm3_sm2_id_der=_mechanism(table, "sm3_sm2_id_der"),
            sm2_sign_e=_mechanism(table, "sm2_sign_e"),
            verified=bool(table.get("verified", False)),
            source=str(table.get("source", "")),
        )
    except KeyError as exc:
        raise ConfigError(f"bad mechanism profile entry: missing {exc}") from exc
    if profile.sm2_key not in SM2_KEY_FORMS:
        raise ConfigError(f"mechanism profile {profile.id}: unknown sm2_key {profile.sm2_key!r}")
    return profile


def vendor_mechanism(value: int) -> Mechanism:
    """The python-pkcs11 Mechanism for a vendor id. python-pkcs11 0.10.1 passes only members
    of its Mechanism enum to C_SignInit (docs/dependencies.md), so a pseudo member is
    registered once per id."""
    try:
        return Mechanism(value)
    except ValueError:
        member = int.__new__(Mechanism, value)
        member._name_ = f"VENDOR_{value:08X}"
        member._value_ = value
        Mechanism._value2member_map_.setdefault(value, member)
        return Mechanism(value)


def profile_for(opened: OpenSession) -> MechanismProfile | None:
    """The SM2 mechanism profile of the key's model (drivers/models.toml), if any."""
    module = opened.module
    return module.registry.mechanism_profile(module.model_for(opened.key))


def require_sm2_profile(opened: OpenSession, *, generate: bool = False) -> MechanismProfile:
    """The profile that lets this key sign with (or ``generate``) SM2 keys; otherwise
    UnsupportedKeyAlgorithm, worded for the user: the module may offer only ECDSA."""
    profile = profile_for(opened)
    model = opened.module.model_for(opened.key)
    name = model.id if model else opened.key.module_name
    if profile is None:
        raise UnsupportedKeyAlgorithm(
            "SM2",
            f"no SM2 mechanisms are known for {name} (drivers/models.toml names no mechanism "
            "profile); ECDSA on an SM2 key would make a wrong signature, so nothing is signed",
        )
    if generate and profile.sm2_key_pair_gen is None:
        raise UnsupportedKeyAlgorithm("SM2", f"profile {profile.id} has no key pair generation")
    if not generate and not profile.signs_sm2:
        raise UnsupportedKeyAlgorithm("SM2", f"profile {profile.id} has no SM2 signing mechanism")
    return profile
