"""«Пользователи портала»: portal accounts as staff browse them, read only.

The list with its status tabs, counts and one loose search box (``users``, ``search``),
one user's card with the organisation, every contract access, requests, letters and
audit events (``detail``), the frozen rows both return (``rows``). Contacts are masked;
only revealing one writes (its audit event), and nothing commits.
"""

from lkk_admin.services.portal_user_browser.detail import (
    event_summary,
    reveal_user_contact,
    user_detail,
)
from lkk_admin.services.portal_user_browser.rows import (
    EVENT_LIMIT,
    LETTER_LIMIT,
    TABS,
    ContractAccessLine,
    Organisation,
    UserDetail,
    UserEventLine,
    UserLetterLine,
    UserRequestLine,
    UserRow,
)
from lkk_admin.services.portal_user_browser.search import classify_user_search
from lkk_admin.services.portal_user_browser.users import DEFAULT_ORDER, ORDERS, PortalUserSource

__all__ = [
    "DEFAULT_ORDER",
    "EVENT_LIMIT",
    "LETTER_LIMIT",
    "ORDERS",
    "TABS",
    "ContractAccessLine",
    "Organisation",
    "PortalUserSource",
    "UserDetail",
    "UserEventLine",
    "UserLetterLine",
    "UserRequestLine",
    "UserRow",
    "classify_user_search",
    "event_summary",
    "reveal_user_contact",
    "user_detail",
]
