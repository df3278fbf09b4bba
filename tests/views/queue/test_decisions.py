"""Approve, reject, return: what will happen is shown first; nothing typed is lost."""

from __future__ import annotations

import sqlite3

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import Contract, ContractAccess, MailOutbox, RegistrationRequest
from lkk_admin.services import mail_templates, queue
from lkk_admin.services.portal_link import save_portal_link
from lkk_admin.views.crash_dialog import CrashDialog, ErrorReporter
from lkk_admin.views.queue import jobs
from lkk_admin.views.queue.decision_dialogs import (
    ApproveDialog,
    DecisionDialog,
    RejectDialog,
    ReturnDialog,
)
from lkk_admin.views.queue.queue_page import QueuePage
from tests import factories as f
from tests.views.gui import click, key
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, list_ids, status_of


def claim(qtbot: QtBot, page: QueuePage, request_id: int) -> None:
    page.desk.claim(request_id)
    qtbot.waitUntil(lambda: page.desk.is_mine() and page.desk.details is not None)
    assert page.desk.details is not None and page.desk.details.id == request_id


def mails(factory: sessionmaker[Session], request_id: int) -> list[tuple[str, str, str]]:
    with factory() as session:
        rows = session.execute(
            select(MailOutbox.to_address, MailOutbox.subject, MailOutbox.body_text).where(
                MailOutbox.entity == "registration_request", MailOutbox.entity_id == request_id
            )
        ).all()
    return [(row.to_address, row.subject, row.body_text) for row in rows]


def closed(dialog: QWidget) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def decided(qtbot: QtBot, page: QueuePage, dialog: DecisionDialog) -> None:
    """Confirm ``dialog`` and wait until it closed and the list caught up."""
    click(dialog.confirm_button)
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: not page.model.is_loading and page.view.notice_kind == "success")


def test_approve_a_subset_of_the_contracts(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.clean)
    page.view.contracts.set_checked("77090001234567", False)
    page.commands.approve.trigger()
    dialog = page.desk.dialog
    assert isinstance(dialog, ApproveDialog)
    assert dialog.windowTitle() == "Одобрение заявки"
    assert [dialog.granted_list.item(i).text() for i in range(dialog.granted_list.count())] == [
        "ЭС-0012/21 · ООО «Ромашка»"
    ]
    assert dialog.refused_list.item(0).text() == "77090001234567 — не выбран вами"
    expected = mail_templates.approved(
        first_name="Иван",
        patronymic="Иванович",
        login="romashka.buh",
        granted=["ЭС-0012/21"],
        refused=["77090001234567"],
    )
    assert dialog.preview.subject == expected.subject
    assert dialog.preview.text == expected.text
    assert dialog.preview.to_label.text() == "b***@romashka.ru"
    assert dialog.confirm_button.text() == "Одобрить"

    decided(qtbot, page, dialog)
    assert status_of(queue_factory, crafted.clean) == ("approved", None)
    assert mails(queue_factory, crafted.clean) == [
        ("buh@romashka.ru", expected.subject, expected.text)
    ]
    with queue_factory() as session:
        granted = session.scalars(
            select(Contract.number).join(ContractAccess, ContractAccess.contract_id == Contract.id)
        ).all()
    assert granted == ["ЭС-0012/21"]
    # It left the pending tab, the counts follow, the pane says what happened.
    qtbot.waitUntil(lambda: page.list.tabs.tabText(4) == "Решённые (1)")
    assert page.list.tabs.tabText(0) == "В очереди (3)"
    assert page.list.tabs.tabText(1) == "На проверке (0)"
    assert crafted.clean not in list_ids(page)
    assert page.view.notice_label.text().startswith(f"Заявка № {crafted.clean} одобрена")
    qtbot.waitUntil(
        lambda: page.view.details is not None and page.view.details.status == "approved"
    )
    assert not page.commands.reject.isEnabled()
    assert page.commands.take_next.isEnabled()


