"""`facilitator FILE...` opens files in the app; commands and typos stay commands."""

import pytest

from facilitator.cli import build_parser, main, split_files_to_open


@pytest.mark.parametrize(
    ("argv", "left", "files"),
    [
        (["tonight.deck.json"], [], ["tonight.deck.json"]),
        (
            ["--data-dir", "trial", "a.csv", "b.deck.json"],
            ["--data-dir", "trial"],
            ["a.csv", "b.deck.json"],
        ),
        (["--db=x.json", "decks/roles.deck.json"], ["--db=x.json"], ["decks/roles.deck.json"]),
        (["deck", "list"], ["deck", "list"], []),
        (["--data-dir", "events", "events"], ["--data-dir", "events", "events"], []),
        (["--debug"], ["--debug"], []),
        ([], [], []),
    ],
)
def test_files_are_told_from_commands(argv, left, files):
    assert split_files_to_open(build_parser(), argv) == (left, files)


def test_a_mistyped_command_is_still_reported_as_a_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["evnets"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'evnets'" in capsys.readouterr().err
