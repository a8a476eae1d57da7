"""The capture actions: stage a table's result (saved within a second) and read it back."""

from __future__ import annotations

from facilitator.outcomes import Result
from facilitator.store import Store
from facilitator.ui.store_session import StoreSession


def outcome_key(table_id: str, item_id: str) -> tuple[str, str, str]:
    return ("outcome", table_id, item_id)


def stage_outcome(
    session: StoreSession, *, table_id: str, item_id: str, result: Result, origin: object = None
) -> None:
    """Keep the table's latest result in memory and have it saved soon (retried on failure)."""

    def write(store: Store, value: Result) -> None:
        store.save_outcome(table_id, item_id, value)

    session.stage(outcome_key(table_id, item_id), result, write, origin)


def current_result(session: StoreSession, *, table_id: str, item_id: str) -> Result | None:
    """What the screen should show: an edit still waiting to be saved, else the stored result."""
    found, value = session.pending(outcome_key(table_id, item_id))
    if found:
        result: Result = value
        return result
    outcome = session.store().get_outcome(table_id, item_id)
    return outcome.result if outcome is not None else None
