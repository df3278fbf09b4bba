"""What the overview page scrolls through: the headline tiles, the three charts each with
its numbers, and the tables (per verifier, repeated returns, reasons, finding codes)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from lkk_admin.services.queue_overview import QueueOverview
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.detail import DetailTable
from lkk_admin.views.overview import tables
from lkk_admin.views.overview.charts import AgeChart, DecisionsChart, TimesChart
from lkk_admin.views.overview.tables import Table
from lkk_admin.views.overview.widgets import Block, Tile, TileRow, chart_and_numbers

TABLE_ROWS = 10  # rows shown before a table scrolls


class OverviewFigures(QWidget):
    """``link_activated(section, id, search)``: a request double-clicked in a table."""

    link_activated = Signal(str, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewFigures")
        self.specs = {table.key: table for table in tables.all_tables()}
        self.tables: dict[str, DetailTable] = {}
        for key, spec in self.specs.items():
            table = DetailTable(
                key, [column.header for column in spec.columns], stretch=spec.stretch,
                max_rows=TABLE_ROWS,
            )  # fmt: skip
            table.link_activated.connect(self.link_activated)
            self.tables[key] = table

        self.tile_waiting = Tile("waitingTile")
        self.tile_overdue = Tile("overdueTile")
        self.tile_next_day = Tile("nextDayTile")
        self.tile_oldest = Tile("oldestTile")
        self.tile_applicants = Tile("applicantsTile")
        self.tile_decisions = Tile("decisionsTile")
        self.tiles = TileRow(
            [
                self.tile_waiting,
                self.tile_overdue,
                self.tile_next_day,
                self.tile_oldest,
                self.tile_applicants,
                self.tile_decisions,
            ]
        )

        self.age_chart = AgeChart()
        self.decisions_chart = DecisionsChart()
        self.times_chart = TimesChart()
        chart, numbers = self.tr("Chart"), self.tr("Numbers")
        self.ages_block = Block(
            "agesBlock",
            self.tr("Waiting for a decision, by age in working days"),
            self._tabs("agesTabs", self.age_chart, "agesTable", chart, numbers),
        )
        self.decisions_block = Block(
            "decisionsBlock",
            self.tr("Decisions per day"),
            self._tabs("decisionsTabs", self.decisions_chart, "daysTable", chart, numbers),
        )
        self.times_block = Block(
            "timesBlock",
            self.tr("Time from submission to a final decision, per week"),
            self._tabs("timesTabs", self.times_chart, "timesTable", chart, numbers),
        )
        self.verifiers_block = Block(
            "verifiersBlock", self.tr("By verifier"), self.tables["verifiersTable"]
        )
        self.loops_block = Block(
            "loopsBlock",
            self.tr("Returned for clarification more than once"),
            self.tables["loopsTable"],
        )
        self.reasons_block = Block(
            "reasonsBlock", self.tr("Most common rejection reasons"), self.tables["reasonsTable"]
        )
        self.findings_block = Block(
            "findingsBlock",
            self.tr("Most common finding codes in decisions"),
            self.tables["findingsTable"],
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 8)
        layout.setSpacing(6)
        layout.addWidget(self.tiles)
        for block in (
            self.ages_block,
            self.decisions_block,
            self.times_block,
            self.verifiers_block,
            self.loops_block,
            self.reasons_block,
            self.findings_block,
        ):
            layout.addWidget(block)
        layout.addStretch(1)

    def _tabs(
        self, name: str, chart: QWidget, table: str, chart_tab: str, numbers_tab: str
    ) -> QTabWidget:
        return chart_and_numbers(name, chart, self.tables[table], chart_tab, numbers_tab)

    def _fill(self, spec: Table, seen: QueueOverview) -> None:
        links = [spec.link(row) for row in spec.rows(seen)] if spec.link is not None else None
        self.tables[spec.key].set_rows(
            spec.texts(seen), align_right=spec.numeric_columns(), links=links
        )

    def show_overview(self, seen: QueueOverview) -> None:
        for spec in self.specs.values():
            self._fill(spec, seen)
        self._show_tiles(seen)
        waiting = seen.waiting
        self.age_chart.show_buckets(waiting.buckets)
        self.ages_block.set_caption(
            self.tr(
                "Deadline: %n working day(s) from submission; bars past it are red. "
                "Counted: requests in the queue and under review.",
                "",
                seen.sla_days,
            )
        )
        period = self.tr("Since {day}, {weeks} weeks.").format(
            day=fmt.day(seen.since), weeks=seen.weeks
        )
        self.decisions_chart.show_days(seen.days)
        self.decisions_block.set_caption(
            period
            + " "
            + self.tr(
                "Approved {approved}, rejected {rejected}, returned for clarification {returned}."
            ).format(
                approved=fmt.grouped(sum(day.approved for day in seen.days)),
                rejected=fmt.grouped(sum(day.rejected for day in seen.days)),
                returned=fmt.grouped(sum(day.returned for day in seen.days)),
            )
        )
        self.times_chart.show_weeks(seen.times)
        self.times_block.set_caption(
            self.tr(
                "Hours until approval or rejection: median and 90th percentile, from "
                "submission (solid) and from the e-mail's confirmation (dashed, “confirmed”)."
            )
        )
        self._show_notes(seen)

    def _show_tiles(self, seen: QueueOverview) -> None:
        waiting = seen.waiting
        in_review = sum(bucket.in_review for bucket in waiting.buckets)
        self.tile_waiting.show_value(
            fmt.grouped(waiting.total),
            self.tr("waiting for a decision"),
            self.tr("{count} under review").format(count=fmt.grouped(in_review)),
        )
        self.tile_overdue.show_value(
            fmt.grouped(waiting.overdue),
            self.tr("past the deadline"),
            self.tr("deadline: %n working day(s)", "", seen.sla_days),
            fmt.ERROR_TEXT if waiting.overdue else None,
        )
        self.tile_next_day.show_value(
            fmt.grouped(waiting.overdue_next_day),
            self.tr("become overdue on {day}").format(day=fmt.day(waiting.next_working_day)),
            self.tr("the next working day"),
            fmt.OVERDUE_TEXT if waiting.overdue_next_day else None,
        )
        oldest = waiting.oldest_days
        self.tile_oldest.show_value(
            "—" if oldest is None else fmt.grouped(oldest),
            self.tr("working days the oldest has waited"),
        )
        self.tile_applicants.show_value(
            fmt.grouped(waiting.returned + waiting.unconfirmed),
            self.tr("waiting for applicants"),
            self.tr("{returned} returned, {unconfirmed} without a confirmed e-mail").format(
                returned=fmt.grouped(waiting.returned),
                unconfirmed=fmt.grouped(waiting.unconfirmed),
            ),
        )
        self.tile_decisions.show_value(
            fmt.grouped(seen.decisions),
            self.tr("decisions in %n week(s)", "", seen.weeks),
            self.tr("{count} requests returned more than once").format(
                count=fmt.grouped(seen.loops.more_than_once)
            ),
        )

    def _show_notes(self, seen: QueueOverview) -> None:
        loops = seen.loops
        self.loops_block.set_caption(
            self.tr(
                "Returned once: {once}; twice: {twice}; three times or more: {more}. "
                "Double-click a request to open it in the queue."
            ).format(
                once=fmt.grouped(loops.returned_once),
                twice=fmt.grouped(loops.returned_twice),
                more=fmt.grouped(loops.returned_more),
            )
        )
        # An empty table gives way to a line saying what its emptiness means.
        self._note(
            self.loops_block, "loopsTable", self.tr("No request has been returned more than once.")
        )
        self._note(
            self.verifiers_block,
            "verifiersTable",
            self.tr("No decisions in the period and no claims now."),
        )
        self._note(
            self.reasons_block, "reasonsTable", self.tr("No request was rejected in the period.")
        )
        self._note(
            self.findings_block,
            "findingsTable",
            self.tr(
                "No decision of the period recorded the findings it was taken on, so there "
                "is nothing to count yet."
            ),
        )

    def _note(self, block: Block, table: str, empty: str) -> None:
        shown = self.tables[table].rowCount() > 0
        self.tables[table].setVisible(shown)
        block.set_note("" if shown else empty)
