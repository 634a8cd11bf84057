"""Identity: mentions of one encounter become one engagement, within and across documents."""

import datetime as dt
from dataclasses import replace

import pandas as pd

from helpers.extraction import Mention, extract_mentions
from helpers.merge import (
    engagements_frame,
    merge_across_documents,
    merge_document,
)

D = dt.date
PUBLISHED = D(2021, 9, 1)


def mention(participants, start=None, end=None, *, kind="meeting", status="occurred",
            trigger="met", anaphoric=False, partial=False, location=None, country=None,
            at=0, countries=None, precision=None, published=PUBLISHED):
    return Mention(
        doc_id="d", kind=kind, mode="phone" if kind == "call" else "in_person",
        status=status, participants=list(participants), initiator=None, location=location,
        country=country, date_start=start, date_end=end or start,
        date_precision=precision or ("day" if start else "unknown"), topics=[],
        evidence="...", evidence_start=at, evidence_end=at + 3, trigger=trigger,
        trigger_start=at, trigger_end=at + len(trigger), anaphoric=anaphoric,
        partial=partial, participant_countries=countries or {}, published=published)


def test_mentions_sharing_participants_and_compatible_dates_are_one_engagement():
    pairs = merge_document([
        mention(["Alexander Lukashenko", "Vladimir Putin"], D(2021, 9, 1), D(2021, 9, 10),
                trigger="visit", status="scheduled", precision="part_of_month"),
        mention(["Alexander Lukashenko", "Vladimir Putin"], D(2021, 9, 9), status="scheduled",
                trigger="meeting", location="Moscow", at=100),
    ])
    [(record, members)] = pairs
    assert len(members) == 2
    assert (record["date_start"], record["date_end"]) == (D(2021, 9, 9), D(2021, 9, 9))
    assert record["date_precision"] == "day" and record["location"] == "Moscow"


def test_incompatible_dates_are_two_engagements():
    pairs = merge_document([
        mention(["A B", "C D"], D(2021, 5, 21), D(2021, 5, 31)),
        mention(["A B", "C D"], D(2021, 7, 1), D(2021, 7, 31), at=50),
    ])
    assert len(pairs) == 2


def test_one_shared_person_does_not_make_two_pairs_one_encounter():
    pairs = merge_document([
        mention(["King Hussein", "Bill Clinton"]),
        mention(["King Hussein", "Yasser Arafat"], at=50),
    ])
    assert len(pairs) == 2


def test_an_anaphoric_reference_joins_its_antecedent_and_alone_is_dropped():
    pairs = merge_document([
        mention([], trigger="visit", anaphoric=True, status="scheduled"),
        mention(["A B", "C D"], D(2021, 9, 9), trigger="meeting", status="scheduled", at=40),
        mention([], D(2021, 9, 1), D(2021, 9, 10), trigger="visit", anaphoric=True,
                status="scheduled", at=80),
    ])
    [(record, members)] = pairs
    assert [m.trigger_start for m in members] == [40, 80]


def test_status_merging_prefers_the_talks_over_the_arrival_and_cancellation_wins():
    [(record, _)] = merge_document([
        mention(["A B"], D(2021, 9, 1), D(2021, 9, 3), trigger="visit", partial=True,
                precision="days"),
        mention(["A B", "C D"], D(2021, 9, 1), D(2021, 9, 3), trigger="meet",
                status="scheduled", at=40, precision="days"),
    ])
    assert record["status"] == "scheduled"
    [(record, _)] = merge_document([
        mention(["A B", "C D"], trigger="meeting", status="scheduled"),
        mention(["A B", "C D"], trigger="meeting", status="cancelled", at=40),
    ])
    assert record["status"] == "cancelled"


