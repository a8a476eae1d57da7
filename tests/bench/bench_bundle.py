"""The app bundle: its size, its start to the first window against the source's, its self-test.

Run with `make bench` (it runs `make dist` first). The bundle starts with a clean environment,
as from a desktop: no venv, no Python on PATH.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.ui.crash_handling import FIRST_WINDOW_MESSAGE, LOG_FILE_NAME

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "facilitator"
EXECUTABLE = BUNDLE / ("facilitator.exe" if sys.platform == "win32" else "facilitator")
GOAL_MIB = 100
START_BUDGET_S = 1.0
RUNS = 5


@pytest.fixture(scope="module")
def bundle() -> Path:
    started = time.perf_counter()
    subprocess.run(["make", "dist"], cwd=ROOT, check=True, capture_output=True, text=True)
    print(f"\nmake dist: {time.perf_counter() - started:.0f} s")
    return BUNDLE


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop launcher gives the app: no venv, no PYTHON* variables."""
    data = home / "data"
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "FACILITATOR_DATA_DIR": str(data),
        "FACILITATOR_DB": str(data / "facilitator.db.json"),
    }


def size_on_disk(folder: Path) -> int:
    """Bytes of disk used, as `du` counts them (a symbolic link counts as itself)."""
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        total += st.st_blocks * 512 if hasattr(st, "st_blocks") else st.st_size
    return total


def test_bundle_size_within_the_goal(bundle: Path) -> None:
    mib = size_on_disk(bundle) / 2**20
    print(f"\nbundle {bundle.relative_to(ROOT)}: {mib:.0f} MiB (goal <= {GOAL_MIB} MiB)")
    assert mib <= GOAL_MIB


def seconds_to_first_window(command: list[str], env: dict[str, str], log_file: Path) -> float:
    """Launch to the app's "first window shown" log line (its event loop running, window up).

    The app runs without stdin/stdout/stderr, as from a desktop: it logs to its data folder.
    """
    log_file.unlink(missing_ok=True)
    launched = time.time()
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # No stderr at all (not /dev/null): Python then has sys.stderr = None, as in a launcher.
        preexec_fn=lambda: (os.close(1), os.close(2)),
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if log_file.exists():
                for line in log_file.read_text("utf-8").splitlines():
                    if line.endswith(FIRST_WINDOW_MESSAGE):
                        stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                        return stamp.timestamp() - launched
            if process.poll() is not None:
                break
            time.sleep(0.005)
        log = log_file.read_text("utf-8") if log_file.exists() else "(no log)"
        raise AssertionError(f"{command[0]} showed no window; exit {process.poll()}; log:\n{log}")
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.skipif(sys.platform == "win32", reason="measured on Linux and macOS")
def test_frozen_start_to_first_window_against_the_source_start(
    bundle: Path, tmp_path: Path
) -> None:
    env = clean_env(tmp_path)
    log_file = tmp_path / "data" / LOG_FILE_NAME
    frozen_cmd = [str(EXECUTABLE)]
    source_cmd = [sys.executable, "-m", "facilitator"]
    # One start each first: the database is created and the disk cache is warm, as on any
    # start after the first.
    seconds_to_first_window(frozen_cmd, env, log_file)
    seconds_to_first_window(source_cmd, env, log_file)
    frozen, source = [], []
    for _ in range(RUNS):  # interleaved, so machine noise hits both alike
        frozen.append(seconds_to_first_window(frozen_cmd, env, log_file))
        source.append(seconds_to_first_window(source_cmd, env, log_file))
    f, s = statistics.median(frozen), statistics.median(source)
    print(
        f"\nstart to first window: frozen {f * 1000:.0f} ms, from source {s * 1000:.0f} ms "
        f"(median of {RUNS}): {f / s:.2f}x (budget: frozen under {START_BUDGET_S:.0f} s)"
    )
    assert f < START_BUDGET_S


def test_frozen_self_test_passes_without_python_beside_it(bundle: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    result = subprocess.run(
        [str(EXECUTABLE), "--self-test"],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(f"\nfrozen self-test: {time.perf_counter() - started:.1f} s: {result.stdout.strip()}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test passed")
