"""Errors a user can cause and fix: shown as a message (exit code 2), never a traceback."""

from __future__ import annotations


class FaqlintError(Exception):
    """`str()` is the whole message the user sees."""
