"""The PySide6 desktop app: one client of the core."""
