"""Use cases in plain Python. No Qt import here, ever."""
