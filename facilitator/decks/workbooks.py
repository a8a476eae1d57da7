"""Read the rows of an Excel or LibreOffice workbook (.xlsx, .xls, .ods) as text cells.

python-calamine reads the values the workbook stores, without an office suite. Each cell comes
back as a person typed it: 42 (not 42.0), a date as 2015-08-20, TRUE/FALSE, and text that looks
like a formula ("=A1") as that text; a real formula gives the value it last showed.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from facilitator.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# Zip (.xlsx, .ods) and OLE compound files (.xls, and password-protected .xlsx) start so.
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def is_workbook(path: Path, raw: bytes) -> bool:
    """A workbook by its name, or a zip/OLE file whatever its name (an .xlsx renamed .csv)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES or raw.startswith((ZIP_MAGIC, OLE_MAGIC))


def cell_text(value: object) -> str:
    """A cell as the person typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # Workbooks store every number as a float; a whole number was typed without ".0".
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds()) // 60
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(value)


def sheet_names(raw: bytes, name: str) -> list[str]:
    """The sheets a person sees in the workbook, in order (for a sheet chooser): worksheets
    that are not hidden."""
    return _shown_sheets(_open(raw, name))


def _shown_sheets(workbook: Any) -> list[str]:
    import python_calamine

    shown = [
        m.name
        for m in workbook.sheets_metadata
        if m.visible == python_calamine.SheetVisibleEnum.Visible
        and m.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]
    return shown or list(workbook.sheet_names)


def read_sheet(raw: bytes, name: str, sheet: str | None = None) -> tuple[str, list[list[str]]]:
    """(the sheet's name, its rows as text cells): the first sheet a person sees (hidden
    sheets and chart sheets are passed over) unless `sheet` names one, hidden or not.

    `name` is the file's name, used in every error sentence; raises InputError.
    """
    workbook = _open(raw, name)
    names = workbook.sheet_names
    if not names:
        raise InputError(f"{name}: the workbook has no sheets")
    if sheet is None:
        chosen = _shown_sheets(workbook)[0]
    else:
        matching = [n for n in names if n == sheet] or [
            n for n in names if n.strip().casefold() == sheet.strip().casefold()
        ]
        if not matching:
            listed = ", ".join(f'"{n}"' for n in names)
            raise InputError(f'{name} has no sheet "{sheet}"; its sheets are {listed}')
        chosen = matching[0]
    try:
        values = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own types for damaged sheets
        raise InputError(f'{name}: sheet "{chosen}" cannot be read ({exc})') from None
    return chosen, [[cell_text(v) for v in row] for row in values]


def _open(raw: bytes, name: str) -> Any:
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - the app depends on it
        raise InputError(
            f"{name} is a workbook, and this installation cannot read workbooks: "
            "save it as CSV and import the CSV file"
        ) from None
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except python_calamine.PasswordError:
        raise InputError(
            f"{name} is protected by a password: open it, remove the password "
            "(or save a copy without one) and import that"
        ) from None
    except Exception:
        if raw.startswith(OLE_MAGIC) and Path(name).suffix.lower() in (".xlsx", ".xlsm"):
            # Excel saves a password-protected .xlsx inside an OLE file.
            raise InputError(
                f"{name} is protected by a password, or damaged: open it, save a copy "
                "without a password and import that"
            ) from None
        raise InputError(
            f"{name} cannot be read as a workbook: it is damaged or not an Excel or "
            "LibreOffice file; open it and save it again, or save it as CSV"
        ) from None