def test_a_one_sided_mention_joins_the_engagement_of_its_person_or_is_dropped():
    pairs = merge_document([
        mention(["Jalal Talabani"], D(2006, 11, 1), D(2006, 11, 3), trigger="visit",
                partial=True, location="Paris", country="France", precision="days"),
        mention(["Jacques Chirac", "Jalal Talabani"], D(2006, 11, 2), at=60),
    ])
    [(record, members)] = pairs
    assert len(members) == 2 and record["location"] == "Paris"
    assert record["date_start"] == record["date_end"] == D(2006, 11, 2)
    assert merge_document([mention(["Jalal Talabani"], trigger="visit", partial=True)]) == []


def test_cameo_codes_follow_status_kind_and_venue():
    def code(**kw):
        [(record, _)] = merge_document([mention(["A B", "C D"], D(2021, 9, 1), **kw)])
        return record["cameo"], record["plover"]

    assert code(status="scheduled") == ("036", "CONSULT")
    assert code(kind="call", trigger="called") == ("041", "CONSULT")
    homes = {"A B": "Russia", "C D": "Belarus"}
    assert code(country="Belarus", location="Minsk", countries=homes)[0] == "042"
    assert code(country="Russia", location="Moscow", countries=homes)[0] == "043"
    assert code(country="Tajikistan", location="Dushanbe", countries=homes)[0] == "044"
    assert code()[0] == "040"


REPORT_A = ("Russian President Vladimir Putin met Belarusian President Alexander Lukashenko "
            "in Moscow on September 9.")
REPORT_B = ("Belarusian President Alexander Lukashenko held talks with Russian President "
            "Vladimir Putin in Sochi on Thursday.")


def read(text: str, published: dt.date | None) -> list[dict]:
    """The engagement records of one document."""
    return [r for r, _ in merge_document(extract_mentions("t", text, published))]


def frame(doc_id, text, published):
    return engagements_frame(merge_document(extract_mentions(doc_id, text, published)))


def test_two_reports_of_one_meeting_are_one_engagement_with_both_documents():
    rows = pd.concat([frame("a", REPORT_A, D(2021, 9, 10)),
                      frame("b", REPORT_A.replace("on September 9", "last Thursday"),
                            D(2021, 9, 10))], ignore_index=True)
    merged = merge_across_documents(rows)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert list(row["doc_ids"]) == ["a", "b"] and row["n_mentions"] == 2
    assert row["date_start"] == D(2021, 9, 9) and row["conflict"] is None


def test_disagreeing_reports_are_merged_with_the_conflict_named():
    rows = pd.concat([frame("a", REPORT_A, D(2021, 9, 10)),
                      frame("b", REPORT_B, D(2021, 9, 10))], ignore_index=True)
    merged = merge_across_documents(rows)
    assert len(merged) == 1
    assert "location" in merged.iloc[0]["conflict"]


def test_a_table_read_back_with_plain_pandas_merges_too(tmp_path):
    # pd.read_parquet gives NaN for a missing location where schema.read_table gives None.
    with_venue = frame("a", REPORT_A, D(2021, 9, 10))
    without = frame("b", REPORT_A.replace(" in Moscow", ""), D(2021, 9, 10))
    pd.concat([with_venue, without], ignore_index=True).to_parquet(tmp_path / "e.parquet")
    rows = pd.read_parquet(tmp_path / "e.parquet")
    assert rows["location"].isna().any()
    merged = merge_across_documents(rows)
    assert len(merged) == 1 and list(merged.iloc[0]["doc_ids"]) == ["a", "b"]


def test_undated_rows_are_never_merged_across_documents():
    # "has met": background in the perfect, so not dated by the story's day either.
    text = "Russian President Vladimir Putin has met Belarusian President Alexander Lukashenko."
    rows = pd.concat([frame("a", text, D(2021, 9, 10)), frame("b", text, D(2021, 9, 10))],
                     ignore_index=True)
    assert rows["date_start"].isna().all()
    assert len(merge_across_documents(rows)) == 2


