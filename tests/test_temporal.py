"""Tests of helpers.temporal: finding temporal expressions and resolving them.

The first table is the issue's acceptance cases; the rest pins one rule each, so that
each test fails when its rule breaks.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.temporal import PRECISIONS, Timex, clause_tense, find_timexes, timex_records

D = dt.date
PUB = D(2021, 9, 1)  # a Wednesday


def only(text: str, published: dt.date | None = PUB, **kw) -> Timex:
    """The single expression found in ``text``."""
    found = find_timexes(text, published, **kw)
    assert len(found) == 1, found
    return found[0]


def interval(text: str, published: dt.date | None = PUB) -> tuple[dt.date | None, ...]:
    t = only(text, published)
    return t.date_start, t.date_end


# --------------------------------------------------------------------------- acceptance

ACCEPTANCE = [
    ("The talks will resume on September 9.", PUB, D(2021, 9, 9), D(2021, 9, 9)),
    ("The ministers met on August 30.", PUB, D(2021, 8, 30), D(2021, 8, 30)),
    ("The two leaders spoke by phone in late May.", PUB, D(2021, 5, 21), D(2021, 5, 31)),
    ("In July, the envoy visited Kabul.", PUB, D(2021, 7, 1), D(2021, 7, 31)),
    ("A summit is planned for mid-September.", PUB, D(2021, 9, 11), D(2021, 9, 20)),
    ("Talks are expected in early September.", PUB, D(2021, 9, 1), D(2021, 9, 10)),
    ("The foreign minister called his counterpart last Friday.", PUB, D(2021, 8, 27),
     D(2021, 8, 27)),
    ("He will travel to Paris next Tuesday.", PUB, D(2021, 9, 7), D(2021, 9, 7)),
    ("The summit will be held November 4-5.", PUB, D(2021, 11, 4), D(2021, 11, 5)),
    ("The two sides signed the accord in December.", PUB, D(2020, 12, 1), D(2020, 12, 31)),
    ("The two presidents first met this spring.", PUB, D(2021, 3, 1), D(2021, 5, 31)),
    ("The minister met his Chinese counterpart on Friday.", PUB, D(2021, 8, 27),
     D(2021, 8, 27)),
    ("The minister will meet his Chinese counterpart on Friday.", PUB, D(2021, 9, 3),
     D(2021, 9, 3)),
    ("Talks are due to resume early next month.", PUB, D(2021, 10, 1), D(2021, 10, 10)),
    ("The talks were held on December 28.", D(2022, 1, 3), D(2021, 12, 28), D(2021, 12, 28)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "start", "end"), ACCEPTANCE)
def test_acceptance(text: str, published: dt.date, start: dt.date, end: dt.date) -> None:
    t = only(text, published)
    assert (t.date_start, t.date_end) == (start, end)
    assert t.type == "DATE"
    assert t.text == text[t.start : t.end]


def test_acceptance_precisions() -> None:
    precisions = [only(text, pub).precision for text, pub, _, _ in ACCEPTANCE]
    assert precisions == [
        "day", "day", "part_of_month", "month", "part_of_month", "part_of_month", "day",
        "day", "days", "month", "season", "day", "day", "part_of_month", "day",
    ]  # fmt: skip


# --------------------------------------------------------------------------- parts of a month


@pytest.mark.parametrize(
    ("text", "start", "end", "mod"),
    [
        ("They met in early May.", D(2021, 5, 1), D(2021, 5, 10), "START"),
        ("They met in mid May.", D(2021, 5, 11), D(2021, 5, 20), "MID"),
        ("They met in late May.", D(2021, 5, 21), D(2021, 5, 31), "END"),
        ("They met at the end of June.", D(2021, 6, 21), D(2021, 6, 30), "END"),
        ("They met at the beginning of June.", D(2021, 6, 1), D(2021, 6, 10), "START"),
    ],
)
def test_parts_of_month(text: str, start: dt.date, end: dt.date, mod: str) -> None:
    t = only(text)
    assert (t.date_start, t.date_end, t.precision, t.mod) == (start, end, "part_of_month", mod)


def test_late_february_of_a_leap_year_ends_on_the_29th() -> None:
    assert interval("The leaders met in late February.", D(2020, 3, 10)) == (
        D(2020, 2, 21),
        D(2020, 2, 29),
    )


def test_part_of_month_with_explicit_year_and_relative_month() -> None:
    assert interval("It began in early December 1999.") == (D(1999, 12, 1), D(1999, 12, 10))
    assert interval("The leaders spoke late last month.") == (D(2021, 8, 21), D(2021, 8, 31))


# --------------------------------------------------------------------------- years of months


def test_future_month_before_publication_is_next_year() -> None:
    t = only("Ministers will meet in January.", D(2021, 12, 1))
    assert (t.value, t.date_start) == ("2022-01", D(2022, 1, 1))


def test_past_month_after_publication_is_previous_year() -> None:
    assert only("The accord was signed in December.", D(2021, 1, 5)).value == "2020-12"


def test_present_tense_month_takes_the_nearer_year() -> None:
    assert only("The summit is in December.", D(2021, 9, 1)).value == "2021-12"
    assert only("December figures show a rise.", D(2021, 1, 20)).value == "2020-12"


def test_past_tense_date_shortly_after_publication_keeps_the_year() -> None:
    # a deadline reported with a past verb; within the tolerance, no jump a year back
    assert only("The offer was extended to Nov. 20.", D(1989, 11, 2)).value == "1989-11-20"


def test_explicit_year_wins_over_tense() -> None:
    assert only("They will meet on March 5, 1946.", PUB).value == "1946-03-05"


def test_last_and_next_month_names() -> None:
    assert only("They met last October.", D(1999, 2, 6)).value == "1998-10"
    # "last February" said in March means a year ago ("last month" would be February)
    assert only("Helicopters crashed last February.", D(1998, 3, 1)).value == "1997-02"
    assert only("They meet next March.", D(2021, 9, 1)).value == "2022-03"


def test_month_with_relative_year() -> None:
    assert only("In June last year the party split.", D(1998, 2, 19)).value == "1997-06"
    assert only("In January this year police arrived.", D(1998, 2, 19)).value == "1998-01"


# --------------------------------------------------------------------------- weekdays


def test_same_weekday_in_past_clause_is_the_publication_day() -> None:
    friday = D(2021, 9, 3)
    assert only("The ministry said Friday that talks would resume.", friday).value == "2021-09-03"


def test_same_weekday_in_future_clause_is_the_publication_day() -> None:
    friday = D(2021, 9, 3)
    t = only("The minister will meet his counterpart Friday.", friday)
    assert t.value == "2021-09-03"


def test_last_and_next_weekday_exclude_the_publication_day() -> None:
    friday = D(2021, 9, 3)
    assert only("They spoke last Friday.", friday).value == "2021-08-27"
    assert only("They will speak next Friday.", friday).value == "2021-09-10"


def test_bare_weekday_without_tense_looks_back() -> None:
    assert only("The figures as of Monday were grim.", PUB).value == "2021-08-30"


def test_possessive_weekday_is_a_known_past_day() -> None:
    # the clause is future ("would look for ways"), the ruling is not
    t = only("Relatives said they would fight Wednesday's ruling.", D(2000, 1, 7))
    assert t.value == "2000-01-05"


def test_deadline_weekday_is_ahead() -> None:
    assert only("Officials postponed any action until Tuesday.", D(2000, 3, 30)).value == (
        "2000-04-04"
    )


def test_weekday_with_date_picks_the_year_where_they_agree() -> None:
    # 23 October fell on a Friday in 1998: a weekday plus month-day fixes the year
    t = only("He was shot on the night of Friday, Oct. 23.", D(1999, 1, 5))
    assert t.value == "1998-10-23"


def test_weekday_with_time_of_day_is_the_day() -> None:
    t = only("Protesters rallied Thursday night.", PUB)
    assert (t.value, t.precision) == ("2021-08-26", "day")


def test_previous_weekday_is_relative_to_the_day_talked_about() -> None:
    found = find_timexes(
        "Stocks fell on Friday, down 4% from the previous Friday.", D(1989, 10, 30)
    )
    assert [t.value for t in found] == ["1989-10-27", "1989-10-20"]


# --------------------------------------------------------------------------- day ranges


@pytest.mark.parametrize(
    ("text", "span_text", "start", "end"),
    [
        ("The summit will be held Nov 4-5.", "Nov 4-5", D(2021, 11, 4), D(2021, 11, 5)),
        ("Talks are set from Nov. 4 to 6.", "Nov. 4 to 6", D(2021, 11, 4), D(2021, 11, 6)),
        ("The vote is 4-5 November.", "4-5 November", D(2021, 11, 4), D(2021, 11, 5)),
        (
            "They meet between Nov. 30 and Dec. 2.",
            "Nov. 30 and Dec. 2",
            D(2021, 11, 30),
            D(2021, 12, 2),
        ),
    ],  # fmt: skip
)
def test_day_ranges(text: str, span_text: str, start: dt.date, end: dt.date) -> None:
    t = only(text)
    assert (t.text, t.date_start, t.date_end, t.precision) == (span_text, start, end, "days")
    assert t.value == f"{start.isoformat()}/{end.isoformat()}"


def test_range_after_a_preposition_on_another_line() -> None:
    t = only("Talks run from\nNov. 4 to 6.")
    assert (t.text, t.value) == ("Nov. 4 to 6", "2021-11-04/2021-11-06")
    t = only("Talks run from\xa0Dec. 1 to 3.")
    assert t.text == "Dec. 1 to 3"


def test_backwards_range_is_not_a_date() -> None:
    assert find_timexes("Scores were Nov. 5-3 at half time.", PUB) == []


# --------------------------------------------------------------------------- seasons


def test_seasons() -> None:
    spring = only("The two presidents first met this spring.")
    assert (spring.value, spring.precision) == ("2021-SP", "season")
    assert only("They will meet next summer.").value == "2022-SU"
    assert only("They met last fall.", D(1999, 4, 10)).value == "1998-FA"


def test_winter_spans_the_new_year() -> None:
    t = only("They met last winter.", D(2021, 3, 10))
    assert (t.value, t.date_start, t.date_end) == ("2021-WI", D(2020, 12, 1), D(2021, 2, 28))
    assert interval("It was the winter of 1994.") == (D(1993, 12, 1), D(1994, 2, 28))


def test_fall_of_a_city_is_not_a_season() -> None:
    assert find_timexes("They remembered the fall of Saigon.", PUB) == []


# --------------------------------------------------------------------------- quarters, halves


def test_quarters_resolve_to_the_reporting_year() -> None:
    found = find_timexes(
        "Net income in the third quarter rose; fourth-quarter sales will fall.", D(1989, 11, 2)
    )
    assert [t.value for t in found] == ["1989-Q3", "1989-Q4"]
    assert found[0].precision == "quarter"
    assert (found[0].date_start, found[0].date_end) == (D(1989, 7, 1), D(1989, 9, 30))


def test_past_quarter_not_yet_begun_is_last_years() -> None:
    assert only("Profit fell in the fourth quarter.", D(1990, 2, 1)).value == "1989-Q4"


def test_quarter_codes_and_halves() -> None:
    assert only("Revenue in Q3 2021 rose.").value == "2021-Q3"
    half = only("Sales rose in the first half of 1990.")
    assert (half.value, half.precision) == ("1990-H1", "quarter")
    assert (half.date_start, half.date_end) == (D(1990, 1, 1), D(1990, 6, 30))


def test_year_ago_quarter_shifts_the_quarter_being_reported() -> None:
    found = find_timexes(
        "Third-quarter profit rose. In the year-ago quarter, profit fell.", D(1989, 11, 2)
    )
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_a_year_earlier_in_a_results_comparison_is_that_quarter() -> None:
    found = find_timexes("Third-quarter net rose to $5 from $4 a year earlier.", D(1989, 11, 2))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_a_year_ago_outside_financial_news_is_a_year() -> None:
    t = only("The party won the election a year ago.", D(1998, 6, 1))
    assert (t.value, t.precision) == ("1997", "year")


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "value", "start", "end", "precision"),
    [
        ("today", "2021-09-01", D(2021, 9, 1), D(2021, 9, 1), "day"),
        ("yesterday", "2021-08-31", D(2021, 8, 31), D(2021, 8, 31), "day"),
        ("tomorrow", "2021-09-02", D(2021, 9, 2), D(2021, 9, 2), "day"),
        ("two days ago", "2021-08-30", D(2021, 8, 30), D(2021, 8, 30), "day"),
        ("next week", "2021-W36", D(2021, 9, 6), D(2021, 9, 12), "days"),
        ("last week", "2021-W34", D(2021, 8, 23), D(2021, 8, 29), "days"),
        ("this week", "2021-W35", D(2021, 8, 30), D(2021, 9, 5), "days"),
        ("last month", "2021-08", D(2021, 8, 1), D(2021, 8, 31), "month"),
        ("next month", "2021-10", D(2021, 10, 1), D(2021, 10, 31), "month"),
        ("this year", "2021", D(2021, 1, 1), D(2021, 12, 31), "year"),
        ("last year", "2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("next year", "2022", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("earlier this year", "2021", D(2021, 1, 1), D(2021, 9, 1), "year"),
        ("later this year", "2021", D(2021, 9, 1), D(2021, 12, 31), "year"),
        ("early next year", "2022", D(2022, 1, 1), D(2022, 3, 31), "quarter"),
        ("late next year", "2022", D(2022, 10, 1), D(2022, 12, 31), "quarter"),
        ("the past decade", "201", D(2010, 1, 1), D(2019, 12, 31), "year"),
    ],
)
def test_relative_dates(
    text: str, value: str, start: dt.date, end: dt.date, precision: str
) -> None:
    t = only(f"It happened {text}.")
    assert (t.value, t.date_start, t.date_end, t.precision) == (value, start, end, precision)


def test_weekend_just_past_when_published_on_monday() -> None:
    t = only("Officials said over the weekend that talks would go on.", D(1990, 8, 13))
    assert (t.value, t.date_start, t.date_end) == ("1990-W32-WE", D(1990, 8, 11), D(1990, 8, 12))


def test_the_day_before_counts_from_the_day_just_mentioned() -> None:
    found = find_timexes("He arrived on Aug. 30. The day before, he met Smith.", PUB)
    assert [t.value for t in found] == ["2021-08-30", "2021-08-29"]


def test_the_following_year_counts_from_the_year_just_mentioned() -> None:
    found = find_timexes("He was promoted on May 22, 1995, and the following year he left.", PUB)
    assert [t.value for t in found] == ["1995-05-22", "1996"]


def test_weeks_ago_beyond_two_weeks_is_a_week() -> None:
    assert only("They met six weeks ago.", D(2000, 1, 6)).value == "1999-W47"


# --------------------------------------------------------------------------- years, decades


def test_decades_and_centuries() -> None:
    found = find_timexes(
        "In the 1990s, the late 1970s, the '80s, the nineties and the 20th century.",
        D(1998, 1, 1),
    )
    assert [(t.value, t.mod) for t in found] == [
        ("199", None), ("197", "END"), ("198", None), ("199", None), ("19", None),
    ]  # fmt: skip
    assert (found[0].date_start, found[0].date_end) == (D(1990, 1, 1), D(1999, 12, 31))
    assert (found[1].date_start, found[1].date_end) == (D(1977, 1, 1), D(1979, 12, 31))


def test_counts_are_not_years() -> None:
    found = find_timexes("1,500 troops and 2000 troops arrived in 1998 for $1998.", PUB)
    assert [t.text for t in found] == ["1998"]


def test_spelled_out_years_of_broadcast_transcripts() -> None:
    assert only("In nineteen ninety-six he was elected.").value == "1996"
    assert only("By the year two thousand it will be done.").value == "2000"


def test_fiscal_year() -> None:
    assert only("In fiscal 1989, Elco earned $7.8 million.", D(1989, 11, 2)).value == "1989"


def test_year_parts() -> None:
    t = only("The resort opens in early 1991.", D(1989, 10, 26))
    assert (t.value, t.mod, t.date_start, t.date_end, t.precision) == (
        "1991",
        "START",
        D(1991, 1, 1),
        D(1991, 3, 31),
        "quarter",
    )


@pytest.mark.parametrize(
    ("text", "mod", "start", "end"),
    [
        # the dev gold: "talks ... to start early next year" (2005-11-26) -> Q1 2006
        ("Talks are expected to start early next year.", "START", D(2006, 1, 1),
         D(2006, 3, 31)),
        ("The plant opened in early 2006.", "START", D(2006, 1, 1), D(2006, 3, 31)),
        ("It will be ready by mid-2006.", "MID", D(2006, 4, 1), D(2006, 9, 30)),
        ("Elections are due in late 2006.", "END", D(2006, 10, 1), D(2006, 12, 31)),
        ("A deal is due by the end of next year.", "END", D(2006, 10, 1), D(2006, 12, 31)),
        ("Talks open at the beginning of 2006.", "START", D(2006, 1, 1), D(2006, 3, 31)),
    ],
)
def test_parts_of_a_year_are_quarters(text: str, mod: str, start: dt.date,
                                      end: dt.date) -> None:
    t = only(text, D(2005, 11, 26))
    assert (t.value, t.mod, t.date_start, t.date_end, t.precision) == (
        "2006", mod, start, end, "quarter")


# --------------------------------------------------------------------------- other shapes


def test_dateline_is_a_date() -> None:
    t = only("TOKYO, April 4 (AFP) -- Talks opened.", D(2021, 4, 4))
    assert (t.text, t.value) == ("April 4", "2021-04-04")


def test_may_the_modal_and_april_the_name_are_not_months() -> None:
    text = "He may visit. In May he did. April Glaspie spoke in April."
    found = find_timexes(text, PUB)
    assert [(t.text, t.start) for t in found] == [("May", 17), ("April", text.rindex("April"))]


def test_clock_time_with_weekday_is_a_time_on_that_day() -> None:
    t = only("The relatives had until 9 a.m. Tuesday to sign.", D(2000, 4, 3))
    assert (t.type, t.value, t.date_start) == ("TIME", "2000-04-04T09:00", D(2000, 4, 4))


def test_holidays() -> None:
    t = only("He was found Thanksgiving Day.", D(2000, 1, 7))
    assert (t.value, t.precision) == ("1999-11-25", "day")


def test_iso_and_numeric_dates() -> None:
    assert only("Filed 2021-09-09 in court.").value == "2021-09-09"
    assert only("Filed 11/04/2021 in court.").value == "2021-11-04"


# --------------------------------------------------------------------------- _REF, durations


def test_ref_words() -> None:
    found = find_timexes("now, recently, the future, a former minister", PUB)
    assert [(t.text, t.value) for t in found] == [
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ]
    assert all(t.date_start is None and t.precision == "unknown" for t in found)


def test_durations_are_not_dates_and_ages_are_not_durations() -> None:
    found = find_timexes("three years; a 44-year-old man; $2 million a year; 52 years old", PUB)
    assert [(t.text, t.type, t.value) for t in found] == [("three years", "DURATION", "P3Y")]


def test_past_two_years_is_a_duration_not_the_past() -> None:
    t = only("Prices rose over the past two years.")
    assert (t.text, t.type, t.value) == ("the past two years", "DURATION", "P2Y")


def test_set() -> None:
    t = only("They meet every week.")
    assert (t.type, t.value) == ("SET", "P1W")


# --------------------------------------------------------------------------- no anchor


def test_without_publication_date_absolute_dates_still_resolve() -> None:
    found = find_timexes(
        "Talks on September 9, 2021 and September 9, then 1998, Friday, last year.", None
    )
    got = [(t.text, t.value, t.date_start, t.precision) for t in found]
    assert got == [
        ("September 9, 2021", "2021-09-09", D(2021, 9, 9), "day"),
        ("September 9", "XXXX-09-09", None, "unknown"),
        ("1998", "1998", D(1998, 1, 1), "year"),
        ("Friday", "XXXX-WXX-5", None, "unknown"),
        ("last year", "XXXX", None, "unknown"),
    ]


def test_without_publication_date_relative_words_have_no_interval() -> None:
    for text in ("today", "late May", "next week", "two days ago", "this spring"):
        t = only(f"It was {text}.", None)
        assert (t.date_start, t.date_end, t.precision) == (None, None, "unknown"), text


# --------------------------------------------------------------------------- spans, records


def test_spans_limit_the_search_but_offsets_and_tense_use_the_full_text() -> None:
    text = "The minister will meet his Chinese counterpart on Friday. He met him on Friday."
    first = text.index("Friday")
    t = only(text, PUB, spans=[(first, first + 6)])
    assert (t.start, t.end, t.value) == (first, first + 6, "2021-09-03")
    second = text.rindex("Friday")
    t = only(text, PUB, spans=[(second - 3, len(text))])
    assert (t.start, t.value) == (second, "2021-08-27")


def test_span_cutting_a_word_does_not_make_a_head() -> None:
    text = "He flew to Augusta, Georgia."
    i = text.index("Augusta")
    assert find_timexes(text, PUB, spans=[(0, i + 6)]) == []  # "August|a"


def test_head_finder_folds_digits_but_keeps_quarter_codes_exact() -> None:
    # digits all fold to "0" in the head finder: Q5 and Q0 must still be no quarter,
    # and numbers anywhere in a region (the scan starts at its first digit) still count
    from helpers.temporal import _find_heads

    text = "Q5 and Q0 fell, Q3 rose; x1998 2Q3 and since 1998 at 10 a.m. in the '80s"
    got = [(text[s:e], cls) for s, e, cls in _find_heads(text, 0, len(text))]
    assert got == [("Q3", "Y"), ("1998", "Y"), ("10 a.m.", "C"), ("'80s", "E")]
    q = text.index("Q3")
    assert [text[s:e] for s, e, _ in _find_heads(text, q, q + 2)] == ["Q3"]
    assert _find_heads(text, q + 1, q + 2) == []  # "3" alone: no quarter, no year


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The plane, flight 1998, landed.", False),
        ("It passed resolution  1998 in May.", False),  # two blanks: the word ends earlier
        ("He quoted No.\n1998 twice.", False),
        ("He renumbered nothing in 1998.", True),
        ("It was flight1998 on the board.", True),  # no blank: no match
        ("Section\xa01998 of the code.", False),
    ],
)
def test_a_year_after_a_numbering_word_is_no_year(text: str, kept: bool) -> None:
    # _plausible_year searches for the numbering word only where it can end (right
    # before the blanks ahead of the year): the same answer as the whole 30-char window
    from helpers.temporal import _NUMBER_BEFORE, _plausible_year

    s = text.index("1998")
    assert _plausible_year(text, s, s + 4, 1998, False) is kept
    assert (_NUMBER_BEFORE.search(text, max(0, s - 30), s) is None) is kept


def test_sentence_breaks_skip_abbreviations_of_every_length() -> None:
    from helpers.temporal import _ABBREVS, _SENT_BREAK

    for a in _ABBREVS:
        assert _SENT_BREAK.search(f"He met {a}. Smith there") is None, a
        assert _SENT_BREAK.search(f"He met {a}x. Smith there") is not None, a
    assert [m.start() for m in _SENT_BREAK.finditer("Calif. and Tex. rose. Then Gen. X")] == [20]


def test_timex_built_by_slot_setters_equals_its_init() -> None:
    import dataclasses

    from helpers.temporal import _Cal, _timex

    c = _Cal("2021-05", D(2021, 5, 21), D(2021, 5, 31), "part_of_month", "M", "END")
    t = _timex(3, 11, "late May", "DATE", c)
    assert t == Timex(3, 11, "late May", "DATE", "2021-05", D(2021, 5, 21), D(2021, 5, 31),
                      "part_of_month", "END")
    assert all(hasattr(t, f.name) for f in dataclasses.fields(Timex))


def test_spans_out_of_range_are_clipped() -> None:
    assert find_timexes("Friday", PUB, spans=[(-5, 100), (3, 1), (50, 60)])[0].text == "Friday"


def test_timex_records() -> None:
    recs = timex_records("d1", "He met on Friday and will return in late May.", PUB)
    assert recs[0] == {
        "doc_id": "d1", "start": 10, "end": 16, "text": "Friday", "type": "DATE",
        "value": "2021-08-27", "date_start": "2021-08-27", "date_end": "2021-08-27",
        "precision": "day",
    }  # fmt: skip
    assert (recs[1]["date_start"], recs[1]["date_end"]) == ("2022-05-21", "2022-05-31")
    assert timex_records("d2", "now", PUB)[0]["date_start"] is None


# --------------------------------------------------------------------------- clause tense


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("The minister met his counterpart on Friday.", "Friday", "past"),
        ("The minister will meet his counterpart on Friday.", "Friday", "future"),
        ("On Friday, the minister will fly to Paris.", "Friday", "future"),
        ("On Friday, the minister flew to Paris.", "Friday", "past"),
        ("They agreed to meet on Friday.", "Friday", "future"),
        ("The talks are scheduled for Friday.", "Friday", "future"),
        ("The summit has been held on Friday.", "Friday", "past"),
        ("The envoy is to be received on Friday.", "Friday", "future"),
        ("Talks won't resume before Friday.", "Friday", "future"),
        ("He and Arafat meet separately Monday.", "Monday", "future"),
        ("The figures as of Monday are grim.", "Monday", "present"),
        ("Mr. Smith said Friday that he would resign.", "Friday", "past"),
        ("The plan announced Aug. 21 was dropped.", "Aug", "past"),
    ],
)
def test_clause_tense(text: str, word: str, tense: str) -> None:
    i = text.index(word)
    assert clause_tense(text, i, i + len(word)) == tense


def test_clause_tense_tolerates_any_offsets() -> None:
    assert clause_tense("", 0, 0) == "present"
    assert clause_tense("He met them.", -10, 999) in ("past", "future", "present")


# --------------------------------------------------------------------------- robustness

_VOCAB = [
    "the", "last", "next", "early", "late", "mid-", "end of", "Friday", "May", "March",
    "Sept.", "30", "1998", "'80s", "quarter", "third", "year", "years", "ago", "week",
    "weekend", "two", "a", "today", "now", "past", "the past", "fall", "winter", "Q3",
    "fiscal", "9 a.m.", "noon", "-", ",", ".", "\n", "will", "met", "to", "from", "and",
    "between", "Thanksgiving", "nineteen", "ninety-six", "earlier", "later", "that day",
    "\xa0", "İ", "ſ", "K", "٣", "2000", "29", "Feb.", "of", "1/2", "31", "0",
]  # fmt: skip


def _check(text: str, published: dt.date | None, spans=None) -> None:
    for t in find_timexes(text, published, spans):
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start : t.end]
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.precision in PRECISIONS
        assert (t.date_start is None) == (t.date_end is None)
        if t.date_start is not None:
            assert t.date_start <= t.date_end
            assert t.precision != "unknown"


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text(), published=st.none() | st.dates())
def test_random_unicode_never_raises(text: str, published: dt.date | None) -> None:
    _check(text, published)


@settings(max_examples=400, deadline=None, database=None)
@given(
    words=st.lists(st.sampled_from(_VOCAB), max_size=25),
    seps=st.lists(st.sampled_from([" ", "", "  ", "-", "\n", "\xa0"]), min_size=25, max_size=25),
    published=st.none() | st.dates(min_value=D(1, 3, 1), max_value=D(9998, 10, 1)),
)
def test_random_date_words_never_raise(words, seps, published) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    _check(text, published)


@settings(max_examples=200, deadline=None, database=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("Friday May 1998 last week ago,.-\n")), max_size=80),
    spans=st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=4),
)
def test_random_spans_never_raise(text: str, spans: list[tuple[int, int]]) -> None:
    _check(text, PUB, spans)
    for t in find_timexes(text, PUB, spans):
        assert any(max(a, 0) <= t.start and t.end <= b for a, b in spans)


def test_publication_date_at_the_edges_of_the_calendar() -> None:
    for pub in (D(1, 1, 1), D(9999, 12, 31)):
        _check("last week next year yesterday tomorrow in December on Friday 1998", pub)


# --------------------------------------------------------------------------- holidays as modifiers


@pytest.mark.parametrize(
    "text",
    [
        "The mayor admired the newly arranged winter Christmas trees.",
        "Shops sold out of Christmas presents.",
        "Crowds watched the New Year's fireworks.",
    ],
)
def test_a_holiday_that_modifies_a_noun_is_no_date(text: str) -> None:
    assert find_timexes(text, D(2005, 11, 28)) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The envoys met on Christmas.", D(2004, 12, 25)),
        ("He will visit troops over the Christmas holidays.", D(2005, 12, 25)),
        ("Christmas is a time of peace.", D(2005, 12, 25)),
        ("He was found on Thanksgiving following a wreck.", D(2005, 11, 24)),
        ("The Queen will attend Christmas Day services.", D(2005, 12, 25)),
    ],
)
def test_a_holiday_before_a_verb_function_word_or_noun_of_time_keeps_its_date(
    text: str, day: dt.date
) -> None:
    t = only(text, D(2005, 11, 28))
    assert (t.date_start, t.date_end) == (day, day)


def test_word_codes_are_the_same_from_the_memo() -> None:
    from helpers import temporal as tm

    words = ["May", "Will", "may", "met", "agreed", "won't", "Can", "speed", "Reported"]
    first = [tm._code(words, i) for i in range(len(words))]
    again = [tm._code(words, i) for i in range(len(words))]  # now from the memo
    assert first == again == ["F", None, "F", "P", "P", "F", None, None, None]
    assert tm._code(["May"], 0) == "F"  # a capitalised modal opening the window
