"""The PySide6 desktop app: one client of the core."""

from facilitator.ui.pyside_import_hook import make_import_hook_cheaper

# When PySide6 is already loaded (a script that imports Qt first, then the app), the modules of
# the window import after this line with the cheaper check; otherwise create_application
# makes it once Qt loads.
make_import_hook_cheaper()
