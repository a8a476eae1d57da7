"""The JSON export is described by the schema shipped with the app, and keeps to it."""

import json
from pathlib import Path

import jsonschema
import pytest

import facilitator
from facilitator.outcomes import PromptResponse, PromptsResult, RankResult, Verdict
from facilitator.reports import build_event_report, build_series_report, render
from facilitator.reports.json_export import FORMAT_VERSION, SCHEMA_FILE

SCHEMA = json.loads((Path(facilitator.__file__).parent / "schema" / SCHEMA_FILE).read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def problems(data):
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_itself_is_valid_and_names_the_export_version():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["const"] == FORMAT_VERSION


def test_an_event_report_validates(report):
    data = json.loads(render(report, "json"))
    assert problems(data) == []
    rank = data["event"]["sections"][0]
    assert rank["w_test"]["df"] == 9 and rank["consensus_count"] == 2


def test_a_series_report_validates(store, evening, london):
    data = json.loads(render(build_series_report(store, "PMO Flashmob"), "json"))
    assert problems(data) == []
    assert [s["kind"] for s in data["series"]["pooled"]] == ["rank", "match"]


def test_awkward_text_and_tables_still_talking_validate(store, awkward):
    event = store.list_events()[0]
    item = store.list_agenda(event.id)[1]
    table = store.list_tables(event.id)[1]
    talking = PromptResponse(verdict=None, key_points=("half a thought",))
    store.save_outcome(table.id, item.id, PromptsResult({"P2": talking}))
    data = json.loads(render(build_event_report(store, event.id), "json"))
    assert problems(data) == []


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("event", "sections", 0, "w_test", "p"), 1.5),
        (("event", "sections", 0, "kind"), "ranking"),
        (("event", "sections", 2, "prompts", 1, "verdicts", "agreed_no"), "3"),
    ],
)
def test_the_schema_catches_a_wrong_value(report, path, bad):
    data = json.loads(render(report, "json"))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    assert problems(data)


def test_a_field_the_schema_does_not_describe_fails(report):
    data = json.loads(render(report, "json"))
    data["event"]["sections"][0]["tables"][0]["mood"] = "happy"
    assert problems(data)


def test_the_docs_name_every_section_field(report):
    docs = (Path(facilitator.__file__).parent.parent / "docs" / "reports.md").read_text("utf-8")
    for name in ("rank_section", "match_section", "prompts_section"):
        for field in SCHEMA["$defs"][name]["properties"]:
            assert f"`{field}`" in docs, (name, field)


def test_recorded_orders_only(store, evening):
    # An order still being typed is not in the export's counted tables.
    item = store.list_agenda(evening.id)[0]
    table = store.list_tables(evening.id)[0]
    store.save_outcome(table.id, item.id, RankResult((("R1",),), typed="R1 RX"))
    data = json.loads(render(build_event_report(store, evening.id), "json"))
    rank = data["event"]["sections"][0]
    assert [t["table"]["name"] for t in rank["tables"]] == ["Table 2", "Table 3"]
    assert [t["name"] for t in rank["in_progress"]] == ["Table 1"]
    assert problems(data) == []
    assert Verdict  # the verdict names in the schema are the model's
    assert set(SCHEMA["$defs"]["verdicts"]["required"]) == {v.value for v in Verdict}
