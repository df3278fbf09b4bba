"""The portal users section: the framework's list and detail, and the administrators' acts.

Everything a list does comes from :class:`~lkk_admin.views.framework.list_page.ListPage`
as :data:`.users_section.PORTAL_USERS` declares it. This page opens the act dialogs
(:mod:`.act_dialogs`) for the user shown, and after an act shows the user and their row
as the database now has them. Verifiers see the same screen without the acts; the
database refuses the acts to them in any case.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from lkk_admin.services.errors import ConflictError, NotFoundError
from lkk_admin.services.portal_user_browser import UserDetail, UserRow
from lkk_admin.services.portal_users import UserAct
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.list_page import SEARCH_DELAY_MS, ListPage
from lkk_admin.views.portal_users.act_dialogs import ActDialog
from lkk_admin.views.portal_users.retention_dialog import RetentionDialog, run_retention
from lkk_admin.views.portal_users.user_pane import PortalUserPane
from lkk_admin.views.portal_users.users_section import PORTAL_USERS
from lkk_admin.views.sections import SectionSpec, section_by_key

SECTION_KEY = "portal_users"


class PortalUsersPage(ListPage[UserRow]):
    """The portal users as one member of staff (``context.actor``) sees and acts on them."""

    view: PortalUserPane

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        page_size: int | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        spec = spec or section_by_key(SECTION_KEY)
        assert spec is not None
        self.dialog: QDialog | None = None
        self.busy = False
        super().__init__(
            context,
            spec,
            PORTAL_USERS,
            page_size=page_size,
            search_delay_ms=search_delay_ms,
            parent=parent,
        )
        self.setObjectName("portalUsersPage")
        self.update_actions()

    @property
    def user(self) -> UserDetail | None:
        detail = self.view.detail
        return detail if isinstance(detail, UserDetail) else None

    def may(self, act: str) -> bool:
        """Whether the shown user allows ``act`` now (the menu and the buttons follow)."""
        user = self.user
        if user is None or self.dialog is not None or not self.isVisible():
            return False
        if user.anonymised_at is not None:
            return False
        if act == "block":
            return user.status != "blocked"
        if act == "unblock":
            return user.status == "blocked"
        if act == "revoke":
            return bool(user.live_contracts)
        return act == "grant"

    # --- the acts ---------------------------------------------------------------------------

    def open_block(self) -> ActDialog | None:
        return self._open("block")

    def open_unblock(self) -> ActDialog | None:
        return self._open("unblock")

    def open_grant(self) -> ActDialog | None:
        return self._open("grant")

    def open_revoke(self) -> ActDialog | None:
        chosen = self._selected_live_contracts()
        return self._open("revoke", chosen)

    def _selected_live_contracts(self) -> tuple[str, ...]:
        user = self.user
        table = self.view.contracts_table
        if user is None:
            return ()
        rows = {index.row() for index in table.selectedIndexes()}
        return tuple(
            user.contracts[row].contract_number
            for row in rows
            if row < len(user.contracts) and user.contracts[row].live
        )

    def _open(self, kind: str, chosen: tuple[str, ...] = ()) -> ActDialog | None:
        user = self.user
        if user is None or not self.may(kind):
            return None
        dialog = ActDialog(self.context, kind, user, self, chosen_contracts=chosen)
        self.dialog = dialog
        dialog.acted.connect(self._acted)
        dialog.failed.connect(self._refused)
        dialog.finished.connect(lambda _result: self._dialog_finished(dialog))
        dialog.open()
        self.update_actions()
        return dialog

    def _acted(self, act: UserAct) -> None:
        self.view.show_notice(self._act_notice(act), "success")
        self._reread(act.user_id)

    def _act_notice(self, act: UserAct) -> str:
        numbers = ", ".join(act.contract_numbers)
        if act.already:
            return self.tr("The user already has access to {numbers}: nothing was changed.").format(
                numbers=numbers
            )
        texts = {
            "block_user": self.tr("The user is blocked."),
            "unblock_user": self.tr("The user is unblocked."),
            "revoke_access": self.tr("Access to {numbers} is revoked."),
            "grant_access": self.tr("Access to {numbers} is granted."),
        }
        text = texts.get(act.action, "").format(numbers=numbers)
        if act.mail_outbox_id is not None:
            text += " " + self.tr("Letter No. {id} is queued to the user.").format(
                id=act.mail_outbox_id
            )
        return text

    def _refused(self, error: BaseException) -> None:
        """A stale card is read again: the open dialog then acts on what the user is now."""
        user = self.user
        if isinstance(error, ConflictError | NotFoundError) and user is not None:
            self._reread(user.id)

    def show_detail(self, detail: object) -> None:
        super().show_detail(detail)
        if isinstance(self.dialog, ActDialog) and isinstance(detail, UserDetail):
            self.dialog.set_detail(detail)

    def _reread(self, user_id: int) -> None:
        self.model.refresh()
        self.open_detail(user_id, quiet=True)

    def _dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.update_actions()

    # --- anonymisation by schedule ----------------------------------------------------------

    def open_retention(self) -> RetentionDialog:
        dialog = run_retention(self, self.context)
        dialog.run_finished.connect(lambda _run: self.refresh())  # anonymised rows change
        return dialog


def create_page(context: AppContext, spec: SectionSpec | None = None) -> PortalUsersPage:
    """The factory the "portal_users" section names."""
    return PortalUsersPage(context, spec)
