"""The colours of prompt verdicts, the same on the capture screen, the report and paper.

`VERDICT_COLOURS` are for text and borders: apart from the table set colours (a verdict must
never read as a table), dark enough to read as text on white (contrast at least 4.5:1).
`VERDICT_FILLS` are for the bars: blue and orange (the pair colour-blind readers tell apart
best), then ever lighter greys and purple, so each verdict also differs in lightness and the
bars read on a black-and-white printout; the counts are written on the bars as well.
"""

from __future__ import annotations

from facilitator.outcomes import Verdict

VERDICT_COLOURS: dict[Verdict | None, str] = {
    # Darker shades of the bar colours below, so a verdict reads the same in text and bars.
    Verdict.AGREED_YES: "#08306b",
    Verdict.AGREED_NO: "#8c3f00",
    Verdict.AGREED: "#5e3c99",  # older records: agreed, side not recorded
    Verdict.DIVIDED: "#7b2d6b",
    Verdict.NO_CONSENSUS: "#37474f",
    Verdict.NOT_DISCUSSED: "#5f5f5f",
    None: "#5f5f5f",  # no verdict yet: never counted in a bar, only written beside a table
}

# Lightness (CIE L*) about 21, 34, 48, 62, 77 and 91: far enough apart to tell in grey. "Yes"
# and "no" are dark blue and orange, the pair colour-blind readers tell apart best.
VERDICT_FILLS: dict[Verdict | None, str] = {
    Verdict.AGREED_YES: "#08306b",
    Verdict.AGREED: "#5e3c99",  # older records: agreed, side not recorded
    Verdict.AGREED_NO: "#b35806",
    Verdict.DIVIDED: "#998ec3",
    Verdict.NO_CONSENSUS: "#bdbdbd",
    Verdict.NOT_DISCUSSED: "#e6e6e6",
    None: "#f4f4f4",  # no verdict yet: never in a bar
}
