"""The frozen app's script: the `facilitator` command (PyInstaller needs a script, not a module)."""

import sys

from facilitator.cli import main

if __name__ == "__main__":
    sys.exit(main())
