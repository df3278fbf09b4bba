"""Helpers for the test suite and the benchmarks; not part of the desktop bundle."""
