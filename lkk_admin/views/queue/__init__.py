"""The registration verification screens: the queue, the request, the decisions."""
