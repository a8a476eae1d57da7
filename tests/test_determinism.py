"""The suite gives the same result twice: Hypothesis and random tests draw the same values."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO_ROOT, SEED_VARIABLE

DRAWN: list[int] = []


def test_hypothesis_runs_the_fixed_profile_unless_asked_to_explore():
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        pytest.skip("exploring on purpose: HYPOTHESIS_PROFILE is set")
    current = settings()
    assert current.derandomize  # examples from the test itself, not from a fresh seed
    assert current.database is None  # no failures replayed from this machine's history
    assert current.print_blob  # a failure prints the line that reproduces it


@given(st.integers())
def test_hypothesis_examples_are_the_same_on_every_run(number):
    DRAWN.append(number)


def test_the_examples_drawn_above_are_the_ones_the_fixed_seed_gives():
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        pytest.skip("exploring on purpose: HYPOTHESIS_PROFILE is set")
    first = list(DRAWN)
    DRAWN.clear()
    test_hypothesis_examples_are_the_same_on_every_run()
    assert first and first == DRAWN


def test_a_tests_random_draws_are_seeded_from_its_name(seeded_random, request):
    if os.environ.get(SEED_VARIABLE):
        pytest.skip(f"{SEED_VARIABLE} chooses the seed on purpose")
    expected = random.Random(zlib.crc32(request.node.nodeid.encode("utf-8")))
    assert [seeded_random.random() for _ in range(3)] == [expected.random() for _ in range(3)]


RANDOM_TESTS = """
def test_fails_with_a_random_number(seeded_random):
    assert seeded_random.random() > 2
"""


def run_copy_of_the_suite_setup(tmp_path, env=None):
    (tmp_path / "conftest.py").write_text(
        (REPO_ROOT / "tests" / "conftest.py").read_text("utf-8"), "utf-8"
    )
    (tmp_path / "test_random.py").write_text(RANDOM_TESTS, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_a_failing_random_test_says_how_to_repeat_its_run(tmp_path):
    result = run_copy_of_the_suite_setup(tmp_path, {SEED_VARIABLE: ""})
    seed = zlib.crc32(b"test_random.py::test_fails_with_a_random_number")
    assert result.returncode == 1, result.stdout
    assert f"seed {seed}: repeat this run with {SEED_VARIABLE}={seed}" in result.stdout
    again = run_copy_of_the_suite_setup(tmp_path, {SEED_VARIABLE: "7"})
    assert f"seed 7: repeat this run with {SEED_VARIABLE}=7" in again.stdout
