"""Hypothesis strategies for valid decks with awkward text."""

from hypothesis import strategies as st

from facilitator.decks.model import ActivityKind, Deck, build_deck

# Any Unicode a user can type: no lone surrogates (no file can hold them) and no control
# characters other than the line break.
typed = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), include_characters="\n")
any_text = st.text(typed, max_size=60)
title_text = any_text.filter(lambda s: s.strip())
suit_names = st.lists(
    st.text(typed, min_size=1, max_size=12).filter(lambda s: s.strip() and s == s.strip()),
    min_size=2,
    max_size=4,
    unique=True,
)


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    kind = draw(st.sampled_from(list(ActivityKind)))
    names = draw(suit_names)
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "title": title_text.map(str.strip).filter(bool),
                    "suit": st.sampled_from(names),
                    "body": any_text,
                    "back": any_text,
                    "note": any_text,
                    "copies": st.integers(1, 99),
                }
            ),
            max_size=12,
        )
    )
    # Every suit is used at least once so suits survive a CSV round trip.
    rows += [{"title": f"card of {n}", "suit": n} for n in names]
    deck = build_deck(draw(title_text), kind, rows, instructions=draw(any_text))
    return deck
