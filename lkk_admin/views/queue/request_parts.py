"""Pieces of the request pane: the findings, the organisation against the registry, the
contracts with what to grant, and the owners of contracts that are someone else's."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.checks import Finding
from lkk_admin.services.request_details import ComparedField, ContractLine
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue.advice import near_miss_text

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_BORDER = "border: 1px solid palette(midlight); padding: 3px 6px;"
HEADER_STYLE = f"QLabel {{ {_BORDER} background: palette(button); font-weight: bold; }}"
CELL_STYLE = f"QLabel {{ {_BORDER} background: palette(base); }}"
DIFFERS_STYLE = f"QLabel {{ {_BORDER} background: #ffe8c2; color: #5a3000; }}"
# A character that differs from the other side (a mistyped digit of an ИНН or КПП).
MARK_STYLE = "background: #f4a79d; color: #6b0f07; text-decoration: underline;"
HINT_STYLE = (
    "QLabel { background: #eef4fb; border: 1px solid #9dbbe0; border-radius: 3px; "
    "padding: 4px 6px; }"
)


def marked_html(text: str, positions: Sequence[int]) -> str:
    """``text`` as rich text with the characters at ``positions`` marked."""
    chosen = set(positions)
    parts = [
        f'<span style="{MARK_STYLE}">{html.escape(ch)}</span>' if i in chosen else html.escape(ch)
        for i, ch in enumerate(text)
    ]
    return "".join(parts)


class FindingsList(QWidget):
    """The automatic checks' findings, errors first, each with its severity icon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsList")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(2, 2, 2, 2)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self._cells: list[QLabel] = []
        self._shown: list[tuple[str, str]] = []  # (severity, text)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        for cell in self._cells:
            self.grid.removeWidget(cell)
            cell.deleteLater()
        self._cells.clear()
        ordered = fmt.sorted_findings(findings)
        self._shown = [(finding.severity, fmt.finding_text(finding)) for finding in ordered]
        if not ordered:
            self._row(0, fmt.ok_icon(), self.tr("No findings: the data match the registry."), "")
            self._cells[-1].setStyleSheet(f"color: {fmt.OK_TEXT.name()};")
            return
        for row, finding in enumerate(ordered):
            tip = f"{fmt.severity_name(finding.severity)} · {finding.code}"
            self._row(row, fmt.severity_icon(finding.severity), fmt.finding_text(finding), tip)
            if finding.severity == "error":
                self._cells[-1].setStyleSheet(f"color: {fmt.ERROR_TEXT.name()};")

    def _row(self, row: int, icon: QIcon, text: str, tip: str) -> None:
        picture = QLabel()
        picture.setPixmap(icon.pixmap(16, 16))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        picture.setToolTip(tip)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setToolTip(tip)
        self.grid.addWidget(picture, row, 0)
        self.grid.addWidget(label, row, 1)
        self._cells += [picture, label]

    def severities(self) -> list[str]:
        return [severity for severity, _text in self._shown]

    def texts(self) -> list[str]:
        return [text for _severity, text in self._shown]


