"""Single-use voting codes (stemcodes)."""

from __future__ import annotations

import pytest

from samenspel.budgeting.codes import (
    ALPHABET,
    CODE_LENGTH,
    InvalidCodeError,
    code_entropy_bits,
    format_code,
    generate_code,
    generate_codes,
    hash_code,
    normalise_code,
    verify_code,
)

KEY = b"test-key-with-32-bytes-of-length"


def test_alphabet_has_no_look_alikes():
    for ambiguous in "0O1IL":
        assert ambiguous not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_codes_are_long_and_random_enough():
    assert CODE_LENGTH >= 12
    assert code_entropy_bits() > 59
    code = generate_code()
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(ALPHABET)
    assert len({generate_code() for _ in range(1000)}) == 1000
    with pytest.raises(ValueError):
        generate_code(8)


def test_display_and_entry_forms():
    assert format_code("abcdefghjkmn") == "ABCD-EFGH-JKMN"
    for entered in ("ABCD-EFGH-JKMN", "abcd efgh jkmn", " abcd-efgh–jkmn ", "ABCDEFGHJKMN"):
        assert normalise_code(entered) == "ABCDEFGHJKMN"


def test_invalid_entries_have_dutch_messages():
    with pytest.raises(InvalidCodeError, match="Vul uw stemcode in"):
        normalise_code(" - ")
    with pytest.raises(InvalidCodeError) as info:
        normalise_code("ABCD-EFGH-JKM0")
    assert str(info.value) == (
        "De stemcode bevat tekens die er niet in kunnen voorkomen: 0. Let op: een stemcode bevat geen 0, O, 1, I of L."
    )
    with pytest.raises(InvalidCodeError, match="Een stemcode heeft 12 tekens; u vulde er 11 in."):
        normalise_code("ABCD-EFGH-JKM")


def test_hash_is_keyed_and_ignores_formatting():
    digest = hash_code("ABCD-EFGH-JKMN", KEY)
    assert len(digest) == 64
    assert hash_code("abcdefghjkmn", KEY) == digest
    assert hash_code("ABCD-EFGH-JKMN", b"another-key-of-32-bytes-length!!") != digest
    with pytest.raises(ValueError):
        hash_code("ABCD-EFGH-JKMN", b"short")


def test_verify_code():
    digest = hash_code("ABCD-EFGH-JKMN", KEY)
    assert verify_code("abcd efgh jkmn", KEY, digest)
    assert not verify_code("ABCD-EFGH-JKMP", KEY, digest)
    assert not verify_code("not a code", KEY, digest)


def test_batch_has_no_duplicates_and_avoids_existing(monkeypatch):
    batch = generate_codes(500, KEY)
    assert len(batch) == 500
    assert len({h for _, h in batch}) == 500
    for display, digest in batch:
        assert len(display) == 14 and display[4] == display[9] == "-"
        assert hash_code(display, KEY) == digest

    # Force collisions: the generator yields an existing code first, then a repeat.
    import samenspel.budgeting.codes as codes

    sequence = iter(["AAAAAAAAAAAA", "AAAAAAAAAAAA", "BBBBBBBBBBBB", "BBBBBBBBBBBB", "CCCCCCCCCCCC"])
    monkeypatch.setattr(codes, "generate_code", lambda length=CODE_LENGTH: next(sequence))
    existing = {hash_code("AAAAAAAAAAAA", KEY)}
    more = codes.generate_codes(2, KEY, existing_hashes=existing)
    assert [d for d, _ in more] == ["BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"]
