"""A smaller ICU data library for the Linux bundle: the 31 MB of libicudata cut to what Qt uses.

Qt links ICU, and ICU's data library holds every locale's names, calendars, currencies,
units, converters and break rules: 31 MB, the largest file in the bundle. Qt draws text and
formats dates with its own tables; from ICU's data it uses collation (sorting file names
in the file dialog, QCollator), normalisation and the core tables. This keeps those, for the
root and English locales, and rebuilds the library with binutils (as, ld, objcopy), which the
bundle build needs anyway. The library keeps its name and its one symbol, so libicuuc loads
it as before; a lookup of anything left out fails as ICU's data lookups do, and Qt falls
back (the self-test checks that sorting still uses ICU's collation).
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

# Item names inside the package, without its "icudt73l/" prefix.
_LOCALE = re.compile(r"^(?:[a-z]{2,3}|root)(?:_[A-Za-z0-9]+)*\.res$")
_KEPT_LOCALES = re.compile(r"^(?:root|en(?:_[A-Za-z0-9]+)*|res_index|pool)\.res$")
# Folders of per-locale data Qt never asks ICU for (Qt has its own CLDR tables).
_DROPPED_FOLDERS = {"brkitr", "curr", "lang", "rbnf", "region", "translit", "unit", "zone"}
# Converters for legacy encodings: Qt converts UTF-8/16/32 and Latin-1 itself, the app no more.
_KEPT_CONVERTERS: set[str] = set()

ALIGN = 16
PADDING = b"\xaa"  # what ICU's own package writer pads with


def kept(item: str) -> bool:
    """Whether an item of the package (e.g. "coll/en.res", "ucadata.icu") stays."""
    folder, _, name = item.rpartition("/")
    if folder in _DROPPED_FOLDERS:
        return False
    if folder == "coll" and name.endswith(".res"):
        return bool(_KEPT_LOCALES.match(name))  # ucadata.icu, the root order, stays
    if folder:
        return True
    if name.endswith(".cnv"):
        return name in _KEPT_CONVERTERS
    if _LOCALE.match(name):
        return bool(_KEPT_LOCALES.match(name))
    return True  # cnvalias.icu, ucadata.icu, nfkc.nrm, supplementalData.res, ...


def read_package(package: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(name, item bytes)]) of an ICU common data package ("CmnD")."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = package[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        items.append((name, toc[data_at:end]))
    return package[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package of `items` (kept in their order: ICU looks names up by binary search)."""

    def pad(data: bytes | bytearray) -> int:
        return -len(data) % ALIGN

    names = bytearray()
    name_offsets = []
    toc_size = 4 + 8 * len(items)
    for name, _ in items:
        name_offsets.append(toc_size + len(names))
        names += name.encode("ascii") + b"\0"
    body = bytearray(struct.pack("<I", len(items)))
    data_start = toc_size + len(names)
    data_start += -(len(header) + data_start) % ALIGN
    data = bytearray()
    for (_, item), name_at in zip(items, name_offsets, strict=True):
        body += struct.pack("<II", name_at, data_start + len(data))
        data += item + PADDING * pad(item)
    body += names
    body += PADDING * (data_start - len(body))
    return header + bytes(body) + bytes(data)


def reduce_package(package: bytes) -> bytes:
    header, items = read_package(package)
    return write_package(header, [(n, d) for n, d in items if kept(n.split("/", 1)[-1])])


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def smaller_icu_library(library: Path, out_folder: Path) -> Path:
    """A copy of `library` (libicudata.so.NN) holding only the kept items."""
    symbols = re.findall(r"\s(icudt\d+_dat)$", _run("objdump", "-T", str(library)), re.M)
    soname = re.search(r"SONAME\s+(\S+)", _run("objdump", "-p", str(library)))
    if len(symbols) != 1 or soname is None:
        raise ValueError(f"{library}: not an ICU data library")
    out_folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full.dat"
        _run("objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full))
        small = Path(tmp) / "small.dat"
        small.write_bytes(reduce_package(full.read_bytes()))
        source = Path(tmp) / "data.s"
        source.write_text(
            f".section .rodata\n.balign {ALIGN}\n.globl {symbols[0]}\n"
            f".type {symbols[0]}, %object\n{symbols[0]}:\n"
            f'.incbin "{small}"\n.size {symbols[0]}, . - {symbols[0]}\n'
            '.section .note.GNU-stack,"",%progbits\n',
            "ascii",
        )
        obj = Path(tmp) / "data.o"
        _run("as", "-o", str(obj), str(source))
        out = out_folder / library.name
        _run("ld", "-shared", "-soname", soname.group(1), "-o", str(out), str(obj))
    return out
