"""The Linux bundle's cut-down ICU data: what stays, and that the package is rebuilt exactly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.build.test_bundle_contents import load

icu = load("icu_data")
QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
LIBRARIES = sorted(QT_LIB.glob("libicudata.so.*"))
needs_library = pytest.mark.skipif(
    not LIBRARIES or shutil.which("objcopy") is None, reason="Linux wheel of Qt and binutils"
)


@pytest.mark.parametrize(
    "item",
    [
        "coll/root.res",
        "coll/en.res",
        "coll/en_GB.res",
        "coll/ucadata.icu",
        "coll/res_index.res",
        "root.res",
        "en.res",
        "en_GB.res",
        "res_index.res",
        "pool.res",
        "supplementalData.res",
        "likelySubtags.res",
        "cnvalias.icu",
        "nfkc.nrm",
        "uts46.nrm",
        "unames.icu",
    ],
)
def test_collation_and_core_tables_stay(item: str) -> None:
    assert icu.kept(item)


@pytest.mark.parametrize(
    "item",
    [
        "coll/de.res",
        "coll/zh.res",
        "lang/en.res",
        "zone/root.res",
        "curr/en.res",
        "unit/en.res",
        "region/en.res",
        "brkitr/word.brk",
        "rbnf/en.res",
        "translit/root.res",
        "de.res",
        "zh_Hant_TW.res",
        "ibm-5348_P100-1997.cnv",
        "gb18030.cnv",
    ],
)
def test_other_locales_and_legacy_converters_go(item: str) -> None:
    assert not icu.kept(item)


def package_of(library: Path, tmp_path: Path) -> bytes:
    out = tmp_path / f"{library.name}.dat"
    subprocess.run(
        ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(out)], check=True
    )
    return out.read_bytes()


@needs_library
def test_a_package_read_and_written_again_is_byte_for_byte_icus(tmp_path: Path) -> None:
    package = package_of(LIBRARIES[0], tmp_path)
    header, items = icu.read_package(package)
    assert len(items) > 1000
    assert icu.write_package(header, items) == package


@needs_library
def test_the_smaller_library_holds_the_kept_items_unchanged(tmp_path: Path) -> None:
    original = LIBRARIES[0]
    smaller = icu.smaller_icu_library(original, tmp_path / "out")
    assert smaller.name == original.name
    assert smaller.stat().st_size < original.stat().st_size / 5
    header, before = icu.read_package(package_of(original, tmp_path))
    after_header, after = icu.read_package(package_of(smaller, tmp_path))
    assert after_header == header
    expected = [(name, data) for name, data in before if icu.kept(name.split("/", 1)[1])]
    assert after == expected
    assert any(name.endswith("/coll/root.res") for name, _ in after)
    # It exports the one symbol libicuuc looks for, under the library's own name.
    symbols = subprocess.run(["objdump", "-T", str(smaller)], capture_output=True, text=True)
    assert "icudt" in symbols.stdout and "_dat" in symbols.stdout
    soname = subprocess.run(["objdump", "-p", str(smaller)], capture_output=True, text=True)
    assert f"SONAME               {original.name}" in soname.stdout
