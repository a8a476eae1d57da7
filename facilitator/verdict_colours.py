"""The colours of prompt verdicts, the same on the capture screen, the report and paper.

Chosen apart from the table set colours (a verdict must never read as a table), dark enough
to read as text on white (contrast at least 4.5:1), and apart from each other in greyscale.
"""

from __future__ import annotations

from facilitator.outcomes import Verdict

VERDICT_COLOURS: dict[Verdict | None, str] = {
    Verdict.AGREED_YES: "#2e7d32",
    Verdict.AGREED_NO: "#00695c",  # a consensus too, a shade apart: the side is in the words
    Verdict.AGREED: "#556b2f",  # older records: agreed, side not recorded
    Verdict.DIVIDED: "#9c2f4a",
    Verdict.NO_CONSENSUS: "#4f6475",
    Verdict.NOT_DISCUSSED: "#5f5f5f",
    None: "#5f5f5f",  # no verdict yet: never counted in a bar, only written beside a table
}
