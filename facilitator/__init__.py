"""Facilitator: an offline toolkit for workshop and meetup facilitators."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("facilitator")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "Facilitator"
ORGANISATION = "Facilitator"
