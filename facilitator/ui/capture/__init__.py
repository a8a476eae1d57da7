"""Capture mode: record what each table decided, keyboard-first and autosaved."""

from facilitator.ui.capture.capture_page import CapturePage

__all__ = ["CapturePage"]