def test_a_one_sided_mention_in_another_country_is_another_encounter():
    pairs = merge_document([
        mention(["Romano Prodi", "Bashkim Fino"], country="Albania"),
        mention(["Bashkim Fino"], trigger="talks", partial=True, location="Athens",
                country="Greece", at=60),
    ])
    [(record, members)] = pairs
    assert len(members) == 1 and record["country"] == "Albania"


def test_talks_still_to_come_belong_to_the_visit_under_way():
    [(record, members)] = merge_document([
        mention(["George W. Bush", "Hu Jintao"], D(2021, 8, 31), D(2021, 9, 2),
                trigger="visit", precision="days"),
        mention(["Hu Jintao", "George W. Bush"], trigger="meet", status="scheduled", at=90),
    ])
    assert len(members) == 2 and record["status"] == "scheduled"


def test_a_later_stated_length_stretches_the_day_a_summit_opened():
    text = ("At the Lisbon Summit of the Council of Europe that opened Saturday, Prime "
            "Minister Jose Socrates said Portugal would host more talks. Socrates is among "
            "40 leaders attending the two-day summit.")
    records = read(text, D(2021, 9, 4))
    summit = next(r for r in records if r["kind"] == "summit")
    assert (summit["date_start"], summit["date_end"]) == (D(2021, 9, 4), D(2021, 9, 5))
    assert summit["date_precision"] == "days"


def test_a_meeting_on_the_sidelines_of_a_longer_summit_keeps_its_day():
    [(record, _)] = merge_document([
        mention(["Mahmoud Abbas", "Silvan Shalom"], D(2021, 9, 1)),
        replace(mention(["Mahmoud Abbas", "Silvan Shalom"], trigger="summit", at=80),
                evidence="both in Tunis for a three-day summit", evidence_start=50),
    ])
    assert (record["date_start"], record["date_end"]) == (D(2021, 9, 1), D(2021, 9, 1))


def test_a_proposal_is_not_dated_by_the_day_it_was_put_forward():
    [(record, _)] = merge_document([
        mention(["Kofi Annan", "Jalal Talabani"], PUBLISHED, status="proposed",
                trigger="conference"),
    ])
    assert record["date_start"] is None and record["date_precision"] == "unknown"
    [(later, _)] = merge_document([
        mention(["Kofi Annan", "Jalal Talabani"], D(2021, 10, 1), status="proposed",
                trigger="conference"),
    ])
    assert later["date_start"] == D(2021, 10, 1)


