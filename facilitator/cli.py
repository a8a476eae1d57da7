"""The `facilitator` command: opens the app, or runs a subcommand.

Exit codes: 0 success, 2 bad input or usage, 1 unexpected failure.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from facilitator import __version__
from facilitator.errors import FacilitatorError
from facilitator.paths import DATA_DIR_ENV, DB_ENV

# Each module adds its subcommands with `register(subparsers)` and sets `func(args) -> int`.
COMMAND_MODULES = (
    "facilitator.commands.deck",
    "facilitator.commands.printing",
    "facilitator.commands.database",
    "facilitator.commands.report",
)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line on stderr and exit 2."""

    # Not type-checked below: argparse's error() is typed NoReturn; this one returns after printing.
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="facilitator",
        description="Offline toolkit for workshop facilitators. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help=f"the database file (default: ${DB_ENV} or the data folder)"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"the data folder for user decks and the database (default: ${DATA_DIR_ENV} "
        "or the platform's application data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks for failures")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run an end-to-end check of the app on the offscreen platform and exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _apply_global_options(args: argparse.Namespace) -> None:
    # The environment is how every layer (and a GUI started from here) learns the locations.
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = os.path.abspath(args.data_dir)
    if args.db:
        os.environ[DB_ENV] = os.path.abspath(args.db)


# Global options that take a value: the word after them is that value, not a command or file.
_VALUE_OPTIONS = ("--db", "--data-dir")


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    names: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            names.update(action.choices)
    return names


def split_files_to_open(
    parser: argparse.ArgumentParser, argv: Sequence[str]
) -> tuple[list[str], list[str]]:
    """`facilitator [options] FILE...` opens files in the app (as a desktop's "Open with" does).

    The first word after the options is a file when it is not a command and looks like one
    (it exists, or has a dot or a folder in it), so a mistyped command is still reported as one.
    Returns (the arguments left to parse, the files)."""
    words = list(argv)
    commands = command_names(parser)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            index += 1
            break
        if not word.startswith("-") or word == "-":
            break
        index += 2 if word in _VALUE_OPTIONS else 1
    rest = words[index:]
    if not rest or rest[0] in commands or rest[0].startswith("-"):
        return words, []
    first = rest[0]
    if not (os.path.exists(first) or "." in first or os.sep in first or "/" in first):
        return words, []
    return words[:index], rest


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv, files = split_files_to_open(parser, sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    _apply_global_options(args)
    try:
        if args.self_test:
            from facilitator.ui.self_test import run_self_test

            return run_self_test()
        if args.command is None:
            from facilitator.ui.app import run_app

            return run_app([os.path.abspath(f) for f in files])
        result: int = args.func(args)
        return result
    except FacilitatorError as exc:
        if args.debug:
            raise
        print(f"facilitator: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"facilitator: unexpected error: {type(exc).__name__}: {exc} (run with --debug "
            "for details)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
