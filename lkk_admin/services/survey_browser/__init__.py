"""The «Опросы» list: rows, tabs with counts, search, a survey's card (``source``)."""
