"""The portal's address in the letters to applicants ("log in at …"): one for the whole
organisation, so that every desk's letters lead to the same place."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from lkk_admin.services import organisation_settings
from lkk_admin.services.errors import DomainError
from lkk_admin.services.mail_templates import DEFAULT_PORTAL_URL
from lkk_admin.services.organisation_settings import Setting

PORTAL_LINK_KEY = "portal_link"


def check_url(url: str) -> str:
    """The address as letters print it (no trailing slash); refused unless it is a web
    address an applicant can open."""
    cleaned = url.strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in cleaned:
        raise DomainError(
            f"Адрес портала «{url.strip()}» не подходит: нужен адрес вида "
            "https://lkk.rn-energo.ru, который заявитель откроет в браузере.",
            code="BAD_PORTAL_URL",
        )
    return cleaned


def read_portal_link(bind: Session | Connection) -> Setting[str]:
    """The address (the default until an administrator saves one)."""
    return organisation_settings.read_checked(
        bind, PORTAL_LINK_KEY, lambda value: check_url(str(value["url"])), DEFAULT_PORTAL_URL
    )


def save_portal_link(
    session: Session, url: str, actor: str, *, expected_version: int | None
) -> Setting[str]:
    cleaned = check_url(url)
    return organisation_settings.write(
        session,
        PORTAL_LINK_KEY,
        cleaned,
        {"url": cleaned},
        actor,
        expected_version=expected_version,
        title="адрес портала в письмах",
    )
