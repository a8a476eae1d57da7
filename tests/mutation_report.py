"""`make mutate` prints this: the mutation score per core module and the mutants that survived.

Reads what `mutmut run` left in mutants/ (one `<module>.py.meta` JSON file per mutated module,
mapping each mutant to the exit code of its tests) and the equivalent mutants listed in
docs/testing.md (a mutant no test can tell apart from the original: left out of the score).

    python tests/mutation_report.py [--diff]    # --diff: the changed lines of each survivor
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
TESTING_DOC = ROOT / "docs" / "testing.md"
TARGET = 90.0

# mutmut's exit codes: 1 and 3 the tests failed (killed), 36 and the SIGXCPU codes a timeout
# (the mutant loops: caught), 0 survived, 5 and 33 no test calls the function.
KILLED = {1, 3}
TIMEOUT = {36, -24, 24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
# A mutant name in the equivalents list: `facilitator.x.y.x_function__mutmut_12`.
_EQUIVALENT = re.compile(r"`(facilitator\.[\w.]+__mutmut_\d+)`")


@dataclass
class ModuleScore:
    module: str
    killed: int = 0
    timeout: int = 0
    equivalent: int = 0
    survivors: list[str] = field(default_factory=list)
    untested: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # not checked, interrupted, suspicious

    @property
    def counted(self) -> int:
        """Mutants that count: all but the equivalent ones and those never run."""
        return self.killed + self.timeout + len(self.survivors) + len(self.untested)

    @property
    def score(self) -> float:
        return 100.0 * (self.killed + self.timeout) / self.counted if self.counted else 100.0


def equivalent_mutants(doc: Path = TESTING_DOC) -> set[str]:
    """The mutants docs/testing.md lists as equivalent, each with its reason."""
    if not doc.exists():
        return set()
    return set(_EQUIVALENT.findall(doc.read_text("utf-8")))


def scores(mutants: Path = MUTANTS, equivalent: set[str] | None = None) -> list[ModuleScore]:
    """One score per mutated module, in module order."""
    equivalent = equivalent_mutants() if equivalent is None else equivalent
    found: list[ModuleScore] = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(mutants).with_suffix("").with_suffix("").parts)
        exit_codes: dict[str, int | None] = _read_meta(meta)["exit_code_by_key"]
        if not exit_codes:
            continue
        result = ModuleScore(module)
        for name, code in sorted(exit_codes.items(), key=lambda item: _natural(item[0])):
            if name in equivalent:
                result.equivalent += 1
            elif code in KILLED:
                result.killed += 1
            elif code in TIMEOUT:
                result.timeout += 1
            elif code in SURVIVED:
                result.survivors.append(name)
            elif code in NO_TESTS:
                result.untested.append(name)
            else:
                result.other.append(name)
        found.append(result)
    return found


def _read_meta(meta: Path) -> dict:
    """The JSON mutmut keeps beside a module; read again if caught while mutmut rewrites it."""
    for _ in range(20):
        try:
            return json.loads(meta.read_text("utf-8"))
        except json.JSONDecodeError:
            time.sleep(0.1)
    return json.loads(meta.read_text("utf-8"))


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("_")
    return stem, int(number) if number.isdigit() else 0


def _diff(name: str) -> str:
    """The changed lines of one mutant, as `mutmut show NAME` prints them."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # only with the mutate extra

    try:
        shown = get_diff_for_mutant(name)
    except Exception as exc:  # e.g. mutmut rewriting the file while it runs
        return f"        (no diff: {exc})"
    return "\n".join(
        "        " + line
        for line in shown.splitlines()
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    )


def main(argv: list[str]) -> int:
    show_diff = "--diff" in argv
    if not MUTANTS.exists():
        print("No mutants/ folder: run `make mutate` first.")
        return 1
    # A module none of whose mutants ran (`make mutate ONLY=...` chose others) is left out.
    results = [r for r in scores() if r.counted]
    below = []
    print()
    print(
        f"{'module':<40} {'killed':>7} {'timeout':>7} {'survived':>8} {'no test':>7} "
        f"{'equiv.':>6} {'score':>7}"
    )
    for r in results:
        mark = "" if r.score >= TARGET else "  < target"
        print(
            f"{r.module:<40} {r.killed:>7} {r.timeout:>7} {len(r.survivors):>8} "
            f"{len(r.untested):>7} {r.equivalent:>6} {r.score:>6.1f}%{mark}"
        )
        if r.score < TARGET:
            below.append(r.module)
    for r in results:
        if not (r.survivors or r.untested):
            continue
        print(f"\n{r.module}:")
        if r.other:
            print(f"    ({len(r.other)} mutants not checked: the run was cut short)")
        for name, what in (
            *((n, "survived") for n in r.survivors),
            *((n, "no test calls it") for n in r.untested),
        ):
            print(f"    {name}: {what}")
            if show_diff and what == "survived":
                print(_diff(name))
    print()
    print(
        f"Target: {TARGET:.0f} % killed in every module. "
        + (f"Below it: {', '.join(below)}." if below else "All modules reach it.")
    )
    print("See one mutant: .venv/bin/mutmut show NAME   (equivalent ones: docs/testing.md)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
