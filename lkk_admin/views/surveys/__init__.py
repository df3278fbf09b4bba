"""The «Опросы» section: the list, the builder, the results with charts."""
