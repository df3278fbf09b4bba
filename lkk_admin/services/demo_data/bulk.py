"""Fast inserts with ids we assign ourselves: PostgreSQL COPY, SQLite executemany.

Rows arrive as tuples in the writer's column order, usually from a generator, so on
PostgreSQL Python builds the next rows while the server is still inserting the previous
ones (one COPY per table and stage, not one per chunk). Everything runs inside the
caller's transaction on the caller's connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.exc import DBAPIError

SQLITE_BATCH = 5_000


class BulkWriter:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.is_postgresql = connection.dialect.name == "postgresql"
        self._next_ids: dict[str, int] = {}
        self._written: set[str] = set()

    def first_id(self, table: Table) -> int:
        """The id our first row of ``table`` gets; later rows follow consecutively."""
        if table.name not in self._next_ids:
            current = self.connection.execute(
                select(func.coalesce(func.max(table.c.id), 0))
            ).scalar_one()
            self._next_ids[table.name] = int(current) + 1
        return self._next_ids[table.name]

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        """Insert ``rows`` (tuples in ``columns`` order, ids included); return how many."""
        self._written.add(table.name)
        if self.is_postgresql:
            return self._copy(table, columns, rows)
        return self._executemany(table, columns, rows)

    def _copy(self, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        driver = self.connection.connection.driver_connection
        if driver is None:  # pragma: no cover - a live connection always has one
            raise RuntimeError("no driver connection")
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        count = 0
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def _executemany(
        self, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> int:
        insert = table.insert()
        iterator = iter(rows)
        count = 0
        while batch := list(islice(iterator, SQLITE_BATCH)):
            self.connection.execute(insert, [dict(zip(columns, row, strict=True)) for row in batch])
            count += len(batch)
        return count

    def suspend_foreign_keys(self, tables: Sequence[Table]) -> list[tuple[str, str, str]]:
        """Drop the foreign keys of ``tables`` for the bulk load (PostgreSQL only).

        A foreign key costs a lookup per inserted row (about a third of COPY's time here);
        adding it back afterwards checks all rows in one join, and all of it happens in
        the load's transaction, so the schema is never seen without them. Needs the
        tables' owner: for anyone else the keys stay and the load is just slower.
        """
        if not self.is_postgresql:
            return []
        saved = [
            (str(row[0]), str(row[1]), str(row[2]))
            for row in self.connection.execute(
                text(
                    "SELECT conrelid::regclass::text, quote_ident(conname), "
                    "pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE contype = 'f' AND conrelid = ANY(CAST(:tables AS regclass[])) "
                    "ORDER BY 1, 2"
                ),
                {"tables": [table.name for table in tables]},
            )
        ]
        try:
            with self.connection.begin_nested():
                for table, name, _ in saved:
                    self.connection.execute(text(f"ALTER TABLE {table} DROP CONSTRAINT {name}"))
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise
            return []
        return saved

    def restore_foreign_keys(self, saved: list[tuple[str, str, str]]) -> None:
        for table, name, definition in saved:
            self.connection.execute(text(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"))

    def sync_sequences(self) -> None:
        """After explicit ids, move PostgreSQL's sequences past them (SQLite needs nothing)."""
        if not self.is_postgresql:
            return
        for name in sorted(self._written):
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"
                    " HAVING max(id) IS NOT NULL"
                )
            )