def test_the_area_in_a_bodys_name_is_not_the_venue():
    text = ("ROME, Sept 1 -- During his talks with Mario Draghi, Israeli Prime Minister Naftali "
            "Bennett will underline Italy's role in the United Nations Force in Lebanon "
            "(UNIFIL), his spokesman said.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["country"] != "Lebanon"


def test_the_summit_described_later_keeps_the_date_of_the_summit_announced():
    text = ("KUALA LUMPUR, Sept 1 -- Wang Yi spoke ahead of an ASEAN summit next "
            "week, which will be followed by the East Asia summit. The summit in the Malaysian "
            "capital brings together ASEAN as well as China, Japan and India.")
    records = read(text, PUBLISHED)
    described = next(r for r in records if "Japan" in r["participants"])
    assert described["status"] == "scheduled"
    assert (described["date_start"], described["date_end"]) == (D(2021, 9, 6), D(2021, 9, 12))


def test_an_undated_event_noun_governed_by_a_future_verb_is_scheduled():
    text = ("Leaders from Brunei, Cambodia, Indonesia and Laos will be joined by their "
            "counterparts from China, Japan and South Korea for an East Asian summit.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["status"] == "scheduled"


def test_an_encounter_over_before_the_story_is_not_dated_by_its_day():
    text = ("HARARE, Sept 1 -- After a three-day consultative meeting with Zambian and "
            "Zimbabwean officials, the UNESCO envoy said the site needs better protection.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["date_start"] is None and record["location"] is None


def test_the_host_country_holds_the_summit():
    text = "Kenya is to host a summit on food security in Africa from Sept 14 to 17."
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["country"] == "Kenya" and record["location"] is None


def test_talks_at_a_city_state_are_held_in_its_city():
    text = "Israeli Prime Minister Ehud Olmert met Pope Benedict XVI at the Vatican on Monday."
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert (record["location"], record["country"]) == ("Vatican City", "Vatican City")


def test_two_reports_of_an_organisations_summit_held_are_one():
    pairs = merge_document([
        mention(["United Kingdom", "EU"], kind="summit", trigger="summit", location="Brussels",
                country="Belgium"),
        mention(["Keir Starmer", "EU"], D(2021, 9, 1), kind="summit", trigger="summit", at=400),
    ])
    assert len(pairs) == 1
    to_come = merge_document([
        mention(["African Union", "WTO"], D(2021, 9, 6), kind="summit", trigger="meeting",
                status="scheduled", location="Arusha", country="Tanzania"),
        mention(["Hong Kong", "WTO"], kind="summit", trigger="ministerial", status="scheduled",
                at=400),
    ])
    assert len(to_come) == 2


def test_a_city_in_the_events_name_is_its_venue():
    text = ("The Sharm el-Sheikh Summit occurred in February 2005 when the leaders of Egypt, "
            "Jordan and Israel met.")
    records = read(text, PUBLISHED)
    assert any(r["location"] == "Sharm el-Sheikh" and r["country"] == "Egypt" for r in records)


def test_the_day_of_the_main_verb_does_not_date_a_gerund_encounter():
    text = ("JERUSALEM, Sept 1 -- Naftali Bennett and Mahmud Abbas sparked hope Wednesday by "
            "meeting for the first time in six months. The two leaders met at Bennett's "
            "residence in Jerusalem late Tuesday.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["date_start"] == D(2021, 8, 31)


def test_the_one_city_the_story_travels_to_is_the_venue_in_that_country():
    text = ("GAZA CITY, Sept 1 -- Palestinian President Mahmud Abbas headed for Jordan on "
            "Wednesday for talks with King Abdullah II. Before leaving for the Red Sea resort "
            "of Aqaba, Abbas received a telephone call from Antony Blinken.")
    records = read(text, PUBLISHED)
    talks = next(r for r in records if "Abdullah II" in r["participants"])
    assert (talks["location"], talks["country"]) == ("Aqaba", "Jordan")


def test_an_encounter_dated_after_the_story_has_not_happened_yet():
    [(record, _)] = merge_document([
        mention(["South Korea", "APEC"], kind="summit", trigger="forum"),
        mention(["South Korea", "APEC"], D(2021, 9, 8), D(2021, 9, 9), kind="summit",
                trigger="summit", at=200, precision="days"),
    ])
    assert record["status"] == "scheduled"


def test_a_date_after_the_events_full_name_is_its_own():
    text = ("At the first Summit of the Americas in 1994, leaders of 34 countries including "
            "Bill Clinton agreed to set up a free trade zone.")
    records = read(text, PUBLISHED)
    assert any(r["date_start"] == D(1994, 1, 1) and r["date_precision"] == "year"
               for r in records)


def test_a_past_date_after_an_agreed_meeting_is_when_it_was_agreed():
    text = ("Meanwhile, the possibility of a meeting between Attorney General John Smith and "
            "Governor Mary Jones reemerged Wednesday. Smith agreed to a meeting earlier this "
            "week, only to have Jones withdraw the request.")
    records = read(text, PUBLISHED)
    assert records and all(r["date_start"] is None for r in records)


def test_the_summit_named_before_whose_it_is_takes_its_date_and_venue():
    text = ("JAKARTA, Nov. 16 (Xinhua) -- The government denied any change of venue for the "
            "summit in Bali, officials said Thursday.\n\nPreparatory meetings will start on "
            "Dec. 6, to be followed by the summit meetings from Dec. 10 to 13.\n\nLeaders of "
            "Thailand, Vietnam and Malaysia will attend the ASEAN summit.")
    [(record, _)] = merge_document(extract_mentions("t", text, D(2006, 11, 16)))
    assert record["location"] == "Bali" and record["status"] == "scheduled"
    assert (record["date_start"], record["date_end"]) == (D(2006, 12, 10), D(2006, 12, 13))


def test_the_talks_a_meeting_is_for_do_not_take_its_date():
    text = ("The Indonesian president is to meet his Russian counterpart Vladimir Putin in "
            "Moscow on Friday for talks on trade links, officials said. President Susilo "
            "Bambang Yudhoyono arrived on Thursday.")
    records = read(text, D(2021, 9, 1))
    meeting = next(r for r in records if "Vladimir Putin" in r["participants"])
    assert meeting["date_start"] == D(2021, 9, 3)


def test_a_date_before_an_events_name_in_common_words_is_its_own():
    text = ("Australian Prime Minister John Howard is in Hanoi for a state visit, where he will "
            "also attend the Nov. 18-19 APEC economic leaders' informal meeting.")
    records = read(text, D(2006, 11, 17))
    summit = next(r for r in records if r["kind"] == "summit")
    assert (summit["date_start"], summit["date_end"]) == (D(2006, 11, 18), D(2006, 11, 19))


def test_talks_on_the_sidelines_of_a_forum_are_held_where_the_forum_is():
    text = ("Japanese Prime Minister Shinzo Abe and U.S. President George W. Bush will hold "
            "their first talks in mid-November on the sidelines of the Asia-Pacific Economic "
            "Cooperation forum in Hanoi, Kyodo News reported on Wednesday.")
    records = read(text, D(2006, 11, 1))
    talks = next(r for r in records if "Shinzo Abe" in r["participants"])
    assert (talks["location"], talks["country"]) == ("Hanoi", "Vietnam")
    forum = next(r for r in records if r["kind"] == "summit")
    assert forum["date_start"] is None and forum["status"] == "scheduled"


def test_a_meeting_during_a_dated_summit_takes_its_date():
    text = ("Georgian President Mikhail Saakashvili expects to meet Russian President Vladimir "
            "Putin during a planned summit of the Commonwealth of Independent States in Minsk "
            "later this month.")
    records = read(text, D(2006, 11, 1))
    meeting = next(r for r in records if "Vladimir Putin" in r["participants"])
    assert meeting["location"] == "Minsk" and meeting["date_end"] == D(2006, 11, 30)


def test_a_back_references_tense_does_not_split_the_talks_it_refers_to():
    pairs = merge_document([
        mention(["Gela Bezhuashvili", "Sergei Lavrov"], D(2021, 9, 1)),
        mention([], trigger="meeting", anaphoric=True, status="scheduled", at=100),
        mention(["Sergei Lavrov", "Gela Bezhuashvili"], trigger="talks", at=200),
    ])
    assert len(pairs) == 1


def test_talks_to_come_with_the_hosts_of_a_visit_under_way_fall_in_its_days():
    pairs = merge_document([
        mention(["George W. Bush", "Hu Jintao"], D(2021, 9, 1), D(2021, 9, 3),
                trigger="visit", location="Beijing", country="China", precision="days",
                countries={"George W. Bush": "United States", "Hu Jintao": "China"}),
        mention(["George W. Bush", "Wen Jiabao"], status="scheduled", at=300,
                countries={"Wen Jiabao": "China"}),
        mention(["George W. Bush"], trigger="visit", status="scheduled", partial=True,
                country="Mongolia", at=900),
    ])
    talks = next(r for r, _ in pairs if "Wen Jiabao" in r["participants"])
    assert (talks["date_start"], talks["date_end"]) == (D(2021, 9, 1), D(2021, 9, 3))
    assert (talks["location"], talks["country"]) == ("Beijing", "China")


def test_an_undated_meeting_told_in_a_relative_clause_is_not_of_the_storys_day():
    text = ("ISLAMABAD, Sept 1 -- President Pervez Musharraf and Indian Prime Minister Manmohan "
            "Singh, who met in the Cuban capital of Havana, had directed their foreign "
            "secretaries to resume dialogue.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["date_start"] is None and record["location"] == "Havana"


def test_a_summit_that_dates_a_proposed_meeting_does_not_make_it_agreed():
    [(record, _)] = merge_document([
        mention(["Inder Kumar Gujral", "Gohar Ayub Khan"], status="proposed"),
        mention([], D(2021, 10, 1), D(2021, 10, 31), kind="summit", trigger="summit",
                status="scheduled", anaphoric=True, precision="month", at=40),
    ])
    assert record["status"] == "proposed"
    assert record["date_start"] == D(2021, 10, 1)


def test_a_year_in_an_events_name_is_no_date_when_the_sentence_gives_one():
    text = ("Nepal's tourism secretary John Smith has kicked off preparations for the "
            "forthcoming Himalaya Tourism Conference 2006 on December 11-12 in Kathmandu.")
    records = read(text, D(2006, 11, 27))
    assert [(r["date_start"], r["date_end"]) for r in records] == [
        (D(2006, 12, 11), D(2006, 12, 12))]


def test_where_a_party_is_based_is_not_where_they_meet():
    text = ("The boy's father said he wants Cuban diplomats based in Washington to meet with "
            "Governor Jeb Bush in Miami next week.")
    records = read(text, PUBLISHED)
    assert [r["location"] for r in records] == ["Miami"]


def test_wanting_someone_to_meet_is_a_proposal():
    text = ("The boy's father said he wants Cuban diplomats based in Washington to meet with "
            "Governor Jeb Bush in Miami.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["status"] == "proposed" and record["date_start"] is None


def test_a_meeting_in_the_course_of_a_planned_visit_is_to_come():
    text = ("Newt Gingrich is to pay a short visit to Taiwan Wednesday in which he is to meet "
            "with President Lee Teng-hui and Premier Lien Chan, a spokesman said Tuesday.")
    records = read(text, D(1997, 4, 1))
    meeting = next(r for r in records if "Lee Teng-hui" in r["participants"])
    assert meeting["status"] == "scheduled"


def test_talks_with_a_list_of_sides_at_a_dated_forum_take_its_date():
    text = ("Foreign Minister Taro Aso said he would hold talks with his counterparts from the "
            "United States, South Korea, China and Russia on the sidelines of the APEC forum "
            "summit in Hanoi next week.")
    records = read(text, D(2006, 11, 6))
    # Talks with counterparts of four states may be read as a meeting or as a summit; either
    # way they are the forum's, next week.
    talks = next(r for r in records if "China" in r["participants"])
    assert talks["date_start"] == D(2006, 11, 13)


def test_what_was_said_during_a_visit_dates_the_visit():
    text = ("In November, Palestinian foreign minister Mahmud Zahar said during a visit to "
            "Tehran that Iran had already donated 120 million dollars to the Palestinians.")
    records = read(text, D(2006, 12, 11))
    assert [(r["date_start"], r["date_end"]) for r in records] == [
        (D(2006, 11, 1), D(2006, 11, 30))]


def test_a_meeting_held_during_a_visit_takes_the_visits_date():
    text = ("AMMAN, Sept 1 -- King Abdullah II hosted Israeli Prime Minister Ehud Olmert during "
            "the latter's surprise visit to Jordan last week.")
    [(record, _)] = merge_document(extract_mentions("t", text, PUBLISHED))
    assert record["date_start"] < PUBLISHED and record["date_precision"] != "day"
