"""The outgoing mail section: the outbox list, one letter as sent, retry and cancel."""
