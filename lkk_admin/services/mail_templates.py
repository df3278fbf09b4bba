"""E-mails to applicants, rendered from the Russian templates in ``resources/templates``.

Each template is a pair: ``NAME.txt`` (first line ``Subject: …``, a blank line, the plain
text) and ``NAME.html``. Values are substituted with ``string.Template``; in the HTML part
every value is escaped, so nothing an applicant typed can inject markup into the mail.
"""

from __future__ import annotations

import html
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


def greeting_name(first_name: str, patronymic: str | None) -> str:
    """How the portal addresses a person: by first name and patronymic."""
    return " ".join(part for part in (first_name.strip(), (patronymic or "").strip()) if part)


def approved(
    *,
    first_name: str,
    patronymic: str | None,
    login: str,
    granted: list[str],
    refused: list[str],
    portal_url: str = DEFAULT_PORTAL_URL,
) -> RenderedMail:
    """Access granted (the seed manual's Рис.9): which contracts, and how to log in."""
    refused_list = ", ".join(f"№ {number}" for number in refused)
    refused_note = (
        f"По договорам {refused_list} доступ не предоставлен: проверьте номера договоров "
        "или обратитесь к нам."
    )
    return render(
        "registration_approved",
        {
            "greeting_name": greeting_name(first_name, patronymic),
            "login": login,
            "portal_url": portal_url,
            "contracts_text": "\n".join(f"  • договор № {number}" for number in granted),
            "refused_text": f"\n{refused_note}\n" if refused else "",
        },
        raw_html={
            "contracts_html": "\n".join(
                f"<li>договор № {html.escape(number)}</li>" for number in granted
            ),
            "refused_html": f"<p>{html.escape(refused_note)}</p>" if refused else "",
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
