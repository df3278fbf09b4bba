"""Personal data are masked in lists the way the portal masks them."""

from lkk_admin.services.masking import mask_email, mask_person, mask_phone


def test_phone_keeps_only_the_last_two_digits() -> None:
    assert mask_phone("+7 (916) 123-45-44") == "+7 (***) ***-**-44"
    assert mask_phone("89161234544") == "+7 (***) ***-**-44"
    assert mask_phone("123-45") == "***-**-45"
    assert mask_phone("") == ""
    assert "916" not in mask_phone("+7 916 123 45 44")


def test_email_keeps_the_first_letter_and_domain() -> None:
    assert mask_email("i.ivanov@romashka.ru") == "i*******@romashka.ru"
    assert mask_email("ab@x.ru") == "a***@x.ru"
    assert mask_email("broken") == "***"


def test_person_is_shortened_to_initials() -> None:
    assert mask_person("Иванов", "Иван", "Иванович") == "Иванов И. И."
    assert mask_person("Иванов", "Иван", None) == "Иванов И."
