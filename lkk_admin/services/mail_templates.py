"""E-mails to applicants and portal users, rendered from the Russian templates in
``resources/templates``.

Each template is a pair: ``NAME.txt`` (first line ``Subject: …``, a blank line, the plain
text) and ``NAME.html``. Values are substituted with ``string.Template``; in the HTML part
every value is escaped, so nothing an applicant typed can inject markup into the mail.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from functools import cache
from string import Template

from lkk_admin.paths import resource

DEFAULT_PORTAL_URL = "https://lkk.rn-energo.ru"


@dataclass(frozen=True)
class RenderedMail:
    template: str
    subject: str
    text: str
    html: str


@cache
def _load(name: str) -> tuple[Template, Template, Template]:
    folder = resource("templates")
    text_source = (folder / f"{name}.txt").read_text(encoding="utf-8")
    header, _, body = text_source.partition("\n\n")
    if not header.startswith("Subject: "):
        raise ValueError(f"template {name}.txt must start with a Subject: line")
    html_source = (folder / f"{name}.html").read_text(encoding="utf-8")
    return Template(header.removeprefix("Subject: ").strip()), Template(body), Template(html_source)


def render(
    name: str, values: dict[str, str], *, raw_html: dict[str, str] | None = None
) -> RenderedMail:
    """Fill template ``name``. ``raw_html`` holds HTML fragments built (and escaped) here."""
    subject_template, text_template, html_template = _load(name)
    subject = subject_template.substitute(values)
    text = text_template.substitute({**values, "subject": subject})
    escaped = {key: html.escape(value) for key, value in {**values, "subject": subject}.items()}
    body_html = html_template.substitute({**escaped, **(raw_html or {})})
    return RenderedMail(name, subject, text, body_html)


def clean_name_part(value: str | None) -> str:
    """A name as typed, fit to stand in a letter: every run of whitespace (tabs, line breaks,
    no-break spaces) one space, control characters dropped, nothing else changed."""
    if not value:
        return ""
    kept = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char) != "Cc"
    )
    return " ".join(kept.split())


def greeting_name(first_name: str, patronymic: str | None) -> str:
    """How the portal addresses a person: by first name and patronymic."""
    parts = (clean_name_part(first_name), clean_name_part(patronymic))
    return " ".join(part for part in parts if part)


def recipient_name(
    last_name: str | None, first_name: str | None, patronymic: str | None, *, limit: int
) -> str:
    """The applicant's full name for the letter's To header, at most ``limit`` characters.

    Each of the three names may be as long as its column allows, so together they may not
    fit the outbox's ``to_name``: the name is then shortened with «…», never inside a
    letter and its combining marks or a joined sequence.
    """
    parts = (clean_name_part(last_name), clean_name_part(first_name), clean_name_part(patronymic))
    return shorten(" ".join(part for part in parts if part), limit)


_ZERO_WIDTH_JOINER = "\u200d"
_ELLIPSIS = "…"


def continues_previous(char: str) -> bool:
    """Whether ``char`` belongs to the character before it: a combining mark, a variation
    selector, a joiner or an emoji skin tone (an approximation of grapheme clusters)."""
    return (
        unicodedata.category(char).startswith("M")
        or char in "\u200c\u200d"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def shorten(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start and «…», cut between two
    letters (with their marks) wherever the text allows that."""
    if len(text) <= limit:
        return text
    cut = limit - len(_ELLIPSIS)
    while cut > 0 and (continues_previous(text[cut]) or text[cut - 1] == _ZERO_WIDTH_JOINER):
        cut -= 1
    if cut == 0:  # one letter with more marks than fit: cut among its marks
        cut = limit - len(_ELLIPSIS)
    return text[:cut].rstrip() + _ELLIPSIS


def approved(
    *,
    first_name: str,
    patronymic: str | None,
    login: str,
    granted: list[str],
    refused: list[str],
    portal_url: str = DEFAULT_PORTAL_URL,
    blocked: bool = False,
) -> RenderedMail:
    """Access granted (the seed manual's Рис.9): which contracts, and how to log in.
    ``blocked``: the account is blocked meanwhile, so the letter says the login waits."""
    refused_list = ", ".join(f"№ {number}" for number in refused)
    notes = []
    if refused:
        notes.append(
            f"По договорам {refused_list} доступ не предоставлен: проверьте номера договоров "
            "или обратитесь к нам."
        )
    if blocked:
        notes.append(
            "Ваша учётная запись сейчас заблокирована администратором: войти в Личный "
            "кабинет вы сможете после её разблокировки, о которой мы сообщим отдельным "
            "письмом."
        )
    return render(
        "registration_approved",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "login": login,
            "portal_url": portal_url,
            "contracts_text": "\n".join(f"  • договор № {number}" for number in granted),
            "refused_text": "".join(f"\n{note}\n" for note in notes),
        },
        raw_html={
            "contracts_html": "\n".join(
                f"<li>договор № {html.escape(number)}</li>" for number in granted
            ),
            "refused_html": "".join(f"<p>{html.escape(note)}</p>" for note in notes),
        },
    )


