"""Extraction rules, each shown on an example sentence, and the seed article end to end."""

import datetime as dt

import pytest

from helpers.extraction import extract_mentions
from helpers.ingest import iter_documents
from helpers.merge import merge_document

PUBLISHED = dt.date(2021, 9, 1)  # a Wednesday


def engagements(text, published=PUBLISHED):
    return [record for record, _ in merge_document(extract_mentions("t", text, published))]


def one(text, published=PUBLISHED):
    [record] = engagements(text, published)
    return record


def test_a_meeting_between_titled_people_with_countries():
    e = one("Russian President Vladimir Putin met Belarusian President Alexander Lukashenko "
            "in Moscow on Monday.")
    assert (e["kind"], e["mode"], e["status"]) == ("meeting", "in_person", "occurred")
    assert e["participants"] == ["Vladimir Putin", "Alexander Lukashenko"]
    assert (e["location"], e["country"]) == ("Moscow", "Russia")
    assert e["date_start"] == e["date_end"] == dt.date(2021, 8, 30)


def test_surnames_and_roles_resolve_to_the_people_the_document_introduced():
    e = one("Chinese President Hu Jintao arrived on Tuesday. Japanese Prime Minister Junichiro "
            "Koizumi said he was pleased.\n\nThe Japanese prime minister met Hu on Wednesday.")
    assert e["participants"] == ["Junichiro Koizumi", "Hu Jintao"]


def test_a_person_introduced_outside_the_candidate_sentences_is_still_known():
    e = one("German Chancellor Angela Merkel condemned the attack.\n\n"
            "The German Chancellor spoke by telephone with Lebanese Prime Minister "
            "Fouad Siniora on Tuesday.")
    assert e["participants"] == ["Angela Merkel", "Fouad Siniora"]
    assert (e["kind"], e["mode"]) == ("call", "phone")


def test_a_telephone_call_is_initiated_by_its_caller_and_has_no_venue():
    e = one("Russian President Vladimir Putin had called Belarusian President Alexander "
            "Lukashenko in Minsk on August 30, the Kremlin said.")
    assert (e["kind"], e["mode"], e["initiator"]) == ("call", "phone", "Vladimir Putin")
    assert e["date_start"] == dt.date(2021, 8, 30)
    assert e["location"] is None and e["country"] is None


def test_a_call_for_something_is_not_a_call():
    assert engagements("The opposition called for talks on reform, the minister said.") == []
    assert engagements("He called business people to play a larger role.") == []


def test_spokespeople_and_speakers_are_not_participants():
    e = one("Dmitry Peskov, the spokesperson for the Kremlin, said Russian President Vladimir "
            "Putin met French President Emmanuel Macron on Monday.")
    assert e["participants"] == ["Vladimir Putin", "Emmanuel Macron"]


def test_countries_are_parties_only_when_no_person_is_named():
    e = one("Official talks between India and Pakistan resumed last month.")
    assert e["participants"] == ["India", "Pakistan"]
    assert (e["date_start"], e["date_end"]) == (dt.date(2021, 8, 1), dt.date(2021, 8, 31))
    e = one("Israeli Prime Minister Ehud Olmert paid a surprise visit to Jordan on Tuesday for "
            "talks with King Abdullah II.", published=dt.date(2006, 12, 19))
    assert e["participants"] == ["Ehud Olmert", "Abdullah II"]
    assert (e["initiator"], e["country"]) == ("Ehud Olmert", "Jordan")


def test_organisations_and_their_acronyms_are_one_party():
    e = one("Leaders met at the Asia-Pacific Economic Cooperation (APEC) summit in Busan "
            "on Nov. 19.", published=dt.date(2005, 11, 12))
    assert e["participants"] == ["APEC"]
    assert (e["kind"], e["status"], e["location"]) == ("summit", "scheduled", "Busan")


def test_here_is_the_dateline_city():
    e = one("BAMAKO, Dec 3 (AFP) -- African leaders and French President Jacques Chirac "
            "opened a two-day summit here on Saturday.", published=dt.date(2005, 12, 3))
    assert (e["location"], e["country"]) == ("Bamako", "Mali")


def test_the_dateline_gives_neither_participants_nor_dates():
    e = one("BUSAN, South Korea, Nov. 12 (Xinhua) -- Chinese President Hu Jintao will meet "
            "U.S. President George W. Bush next week.", published=dt.date(2005, 11, 12))
    assert e["participants"] == ["Hu Jintao", "George W. Bush"]
    assert e["date_start"] != dt.date(2005, 11, 12) and e["status"] == "scheduled"


def test_a_stated_length_stretches_the_date():
    e = one("U.S. President George W. Bush arrived here Saturday evening for a three-day "
            "visit at the invitation of Chinese President Hu Jintao.",
            published=dt.date(2005, 11, 19))
    assert (e["date_start"], e["date_end"]) == (dt.date(2005, 11, 19), dt.date(2005, 11, 21))
    assert e["date_precision"] == "days"


