"""Unified social credit codes and the PIN policy: pure rules, no key needed."""

from __future__ import annotations

import pytest

from netca_client.core.certs import find_uscc, is_valid_uscc, make_uscc
from netca_client.core.token import pin_policy_problems

# A published code (Guangdong Electronic Certification Authority's own registration).
KNOWN_VALID = make_uscc("91440000724380880")


def test_make_uscc_produces_codes_that_validate() -> None:
    assert is_valid_uscc(KNOWN_VALID)
    assert len(KNOWN_VALID) == 18


@pytest.mark.parametrize("position", [0, 5, 10, 17])
def test_one_changed_character_breaks_the_check(position: int) -> None:
    code = list(KNOWN_VALID)
    code[position] = "1" if code[position] != "1" else "2"
    assert not is_valid_uscc("".join(code))


def test_letters_outside_the_alphabet_are_refused() -> None:
    assert not is_valid_uscc(KNOWN_VALID[:17] + "I")
    assert not is_valid_uscc(KNOWN_VALID[:10] + "O" + KNOWN_VALID[11:])


def test_find_uscc_reads_etsi_prefixed_identifiers() -> None:
    assert find_uscc(f"NTRCN-{KNOWN_VALID}") == KNOWN_VALID
    assert find_uscc("no code here 123") is None


@pytest.mark.parametrize(
    ("pin", "old", "problems"),
    [
        ("Abcdef1!", None, ()),
        ("abcdefg1", None, ("too-few-classes",)),
        ("Ab1!", None, ("too-short",)),
        ("12345678", None, ("too-few-classes", "is-default")),
        ("Abcdef1!", "Abcdef1!", ("same-as-old",)),
        ("密码Abc12345", None, ()),
    ],
)
def test_pin_policy(pin: str, old: str | None, problems: tuple[str, ...]) -> None:
    assert pin_policy_problems(pin, old_pin=old) == problems


def test_pin_longer_than_the_key_accepts_is_refused() -> None:
    assert pin_policy_problems("Abcdef1!xyz", max_length=8) == ("too-long",)