def rejected(
    *, first_name: str, patronymic: str | None, reason: str, portal_url: str = DEFAULT_PORTAL_URL
) -> RenderedMail:
    return render(
        "registration_rejected",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "reason": reason.strip(),
            "portal_url": portal_url,
        },
    )


def needs_info(
    *, first_name: str, patronymic: str | None, message: str, portal_url: str = DEFAULT_PORTAL_URL
) -> RenderedMail:
    text = message.strip()
    return render(
        "registration_needs_info",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "message": text,
            "portal_url": portal_url,
        },
        # Paragraphs of the verifier's message kept as line breaks, each line escaped.
        raw_html={"message_html": "<br>".join(html.escape(line) for line in text.splitlines())},
    )


def _lines_html(text: str) -> str:
    """A text someone typed, its line breaks kept as ``<br>``, each line escaped."""
    return "<br>".join(html.escape(line) for line in text.splitlines())


def _contracts_word(count: int) -> str:
    return "договору" if count == 1 else "договорам"


# What an unblocked user can do next, by the status the account got back.
_AFTER_UNBLOCK: dict[str, str] = {
    "active": (
        "Вы снова можете войти в Личный кабинет: нажмите «Войти в личный кабинет» и введите "
        "свой логин и пароль."
    ),
    "pending": (
        "Ваша заявка на регистрацию рассматривается; о решении мы сообщим отдельным письмом."
    ),
    "email_unconfirmed": (
        "Чтобы продолжить регистрацию, подтвердите адрес электронной почты по ссылке из "
        "письма, полученного при регистрации."
    ),
    "rejected": (
        "Доступ к данным Личного кабинета вам не предоставлен; при необходимости подайте "
        "новую заявку на регистрацию."
    ),
}
_NOTHING_TO_SEE = (
    "Доступа к договорам у вашей учётной записи сейчас нет: войдя в Личный кабинет, вы не "
    "увидите данных ни по одному договору. Чтобы получить доступ к договору, организации "
    "нужно обратиться к нам письменно."
)


def user_blocked(
    *, first_name: str, patronymic: str | None, login: str, reason: str
) -> RenderedMail:
    """The account is blocked (services.portal_users.block), and why."""
    text = reason.strip()
    return render(
        "portal_user_blocked",
        {"greeting_name": greeting_name(first_name, patronymic), "login": login, "reason": text},
        raw_html={"reason_html": _lines_html(text)},
    )


def user_unblocked(
    *,
    first_name: str,
    patronymic: str | None,
    login: str,
    status: str,
    live_contracts: int,
    portal_url: str = DEFAULT_PORTAL_URL,
) -> RenderedMail:
    """The account is unblocked; what the user can do with the ``status`` it got back."""
    next_text = _AFTER_UNBLOCK.get(status, _AFTER_UNBLOCK["active"])
    if status == "active" and live_contracts == 0:
        next_text = f"Вы снова можете войти в Личный кабинет. {_NOTHING_TO_SEE}"
    return render(
        "portal_user_unblocked",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "login": login,
            "next_text": next_text,
            "portal_url": portal_url,
        },
    )


def access_revoked(
    *,
    first_name: str,
    patronymic: str | None,
    login: str,
    contracts: list[str],
    reason: str,
    live_contracts_left: int,
) -> RenderedMail:
    """Access to ``contracts`` closed, why, and whether the user still sees any."""
    text = reason.strip()
    return render(
        "portal_access_revoked",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "login": login,
            "contracts_word": _contracts_word(len(contracts)),
            "contracts_text": "\n".join(f"  • договор № {number}" for number in contracts),
            "reason": text,
            "remaining_text": (
                "Доступ к остальным договорам сохранён." if live_contracts_left else _NOTHING_TO_SEE
            ),
        },
        raw_html={
            "contracts_html": "\n".join(
                f"<li>договор № {html.escape(number)}</li>" for number in contracts
            ),
            "reason_html": _lines_html(text),
        },
    )


def access_granted(
    *,
    first_name: str,
    patronymic: str | None,
    login: str,
    contract_number: str,
    reason: str,
    blocked: bool,
    portal_url: str = DEFAULT_PORTAL_URL,
) -> RenderedMail:
    """Access to one more contract on an administrator's word. A blocked user is told that
    the contract opens once the account is unblocked."""
    text = reason.strip()
    if blocked:
        login_text = (
            "Ваша учётная запись сейчас заблокирована: данные договора станут доступны после "
            "её разблокировки, о которой мы сообщим отдельным письмом."
        )
        login_html = html.escape(login_text)
    else:
        login_text = (
            f"Для входа откройте {portal_url}, нажмите «Войти в личный кабинет» и введите "
            "свой логин и пароль."
        )
        url = html.escape(portal_url)
        login_html = (
            f'Для входа откройте <a href="{url}">{url}</a>, нажмите «Войти в личный кабинет» '
            "и введите свой логин и пароль."
        )
    return render(
        "portal_access_granted",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "login": login,
            "contract_number": contract_number,
            "reason": text,
            "login_text": login_text,
        },
        raw_html={"reason_html": _lines_html(text), "login_html": login_html},
    )
