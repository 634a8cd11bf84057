import json

import pytest

from helpers import schema
from helpers.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, main


@pytest.mark.parametrize("command", ["extract", "run", "timexes", "evaluate"])
def test_every_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: parley " + command in capsys.readouterr().out


def test_extract_writes_the_engagements_of_a_folder(tmp_path, seed_path):
    out = tmp_path / "e.parquet"
    assert main(["extract", str(seed_path.parent), "--output", str(out)]) == EXIT_OK
    engagements = schema.read_table(out, "engagements")
    assert sorted(engagements["kind"]) == ["call", "call", "meeting", "meeting", "meeting",
                                           "summit"]


def test_a_missing_input_is_one_clear_line_not_a_traceback(tmp_path, caplog):
    code = main(["extract", str(tmp_path / "nowhere"), "--output", str(tmp_path / "e.parquet")])
    assert code == EXIT_USAGE
    assert "nowhere: no such file or folder" in caplog.text
    assert "Traceback" not in caplog.text


def test_strict_fails_when_an_input_is_rejected_and_still_writes_the_good_ones(tmp_path,
                                                                           seed_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "seed.txt").write_bytes(seed_path.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    out = tmp_path / "e.parquet"
    documents = tmp_path / "d.parquet"
    assert main(["extract", str(raw), "-o", str(out), "--documents", str(documents)]) == 0
    assert main(["extract", str(raw), "-o", str(out), "--strict"]) == EXIT_REJECTED
    docs = schema.read_table(documents, "documents").set_index("doc_id")
    assert docs.loc["empty", "status"] == "rejected"
    assert len(schema.read_table(out, "engagements")) == 6


def test_published_fills_in_documents_without_a_date(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("Chinese Foreign Minister Wang Yi met his Japanese counterpart "
                      "Toshimitsu Motegi in Paris on Friday.", encoding="utf-8")
    out = tmp_path / "e.parquet"
    assert main(["extract", str(source), "-o", str(out), "--published", "2021-09-01"]) == 0
    rows = schema.read_table(out, "engagements").to_dict("records")
    assert [str(r["date_start"]) for r in rows] == ["2021-08-27"]
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(source), "-o", str(out), "--published", "yesterday"])
    assert exit_.value.code == EXIT_USAGE


def test_timexes_writes_one_line_per_expression(tmp_path):
    source = tmp_path / "c.jsonl"
    text = "Talks are due to resume early next month."
    source.write_text(json.dumps({"id": "a", "published": "2021-09-01", "text": text}) + "\n")
    out = tmp_path / "t.jsonl"
    assert main(["timexes", str(source), "--output", str(out)]) == EXIT_OK
    [line] = [json.loads(x) for x in out.read_text().splitlines()]
    assert (line["date_start"], line["date_end"]) == ("2021-10-01", "2021-10-10")
    assert text[line["start"]:line["end"]] == line["text"] == "early next month"
