"""The capture actions: stage a table's result (saved within a second) and read it back."""

from __future__ import annotations

from facilitator.capture.undo import Version
from facilitator.decks.model import Deck
from facilitator.outcomes import OutcomeStatus, Result, is_empty, settled_status
from facilitator.store import Store
from facilitator.ui.store_session import StoreSession


def outcome_key(table_id: str, item_id: str) -> tuple[str, str, str]:
    return ("outcome", table_id, item_id)


def stage_outcome(
    session: StoreSession,
    *,
    table_id: str,
    item_id: str,
    result: Result | None,
    status: OutcomeStatus | None = None,
    origin: object = None,
) -> None:
    """Keep the table's latest result in memory and have it saved soon (retried on failure).

    `status` IN_PROGRESS saves a result the table has not committed to (an order being
    typed); None lets the rules decide (outcomes.settled_status). None or an empty result
    clears the outcome.
    """

    def write(store: Store, value: Version) -> None:
        if value.result is None:
            store.clear_outcome(table_id, item_id)
        else:
            store.save_outcome(table_id, item_id, value.result, value.status)

    session.stage(outcome_key(table_id, item_id), Version(result, status), write, origin)


def current_version(session: StoreSession, *, table_id: str, item_id: str) -> Version:
    """What the screen should show: an edit still waiting to be saved, else what is stored."""
    found, value = session.pending(outcome_key(table_id, item_id))
    if found:
        staged: Version = value
        return staged
    outcome = session.store().get_outcome(table_id, item_id)
    if outcome is None:
        return Version(None, None)
    return Version(outcome.result, outcome.status)


def current_result(session: StoreSession, *, table_id: str, item_id: str) -> Result | None:
    """The result the screen shows (None: nothing recorded, or emptied)."""
    result = current_version(session, table_id=table_id, item_id=item_id).result
    return None if result is None or is_empty(result) else result


def status_of(version: Version, deck: Deck) -> OutcomeStatus:
    """The status a version has, or will have once saved: the one given, else the rules'."""
    if version.result is None or is_empty(version.result):
        return OutcomeStatus.NOT_RECORDED
    return version.status or settled_status(version.result, deck)
