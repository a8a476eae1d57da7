"""`make run` installs what the app needs; `make test` adds the test tools."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest

from tests.conftest import REPO_ROOT

TEST_TOOLS = {"pytest", "pytest-qt", "hypothesis", "pypdf", "jsonschema", "ruff", "mypy"}


def planned(target: str) -> str:
    """What `make TARGET` would run on a machine without .venv (dry run, everything stale)."""
    result = subprocess.run(
        ["make", "-n", "-B", target], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_apps_dependencies_hold_no_test_tool() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert names(project["dependencies"]) & TEST_TOOLS == set()
    assert names(project["optional-dependencies"]["test"]) >= TEST_TOOLS


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_installs_the_app_alone_and_make_test_adds_the_test_extra() -> None:
    run = planned("run")
    installs = [line for line in run.splitlines() if " install " in line]
    assert any(line.endswith("install --quiet -e .") for line in installs), run
    assert "[test]" not in run
    test = planned("test")
    assert 'install --quiet -e ".[test]"' in test
    # No warning block from the install in a normal run.
    assert installs and all("PYTHONWARNINGS=ignore::UserWarning" in line for line in installs)
