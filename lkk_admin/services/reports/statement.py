"""Расчётная ведомость: per month opening balance, charges, VAT, payments, closing balance."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from lkk_admin.services.reports.contracts import add_months
from lkk_admin.services.reports.document import (
    BODY,
    HEADING,
    SMALL,
    data_table,
    headed_table,
    register_fonts,
    report_renderer,
)
from lkk_admin.services.reports.formatting import (
    RUB,
    amount_in_words,
    day,
    money,
    month_title,
    percent,
    plural,
    roubles,
    volume,
)
from lkk_admin.services.reports.statement_data import StatementData, load_statement

TITLE = "Расчётная ведомость"
MONTH_HEAD = (
    "Месяц",
    f"Сальдо на начало, {RUB}",
    "Объём, кВт·ч",
    f"Сумма без НДС, {RUB}",
    "Ставка НДС",
    f"НДС, {RUB}",
    f"Начислено с НДС, {RUB}",
    f"Оплачено, {RUB}",
    f"Сальдо на конец, {RUB}",
)
MONTH_WIDTHS = tuple(w * mm for w in (33, 30, 27, 31, 18, 27, 32, 30, 31))
PAYMENT_HEAD = ("Дата оплаты", "№ платёжного документа", "Назначение платежа", f"Сумма, {RUB}")
PAYMENTS = ("платёж", "платежа", "платежей")
PAYMENT_WIDTHS = tuple(w * mm for w in (26, 42, 160, 30))


def _rates(rates: set[Decimal]) -> str:
    return " / ".join(percent(rate) for rate in sorted(rates)) or "—"


def statement_story(data: StatementData) -> list[Flowable]:
    register_fonts()  # paragraphs resolve their fonts when created, not when drawn
    rows = [
        (
            month_title(line.period),
            money(line.opening),
            volume(line.volume),
            money(line.amount),
            _rates(line.vat_rates),
            money(line.vat),
            money(line.total),
            money(line.paid),
            money(line.closing),
        )
        for line in data.months
    ]
    total = (
        "Итого за период",
        money(data.opening),
        volume(data.sum_of("volume")),
        money(data.sum_of("amount")),
        "",
        money(data.sum_of("vat")),
        money(data.sum_of("total")),
        money(data.sum_of("paid")),
        money(data.closing),
    )
    story: list[Flowable] = [
        Paragraph("Начисления и оплаты по месяцам", HEADING),
        Spacer(1, 2 * mm),
        data_table(MONTH_HEAD, rows, MONTH_WIDTHS, numeric_from=1, total=total),
        Spacer(1, 1.5 * mm),
        Paragraph(
            "Сальдо: положительное — задолженность покупателя, со знаком минус — переплата "
            "(аванс). Оплаты отнесены к месяцу, в котором они поступили.",
            SMALL,
        ),
    ]
    if len(data.vat_by_rate) > 1:
        parts = [
            f"НДС {percent(rate)} — {roubles(amount)}"
            for rate, amount in sorted(data.vat_by_rate.items())
        ]
        story.append(Paragraph("В том числе: " + "; ".join(parts), SMALL))
    story += _payments(data)
    story.append(_result(data))
    return story


def _payments(data: StatementData) -> list[Flowable]:
    heading = Paragraph("Поступившие оплаты", HEADING)
    if not data.payments:
        return [heading, Paragraph("За период оплат не поступало.", BODY)]
    rows = [(day(p.paid_on), p.document_number, p.purpose, money(p.amount)) for p in data.payments]
    count = f"{len(rows)} {plural(len(rows), PAYMENTS)}"
    total = ("Итого", "", count, money(data.sum_of("paid")))
    return headed_table(
        [heading, Spacer(1, 2 * mm)],
        PAYMENT_HEAD,
        rows,
        PAYMENT_WIDTHS,
        numeric_from=3,
        total=total,
    )


def _result(data: StatementData) -> Flowable:
    """The balance on the last day, in figures and in words (сумма прописью)."""
    on = day(add_months(data.last, 1) - timedelta(days=1))
    closing = data.closing
    if closing > 0:
        text = (
            f"<b>Задолженность покупателя на {on}: {roubles(closing)}</b><br/>"
            f"({amount_in_words(closing)})"
        )
    elif closing < 0:
        text = (
            f"<b>Переплата (аванс) покупателя на {on}: {roubles(-closing)}</b><br/>"
            f"({amount_in_words(-closing)})"
        )
    else:
        text = f"<b>Задолженности на {on} нет</b>: расчёты по договору сверены полностью."
    return KeepTogether([Spacer(1, 5 * mm), Paragraph(text, BODY)])


# Raises DomainError (and makes no PDF) when the contract or the period has nothing to show.
render_statement = report_renderer(TITLE, load_statement, statement_story)