def test_reject_with_a_standard_reason_and_own_words(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.unknown)
    dialog = page.desk.open_reject()
    assert isinstance(dialog, RejectDialog)
    # The reason the checks point to is preselected, its text prefilled.
    assert dialog.reason_code == "INN_NOT_FOUND"
    assert dialog.text() == queue.STANDARD_REASONS["INN_NOT_FOUND"]
    dialog.text_edit.setPlainText("")
    assert not dialog.confirm_button.isEnabled()
    assert dialog.status_label.text() == "Напишите причину отказа: её прочитает заявитель."
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("NO_AUTHORITY"))
    assert dialog.text() == queue.STANDARD_REASONS["NO_AUTHORITY"]
    reason = dialog.text() + " Приложите доверенность к новой заявке."
    dialog.text_edit.setPlainText(reason)
    # Choosing another reason never overwrites what the user wrote.
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("DUPLICATE"))
    assert dialog.text() == reason
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("NO_AUTHORITY"))
    expected = mail_templates.rejected(first_name="Иван", patronymic="Иванович", reason=reason)
    assert dialog.preview.text == expected.text
    assert "Приложите доверенность" in dialog.preview.text

    decided(qtbot, page, dialog)
    with queue_factory() as session:
        request = session.get_one(RegistrationRequest, crafted.unknown)
        assert (request.status, request.reason_code) == ("rejected", "NO_AUTHORITY")
        assert request.decision_reason == reason
    assert mails(queue_factory, crafted.unknown) == [
        ("boss@mail.ru", expected.subject, expected.text)
    ]
    assert f"Заявка № {crafted.unknown} отклонена" in page.view.notice_label.text()


def test_return_for_clarification(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.mixed)
    page.commands.return_for_clarification.trigger()
    dialog = page.desk.dialog
    assert isinstance(dialog, ReturnDialog)
    assert not dialog.confirm_button.isEnabled()
    assert dialog.preview.subject == "—"
    message = "Уточните номер договора с ООО «Василёк»:\nон оформлен на другую организацию."
    dialog.text_edit.setPlainText(message)
    expected = mail_templates.needs_info(first_name="Иван", patronymic="Иванович", message=message)
    assert dialog.preview.subject == expected.subject
    assert dialog.preview.text == expected.text
    assert dialog.confirm_button.isEnabled()

    decided(qtbot, page, dialog)
    assert status_of(queue_factory, crafted.mixed) == ("needs_info", None)
    assert mails(queue_factory, crafted.mixed) == [
        ("ok@romashka.ru", expected.subject, expected.text)
    ]
    qtbot.waitUntil(lambda: page.list.tabs.tabText(2) == "На уточнении (1)")


