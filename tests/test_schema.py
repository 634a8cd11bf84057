import datetime as dt

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import schema


def one_engagement(**overrides):
    row = {
        "engagement_id": "e1", "doc_id": "d1", "doc_ids": ["d1"], "n_mentions": 1,
        "kind": "meeting", "mode": "in_person", "status": "occurred",
        "participants": ["A", "B"], "initiator": None, "location": "Moscow",
        "country": "Russia", "date_start": dt.date(2021, 9, 9),
        "date_end": dt.date(2021, 9, 9), "date_precision": "day", "topics": ["gas"],
        "evidence": "A met B.", "evidence_start": 0, "evidence_end": 8, "cameo": "040",
        "plover": "CONSULT", "conflict": None,
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_a_valid_table_round_trips_with_its_types(tmp_path):
    path = schema.write_table(one_engagement(), tmp_path / "e.parquet", "engagements")
    back = schema.read_table(path, "engagements")
    assert back.loc[0, "date_start"] == dt.date(2021, 9, 9)
    assert list(back.loc[0, "participants"]) == ["A", "B"]
    assert pq.read_schema(path).field("date_start").type == pa.date32()


def test_a_value_outside_the_contract_is_refused_and_named(tmp_path):
    with pytest.raises(schema.SchemaError, match="'kind'.*visit"):
        schema.write_table(one_engagement(kind="visit"), tmp_path / "e.parquet",
                           "engagements")
    assert not (tmp_path / "e.parquet").exists()


def test_a_failed_write_leaves_the_last_good_file_in_place(tmp_path):
    path = schema.write_table(one_engagement(), tmp_path / "e.parquet", "engagements")
    before = path.read_bytes()
    with pytest.raises(schema.SchemaError):
        schema.write_table(one_engagement(status="maybe"), path, "engagements")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["e.parquet"]  # no temporary left


def test_reading_a_file_of_another_schema_names_the_column(tmp_path):
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"doc_id": ["x"], "kind": [1]}), path)
    with pytest.raises(schema.SchemaError, match="no column 'engagement_id'"):
        schema.read_table(path, "engagements")
    pq.write_table(schema.to_arrow(one_engagement(), "engagements")
                   .set_column(4, "kind", pa.array([3])), path)
    with pytest.raises(schema.SchemaError, match="column 'kind' has type int64"):
        schema.read_table(path, "engagements")


def test_empty_frames_have_every_column():
    frame = schema.empty_frame("mentions")
    assert list(frame.columns) == schema.MENTIONS.names
    assert schema.concat([], "documents").columns.tolist() == schema.DOCUMENTS.names


def test_missing_strings_read_back_as_none(tmp_path):
    path = schema.write_table(one_engagement(location=None), tmp_path / "e.parquet",
                              "engagements")
    back = schema.read_table(path, "engagements")
    assert back.loc[0, "location"] is None and back.loc[0, "conflict"] is None
    assert back.loc[0, "country"] == "Russia"


def test_rows_table_builds_what_the_frame_path_builds():
    row = one_engagement().to_dict("records")[0]
    row["participants"], row["topics"], row["doc_ids"] = ["A", "B"], ["gas"], ["d1"]
    table = schema.rows_table([row, {**row, "engagement_id": "e2", "date_end": None}],
                              "engagements")
    schema.validate(table, "engagements")
    assert table.schema == schema.ENGAGEMENTS
    assert table.column("date_end").to_pylist() == [dt.date(2021, 9, 9), None]
    assert table.slice(0, 1).equals(schema.to_arrow(one_engagement(), "engagements"))
    assert schema.rows_table([], "engagements").schema == schema.ENGAGEMENTS


def test_rows_table_refuses_missing_columns_and_wrong_types():
    row = one_engagement().to_dict("records")[0]
    with pytest.raises(schema.SchemaError, match="missing column.*conflict"):
        schema.rows_table([{k: v for k, v in row.items() if k != "conflict"}], "engagements")
    with pytest.raises(schema.SchemaError, match="engagements"):
        schema.rows_table([{**row, "n_mentions": "many"}], "engagements")


def test_is_missing_knows_every_empty_cell_and_no_value():
    import numpy as np

    for empty in (None, float("nan"), pd.NaT, pd.NA, np.datetime64("NaT")):
        assert schema.is_missing(empty), empty
    for value in ("", "Moscow", [], ["Putin"], np.array([]), 0, 0.0, dt.date(2021, 9, 9)):
        assert not schema.is_missing(value), value


@pytest.mark.parametrize(("values", "type_"), [
    (["a", "bé", None, "", "ccc"], pa.string()),
    ([None, None], pa.string()),
    ([], pa.string()),
    (["x"] * 9 + [None], pa.string()),
    ([1, None, -5, 2**62], pa.int64()),
    ([None] * 17 + [3], pa.int64()),
    ([None], pa.date32()),
    ([None, [], None], pa.list_(pa.string())),
    ([dt.date(2021, 9, 9), None, dt.date(1900, 1, 1)], pa.date32()),
    ([["a", "b"], [], None, ["é", None]], pa.list_(pa.string())),
])
def test_plain_columns_are_laid_out_as_pa_array_makes_them(values, type_):
    built = schema._plain_array(values, type_)
    built.validate(full=True)
    assert built.equals(pa.array(values, type=type_))


@pytest.mark.parametrize(("values", "type_"), [
    ([True], pa.int64()),  # bool is not an int to Arrow: pa.array says so
    ([1.0], pa.int64()),
    ([dt.datetime(2021, 9, 9, 5)], pa.date32()),
    ([b"x"], pa.string()),
    (["\ud800"], pa.string()),  # a lone surrogate
    ([("a",)], pa.list_(pa.string())),
])
def test_other_values_are_left_to_pa_array(values, type_):
    assert schema._plain_array(values, type_) is None


def test_a_column_of_another_type_is_left_to_pa_array():
    assert schema._plain_array([1.5, None], pa.float64()) is None
    assert schema._plain_array([["a"], "b"], pa.list_(pa.string())) is None
    assert schema._plain_array([["a"]], pa.string()) is None  # unhashable: no lookup made
