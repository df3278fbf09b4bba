"""The queue overview section: the supervisor's read-only view of the registration queue."""