def test_the_letter_gives_the_organisations_portal_address(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:  # set by an administrator at another desk
        save_portal_link(session, "https://lk.rn-energo.ru/", "admin", expected_version=None)
    page = make_page()
    claim(qtbot, page, crafted.mixed)
    page.commands.return_for_clarification.trigger()
    dialog = page.desk.dialog
    assert isinstance(dialog, ReturnDialog)
    dialog.text_edit.setPlainText("Приложите доверенность.")
    assert "https://lk.rn-energo.ru" in dialog.preview.text
    assert mail_templates.DEFAULT_PORTAL_URL not in dialog.preview.text

    decided(qtbot, page, dialog)
    [(_to, _subject, sent)] = mails(queue_factory, crafted.mixed)
    assert sent == dialog.preview.text  # the letter previewed is the letter queued


def test_someone_else_took_the_request_the_text_stays(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.mixed)
    dialog = page.desk.open_reject()
    assert dialog is not None
    reason = "Договор ЭС-0099/22 заключён с другой организацией."
    dialog.text_edit.setPlainText(reason)
    # Meanwhile an administrator frees the request and another verifier takes it.
    with queue_factory.begin() as session:
        queue.release(session, crafted.mixed, "admin", force=True)
        queue.claim(session, crafted.mixed, "verifier2")

    click(dialog.confirm_button)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert dialog.isVisible()
    assert f"Заявку № {crafted.mixed} сейчас проверяет verifier2, а не вы" in (
        dialog.error_label.text()
    )
    assert "Ваш текст остался в окне" in dialog.error_label.text()
    assert dialog.text() == reason
    assert not dialog.text_edit.isReadOnly()
    assert dialog.confirm_button.isEnabled()  # to retry, or copy and cancel
    assert status_of(queue_factory, crafted.mixed) == ("in_review", "verifier2")
    assert mails(queue_factory, crafted.mixed) == []
    # The pane catches up with who holds the request now.
    qtbot.waitUntil(lambda: "verifier2" in page.view.claim_label.text())
    # Closing keeps the text as a draft for this request.
    dialog.reject()
    assert page.desk.drafts[(crafted.mixed, "reject")] == reason


def test_a_changed_request_is_refused_as_stale(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.clean)
    dialog = page.desk.open_approve()
    assert dialog is not None
    with queue_factory.begin() as session:  # changed behind the user's back
        queue.renew(session, crafted.clean, "verifier1")
        queue.renew(session, crafted.clean, "verifier1")
    click(dialog.confirm_button)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert "изменилась, пока вы её просматривали" in dialog.error_label.text()
    assert status_of(queue_factory, crafted.clean) == ("in_review", "verifier1")


def test_a_lost_connection_keeps_the_dialog_and_its_text(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.clean)
    dialog = page.desk.open_return()
    assert dialog is not None
    message = "Пришлите, пожалуйста, скан первой страницы договора."
    dialog.text_edit.setPlainText(message)

    def busy(*_args: object, **_kwargs: object) -> object:
        raise OperationalError(
            "UPDATE registration_request", {}, sqlite3.OperationalError("database is locked")
        )

    monkeypatch.setattr(jobs, "return_for_clarification", busy)
    click(dialog.confirm_button)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert dialog.error_label.text().startswith("База данных занята другой операцией.")
    assert dialog.text() == message
    monkeypatch.undo()
    decided(qtbot, page, dialog)  # the retry succeeds
    assert status_of(queue_factory, crafted.clean) == ("needs_info", None)


def test_an_unexpected_error_is_reported_and_the_text_kept(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    errors: ErrorReporter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.unknown)
    dialog = page.desk.open_reject()
    assert dialog is not None

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(jobs, "reject", broken)
    click(dialog.confirm_button)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert isinstance(errors.last_dialog, CrashDialog)
    assert "непредвиденной ошибки" in dialog.error_label.text()
    assert dialog.text().startswith("Организация с указанным ИНН")


def test_a_draft_comes_back_when_the_dialog_is_reopened(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.mixed)
    dialog = page.desk.open_return()
    assert dialog is not None
    dialog.text_edit.setPlainText("Черновик сообщения")
    click(dialog.cancel_button)
    qtbot.waitUntil(lambda: page.desk.dialog is None)
    again = page.desk.open_return()
    assert again is not None
    assert again.text() == "Черновик сообщения"
    assert again.preview.text.count("Черновик сообщения") == 1
    again.reject()


def test_ctrl_enter_confirms_in_the_dialog(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    claim(qtbot, page, crafted.vasilek)
    dialog = page.desk.open_approve()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    key(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: status_of(queue_factory, crafted.vasilek)[0] == "approved")


def test_a_near_miss_suggests_returning_rather_than_rejecting(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    """ООО «Ромашка»'s ИНН one digit off: not «Организация с указанным ИНН не найдена»."""
    with queue_factory.begin() as session:
        request_id = f.registration(
            session, login="opechatka", inn="7706107580", contract_numbers=["ЭС-0012/21"]
        )
    page = make_page()
    claim(qtbot, page, request_id)
    dialog = page.desk.open_reject()
    assert isinstance(dialog, RejectDialog)
    assert dialog.reason_code is None  # no standard reason preselected, nothing prefilled
    assert dialog.text() == ""
    advice = dialog.findChild(QLabel, "rejectAdvice")
    assert advice is not None and "вернуть её на уточнение" in advice.text()
    assert "договор № ЭС-0012/21 заключён с ООО «Ромашка»" in advice.text()
    assert dialog.return_instead_button is not None
    click(dialog.return_instead_button)
    qtbot.waitUntil(lambda: isinstance(page.desk.dialog, ReturnDialog))
    returned = page.desk.dialog
    assert isinstance(returned, ReturnDialog)
    assert closed(dialog)
    # The question is drafted from the checks, without naming the contract's owner.
    assert returned.text().startswith("Проверьте, пожалуйста, ИНН организации")
    assert "7706107580" in returned.text() and f.ROMASHKA_INN not in returned.text()
    assert returned.findChild(QLabel, "returnAdvice") is not None
    decided(qtbot, page, returned)
    assert status_of(queue_factory, request_id) == ("needs_info", None)
    [(_to, _subject, sent)] = mails(queue_factory, request_id)
    assert "Проверьте, пожалуйста, ИНН организации" in sent


def test_a_kpp_mismatch_is_returned_a_strangers_contract_refused(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        filial = f.registration(session, login="filial", kpp="770699001")
    page = make_page()
    claim(qtbot, page, filial)
    dialog = page.desk.open_return()
    assert isinstance(dialog, ReturnDialog)
    assert dialog.text().startswith("Проверьте, пожалуйста, КПП организации: КПП 770699001")
    dialog.reject()
    qtbot.waitUntil(lambda: page.desk.dialog is None)
    page.desk.claim(crafted.mixed)  # ЭС-0099/22 is ООО «Василёк»'s
    qtbot.waitUntil(
        lambda: (
            page.desk.details is not None
            and page.desk.details.id == crafted.mixed
            and page.desk.is_mine()
        )
    )
    reject = page.desk.open_reject()
    assert isinstance(reject, RejectDialog)
    assert reject.reason_code == "CONTRACT_OTHER_ORGANISATION"
    assert reject.return_instead_button is None
    assert reject.findChild(QLabel, "rejectAdvice") is None
    reject.reject()
