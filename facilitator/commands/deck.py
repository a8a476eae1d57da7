"""`facilitator deck ...`: import, export, check and list decks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.decks import file as deck_file
from facilitator.decks.exporting import export_csv, export_xlsx
from facilitator.decks.importing import ImportFailed, import_file
from facilitator.decks.library import list_decks
from facilitator.decks.model import ActivityKind, DeckInvalid
from facilitator.errors import InputError
from facilitator.output_paths import check_output
from facilitator.wording import plural


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(f"{path} already exists; use --force to replace it")
    if not path.parent.exists():
        raise InputError(f"{path.parent}: the output folder does not exist")


def cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if not out.name.endswith(deck_file.SUFFIX):
        raise InputError(f"{out.name}: the output name must end in {deck_file.SUFFIX}")
    _refuse_overwrite(out, args.force)
    try:
        kind = ActivityKind(args.kind) if args.kind else None
        result = import_file(args.file, title=args.title, kind=kind, sheet=args.sheet)
    except ImportFailed as exc:
        for line in exc.lines():
            print(f"facilitator: {line}", file=sys.stderr)
        return exc.exit_code
    if result.columns:
        print("columns: " + "; ".join(c.describe() for c in result.columns), file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    deck_file.save(result.deck, out)
    deck = result.deck
    suits = ", ".join(f"{s.name} ({len(deck.cards_of(s.name))})" for s in deck.suits)
    source = f'from sheet "{result.sheet}"' if result.sheet else f"as {result.encoding_name}"
    print(f"{out}: {plural(len(deck.cards), 'card')} in {suits}, read {source}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.name.endswith(deck_file.SUFFIX):
        raise InputError(
            f"{out.name}: deck export writes a CSV file or an Excel workbook; give a name "
            f"ending in .csv or .xlsx, not {deck_file.SUFFIX}"
        )
    # Never over its own input, the database or its backups, even with --force.
    check_output(out, inputs=[args.deck])
    deck = deck_file.load(args.deck)
    _refuse_overwrite(out, args.force)
    if out.suffix.lower() == ".xlsx":
        export_xlsx(deck, out)
    else:
        export_csv(deck, out)
    print(f"{out}: {plural(len(deck.cards), 'card')}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            deck = deck_file.load(name)
        except DeckInvalid as exc:
            for line in exc.lines():
                print(line, file=sys.stderr)
            status = 2
        except InputError as exc:
            print(exc, file=sys.stderr)
            status = 2
        else:
            print(f"{Path(name).name}: ok, {deck.kind.value}, {plural(len(deck.cards), 'card')}")
    return status


def cmd_list(args: argparse.Namespace) -> int:
    for entry in list_decks():
        where = "sample" if entry.is_sample else "yours"
        if entry.deck:
            deck = entry.deck
            cards = plural(len(deck.cards), "card")
            print(f"{deck.title}\t{deck.kind.value}\t{cards}\t{where}\t{entry.path}")
        else:
            print(f"{entry.path.name}\tunreadable\t{entry.error}\t{where}\t{entry.path}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deck = subparsers.add_parser("deck", help="import, export, check and list decks")
    deck.set_defaults(func=lambda args: _usage(deck))
    commands = deck.add_subparsers(dest="deck_command", metavar="ACTION")

    kinds = [k.value for k in ActivityKind]
    p = commands.add_parser(
        "import",
        help="make a deck file from a workbook, a CSV or a plain text file",
        description="Workbooks (.xlsx, .xls, .ods) and CSV: a header row names the columns "
        "(title, body, suit, copies, back, note, code, colour); without one the first column is "
        "the title. Plain text: one card per line.",
    )
    p.add_argument("file", help="an .xlsx/.xls/.ods workbook, a .csv/.tsv file or a .txt file")
    p.add_argument(
        "--sheet", metavar="NAME", help="the workbook sheet to read (default: the first)"
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.deck.json")
    p.add_argument(
        "--title", help="the deck title (default: the file's deck column, or its file name)"
    )
    p.add_argument(
        "--kind",
        choices=kinds,
        help="the activity (default: the file's kind column, as `deck export` writes, or rank)",
    )
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=cmd_import)

    p = commands.add_parser(
        "export", help="write a deck's cards as a CSV file, or an Excel workbook (FILE.xlsx)"
    )
    p.add_argument("deck", metavar="DECK.deck.json")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_export)

    p = commands.add_parser(
        "check", help="check deck files: exit 0 if all are valid, else 2 with one line per problem"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_check)

    p = commands.add_parser("list", help="list the sample decks and your decks")
    p.set_defaults(func=cmd_list)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2
