"""Facilitator: an offline toolkit for workshop and meetup facilitators."""

# The one place the version is written; pyproject.toml reads it from here. (Asking
# importlib.metadata instead cost ~150 ms of every start.)
__version__ = "0.1.0"

APP_NAME = "Facilitator"
ORGANISATION = "Facilitator"
