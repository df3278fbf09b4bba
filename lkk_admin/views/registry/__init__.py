"""The counterparties and contracts section: the registry, read only."""