def _table(parent: QWidget | None, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setHighlightSections(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit_height(table: QTableWidget) -> None:
    """Tall enough for every row: the pane scrolls, not the table."""
    table.resizeRowsToContents()
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(height + 2)


class ComparisonTable(QWidget):
    """What the applicant entered beside what the registry holds; differences tinted,
    the differing characters of an ИНН or КПП marked."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        registry_header: str | None = None,
        object_name: str = "comparisonTable",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.registry_header = registry_header or self.tr("In the registry")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(0)
        self.grid.setVerticalSpacing(0)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self._cells: list[QLabel] = []
        self._differing: list[str] = []
        self.rows: list[tuple[str, str, str]] = []
        # label → (the marked characters entered, those of the registry), for reading back.
        self.marks: dict[str, tuple[str, str]] = {}

    def show_fields(self, fields: Sequence[ComparedField]) -> None:
        for cell in self._cells:
            self.grid.removeWidget(cell)
            cell.deleteLater()
        self._cells.clear()
        # Fields the applicant does not enter (full name, address) are the registry's
        # alone: the pane shows them under the table, not as rows of dashes.
        fields = [field for field in fields if field.entered or field.differs]
        self._differing = [field.label for field in fields if field.differs]
        self.rows = [(field.label, field.entered, field.registry) for field in fields]
        self.marks = {
            field.label: (
                "".join(field.entered[i] for i in field.entered_marks),
                "".join(field.registry[i] for i in field.registry_marks),
            )
            for field in fields
            if field.entered_marks or field.registry_marks
        }
        headers = [self.tr("Field"), self.tr("Entered by the applicant"), self.registry_header]
        for column, text in enumerate(headers):
            self._cell(0, column, text, HEADER_STYLE)
        for row, field in enumerate(fields, start=1):
            style = DIFFERS_STYLE if field.differs else CELL_STYLE
            tip = self.tr("Differs from the registry") if field.differs else ""
            self._cell(row, 0, field.label, style, tip)
            entered, registry = field.entered or "—", field.registry or "—"
            self._cell(row, 1, entered, style, tip, bold=field.differs, marks=field.entered_marks)
            self._cell(row, 2, registry, style, tip, bold=field.differs, marks=field.registry_marks)

    def _cell(
        self,
        row: int,
        column: int,
        text: str,
        style: str,
        tip: str = "",
        *,
        bold: bool = False,
        marks: Sequence[int] = (),
    ) -> None:
        label = QLabel()
        if marks:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(marked_html(text, marks))
        else:
            label.setTextFormat(Qt.TextFormat.PlainText)  # typed text is never markup
            label.setText(text)
        label.setWordWrap(column > 0)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet(style)
        label.setToolTip(tip)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if bold:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        self.grid.addWidget(label, row, column)
        self._cells.append(label)

    def differing_labels(self) -> list[str]:
        return list(self._differing)


COL_GRANT = 0
COL_NUMBER = 1  # as typed, and the registry's contract it matched
COL_OWNER = 2  # the matched contract's counterparty and status
COL_NOTES = 3


class ContractsTable(QWidget):
    """The contracts as typed, what they matched, and a check box for what to grant."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = _table(
            self,
            [
                self.tr("Grant"),
                self.tr("Contract"),
                self.tr("Counterparty, status"),
                self.tr("Findings"),
            ],
        )
        self.table.setObjectName("contractsTable")
        self.table.setIconSize(QSize(16, 16))
        tips = [
            self.tr("Checked contracts are granted when the request is approved"),
            self.tr("The number as the applicant typed it → the contract it matched"),
            self.tr("Whose contract it is in the registry, and its status"),
            self.tr("What the automatic checks found for this contract"),
        ]
        for column, tip in enumerate(tips):
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        header = self.table.horizontalHeader()
        for column in (COL_GRANT, COL_NUMBER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OWNER, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)
        self.lines: list[ContractLine] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        # Wrapped findings change the rows' heights when the width changes.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(lambda: _fit_height(self.table))
        header.sectionResized.connect(lambda *_: self._fit_timer.start())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_timer.start()

    def show_lines(
        self, lines: Sequence[ContractLine], *, decidable: bool, keep: dict[int, bool] | None
    ) -> None:
        """``keep``: the check boxes the user set before a reload of the same request."""
        self.lines = list(lines)
        table = self.table
        table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            grant = QTableWidgetItem()
            grant.setData(LINE_ID_ROLE, line.registration_contract_id)
            if line.decision is not None:
                grant.setFlags(Qt.ItemFlag.ItemIsEnabled)
                grant.setText(
                    self.tr("granted") if line.decision == "granted" else self.tr("refused")
                )
                grant.setToolTip(line.decision_note or "")
            else:
                flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                if line.grantable and decidable:
                    flags |= Qt.ItemFlag.ItemIsEnabled
                grant.setFlags(flags)
                checked = line.grantable and (keep or {}).get(line.registration_contract_id, True)
                grant.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                grant.setToolTip(
                    self.tr("Grant access to this contract")
                    if line.grantable
                    else self.tr("Access cannot be granted: see the findings")
                )
            table.setItem(row, COL_GRANT, grant)
            table.setItem(row, COL_NUMBER, self._number_item(line))
            table.setItem(row, COL_OWNER, self._owner_item(line))
            table.setItem(row, COL_NOTES, self._notes_item(line))
        _fit_height(table)

    def _number_item(self, line: ContractLine) -> QTableWidgetItem:
        typed = line.number_as_typed.strip()
        matched = line.matched_number
        text = typed if matched == typed else f"{typed}\n→ {matched or '—'}"
        item = QTableWidgetItem(text)
        item.setToolTip(
            self.tr("As typed: {typed}\nIn the registry: {matched}").format(
                typed=typed, matched=matched or self.tr("not found")
            )
        )
        return item

    def _owner_item(self, line: ContractLine) -> QTableWidgetItem:
        if not line.counterparty_name:
            return QTableWidgetItem("—")
        return QTableWidgetItem(
            f"{line.counterparty_name}\n{fmt.contract_status_name(line.status)}"
        )

    def _notes_item(self, line: ContractLine) -> QTableWidgetItem:
        findings = fmt.sorted_findings(line.findings)
        messages = [finding.message for finding in findings]
        # Why a decision refused it (or granted what the user had), unless a finding says so.
        note = line.decision_note if line.decision_note not in messages else None
        if not findings:
            item = QTableWidgetItem(fmt.ok_icon(), note or self.tr("no findings"))
            item.setForeground(fmt.OK_TEXT)
            return item
        worst = findings[0].severity
        text = "\n".join(([note] if note else []) + messages)
        item = QTableWidgetItem(fmt.severity_icon(worst), text)
        item.setToolTip(text)
        if worst == "error":
            item.setForeground(fmt.ERROR_TEXT)
        return item

    def choices(self) -> dict[int, bool]:
        """Check box state by registration contract id (undecided lines only)."""
        found: dict[int, bool] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_GRANT)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                found[int(item.data(LINE_ID_ROLE))] = item.checkState() == Qt.CheckState.Checked
        return found

    def chosen_lines(self) -> list[ContractLine]:
        choices = self.choices()
        return [
            line
            for line in self.lines
            if line.grantable and choices.get(line.registration_contract_id, False)
        ]

    def set_checked(self, number_as_typed: str, checked: bool) -> None:
        for row, line in enumerate(self.lines):
            if line.number_as_typed.strip() == number_as_typed.strip():
                item = self.table.item(row, COL_GRANT)
                if item is not None:
                    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    item.setCheckState(state)
                return
        raise KeyError(number_as_typed)


