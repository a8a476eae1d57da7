"""PySide's import hook, made cheaper so the first window is not kept waiting by it.

Once PySide6 is loaded it looks at every module imported afterwards for the word "PySide6" (its
`__feature__` switches apply only to modules that use PySide). It reads each module through
inspect.getsource, which tokenises the whole file: about 5 ms of the first window's start over
the sixty modules it imports. Reading a .py file's bytes gives the same answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"  # PySide's own, loaded with PySide6
MARK = "facilitator_reads_bytes"


def reads_source_bytes(fallback: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide's question "does this module use PySide6?", answered from the file's bytes;
    modules without a .py file (built in, frozen, compiled) are asked of `fallback`."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return fallback(module)

    setattr(uses_pyside, MARK, True)
    return uses_pyside


def make_import_hook_cheaper() -> bool:
    """Replace PySide's check with `reads_source_bytes`; False when this PySide has none (a
    later PySide may work differently: then it is left as it is)."""
    feature = sys.modules.get(FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if not callable(check):
        return False
    if not getattr(check, MARK, False):
        feature._mod_uses_pyside = reads_source_bytes(check)  # type: ignore[union-attr]
    return True
