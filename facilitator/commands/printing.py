"""`facilitator print`: laminate-ready card sheets (and the event's paper) as one PDF."""

from __future__ import annotations

import argparse
import sys

from facilitator.decks.file import load
from facilitator.errors import InputError
from facilitator.output_paths import check_output
from facilitator.print import (
    parse_options,
    plan_pack,
    plan_rows,
    plan_text,
    preflight,
    render_pack,
)
from facilitator.print.options import OPTIONS
from facilitator.wording import plural

# Options that take a value on the command line; the rest are yes/no flags.
FLAGS = {"fold", "cut-lines", "print-shop", "guide", "tent-cards", "capture-sheets", "calibration"}
# Yes by default: the command line turns them off with --no-NAME.
NEGATED = {"marks": "leave out the cut marks", "packing-list": "leave out the packing lists"}
CHOICES = {
    "laminate": ("pouch", "sheet", "card", "none"),
    "pack-by": ("set", "deck", "none"),
    "duplex": ("none", "long", "short"),
    "orientation": ("auto", "portrait", "landscape"),
}
METAVARS = {
    "paper": "NAME|WxH",
    "card": "NAME|WxH",
    "pouch": "NAME|WxH",
    "corner-radius": "LENGTH",
    "seal": "LENGTH",
    "gutter": "LENGTH",
    "bleed": "LENGTH",
    "only": "CODES",
    "only-set": "N[,M]",
    "margin": "LENGTH",
    "sets": "N",
    "back-offset": "X,Y",
    "title": "TEXT",
    "author": "TEXT",
    "title-size": "MAX,MIN",
    "body-size": "MAX,MIN",
}

EPILOG = """\
lengths take a unit (63mm, 0.3in, 6.3cm, 12pt); a bare number is mm.
a negative back offset needs an equals sign: --back-offset=-1.5,0.5
exit status: 0 written, 2 bad input (nothing written), 1 unexpected failure.
examples:
  facilitator print decks/*.deck.json -o pack.pdf --sets 3 --duplex long --guide \\
      --tent-cards --capture-sheets
  facilitator print roles.deck.json --laminate card --card tarot --plan
  facilitator print decks/*.deck.json -o fold.pdf --sets 3 --fold --paper letter
  facilitator print decks/*.deck.json -o lost.pdf --sets 3 --only R7,R9 --only-set 2
"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "print",
        help="print decks as laminate-ready card sheets (PDF)",
        description="Print one or more decks as laminate-ready card sheets in one PDF: one set "
        "per table, backs that line up, a print guide, tent cards and capture sheets.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("decks", nargs="+", metavar="DECK", help="*.deck.json files")
    parser.add_argument("-o", "--output", metavar="OUT.pdf", help="the PDF to write")
    parser.add_argument(
        "--plan",
        action="store_true",
        help="print the sheets, pouches and cards it would take, and write nothing",
    )
    for spec in OPTIONS:
        dest = spec.name.replace("-", "_")
        help_text = f"{spec.help} (default: {spec.default})" if spec.default else spec.help
        if spec.name in NEGATED:
            parser.add_argument(
                f"--no-{spec.name}",
                dest=dest,
                action="store_const",
                const=False,
                default=None,
                help=NEGATED[spec.name],
            )
        elif spec.name in FLAGS:
            parser.add_argument(
                f"--{spec.name}", dest=dest, action="store_const", const=True, help=spec.help
            )
        else:
            parser.add_argument(
                f"--{spec.name}", dest=dest, metavar=_metavar(spec.name), help=help_text
            )
    parser.set_defaults(func=run)


def _metavar(name: str) -> str:
    if name in CHOICES:
        return "|".join(CHOICES[name])
    return METAVARS.get(name, name.upper().replace("-", "_"))


def run(args: argparse.Namespace) -> int:
    values = {spec.name: getattr(args, spec.name.replace("-", "_")) for spec in OPTIONS}
    options = parse_options(values)
    decks = [load(path) for path in args.decks]
    plan = plan_pack(decks, options)
    if args.plan:
        # The plan warns about everything printing would: text, glyphs, colour, geometry.
        print(plan_text(plan_rows(plan, preflight(decks, plan))))
        return 0
    if not args.output:
        raise InputError("print: give the PDF to write with -o OUT.pdf (or use --plan)")
    out = check_output(args.output, inputs=args.decks)
    report = render_pack(decks, options, out)
    for warning in report.warnings:
        print(f"facilitator: warning: {warning}", file=sys.stderr)
    print(
        f"Wrote {out}: {plural(report.pages, 'page')} on {plural(report.sheets, 'sheet')} "
        f"({plural(plan.card_count, 'card')}, {plural(options.sets, 'set')}). "
        "Print at 100 % (actual size)."
    )
    return 0