class OwnersPanel(QWidget):
    """The contracts that are someone else's: each owner's ИНН, КПП and name beside the
    organisation entered, the differing characters marked, and a word when it looks like
    the applicant's own organisation mistyped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownersPanel")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 6, 0, 0)
        self.column.setSpacing(4)
        self._widgets: list[QWidget] = []
        self.tables: dict[int, ComparisonTable] = {}  # by registration contract id
        self.captions: dict[int, QLabel] = {}
        self.hints: dict[int, QLabel] = {}

    def show_lines(self, lines: Sequence[ContractLine]) -> None:
        for widget in self._widgets:
            self.column.removeWidget(widget)
            widget.deleteLater()
        self._widgets.clear()
        self.tables.clear()
        self.captions.clear()
        self.hints.clear()
        for line in lines:
            if not line.owner_comparison or line.owner is None:
                continue
            line_id = line.registration_contract_id
            caption = self._label(
                self.tr(
                    "Contract {number} belongs to {owner}, not to the organisation entered:"
                ).format(
                    number=line.matched_number or line.number_as_typed.strip(),
                    owner=line.owner.name,
                ),
                "ownerCaption",
            )
            table = ComparisonTable(
                registry_header=self.tr("Contract owner"), object_name="ownerComparison"
            )
            table.show_fields(line.owner_comparison)
            self.captions[line_id], self.tables[line_id] = caption, table
            self._add(caption)
            self._add(table)
            hint = near_miss_text(line)
            if hint:
                label = self._label(hint, "nearMissHint")
                label.setStyleSheet(HINT_STYLE)
                self.hints[line_id] = label
                self._add(label)
        self.setVisible(bool(self._widgets))

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _add(self, widget: QWidget) -> None:
        self.column.addWidget(widget)
        self._widgets.append(widget)
