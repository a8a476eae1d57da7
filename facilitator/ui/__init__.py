"""The PySide6 desktop app: one client of the core."""

from facilitator.ui.qt_refcount_guard import protect_singletons

# Before any signal is emitted: PySide6 6.12.0 on Python 3.11 loses a reference to None/True
# per signal and would abort the app after a few thousand (see qt_refcount_guard).
protect_singletons()