@pytest.mark.parametrize(("sentence", "status"), [
    ("Putin will meet Macron in Paris on September 9.", "scheduled"),
    ("Putin is to meet Macron in Paris.", "scheduled"),
    ("Putin is expected to meet Macron in Paris.", "scheduled"),
    ("Putin proposed a meeting with Macron in Paris.", "proposed"),
    ("Putin invited Macron to visit Moscow for talks with him.", "proposed"),
    ("The meeting between Putin and Macron was cancelled.", "cancelled"),
    ("The meeting between Putin and Macron was called off.", "cancelled"),
    ("The meeting between Putin and Macron was postponed until Thursday.", "scheduled"),
    ("Putin met Macron in Paris on Monday.", "occurred"),
])
def test_status_from_tense_and_modality(sentence, status):
    text = sentence.replace("Putin", "Russian President Vladimir Putin", 1).replace(
        "Macron", "French President Emmanuel Macron", 1)
    assert one(text)["status"] == status


def test_a_past_date_outweighs_a_modal_verb_elsewhere_in_the_sentence():
    e = one("King Hussein was expected to brief Arafat on his talks last month in Washington "
            "with President Bill Clinton.")
    assert e["status"] == "occurred"
    assert e["participants"][-1] == "Bill Clinton" and e["location"] == "Washington"


def test_topics_come_from_discuss_and_talks_on():
    e = one("Russian President Vladimir Putin met French President Emmanuel Macron on Monday "
            "and discussed gas pricing and the situation in Syria.")
    assert e["topics"] == ["gas pricing", "situation in Syria"]
    e = one("Palestinian President Yasser Arafat headed for Jordan on Wednesday for talks "
            "with King Hussein on the stalemated peace process.")
    assert "stalemated peace process" in e["topics"]


def test_travel_for_talks_makes_the_traveller_the_initiator_and_the_talks_still_to_come():
    e = one("Palestinian President Yasser Arafat headed for Jordan on Wednesday for talks with "
            "King Hussein.")
    assert (e["initiator"], e["country"], e["status"]) == ("Yasser Arafat", "Jordan",
                                                          "scheduled")


def test_people_in_relative_clauses_and_purpose_adjuncts_are_not_participants():
    e = one("Secretary of State Madeleine Albright met opposition leaders Vuk Draskovic and "
            "Zoran Djindjic on Friday, in a further effort to distance Washington from Serbian "
            "President Slobodan Milosevic.")
    assert "Slobodan Milosevic" not in e["participants"]


def test_a_summit_of_two_leaders_is_their_meeting():
    e = one("A summit between U.S. President George W. Bush and Iraqi Prime Minister "
            "Nuri al-Maliki was put off until Thursday.", published=dt.date(2006, 11, 29))
    assert e["kind"] == "meeting"
    assert e["participants"] == ["George W. Bush", "Nuri al-Maliki"]
    assert (e["status"], e["date_start"]) == ("scheduled", dt.date(2006, 11, 30))


def test_a_press_conference_or_a_definition_is_no_summit():
    assert engagements("Putin told a press conference that he was pleased.") == []
    assert engagements("Founded in 1989, APEC is a major regional forum.") == []


def test_video_conferences_are_calls_by_video():
    e = one("Russian President Vladimir Putin held talks with German Chancellor Angela Merkel "
            "by video link on Monday.")
    assert e["mode"] == "video"


@pytest.fixture(scope="module")
def seed():
    [doc] = list(iter_documents(["data/raw"]))
    mentions = extract_mentions(doc.doc_id, doc.text, doc.published)
    return merge_document(mentions)


def test_the_seed_article_holds_its_six_engagements(seed):
    rows = sorted((r["kind"], r["mode"], r["status"], r["date_start"], r["location"])
                  for r, _ in seed)
    assert rows == sorted([
        ("meeting", "in_person", "scheduled", dt.date(2021, 9, 9), "Moscow"),
        ("call", "phone", "occurred", dt.date(2021, 8, 30), None),
        ("summit", "in_person", "scheduled", dt.date(2021, 9, 11), "Dushanbe"),
        ("meeting", "in_person", "occurred", dt.date(2021, 5, 21), "Sochi"),
        ("meeting", "in_person", "occurred", dt.date(2021, 7, 1), "Saint Petersburg"),
        ("call", "unspecified", "occurred", dt.date(2021, 8, 23), None),
    ])


def test_the_seed_september_meeting_is_one_engagement_of_three_mentions(seed):
    [(record, mentions)] = [(r, m) for r, m in seed if r["date_start"] == dt.date(2021, 9, 9)]
    triggers = [m.trigger for m in mentions]
    assert {"visit", "meeting", "meet"} <= set(triggers)
    assert record["initiator"] == "Alexander Lukashenko"
    assert record["participants"] == ["Alexander Lukashenko", "Vladimir Putin"]


def test_the_seed_spokesperson_is_not_a_participant_and_late_may_is_the_21st_on(seed):
    assert all("Dmitry Peskov" not in r["participants"] for r, _ in seed)
    [sochi] = [r for r, _ in seed if r["location"] == "Sochi"]
    assert (sochi["date_start"], sochi["date_end"]) == (dt.date(2021, 5, 21),
                                                       dt.date(2021, 5, 31))
    assert sochi["date_precision"] == "part_of_month"
