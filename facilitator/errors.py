"""Errors the user can act on, each carrying one plain sentence."""


class FacilitatorError(Exception):
    """Something went wrong that the user should be told about in one line (exit code 1)."""

    exit_code = 1


class InputError(FacilitatorError):
    """The user's input (a file, an option, a value) is wrong; nothing was changed (exit 2)."""

    exit_code = 2
