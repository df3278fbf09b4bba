"""ИНН, КПП, ОГРН and ОГРНИП validation: real numbers pass, single-digit changes fail,
and no input ever makes a validator raise."""

from hypothesis import assume, given
from hypothesis import strategies as st

from lkk_admin.services.requisites import (
    inn_check_digits,
    is_valid_inn,
    is_valid_kpp,
    is_valid_ogrn,
    ogrn_check_digit,
)

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)

digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=1)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


valid_inn10 = digits(9).map(inn_check_digits)
valid_inn12 = digits(10).map(inn_check_digits)
valid_ogrn = st.builds(str.__add__, st.sampled_from("15"), digits(11)).map(ogrn_check_digit)
valid_ogrnip = digits(13).map(lambda rest: "3" + rest).map(ogrn_check_digit)


def change_digit(number: str, position: int, new_digit: str) -> str:
    return number[:position] + new_digit + number[position + 1 :]


def test_public_examples_pass() -> None:
    for inn in ("7706107510", "7707083893", "7736050003", "500100732259"):
        assert is_valid_inn(inn)
    assert is_valid_ogrn("1027700043502")  # Роснефть
    assert is_valid_ogrn("1027700132195")  # Сбербанк
    assert is_valid_ogrn("304500116000157")  # an ОГРНИП
    assert is_valid_kpp("770601001")
    assert is_valid_kpp("7706AB001")


def test_common_mistakes_fail() -> None:
    assert not is_valid_inn("7706107511")  # check digit off by one
    assert not is_valid_inn("770610751")  # a digit lost
    assert not is_valid_inn("77061075100")  # 11 digits
    assert not is_valid_inn("7706 107510")  # space inside
    assert not is_valid_inn("７７０６１０７５１０")  # full-width digits
    assert not is_valid_kpp("7706ab001")  # reason code letters must be capital Latin
    assert not is_valid_kpp("7706АВ001")  # Cyrillic look-alikes
    assert not is_valid_kpp("77060100")
    assert not is_valid_ogrn("1027700043503")
    assert not is_valid_ogrn("304500116000158")


def test_surrounding_spaces_are_tolerated() -> None:
    assert is_valid_inn(" 7706107510 ")
    assert is_valid_kpp("770601001\n")


@given(valid_inn10)
def test_generated_inn10_is_valid(inn: str) -> None:
    assert is_valid_inn(inn)


@given(valid_inn12)
def test_generated_inn12_is_valid(inn: str) -> None:
    assert is_valid_inn(inn)


@given(st.one_of(valid_inn10, valid_inn12), st.data())
def test_changing_a_check_digit_fails(inn: str, data: st.DataObject) -> None:
    checks = range(9, 10) if len(inn) == 10 else range(10, 12)
    position = data.draw(st.sampled_from(list(checks)))
    new = data.draw(digit_strings.filter(lambda d: d != inn[position]))
    assert not is_valid_inn(change_digit(inn, position, new))


@given(valid_inn10, st.integers(0, 8), digit_strings)
def test_changing_a_body_digit_of_inn10_fails(inn: str, position: int, new: str) -> None:
    assume(new != inn[position])
    changed = change_digit(inn, position, new)
    # The rule takes the sum mod 11, then mod 10: remainders 10 and 0 both give check
    # digit 0, so that one collision is the algorithm's own blind spot, not ours.
    before = sum(int(d) * w for d, w in zip(inn, _INN10_WEIGHTS, strict=False)) % 11
    after = sum(int(d) * w for d, w in zip(changed, _INN10_WEIGHTS, strict=False)) % 11
    assume({before, after} != {0, 10})
    assert not is_valid_inn(changed)


@given(valid_inn12, st.integers(0, 9), digit_strings)
def test_changing_a_body_digit_of_inn12_fails_in_most_cases(
    inn: str, position: int, new: str
) -> None:
    assume(new != inn[position])
    changed = change_digit(inn, position, new)
    # Both check digits would have to survive the change; mod 10 folding allows it rarely.
    assume(inn_check_digits(changed[:10]) != changed)
    assert not is_valid_inn(changed)


@given(st.one_of(valid_ogrn, valid_ogrnip))
def test_generated_ogrn_and_ogrnip_are_valid(number: str) -> None:
    assert is_valid_ogrn(number)


@given(st.one_of(valid_ogrn, valid_ogrnip), st.data())
def test_changing_the_ogrn_check_digit_fails(number: str, data: st.DataObject) -> None:
    last = len(number) - 1
    new = data.draw(digit_strings.filter(lambda d: d != number[last]))
    assert not is_valid_ogrn(change_digit(number, last, new))


@given(valid_ogrnip, st.integers(0, 13), digit_strings)
def test_ogrnip_uses_the_lowest_digit_of_mod_13(number: str, position: int, new: str) -> None:
    assume(new != number[position])
    changed = change_digit(number, position, new)
    # A body change moves the remainder mod 13; it goes unnoticed only when the new
    # remainder has the same lowest digit (10↔0, 11↔1, 12↔2).
    assume(int(changed[:14]) % 13 % 10 != int(number[14]))
    assert not is_valid_ogrn(changed)


REASON_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@given(digits(4), st.text(alphabet=REASON_CHARS, min_size=2, max_size=2), digits(3))
def test_well_formed_kpp_passes(office: str, reason: str, serial: str) -> None:
    assert is_valid_kpp(office + reason + serial)


@given(st.text(max_size=20))
def test_garbage_never_raises(text: str) -> None:
    for validator in (is_valid_inn, is_valid_kpp, is_valid_ogrn):
        assert validator(text) in (True, False)


@given(st.one_of(st.none(), st.integers(), st.binary(), st.floats()))
def test_non_strings_are_invalid_not_errors(value: object) -> None:
    for validator in (is_valid_inn, is_valid_kpp, is_valid_ogrn):
        assert validator(value) is False  # type: ignore[arg-type]
