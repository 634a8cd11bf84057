"""Temporal expressions in news text, found and resolved against the publication date.

This module owns parley's dates: it finds every temporal expression (TimeML TIMEX3:
DATE, TIME, DURATION, SET) in a text and resolves each DATE to the smallest calendar
interval the text allows, following ``../shared/spec/engagements.md`` ("September 9"
is one day, "late May" is May 21-31, "in July" is the month, "Nov 4-5" two days).

Why hand-written: every tagger measured on this corpus (dateparser, ctparse,
datefinder, parsedatetime, Recognizers-Text, HeidelTime) resolves past/future with
one global preference, not by the tense of the clause, so "met on Friday" and "will
meet on Friday" cannot both come out right; none represents "late May" as an
interval; and dateparser's ``search_dates`` finds wrong spans ("May and in") at 84
documents/s. What is here is a regex finder compiled once per process (each head class's
patterns on first use, so importing skips ~0.1 s of compiling; head-driven, see
"scanner" below: it runs at a few thousand documents/s on one core) plus a resolver
that reads the tense of the clause around each expression.

Conventions (TimeML values, with a few documented choices where TimeML has none):

* ``value``: "2021-09-09", "2021-05" (+ ``mod`` START/MID/END for early/mid/late),
  "2021-Q3", "2021-H1", "2021-SU", "2021-W36", "2021-W36-WE", "2021", decades
  "199", centuries "19", "PRESENT_REF"/"PAST_REF"/"FUTURE_REF", durations "P3D",
  sets "P1W". A day range ("Nov 4-5") has no TimeML value: it gets the ISO 8601
  interval "2021-11-04/2021-11-05". Unresolvable parts are X-ed ("XXXX-05-21").
* ``precision`` is the project's vocabulary, so some granularities map onto the
  nearest word: ISO weeks, weekends, "early this week" and day ranges are ``days``;
  halves of a year are ``quarter`` (the interval says six months); "early/mid/late
  1990" and "the beginning/end of next year" are ``quarter`` too (early = Q1, mid =
  Q2-Q3, late/end = Q4, the annotators' reading of "early next year"); decades and
  centuries are ``year`` (the interval says how many).
* Parts of a month: early = 1-10, mid = 11-20, late / end of = 21-last. Parts of a
  week: early = Mon-Wed, mid = Tue-Thu, late / end of = Thu-Sun. Seasons are
  northern; ``YYYY-WI`` is the winter that contains January of YYYY (Dec YYYY-1 to
  Feb YYYY).
* "earlier this year" is Jan 1 to the publication date, "later this month" the
  publication date to the end of the month: the smallest interval the text allows.
* Year of a month or month-day without a year: the publication year, moved to the
  neighbouring year only when the clause's tense demands it (past: not after the
  publication date; future: not before it; present: the nearer one). Tolerances (60
  days for the past, 30 for the future) keep a deadline reported in the past tense
  ("extended the offer to Nov. 20", published Nov. 2) or a misread tense from
  throwing a date a year away. Quarters and halves: past only moves back a quarter
  not yet begun; future moves on a quarter ended more than three months ago.
* Weekdays: past or present clause = the latest such day on or before the
  publication date (the same weekday is the publication day, as in TimeBank); future
  clause or a deadline ("until Tuesday") = the first on or after it; a possessive
  ("Wednesday's ruling") looks back; "last Friday" / "next Tuesday" exclude the
  publication day; "the previous Friday" counts from the day being talked about.
* The tense of a clause (``clause_tense``) is read from the nearest verb group: a
  small lexicon of auxiliaries, modals, planning words ("scheduled", "agreed to") and
  irregular past forms, plus the "-ed" ending; no tagger, so it costs microseconds.
* Anaphoric expressions ("a year earlier", "the year-ago quarter", "that day",
  "the next day") shift the last calendar expression mentioned before them; "a year
  ago" does the same when the text is comparing quarters (financial news), else it is
  counted back from the publication date.
* ``now``, ``currently``, ``current`` are PRESENT_REF; ``recently``, ``recent``,
  ``the past`` PAST_REF; ``the future`` FUTURE_REF; ``former`` and a bare adjective
  ``future`` ("future earnings") are not expressions (TimeBank leaves them untagged
  more often than not). _REF values, durations and sets have no interval.
* A part of a day keeps its day: "Friday afternoon" is the DATE of that Friday; a clock
  time with a day ("9 a.m. Tuesday") is TIME "2021-09-07T09:00" with that day's
  interval; a bare clock time is TIME anchored to the day last mentioned.

Everything is pure: no I/O, no clock, compiled patterns only. ``find_timexes`` never
raises on any string; a candidate whose numbers make no calendar sense is dropped.

Measured on TempEval-3 TBAQ (256 documents, DATE expressions, the shared referee):
value F1 0.857 (HeidelTime 0.81), relaxed extent F1 0.948.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import partial
from typing import NamedTuple


def _words(s: str) -> frozenset[str]:
    """The words of a whitespace-separated list (the lexicons below)."""
    return frozenset(s.split())


__all__ = ["Timex", "clause_tense", "find_timexes", "timex_records", "PRECISIONS"]

PRECISIONS = ("day", "days", "part_of_month", "month", "quarter", "season", "year", "unknown")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: its span in the text and its resolution."""

    start: int  # char offset into the text given, inclusive
    end: int  # exclusive
    text: str
    type: str  # TimeML type: DATE, TIME, DURATION, SET
    value: str  # TimeML value
    date_start: dt.date | None  # inclusive interval the expression allows
    date_end: dt.date | None
    precision: str  # one of PRECISIONS
    mod: str | None = None  # TimeML mod: START/MID/END/APPROX...


# --------------------------------------------------------------------------- lexicon

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEEN_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TEN_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # WI handled apart
_PART_MOD = {
    "early": "START", "beginning": "START", "start": "START", "mid": "MID",
    "middle": "MID", "late": "END", "end": "END", "close": "END",
}  # fmt: skip
_UNIT_CODE = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "centurie": ("CE", False), "weekend": ("WE", False),
}  # fmt: skip

# --------------------------------------------------------------------------- patterns
# Everything is matched with re.ASCII: case-insensitive parts fold ASCII only, so no
# exotic Unicode letter (the Kelvin sign, a long s) can match a word whose lookup then
# fails. Spaces still include the no-break space that news feeds carry.

_S = r"[\s\xa0]+"  # at least one space
_S0 = r"[\s\xa0]*"
_SH = r"(?:[\s\xa0]+|[\s\xa0]*-[\s\xa0]*)"  # space or hyphen ("mid-May", "mid May")

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER"
    r"|NOVEMBER|DECEMBER)"
)
_MONTH_ABBR = r"(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?)"  # noqa: E501
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
_DAYNUM = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?"
_ORD_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|twenty-(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth)|thirtieth|thirty-first)"
)
_DAY = rf"(?:{_DAYNUM}|(?i:{_ORD_WORD}))"
_YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})(?![0-9])"
_UNITW = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENW = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENW = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (
    rf"(?i:(?:nineteen|eighteen|seventeen){_SH}(?:{_TENW}(?:{_SH}{_UNITW})?|{_TEENW}"
    rf"|hundred(?:{_S}and{_S}{_UNITW})?|(?:oh|o){_SH}{_UNITW})"
    rf"|two{_S}thousand(?:{_S}and{_S}(?:{_UNITW}|{_TEENW})|{_SH}(?:{_UNITW}|{_TEENW}))?)"
)
_NUM = (
    rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})*(?:\.[0-9]+)?(?:{_S}1/2)?"
    rf"|(?i:{_TENW}(?:{_SH}{_UNITW})?|{_TEENW}|{_UNITW}|a{_S}couple{_S}of|a{_S}few"
    rf"|a{_S}dozen|several|a|an|one{_S}and{_S}a{_S}half|a{_S}half|half{_S}a))"
)
_UNIT = r"(?i:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_REL = (
    rf"(?i:this{_S}past|this{_S}coming|this|last|next|the{_S}past|the{_S}last|the{_S}next"
    rf"|the{_S}coming|the{_S}current|the{_S}previous|the{_S}following|the{_S}same|that)"
)
_PART = (
    rf"(?i:early|earlier|late|later|mid|the{_S}(?:very{_S})?(?:end|beginning|start|middle"
    rf"|close|rest|remainder|first{_S}half|second{_S}half)(?:{_S}part)?{_S}of)"
)
_APPROX = (
    rf"(?i:about|almost|nearly|some|just|only|more{_S}than|less{_S}than|over|around"
    rf"|roughly|exactly|barely|at{_S}least|up{_S}to|approximately)"
)
_TOD = r"(?i:morning|afternoon|evening|night|overnight)"
_CLOCK = (
    rf"(?:[0-9]{{1,2}}(?::[0-9]{{2}})?{_S0}(?:a\.m\.?|p\.m\.?|(?i:am|pm)(?![A-Za-z]))"
    rf"(?:{_S}(?:[A-Z]{{3}}|\([A-Z]{{3,4}}\))(?![A-Za-z]))?|(?i:noon|midnight))"
)
_QORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|final)"

# Each alternative: (name, pattern). Order matters: at a given position the first
# alternative that matches wins, so longer / more specific shapes come first.
_ALTERNATIVES: list[tuple[str, str]] = [
    # "Friday, Oct. 23", "Monday, October 26, 1998", "this coming Sunday, March eighth"
    ("wd_md", rf"(?:(?i:this{_S}coming|this{_S}past|this|last|next){_S})?(?P<wd>{_WEEKDAY})"
              rf",?{_S}(?:the{_S})?(?P<mon>{_MONTH}){_S0}(?P<day>{_DAY})"
              rf"(?:,?{_S}(?P<year>{_YEAR4}))?"),
    # "9 a.m. Tuesday", "noon Thursday", "5 p.m. EST Nov. 9"
    ("clock_day", rf"(?P<clock>{_CLOCK}),?{_S}(?:(?i:on){_S})?"
                  rf"(?:(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH}){_S0}(?P<day>{_DAYNUM})"
                  rf"|(?P<rel>(?i:today|tomorrow|yesterday)))"),
    # "Nov. 4-5", "from Nov. 4 to 6", "between November 4 and November 6, 2021"
    ("md_range", rf"(?:(?i:from|between){_S})?(?P<mon>{_MONTH}){_S0}(?P<day>{_DAYNUM})"
                 rf"{_S0}(?:-|\u2013|(?i:to|through|until|till|and)(?![a-z])){_S0}"
                 rf"(?:(?P<mon2>{_MONTH}){_S0})?(?P<day2>{_DAYNUM})"
                 rf"(?:,?{_S}(?P<year>{_YEAR4}))?"),
    # "4-5 November", "4 to 6 Nov. 2021"
    ("dm_range", rf"(?P<day>{_DAYNUM}){_S0}(?:-|\u2013|(?i:to|and)(?![a-z])){_S0}"
                 rf"(?P<day2>{_DAYNUM}){_S}(?:(?i:of){_S})?(?P<mon>{_MONTH})"
                 rf"(?:,?{_S}(?P<year>{_YEAR4}))?"),
    ("iso", r"(?P<year>(?:1[0-9]|20)[0-9]{2})-(?P<mon>0[1-9]|1[0-2])-(?P<day>[0-3][0-9])"
            r"(?![0-9])"),
    ("mdy_num", r"(?P<mon>1[0-2]|0?[1-9])/(?P<day>3[01]|[12][0-9]|0?[1-9])/"
                r"(?P<year>(?:1[0-9]|20)[0-9]{2})(?![0-9/])"),
    # "Sept. 30", "Aug. 7, 1998", "March eighth", "TOKYO, April 4 (AFP)"
    ("mdy", rf"(?P<mon>{_MONTH}){_S0}(?P<day>{_DAY})(?![0-9]|,[0-9])"
            rf"(?:,?{_S}(?P<year>{_YEAR4})|{_S}(?P<yrel>(?i:this|last|next)){_S}(?i:year))?"),
    # "4 April 2021", "the 4th of July"
    ("dmy", rf"(?:(?i:the){_S})?(?P<day>{_DAYNUM}){_S}(?:(?i:of){_S})?(?P<mon>{_MONTH_FULL}"
            rf"|{_MONTH_ABBR})(?:,?{_S}(?P<year>{_YEAR4}))?"),
    # "late May", "mid-September", "the end of next month", "early December 1999"
    ("part_month", rf"(?P<part>{_PART}){_SH}(?:(?P<rel>(?i:this|last|next)){_S})?"
                   rf"(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR})"
                   rf"(?:,?{_S}(?:(?i:of){_S})?(?P<year>{_YEAR4})"
                   rf"|{_S}(?P<yrel>(?i:this|last|next)){_S}(?i:year))?"),
    # "July 1997", "January nineteen ninety-seven", "June last year"
    ("month_year", rf"(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR}),?{_S}(?:(?i:of){_S})?"
                   rf"(?:(?P<year>{_YEAR4})|(?P<syear>{_SPELLED_YEAR})"
                   rf"|(?P<yrel>(?i:this|last|next)){_S}(?i:year))"),
    # "last October", "this coming April"
    ("rel_month", rf"(?P<rel>(?i:this{_S}past|this{_S}coming|this|last|next)){_S}"
                  rf"(?P<mon>{_MONTH_FULL})(?!{_S0}[0-9])"),
    # quarters: "the third quarter of 1990", "the 1988 second quarter", "fourth-quarter",
    # "this year's third quarter", "the fiscal first quarter", "Q3 2021"
    ("quarter", rf"(?:(?i:the|its|this|that){_S}|(?P<yrel>(?i:this|last|next)){_S}"
                rf"(?i:year's){_S})?(?:(?P<year0>{_YEAR4}){_S})?(?:(?i:fiscal|calendar)"
                rf"{_SH})?(?:(?P<year1>{_YEAR4}){_S})?(?P<ord>{_QORD}|(?i:last)"
                rf"(?={_SH}quarter{_S}of)){_SH}(?:(?i:fiscal){_SH})?(?i:quarter)"
                rf"(?![\w-])(?:{_S}(?i:of){_S}(?:(?i:fiscal){_S})?(?:(?P<year>{_YEAR4})"
                rf"|(?P<yrel2>(?i:this|last|next|the)){_S}(?i:year)))?"),
    ("q_code", r"(?P<q>Q[1-4])(?:[\s\xa0]*(?P<year>(?:19|20)[0-9]{2}))?(?![0-9])"),
    # "the first half of 1990", "the last half of the '80s", "first two quarters of 1990"
    ("half", rf"(?:(?i:the){_S})?(?P<ord>(?i:first|second|last|latter)){_SH}"
             rf"(?:(?i:half)|(?i:two{_S}quarters))(?![\w-])"
             rf"(?:{_S}(?i:of){_S}(?:(?i:fiscal){_S})?(?:(?P<year>{_YEAR4})"
             rf"|(?P<yrel>(?i:this|last|next|the)){_S}(?i:year)"
             rf"|(?i:the){_S}(?P<decade>'[0-9]0s|(?:1[0-9]|20)[0-9]0'?s)))?"),
    # the financial reporting periods: "the year-ago quarter", "the 1988 period",
    # "the latest quarter", "the corresponding period last year", "year-earlier"
    ("period", rf"(?:(?i:the|its|this|that){_S})?(?:(?i:comparable|corresponding|same"
               rf"|year-ago|year-earlier|prior-year|year{_S}ago|latest|most{_S}recent"
               rf"|current|recent|fiscal|previous|prior)(?:{_S}|-))*"
               rf"(?:(?P<year>{_YEAR4}){_S})?(?:(?i:fiscal){_S})?(?:(?P<ord>{_QORD}){_SH})?"
               rf"(?P<kind>quarter|period|fiscal{_S}year)(?![\w-])"
               rf"(?P<ly>{_S}(?i:a{_S}year{_S}(?:ago|earlier)|last{_S}year))?"),
    ("yearago_adj", r"(?i:year-(?:ago|earlier))(?![\w-])"),
    ("fiscal", rf"(?i:fiscal(?:{_S}year)?|FY){_S0}(?P<year>{_YEAR4}|'[0-9]{{2}})(?:'s)?"),
    # "early 1990", "mid-1996", "the end of 1990", "the summer of 1994"
    ("part_year", rf"(?:(?P<part>{_PART}){_SH}|(?:(?i:the){_S})?(?P<season>(?i:spring"
                  rf"|summer|autumn|fall|winter)){_S}(?i:of){_S})"
                  rf"(?:(?P<year>{_YEAR4})|(?P<syear>{_SPELLED_YEAR}))(?![0-9'])"),
    # "the 1990s", "the late 1970s", "the '80s", "the nineties", "early 1990s"
    ("decade", rf"(?:(?i:the){_S})?(?:(?P<part>(?i:early|mid|late)){_SH})?"
               rf"(?P<dec>(?:1[0-9]|20)[0-9]0'?s|'[0-9]0'?s"
               rf"|(?i:(?:nineteen{_SH})?(?:twenties|thirties|forties|fifties|sixties"
               rf"|seventies|eighties|nineties)))(?![\w'])"),
    ("century", rf"(?:(?i:the){_S})?(?:(?P<part>(?i:early|mid|late)){_SH})?"
                rf"(?:(?P<num>[0-9]{{1,2}})(?i:st|nd|rd|th)|(?P<ord>(?i:{_ORD_WORD})))"
                rf"{_SH}(?i:century)(?![\w-])"),
    ("spelled_year", rf"(?:(?i:the{_S}year){_S})?(?P<syear>{_SPELLED_YEAR})(?![\w-])"),
    # "1998", "the year 2000", "1998's"
    ("year", rf"(?:(?i:the{_S}year){_S})?(?P<year>{_YEAR4})(?:'s)?(?![\w%]|[.,][0-9])"),
    ("holiday", rf"(?:(?P<rel>(?i:this{_S}past|this{_S}coming|this|last|next)){_S})?"
                rf"(?P<name>Thanksgiving(?:{_S}Day)?|Christmas(?:{_S}(?:Day|Eve))?"
                rf"|New{_S}Year's(?:{_S}(?:Day|Eve))?|Election{_S}Day|Easter(?:{_S}Sunday)?"
                rf"|Good{_S}Friday|Memorial{_S}Day|Labor{_S}Day|Independence{_S}Day"
                rf"|Veterans{_S}Day|Valentine's{_S}Day|Halloween|Boxing{_S}Day)"
                rf"(?P<week>{_S}week)?"
                rf"(?:,?{_S}(?P<year>{_YEAR4}))?"),
    # "today", "late yesterday", "tomorrow morning", "the day before yesterday"
    ("today", rf"(?:(?P<part>(?i:early|earlier|late|later)){_S})?"
              rf"(?P<w>(?i:the{_S}day{_S}before{_S}yesterday|the{_S}day{_S}after{_S}tomorrow"
              rf"|today|tonight|yesterday|tomorrow))(?:'s)?"
              rf"(?:{_S}(?P<tod>(?i:morning|afternoon|evening|night)))?"),
    ("this_tod", rf"(?P<w>(?i:this|last|tomorrow|yesterday)){_S}"
                 rf"(?P<tod>(?i:morning|afternoon|evening|night))(?![\w-])"),
    # "Friday", "last Friday", "early Tuesday", "Thursday night", "Friday's"
    ("weekday", rf"(?:(?P<rel>(?i:this{_S}past|this{_S}coming|this|last|next"
                rf"|the{_S}previous|the{_S}following|early|earlier|late|later)){_S})?"
                rf"(?P<wd>{_WEEKDAY})(?!s\b)(?:'s)?(?:{_S}(?P<tod>{_TOD}))?"),
    # "last fall", "this summer", "the summer", "early this spring"
    ("season", rf"(?:(?P<part>(?i:early|late|mid|the{_S}end{_S}of|the{_S}beginning{_S}of"
               rf"|the{_S}middle{_S}of)){_SH})?(?P<rel>(?i:this{_S}past|this{_S}coming|this"
               rf"|last|next|the{_S}past|the{_S}coming|the{_S}early|the{_S}late|the|that"
               rf")){_S}(?P<season>(?i:spring|summer|autumn|fall(?!{_S}of{_S}(?![0-9]))"
               rf"|winter))(?![\w-])"),
    # "next week", "earlier this year", "the past year", "early next month", "year-end"
    ("rel_unit", rf"(?:(?P<part>{_PART}){_S})?(?P<rel>{_REL}){_S}"
                 rf"(?P<unit>(?i:week(?:end)?|month|year|decade|century|quarter))(?![\w-])"
                 rf"(?:'s)?"),
    ("end_of", rf"(?P<part>{_PART}){_S}the{_S}(?P<unit>(?i:week|month|year|decade))"
               rf"(?![\w-])"),
    ("year_end", rf"(?i:year-end|year{_S}end|year's{_S}end)(?![\w-])"),
    ("the_year", rf"(?i:the{_S}(?:full{_S}|whole{_S}|entire{_S})?year)(?![\w-])"
                 rf"(?!{_S}(?:ago|earlier|later|before|after))"),
    ("weekend", rf"(?i:the{_S}weekend)(?![\w-])"),
    # "two weeks ago", "a year earlier", "nearly four years ago", "a week or so ago"
    ("ago", rf"(?:(?P<approx>{_APPROX}){_S})?(?P<num>{_NUM}){_SH}(?P<unit>{_UNIT})s?"
            rf"(?:{_S}(?i:or{_S}so))?{_S}(?P<dir>(?i:ago|earlier|later|from{_S}now|hence"
            rf"|before|after))(?![\w-])(?!{_S}(?i:the|a|an|his|her|its|their|he|she|it"
            rf"|they|we|i|that|this|being|than)(?![\w-]))"),
    ("vague_ago", rf"(?:(?i:a{_S}few|several|some|many|a{_S}couple{_S}of){_S})?"
                  rf"(?i:days|weeks|months|years|decades){_S}(?i:ago)(?![\w-])"),
    # "that day", "the next day", "the day before", "later that year"
    ("anaphor", rf"(?:(?P<part>(?i:earlier|later|early|late)){_S})?(?P<w>(?i:"
                rf"that{_S}same{_S}day|that{_S}day|the{_S}same{_S}day|the{_S}next{_S}day"
                rf"|the{_S}following{_S}day|the{_S}previous{_S}day|the{_S}day{_S}before"
                rf"|the{_S}day{_S}after|the{_S}next{_S}morning|the{_S}following{_S}morning"
                rf"|that{_S}year|the{_S}same{_S}year|the{_S}following{_S}year"
                rf"|the{_S}previous{_S}year|the{_S}year{_S}before(?={_S0}[.,;:!?])|that{_S}month"
                rf"|that{_S}week|the{_S}following{_S}week|the{_S}previous{_S}week"
                rf"|the{_S}following{_S}month|the{_S}previous{_S}month))(?![\w-])"),
    # durations: "three years", "the past two months", "16-hour", "the next few days"
    ("duration", rf"(?:(?i:the|a|an|another){_S})?(?:(?i:past|last|next|first|coming"
                 rf"|previous|following|latest|final|remaining|year-earlier|year-ago"
                 rf"|preceding|ensuing){_S})?(?:(?P<approx>{_APPROX}){_S})?"
                 rf"(?P<num>{_NUM})(?:{_SH}(?i:and{_S}a{_S}half|1/2))?{_SH}"
                 rf"(?:(?i:more|trading|business|working|calendar|straight|consecutive){_S})?"
                 rf"(?P<unit>{_UNIT})s?(?![\w]|-(?i:old|ago|earlier|end)(?![\w])"
                 rf"|{_S}(?i:old|of{_S}age)(?![\w]))"),
    ("vague_dur", rf"(?i:the|these|those){_S}(?i:past|last|next|first|final){_S}"
                  rf"(?:(?i:few|several|many|couple{_S}of){_S})?(?P<unit>(?i:days|weeks"
                  rf"|months|years|decades))(?![\w-])"),
    ("set", rf"(?i:every|each)(?:{_S}(?i:other))?{_S}(?P<unit>(?i:day|week|month|year"
            rf"|quarter|morning|evening|night|weekend|summer|winter|spring|autumn|fall"
            rf"|monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![\w-])"),
    ("clock", rf"(?P<clock>{_CLOCK})"),
    # the _REF words
    ("ref", rf"(?P<w>(?i:right{_S}now|now|currently|current|at{_S}present|presently"
            rf"|these{_S}days|nowadays|at{_S}the{_S}moment|more{_S}recently|recently"
            rf"|recent{_S}(?:days|weeks|months|years|decades)|recent|the{_S}past"
            rf"|the{_S}(?:near{_S}|distant{_S}|foreseeable{_S})?future"
            rf"|a{_S}later{_S}date|the{_S}near{_S}term|the{_S}short{_S}term"
            rf"|(?:the{_S})?coming{_S}(?:days|weeks|months|years)"
            rf"|(?:the{_S})?(?:days|weeks|months|years){_S}ahead"
            rf"|(?:coming|future){_S}quarters|past{_S}years))(?![\w-])"),
    # a bare month: "in December", "since March", "April"; "May" and "March" only after
    # a preposition (they are also a modal and a verb)
    ("month", rf"(?P<mon>{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
              rf"(?!{_S0}[0-9])"),
]  # fmt: skip

# --------------------------------------------------------------------------- scanner
# Trying ~40 alternatives at every word of a text is slow (sre has no multi-pattern
# automaton). So the scan is head-driven: it first finds the words every expression
# must contain (a month, a weekday, a year, "week", "today", "now"...); from
# each head the scanner walks left over modifier words ("the end of next", "more than
# two") for candidate starts and tries, anchored there, only the alternatives that can
# contain that kind of head. Group names are prefixed with their alternative so one
# match yields every field without matching again.

_GROUP_RE = re.compile(r"\(\?P<(\w+)>")
_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (tuple(_GROUP_RE.findall(p)), tuple(f"{name}__{g}" for g in _GROUP_RE.findall(p)))
    for name, p in _ALTERNATIVES
}
_PATTERNS = {name: _GROUP_RE.sub(rf"(?P<{name}__\1>", p) for name, p in _ALTERNATIVES}


def _compile_alternation(names: Sequence[str]) -> re.Pattern[str]:
    # Guards: no letter/digit before or after, and no digit glued to a number on the
    # left ("1,998", "$1998", "#1998", "1.1998").
    order = [n for n, _ in _ALTERNATIVES if n in names]
    return re.compile(
        r"(?<![\w$#@/])(?<![0-9][.,-])(?:"
        + "|".join(f"(?P<{n}>{_PATTERNS[n]})" for n in order)
        + r")(?![\w])",
        re.ASCII,
    )


# Which alternatives can hold each class of head word (the leftmost head of an
# expression triggers it, so "Friday, Oct. 23" is found from "Friday").
_HEAD_CLASSES = {
    "M": "md_range dm_range mdy dmy part_month month_year rel_month month",
    "W": "wd_md holiday weekday set",
    "C": "clock_day clock",
    "Y": "iso mdy_num quarter q_code period fiscal part_year decade year",
    # unit words, split by word so that each tries only what can hold it
    "Ud": "holiday today ago vague_ago anaphor duration vague_dur set ref",
    "Uw": "rel_unit end_of ago vague_ago anaphor duration vague_dur set ref",
    "Uwe": "rel_unit weekend duration set",
    "Um": "rel_unit end_of ago vague_ago anaphor duration vague_dur set ref",
    "Uy": """quarter period yearago_adj fiscal spelled_year year holiday rel_unit end_of
          year_end the_year ago vague_ago anaphor duration vague_dur set ref""",
    "Ude": "rel_unit end_of ago vague_ago duration vague_dur",
    "Uc": "century rel_unit ago duration",
    "Uh": "ago duration",
    "Uq": "quarter half period rel_unit ago duration set ref",
    "Uhalf": "half",
    "Up": "period",
    "S": "part_year season set",
    "T": "today",
    "D": "this_tod anaphor set",
    "H": "holiday",
    "N": "part_year spelled_year",
    "E": "decade",
    # "now", "recent", "the past": on their own only (a head right after them, as in
    # "the past two years" or "this past Friday", triggers the expression instead)
    "R": "ref",
}


class _LazyAlternations(dict):
    """Each head class's alternation, compiled the first time a head of that class is seen.

    Compiling all of them costs ~0.1 s, a third of the module's import: commands that
    never look for dates (or an empty input) should not pay it, and a text only ever
    needs the classes of the heads it holds.
    """

    def __missing__(self, cls: str) -> re.Pattern[str]:
        pattern = self[cls] = _compile_alternation(_HEAD_CLASSES[cls].split())
        return pattern


_ALT_OF_CLASS = _LazyAlternations()

_HEAD_WORDS: dict[str, str] = {}
for _cls, _wordlist in {
    "M": """january february march april may june july august september october november
         december jan feb mar apr jun jul aug sep sept oct nov dec""",
    "W": "monday tuesday wednesday thursday friday saturday sunday",
    "C": "noon midnight",
    "Ud": "day days",
    "Uw": "week weeks",
    "Uwe": "weekend weekends",
    "Um": "month months",
    "Uy": "year years",
    "Ude": "decade decades",
    "Uc": "century centuries",
    "Uh": "hour hours minute minutes second seconds fortnight",
    "Uq": "quarter quarters",
    "Uhalf": "half",
    "Up": "period periods",
    "S": "spring summer autumn fall winter",
    "T": "today tonight yesterday tomorrow",
    "D": "morning afternoon evening night overnight",
    "H": "thanksgiving christmas easter halloween",
    "N": "nineteen eighteen seventeen thousand",
    "E": "twenties thirties forties fifties sixties seventies eighties nineties",
    "R": """now currently current presently nowadays recently recent past future present
         moment term date ahead""",
    "Y": "fy",
}.items():
    for _w in _wordlist.split():
        _HEAD_WORDS[_w] = _cls
_CASED = set("MWH")  # proper names: only Capitalized or UPPER


# Which head words a text holds is learnt from one translate (ASCII lower case,
# punctuation to spaces: lengths are kept, so offsets hold) and one split; their
# positions then come from bytes.find, and numbers from a pattern that starts with a
# digit class. (One regex over all head words costs half as much again: sre tries it
# after every space; so does a trie-shaped one, measured.) Every ASCII digit folds to
# "0": one find then says both whether a region holds a number and where the first
# one is (deleting digits to count them cost three times as much), at the price of
# reading the quarter codes' digit from the text ("q0" stands for Q1-Q4).
def _fold_byte(c: int) -> int:
    if 65 <= c <= 90:
        return c + 32  # ASCII upper to lower case
    if 48 <= c <= 57:
        return 48  # every digit to "0"
    if chr(c) in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c\xa0":
        return 32  # punctuation and spaces to one space
    if c >= 128:
        return 120  # other letters to "x", so that they still glue a word together
    return c


_FOLD = bytes(_fold_byte(c) for c in range(256))
_CODES = frozenset({"q1", "q2", "q3", "q4", "fy"})  # upper case only: Q3, FY
_CODES_B = frozenset(w.encode().translate(_FOLD) for w in _CODES)  # q0 fy


class _HeadWord(NamedTuple):
    cls: str
    padded: bytes  # the folded word between two spaces: bytes.find meets whole words only
    length: int
    cased: bool  # must start with a capital in the text
    quarter: bool  # "q0": the text's digit must be 1-4


_HEAD_INFO: dict[bytes, _HeadWord] = {
    w: _HeadWord(_HEAD_WORDS.get(w.decode(), "Y"), b" " + w + b" ", len(w),
                 _HEAD_WORDS.get(w.decode(), "Y") in _CASED or w in _CODES_B, w == b"q0")
    for w in (*(h.encode() for h in _HEAD_WORDS), *_CODES_B)
}
_HEAD_SET = frozenset(_HEAD_INFO)
_DIGIT_HEAD = re.compile(
    r"[0-9](?<![A-Za-z0-9$#@/][0-9])(?<![0-9][.,-][0-9])"
    r"(?:(?<=1)[0-9]{3}(?:'?s)?|(?<=2)0[0-9]{2}(?:'?s)?"  # 1998, 2001, 1990s
    r"|[0-9]?(?::[0-9]{2})?[\s\xa0]*(?:[ap]\.m\.?|[AaPp][Mm])"  # 10:35 a.m.
    r"|[0-9]?/[0-9]{1,2}/[0-9]{4}"  # 11/04/2021
    r"|(?<='[0-9])0'?s)"  # '80s
    r"(?![A-Za-z0-9])",
    re.ASCII,
)


def _find_heads(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, class) of every head word in text[a:b], in text order."""
    # latin-1 with "?" for anything else: one byte per character, so offsets hold
    low = text[a:b].encode("latin-1", "replace").translate(_FOLD)
    heads: list[tuple[int, int, str]] = []
    found = _HEAD_SET.intersection(low.split())
    if found:
        # Padded with a space at each end, the region's i-th byte sits at pad[i + 1], so
        # an occurrence of " word " at pad[i] is the whole word at low[i:i + len]; only a
        # word at either edge of the region asks the text whether it goes on outside.
        pad = b" " + low + b" "
        n = len(low)
        for w in found:
            cls, pw, lw, cased, quarter = _HEAD_INFO[w]
            i = pad.find(pw)
            while i >= 0:
                j = i + lw
                if (
                    (i or a == 0 or not text[a - 1].isalnum())
                    and (j < n or b >= len(text) or not text[b].isalnum())
                    and (not cased or text[a + i].isupper())
                    and (not quarter or text[a + i + 1] in "1234")
                ):
                    heads.append((a + i, a + j, cls))
                i = pad.find(pw, j)
    # A number head starts at a digit (the pattern's first item), so scanning from the
    # region's first digit finds them all; two regions in three hold none.
    first = low.find(b"0")
    for m in _DIGIT_HEAD.finditer(text, a + first, b) if first >= 0 else ():
        h = m.group()
        s = m.start()
        if ":" in h or "m" in h or "M" in h:
            cls = "C"
        elif h.endswith("s") and len(h) <= 4:
            cls, s = "E", s - 1  # '80s starts at its apostrophe
        else:
            cls = "Y"
        heads.append((s, m.end(), cls))
    heads.sort()
    return heads


# Words that may precede a head inside an expression ("the end of next month").
_MODIFIERS = _words(
    """the a an this that these those last next past coming current previous following
    same early earlier late later mid end beginning start middle close rest remainder very
    part of first second third fourth final 1st 2nd 3rd 4th more less than about almost
    nearly some just only over around roughly exactly barely at least up to approximately
    fiscal calendar its year's comparable corresponding year-ago year-earlier prior-year
    prior recent latest most from between every each other few several many couple dozen
    future
    right near short new election memorial labor independence veterans valentine's boxing
    good trading business working straight consecutive another preceding ensuing
    remaining whole full entire one two three four five six seven eight nine ten eleven
    twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred half and or"""
)
# Modifiers that can sit inside an expression but never open one ("more than two
# years", "the end of May"): the walk crosses them without trying a match there.
_NON_STARTS = _words("of than least to part rest remainder very and or")


def _leads_into(text: str, hs: int, he: int, nxt: int) -> bool:
    """Whether the word at [hs, he) only modifies the head at ``nxt`` ("past" in "the
    past two years"): it and every word between are modifiers."""
    if nxt - he > 20 or text[hs:he].lower() not in _MODIFIERS:
        return False
    gap = text[he:nxt].replace("-", " ").split()
    return all(w.lower() in _MODIFIERS and w.lower() not in ("and", "or") for w in gap)


_GAP = frozenset(" \t\xa0-")
_MAX_MODIFIERS = 6


def _candidate_starts(text: str, hs: int, floor: int) -> list[int]:
    """Start offsets to try for the head at ``hs``: leftmost first, the head last."""
    starts = [hs]
    pos = hs
    for _ in range(_MAX_MODIFIERS):
        if pos <= floor or text[pos - 1] not in _GAP:
            break
        i = pos - 1  # the gap before the head (one space or hyphen; two at most)
        if i > floor and text[i - 1] in _GAP:
            i -= 1
        lo = i - 24 if i - 24 > floor else floor  # no modifier is longer
        j = text.rfind(" ", lo, i) + 1
        if j < lo:
            j = lo
        tok = text[j:i]
        if "-" in tok or "\n" in tok:
            tok = tok[max(tok.rfind("-"), tok.rfind("\n")) + 1 :]
        if tok and tok[0] in "(\"'`[":
            tok = tok.lstrip("(\"'`[")
        j = i - len(tok)
        if not tok:
            break
        low = tok.lower()
        if not (low in _MODIFIERS or low[0].isdigit()):
            break
        if low not in _NON_STARTS:
            starts.append(j)
        pos = j
    starts.reverse()
    return starts


# --------------------------------------------------------------------------- tense

# One lexicon, one lookup per word: the tense scan runs for every weekday and every
# yearless month, so it has to be cheap. Codes:
#   F  future marker (modal, "expects"); "plan"/"hope" after a determiner are nouns
#   PP participle of planning ("scheduled", "expected", "due"): future
#   SP present verb that announces a schedule in news ("they meet Monday")
#   P  past form (irregular; regular -ed forms are recognised by their ending)
#   PR present form; B be-form; H have-form (perfect auxiliary); X adverb to skip
#   D  determiner; E "effective", "upcoming": future
_LEX: dict[str, str] = {}
for _code, _wordlist in (
    (
        "F",
        """will shall wo would gonna schedule expect expects plan plans planning intends
          intend propose proposes might may should must can ca hopes hope hoping aims aim
          aiming""",
    ),
    ("PP", "scheduled expected planned proposed slated intended due"),
    (
        "SP",
        """meet meets begin begins starts resume resumes opens travels leave leaves arrive
           arrives convene convenes fly flies goes closes ends hosts""",
    ),
    (
        "P",
        """did met said told spoke held took made came went gave began saw left flew won
          lost sent brought fought found fell rose got kept knew thought became ran wrote
          stood sat felt heard led fled bled fed sped struck spent sought sold bought caught
          taught paid laid built broke chose drove drew ate grew hung overtook undertook
          withdrew forgave forbade forgot mistook shook swore tore wore woke rode rang sang
          sank shot shut slid split spread sprang stole stuck stung swept swung threw
          understood upheld withheld wound""",
    ),
    ("PR", "says say does do"),
    ("B", "is are am was were be been being"),
    ("H", "has have had"),
    ("X", "not never also already just still only then now reportedly"),
    ("D", "a an the this that these those its his her their our my your"),
    ("E", "effective upcoming forthcoming"),
    ("S", "since ago"),
    ("T", "to"),
    ("G", "going"),
    ("SET", "set"),
):
    for _w in _wordlist.split():
        _LEX[_w] = _code
_MODALS = _words("will shall wo would might may should must can ca could")
_CONTRACTIONS = {"'ll": "will", "'re": "are", "'ve": "have", "'d": "would", "'m": "am", "'s": ""}
# A verb or noun right before "to" that makes the infinitive a plan: "agreed to meet",
# "is to visit", "an agreement to acquire".
_TO_GOVERNORS = _words(
    """agreed agree agrees decided decide decides promised promise promises pledged
    pledge vowed vow offered offer invited invite asked ask arranged arrange prepared
    prepare wants want wanted is are am was were set due expected scheduled planned
    plans plan going about hopes hope hoped intends intended aims aimed ready likely
    unlikely able agreement deal bid decision proposal invitation"""
)
_NOT_SUBJECT = _words(
    """the a an his her its their our my your this that these those of for to on at in
    by with from after before during until since about into over and or"""
)
_ED_NOT_VERBS = _words(
    """need speed seed feed bleed breed deed greed heed creed reed weed shed bed red wed
    hundred kindred sacred naked wicked rugged beloved aged embed proceed succeed exceed
    indeed steed tweed shred sled"""
)
# A sentence break: end punctuation and a space, or a newline. A period is no break after
# an initial ("J. Smith", "U.S."), a lower-case abbreviation ("a.m.") or a title or
# month abbreviation ("Gen.", "Sept."): fixed-width lookbehinds keep it all in sre.
_ABBREVS = _words(
    """Mr Mrs Ms Dr St Jr Sr Gen Sen Rep Gov Lt Col Capt Maj Sgt No Jan Feb Mar Apr
    Jun Jul Aug Sep Sept Oct Nov Dec Inc Corp Co Ltd vs Ft Mt Rev Prof Calif Fla Ga
    Ill Mass Mich Minn Mo Pa Tenn Tex Va Wash Wis Conn Ky La Md"""
)
# One lookbehind per length, not one per abbreviation: (?<!A)(?<!B) is (?<!A|B) when A
# and B are as wide, and sre then tests a period against one alternation of literals
# per width instead of walking some sixty assertions (a fifth off finding clause bounds).
_ABBREV_LOOKBEHIND = "".join(
    rf"(?<!(?:{'|'.join(sorted(a for a in _ABBREVS if len(a) == n))})\.)"
    for n in sorted({len(a) for a in _ABBREVS})
)
_SENT_BREAK = re.compile(
    r"[.!?;\n](?:(?<=\n)|(?<![^A-Za-z][A-Z]\.)(?<!\.[A-Za-z]\.)"
    + _ABBREV_LOOKBEHIND
    + r"[.!?;]*[\"')\]]*[\s\xa0]+)",
    re.ASCII,
)
_WORD_RE = re.compile(r"[A-Za-z]+(?:n't|'[a-z]+)?", re.ASCII)
_LEFT_WINDOW, _RIGHT_WINDOW = 250, 160


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Approximate sentence around [start, end)."""
    lo = max(0, start - _LEFT_WINDOW)
    left = lo
    for m in _SENT_BREAK.finditer(text, lo, start):
        left = m.end()
    right = min(len(text), end + _RIGHT_WINDOW)
    m = _SENT_BREAK.search(text, end, right)
    if m is not None:
        right = m.start()
    return left, right


def _sentence_breaks(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentence breaks of a whole text."""
    spans = [m.span() for m in _SENT_BREAK.finditer(text)]
    return [a for a, _ in spans], [b for _, b in spans]


# Characters a sentence break can hold after its first one: a scan of _SENT_BREAK that
# starts right after any other character meets the same breaks as a scan of the whole
# text (no break can straddle that point), which is what makes _window_bounds exact.
_BREAK_CHARS = frozenset(".!?;\n\"')] \t\r\x0b\x0c\xa0")
# Tense lookups per document answered by scanning around the span only; past this many,
# finding every break of the text once is cheaper (most documents need one or two).
_WINDOWED_TENSES = 2


def _window_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The (left, right) clause bounds :meth:`_Doc.tense` gets from the whole text's
    sentence breaks, found by scanning only from just before the left window."""
    q = max(0, start - _LEFT_WINDOW)
    while q > 0 and text[q - 1] in _BREAK_CHARS:
        q -= 1
    left, right = 0, len(text)
    for m in _SENT_BREAK.finditer(text, q):
        if m.start() >= end:
            right = m.start()
            break
        if m.end() <= start:
            left = m.end()
    return max(left, start - _LEFT_WINDOW, 0), min(right, end + _RIGHT_WINDOW)


def _norm(w: str) -> str:
    """Lower case, contractions expanded: "won't" -> "wo", "he'll" -> "will"."""
    lw = w.lower()
    if "'" in lw:
        if lw.endswith("n't"):
            return lw[:-3]
        q = lw.index("'")
        return _CONTRACTIONS.get(lw[q:], lw[:q]) or lw[:q]
    return lw


# A word's code depends on the word alone, except that a capitalised modal ("May",
# "Will") counts only as the window's first word: each distinct word is coded once per
# process, as the pair (code as first word, code elsewhere). A pure per-word memo,
# cleared if it ever grows past _MAX_MEMO words.
_WORD_CODES: dict[str, tuple[str | None, str | None]] = {}
_MAX_MEMO = 1 << 16


def _code_pair(w: str) -> tuple[str | None, str | None]:
    lw = _norm(w)
    code = _LEX.get(lw)
    if code is None:
        if len(lw) > 3 and lw.endswith("ed") and w[0].islower() and lw not in _ED_NOT_VERBS:
            code = "P"
        pair = (code, code)
    elif code == "F" and w[0].isupper():
        pair = (code, None)  # the month May, a first name Will, the noun Can
    else:
        pair = (code, code)
    if len(_WORD_CODES) >= _MAX_MEMO:
        _WORD_CODES.clear()
    _WORD_CODES[w] = pair
    return pair


def _code(words: list[str], i: int) -> str | None:
    w = words[i]
    pair = _WORD_CODES.get(w) or _code_pair(w)
    return pair[i > 0]


def _prev_word(words: list[str], i: int) -> str:
    """The nearest word before i that is not a skippable adverb, normalised."""
    j = i - 1
    while j >= 0:
        lw = _norm(words[j])
        if _LEX.get(lw) != "X":
            return lw
        j -= 1
    return ""


def _tense_at(words: list[str], i: int, code: str) -> str | None:
    """Tense signalled by words[i] given its lexicon code (auxiliaries read leftwards)."""
    if code == "S":
        return "past"
    if code == "E" or code == "PP":
        if code == "PP" and _norm(words[i]) == "due" and _LEX.get(_prev_word(words, i)) != "B":
            return None  # "due to its loss": a cause, not a schedule
        return "future"  # what is scheduled or expected lies after the planning
    nxt = _norm(words[i + 1]) if i + 1 < len(words) else ""
    if code == "SET":
        # "is set to", "set for Monday", "are set from Nov. 4": a schedule
        if nxt in ("to", "for") or _LEX.get(_prev_word(words, i)) == "B":
            return "future"
        return "past"
    if code == "G":
        return "future" if nxt == "to" else None
    if code == "F":
        return None if _LEX.get(_prev_word(words, i)) == "D" else "future"
    if code == "SP":
        if i > 0 and _norm(words[i - 1]) not in _NOT_SUBJECT:
            return "future"
        return None
    if code == "P":
        aux = _prev_word(words, i)
        ac = _LEX.get(aux)
        if ac == "D":
            return None  # an adjective: "a still unspecified date"
        if aux in ("be", "been", "being"):
            j = i - 1
            while j >= 0 and _norm(words[j]) not in ("be", "been", "being"):
                j -= 1
            aux2 = _prev_word(words, j)
            c2 = _LEX.get(aux2)
            if (aux2 in _MODALS and aux2 != "could") or aux2 == "to":
                return "future"  # "will be held", "to be signed"
            if c2 == "H":
                return "past"
            return "present" if c2 == "B" else "past"
        if aux in _MODALS and aux != "could":
            return "future"  # "will meet" ("could" is as often past: "could not be reached")
        if aux in ("is", "are", "am"):
            return "present"
        return "past"
    if code == "B":
        lw = _norm(words[i])
        if lw == "be":
            prev = _prev_word(words, i)
            if (prev in _MODALS and prev != "could") or prev == "to":
                return "future"  # "would be traveling", "is to be held"
        if lw == "been":
            return "past"
        return "past" if lw in ("was", "were") else "present"
    if code == "H":
        return "past" if _norm(words[i]) == "had" else "present"
    if code == "PR":
        return "present"
    return None


def _scan_back(words: list[str]) -> str | None:
    to_at = -2
    memo = _WORD_CODES
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        code = (memo.get(w) or _code_pair(w))[i > 0]  # _code(words, i), inlined
        if code == "T":
            to_at = i
            continue
        if i == to_at - 1 and _norm(words[i]) in _TO_GOVERNORS:
            return "future"
        if code is None or code in ("X", "D"):
            continue
        t = _tense_at(words, i, code)
        if t is not None:
            return t
    return None


def _scan_forward(words: list[str]) -> str | None:
    for i in range(len(words)):
        code = _code(words, i)
        if code is None or code in ("X", "D", "T"):
            continue
        if code in ("B", "H"):
            # "is scheduled to", "was expected", "has met": what follows decides
            for k in range(i + 1, min(i + 4, len(words))):
                c2 = _code(words, k)
                if c2 is not None and c2 not in ("X", "D", "T", "B", "H"):
                    t = _tense_at(words, k, c2)
                    if t is not None:
                        return t
            return _tense_at(words, i, code)
        t = _tense_at(words, i, code)
        if t is not None:
            return t
    return None


_UNTIL_BEFORE = re.compile(r"(?:until|till)[\s\xa0]+$", re.ASCII)


def clause_tense(text: str, start: int, end: int) -> str:
    """Tense of the clause around ``text[start:end]``: "past", "future" or "present".

    The nearest verb group to the left of the span inside its sentence decides ("met on
    Friday", "will meet his counterpart on Friday", "said Friday"); if there is none,
    the nearest to the right ("On Friday, the minister will..."). An infinitive governed
    by a verb of planning counts as future ("agreed to meet on Friday"), and so does a
    deadline ("postponed until Tuesday"). "present" when nothing in the sentence marks
    tense.
    """
    if not isinstance(text, str):
        return "present"
    start = max(0, min(int(start), len(text)))
    end = max(start, min(int(end), len(text)))
    left, right = _sentence_bounds(text, start, end)
    return _clause_tense(text, start, end, left, right)


def _clause_tense(text: str, start: int, end: int, left: int, right: int) -> str:
    if _UNTIL_BEFORE.search(text, max(left, start - 8), start):
        # a sentence that opens with "Until Thursday, they had..." looks back instead,
        # hence lower case only
        return "future"
    t = _scan_back(_WORD_RE.findall(text, left, start))
    if t is None:
        t = _scan_forward(_WORD_RE.findall(text, end, right))
    return t or "present"


# --------------------------------------------------------------------------- calendar


def _span(c: _Cal) -> tuple[dt.date, dt.date]:
    assert c.start is not None and c.end is not None
    return c.start, c.end


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(y: int, m: int) -> int:
    if m == 2 and calendar.isleap(y):
        return 29
    return _MONTH_DAYS[m]


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, _last_day(y, m))


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _shift_year(d: dt.date, k: int) -> dt.date:
    y = d.year + k
    return dt.date(y, d.month, min(d.day, _last_day(y, d.month)))


def _week_monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _week_value(monday: dt.date) -> str:
    y, w, _ = monday.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _season_span(y: int, code: str) -> tuple[dt.date, dt.date]:
    if code == "WI":  # the winter that contains January of y
        return dt.date(y - 1, 12, 1), dt.date(y, 2, _last_day(y, 2))
    a, b = _SEASON_MONTHS[code]
    return dt.date(y, a, 1), dt.date(y, b, _last_day(y, b))


def _season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m == 12:
        return d.year + 1, "WI"
    if m <= 2:
        return d.year, "WI"
    return d.year, ("SP" if m <= 5 else "SU" if m <= 8 else "FA")


def _easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    d = dt.date(y, m, 1)
    d += dt.timedelta(days=(wd - d.weekday()) % 7)
    if n < 0:  # last such weekday of the month
        while (d + dt.timedelta(days=7)).month == m:
            d += dt.timedelta(days=7)
        return d
    return d + dt.timedelta(days=7 * (n - 1))


def _holiday(name: str, y: int) -> dt.date:
    n = " ".join(name.lower().split())
    if n.startswith("thanksgiving"):
        return _nth_weekday(y, 11, 3, 4)
    if n == "christmas eve":
        return dt.date(y, 12, 24)
    if n.startswith("christmas"):
        return dt.date(y, 12, 25)
    if n == "new year's eve":
        return dt.date(y, 12, 31)
    if n.startswith("new year"):
        return dt.date(y, 1, 1)
    if n == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1)
    if n.startswith("easter"):
        return _easter(y)
    if n == "good friday":
        return _easter(y) - dt.timedelta(days=2)
    if n == "memorial day":
        return _nth_weekday(y, 5, 0, -1)
    if n == "labor day":
        return _nth_weekday(y, 9, 0, 1)
    if n == "independence day":
        return dt.date(y, 7, 4)
    if n == "veterans day":
        return dt.date(y, 11, 11)
    if n == "valentine's day":
        return dt.date(y, 2, 14)
    if n == "halloween":
        return dt.date(y, 10, 31)
    return dt.date(y, 12, 26)  # boxing day


# --------------------------------------------------------------------------- values


class _Cal(NamedTuple):
    """A resolved calendar value: TimeML value, interval, precision and granularity."""

    value: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    gran: str  # D W WE M Q H S Y E(decade) C(century) R(ref) X(unresolved)
    mod: str | None = None


def _c_day(d: dt.date) -> _Cal:
    return _Cal(d.isoformat(), d, d, "day", "D")


def _c_month(y: int, m: int) -> _Cal:
    a, b = _month_span(y, m)
    return _Cal(f"{y:04d}-{m:02d}", a, b, "month", "M")


def _c_part_month(y: int, m: int, mod: str) -> _Cal:
    last = _last_day(y, m)
    a, b = {"START": (1, 10), "MID": (11, 20), "END": (21, last)}[mod]
    return _Cal(f"{y:04d}-{m:02d}", dt.date(y, m, a), dt.date(y, m, b), "part_of_month", "M", mod)


# Parts of a year, as the annotators read them: "early next year" is the first quarter
# (the dev gold: 2006-01-01..2006-03-31, precision quarter), "late 2006" the last, and
# "mid-2006" the two middle ones. The TimeML value stays the year with its mod, as in
# TimeBank ("early 1990" -> 1990), so only the interval and the precision say which part.
_YEAR_PARTS = {"START": (1, 3), "MID": (4, 9), "END": (10, 12)}


def _c_year(y: int, mod: str | None = None) -> _Cal:
    if mod is None:
        return _Cal(f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "Y")
    a, b = _YEAR_PARTS[mod]
    return _Cal(f"{y:04d}", dt.date(y, a, 1), dt.date(y, b, _last_day(y, b)), "quarter", "Y", mod)


def _c_quarter(y: int, q: int) -> _Cal:
    a = 3 * q - 2
    return _Cal(
        f"{y:04d}-Q{q}", dt.date(y, a, 1), dt.date(y, a + 2, _last_day(y, a + 2)), "quarter", "Q"
    )


def _c_half(y: int, h: int) -> _Cal:
    a = 6 * h - 5
    return _Cal(
        f"{y:04d}-H{h}", dt.date(y, a, 1), dt.date(y, a + 5, _last_day(y, a + 5)), "quarter", "H"
    )


def _c_season(y: int, code: str, mod: str | None = None) -> _Cal:
    a, b = _season_span(y, code)
    return _Cal(f"{y:04d}-{code}", a, b, "season", "S", mod)


def _c_week(monday: dt.date, mod: str | None = None) -> _Cal:
    a, b = monday, monday + dt.timedelta(days=6)
    if mod is not None:
        lo, hi = {"START": (0, 2), "MID": (1, 3), "END": (3, 6)}[mod]
        a, b = monday + dt.timedelta(days=lo), monday + dt.timedelta(days=hi)
    return _Cal(_week_value(monday), a, b, "days", "W", mod)


def _c_weekend(monday: dt.date) -> _Cal:
    sat = monday + dt.timedelta(days=5)
    return _Cal(_week_value(monday) + "-WE", sat, sat + dt.timedelta(days=1), "days", "WE")


def _c_decade(d: int, mod: str | None = None) -> _Cal:
    a, b = d * 10, d * 10 + 9
    if mod is not None:
        a, b = {"START": (a, a + 3), "MID": (a + 3, a + 6), "END": (a + 7, b)}[mod]
    return _Cal(f"{d:03d}", dt.date(max(a, 1), 1, 1), dt.date(b, 12, 31), "year", "E", mod)


def _c_century(c: int, mod: str | None = None) -> _Cal:
    a, b = c * 100, c * 100 + 99
    if mod is not None:
        a, b = {"START": (a, a + 32), "MID": (a + 33, a + 66), "END": (a + 67, b)}[mod]
    return _Cal(f"{c:02d}", dt.date(max(a, 1), 1, 1), dt.date(b, 12, 31), "year", "C", mod)


def _c_ref(v: str) -> _Cal:
    return _Cal(v, None, None, "unknown", "R")


def _c_unres(v: str, mod: str | None = None) -> _Cal:
    return _Cal(v, None, None, "unknown", "X", mod)


def _c_range(a: dt.date, b: dt.date) -> _Cal:
    if b < a:
        a, b = b, a
    return _Cal(f"{a.isoformat()}/{b.isoformat()}", a, b, "days", "D")


def _c_trim(c: _Cal, lo: dt.date | None, hi: dt.date | None) -> _Cal:
    """The same value with its interval cut at the publication date ("earlier this year")."""
    a, b = c.start, c.end
    if a is None or b is None:
        return c
    if lo is not None and a < lo <= b:
        a = lo
    if hi is not None and a <= hi < b:
        b = hi
    return _Cal(c.value, a, b, c.precision, c.gran, c.mod)


def _shift(c: _Cal, unit: str, k: int) -> _Cal | None:
    """Shift a resolved value by k units of ``unit`` (D W M Y), keeping its granularity."""
    if c.start is None:
        return None
    g = c.gran
    if unit == "Y":
        y = c.start.year + k if g != "S" or c.value[5:] != "WI" else int(c.value[:4]) + k
        if g == "D":
            return _c_day(_shift_year(c.start, k))
        if g == "M":
            return _c_month(y, c.start.month)
        if g == "Q":
            return _c_quarter(y, int(c.value[-1]))
        if g == "H":
            return _c_half(y, int(c.value[-1]))
        if g == "S":
            return _c_season(y, c.value[5:])
        if g in ("W", "WE"):
            monday = _week_monday(_shift_year(c.start, k))
            return _c_weekend(monday) if g == "WE" else _c_week(monday)
        return _c_year(y)
    if unit == "M":
        y, m = _add_months(c.start.year, c.start.month, k)
        if g == "D":
            return _c_day(dt.date(y, m, min(c.start.day, _last_day(y, m))))
        return _c_month(y, m)
    days = k * (7 if unit == "W" else 1)
    if g == "D":
        return _c_day(c.start + dt.timedelta(days=days))
    if g in ("W", "WE") and unit == "W":
        monday = _week_monday(c.start) + dt.timedelta(days=days)
        return _c_weekend(monday) if g == "WE" else _c_week(monday)
    return None


_TOL_PAST, _TOL_FUTURE = 60, 30


def _pick_year(
    pub: dt.date,
    span_of_year: Callable[[int], tuple[dt.date, dt.date]],
    tense: Callable[[], str],
    tol_past: int = _TOL_PAST,
    tol_future: int = _TOL_FUTURE,
) -> int:
    """Year for a yearless month/day: publication year unless the tense demands a move.

    Past: the previous year when the date starts more than ``tol_past`` days after the
    publication; future: the next year when it ended more than ``tol_future`` days
    before; present: the nearer year. The tolerances absorb the usual misreadings
    ("extended the offer to Nov. 20" is past in form, future in fact) and documents
    with a slightly wrong date. ``tense`` is only called when the readings disagree
    (most dates lie near the publication, where they all agree).
    """
    y = pub.year
    a, b = span_of_year(y)
    y_past = y - 1 if a > pub + dt.timedelta(days=tol_past) else y
    y_future = y + 1 if b < pub - dt.timedelta(days=tol_future) else y
    best, best_d = y, -1
    for cand in (y, y - 1, y + 1):
        a, b = span_of_year(cand)
        d = 0 if a <= pub <= b else min(abs((a - pub).days), abs((b - pub).days))
        if best_d < 0 or d < best_d:
            best, best_d = cand, d
    if y_past == y_future == best:
        return best
    t = tense()
    return y_past if t == "past" else y_future if t == "future" else best


def _weekday_date(pub: dt.date, wd: int, direction: str, strict: bool = False) -> dt.date:
    if direction == "past":
        back = (pub.weekday() - wd) % 7
        if strict and back == 0:
            back = 7
        return pub - dt.timedelta(days=back)
    fwd = (wd - pub.weekday()) % 7
    if strict and fwd == 0:
        fwd = 7
    return pub + dt.timedelta(days=fwd)


def _last_complete_quarter(pub: dt.date) -> tuple[int, int]:
    q = (pub.month - 1) // 3 + 1
    return (pub.year, q - 1) if q > 1 else (pub.year - 1, 4)


# --------------------------------------------------------------------------- numbers


def _num(s: str) -> int | None:
    """Integer of a number phrase ("two", "twenty-four", "1,000", "a"); None if vague."""
    t = " ".join(s.lower().replace("-", " ").split())
    if t in ("a", "an", "one"):
        return 1
    if t in ("a couple of",):
        return 2
    if t in ("a dozen",):
        return 12
    t = t.replace(",", "")
    if t.isdigit():
        return int(t)
    parts = t.split()
    total = 0
    for p in parts:
        if p in _TEN_WORDS:
            total += _TEN_WORDS[p]
        elif p in _TEEN_WORDS:
            total += _TEEN_WORDS[p]
        elif p in _UNIT_WORDS:
            total += _UNIT_WORDS[p]
        else:
            return None
    return total if parts else None


def _spelled_year(s: str) -> int | None:
    t = " ".join(s.lower().replace("-", " ").split())
    if t.startswith("the year "):
        t = t[len("the year ") :]
    parts = t.split()
    if not parts:
        return None
    if parts[0] == "two" and len(parts) > 1 and parts[1] == "thousand":
        rest = [p for p in parts[2:] if p != "and"]
        n = _num(" ".join(rest)) if rest else 0
        return 2000 + n if n is not None else None
    head = _TEEN_WORDS.get(parts[0])
    if head is None:
        return None
    rest = parts[1:]
    if rest and rest[0] == "hundred":
        tail = [p for p in rest[1:] if p != "and"]
        n = _num(" ".join(tail)) if tail else 0
        return head * 100 + n if n is not None else None
    if rest and rest[0] in ("oh", "o"):
        rest = rest[1:]
    n = _num(" ".join(rest))
    return head * 100 + n if n is not None and n < 100 else None


def _year_of(s: str, pub: dt.date | None) -> int | None:
    s = s.strip()
    if s.startswith("'"):  # "'98": the century nearest the publication year
        yy = int(s[1:3])
        base = (pub.year if pub else 2000) // 100 * 100
        cands = [base - 100 + yy, base + yy, base + 100 + yy]
        ref = pub.year if pub else 2000
        return min(cands, key=lambda c: (abs(c - ref), c))
    return int(s)


def _month_num(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


def _day_num(s: str) -> int:
    t = s.lower()
    for suf in ("st", "nd", "rd", "th"):
        if t.endswith(suf) and t[:-2].isdigit():
            t = t[:-2]
    if t.isdigit():
        return int(t)
    if t.startswith("twenty-"):
        return 20 + _ORDINALS[t[7:]]
    if t.startswith("thirty-"):
        return 30 + _ORDINALS[t[7:]]
    return _ORDINALS[t]


_CLOCK_NUM = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?", re.ASCII)


def _clock_value(s: str) -> str | None:
    t = s.lower()
    if "noon" in t:
        return "T12:00"
    if "midnight" in t:
        return "T24:00"
    m = _CLOCK_NUM.match(t)
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2) or 0)
    if h > 12 or mi > 59:
        return None
    pm = t[m.end() :].lstrip().startswith("p")
    if pm and h < 12:
        h += 12
    elif not pm and h == 12:
        h = 0
    return f"T{h:02d}:{mi:02d}"


# --------------------------------------------------------------------------- resolver


class _Doc:
    """Per-call state: the text, the anchor and the calendar values mentioned so far."""

    __slots__ = ("text", "pub", "refs", "_tense", "derived", "_breaks")

    def __init__(self, text: str, pub: dt.date | None) -> None:
        self.text = text
        self.pub = pub
        # (start offset, value) of the expressions that can anchor a later anaphor, in
        # text order; values computed from an earlier one ("a year earlier") are not
        # anchors, or "the latest quarter" after "a year ago" would drift a year back.
        self.refs: list[tuple[int, _Cal]] = []
        self._tense: dict[tuple[int, int], str] = {}
        # set while resolving an expression that leaned on an earlier one (see refs)
        self.derived = False
        self._breaks: tuple[list[int], list[int]] | None = None  # sentence breaks, lazily

    def tense(self, start: int, end: int) -> str:
        """``clause_tense`` of a span, with the document's sentence breaks found once."""
        key = (start, end)
        t = self._tense.get(key)
        if t is None:
            if self._breaks is None and len(self._tense) < _WINDOWED_TENSES:
                left, right = _window_bounds(self.text, start, end)
            else:
                if self._breaks is None:
                    self._breaks = _sentence_breaks(self.text)
                starts, ends = self._breaks
                k = bisect.bisect_right(ends, start)
                left = max(ends[k - 1] if k else 0, start - _LEFT_WINDOW, 0)
                k = bisect.bisect_left(starts, end)
                right = min(starts[k] if k < len(starts) else len(self.text),
                            end + _RIGHT_WINDOW)
            t = self._tense[key] = _clause_tense(self.text, start, end, left, right)
        return t

    def last_ref(self, grans: str, within: int | None = None, before: int = 0) -> _Cal | None:
        """The latest anchor of one of the granularities ``grans`` at most ``within``
        characters before offset ``before``; using one marks the value as derived."""
        for pos, c in reversed(self.refs):
            if within is not None and before - pos > within:
                return None
            if c.gran in grans:
                self.derived = True
                return c
        return None


_PartSpec = tuple[str | None, str | None]  # (mod, early/later-relative side)


def _part_of(word: str | None) -> _PartSpec:
    """("START"|"MID"|"END"|None, "before"|"after"|None) for "early"/"later"/"the end of"."""
    if not word:
        return None, None
    w = " ".join(word.lower().split())
    if w == "earlier":
        return None, "before"
    if w == "later":
        return None, "after"
    if w.startswith("the "):
        w = w[4:].replace("very ", "")
        if w.startswith("rest") or w.startswith("remainder"):
            return None, "after"
        if w.startswith("first half"):
            return "START", None
        if w.startswith("second half"):
            return "END", None
        w = w.split()[0]
    return _PART_MOD.get(w.rstrip("-")), None


def _apply_part(c: _Cal, spec: _PartSpec, pub: dt.date | None) -> _Cal:
    mod, side = spec
    if side == "before":
        return _c_trim(c, None, pub)
    if side == "after":
        return _c_trim(c, pub, None)
    if mod is None or c.start is None:
        return c
    if c.gran == "M":
        return _c_part_month(c.start.year, c.start.month, mod)
    if c.gran == "Y":
        return _c_year(c.start.year, mod)
    if c.gran == "W":
        return _c_week(c.start, mod)
    if c.gran == "E":
        return _c_decade(int(c.value), mod)
    if c.gran == "C":
        return _c_century(int(c.value), mod)
    return _Cal(c.value, c.start, c.end, c.precision, c.gran, mod)


# One resolver per alternative (several share one): it gets the alternative's name, its
# fields by short name, the matched text, the document state and the span, and returns
# (TimeML type, resolved value), or None to drop a match that is no date after all.
_Res = tuple[str, _Cal] | None


def _r_mdy(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon = _month_num(g["mon"]) if not g["mon"].isdigit() else int(g["mon"])
    day = _day_num(g["day"])
    if g.get("year"):
        return "DATE", _c_day(dt.date(_year_of(g["year"], pub), mon, day))
    if g.get("yrel") and pub is not None:
        y = pub.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
        return "DATE", _c_day(dt.date(y, mon, day))
    dt.date(2000, mon, day)  # validates the day (2000 is a leap year)
    if pub is None:
        return "DATE", _c_unres(f"XXXX-{mon:02d}-{day:02d}")
    if name == "wd_md":  # the weekday says which year
        wd = _WEEKDAYS[g["wd"].rstrip(".").lower()]
        for y in (pub.year, pub.year + 1, pub.year - 1):
            try:
                if dt.date(y, mon, day).weekday() == wd:
                    return "DATE", _c_day(dt.date(y, mon, day))
            except ValueError:
                continue

    def span(y: int) -> tuple[dt.date, dt.date]:
        d = dt.date(y, mon, min(day, _last_day(y, mon)))
        return d, d

    y = _pick_year(pub, span, partial(doc.tense, s, e))
    if mon == 2 and day == 29 and not calendar.isleap(y):
        return None
    return "DATE", _c_day(dt.date(y, mon, day))


def _r_md_range(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon = _month_num(g["mon"])
    mon2 = _month_num(g["mon2"]) if g.get("mon2") else mon
    d1, d2 = _day_num(g["day"]), _day_num(g["day2"])
    if mon2 == mon and d2 <= d1:
        return None
    if g.get("year"):
        y = int(g["year"])
    elif pub is None:
        return "DATE", _c_unres(f"XXXX-{mon:02d}-{d1:02d}")
    else:
        y = _pick_year(pub, lambda yy: (dt.date(yy, mon, d1),) * 2, partial(doc.tense, s, e))
    y2 = y + 1 if mon2 < mon else y
    return "DATE", _c_range(dt.date(y, mon, d1), dt.date(y2, mon2, d2))


def _r_clock_day(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    cv = _clock_value(g["clock"])
    if g.get("wd"):
        sub = _weekday_cal(doc, _WEEKDAYS[g["wd"].rstrip(".").lower()], None, s, e)
    elif g.get("rel"):
        sub = _today_cal(pub, g["rel"].lower())
    else:
        mon, day = _month_num(g["mon"]), _day_num(g["day"])
        if pub is None:
            sub = _c_unres(f"XXXX-{mon:02d}-{day:02d}")
        else:
            y = _pick_year(pub, lambda yy: (dt.date(yy, mon, day),) * 2, partial(doc.tense, s, e))
            sub = _c_day(dt.date(y, mon, day))
    if cv is None:
        return "DATE", sub
    return "TIME", _Cal(sub.value + cv, sub.start, sub.end, sub.precision, "D")


def _r_part_month(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon = _month_num(g["mon"])
    spec = _part_of(g["part"])
    if g.get("year"):
        c = _c_month(int(g["year"]), mon)
    elif g.get("yrel") and pub is not None:
        c = _c_month(pub.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()], mon)
    elif g.get("rel"):
        if pub is None:
            return "DATE", _c_unres(f"XXXX-{mon:02d}", spec[0])
        c = _rel_month_name(pub, mon, g["rel"])
    elif pub is None:
        return "DATE", _c_unres(f"XXXX-{mon:02d}", spec[0])
    else:
        y = _pick_year(pub, lambda yy: _month_span(yy, mon), partial(doc.tense, s, e))
        c = _c_month(y, mon)
    if spec[1] is not None:  # "earlier/later" + month: resolve the month only
        spec = (None, None)
    return "DATE", _apply_part(c, spec, pub)


def _r_month_year(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon = _month_num(g["mon"])
    if g.get("year"):
        y = int(g["year"])
    elif g.get("syear"):
        y = _spelled_year(g["syear"])
        if y is None:
            return None
    else:
        if pub is None:
            return "DATE", _c_unres(f"XXXX-{mon:02d}")
        y = pub.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
    return "DATE", _c_month(y, mon)


def _r_rel_month(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon = _month_num(g["mon"])
    if pub is None:
        return "DATE", _c_unres(f"XXXX-{mon:02d}")
    return "DATE", _rel_month_name(pub, mon, g["rel"])


def _r_month(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    mon_s = g["mon"]
    cue = _MONTH_CUE.search(doc.text, max(0, s - 12), s) is not None
    if mon_s in ("May", "March", "MAY", "MARCH") and not cue:
        return None
    if not cue and mon_s[0].isupper() and _followed_by_name(doc.text, e):
        return None  # "April Glaspie", "June Carter"
    mon = _month_num(mon_s)
    if pub is None:
        return "DATE", _c_unres(f"XXXX-{mon:02d}")
    y = _pick_year(pub, lambda yy: _month_span(yy, mon), partial(doc.tense, s, e))
    return "DATE", _c_month(y, mon)


def _r_quarter(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    if name == "q_code":
        q = int(g["q"][1])
    else:
        o = g["ord"].lower()
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "final": 4, "last": 4}[o]  # fmt: skip
    y = None
    for key in ("year", "year0", "year1"):
        if g.get(key):
            y = int(g[key])
    yrel = g.get("yrel") or g.get("yrel2")
    if y is None and yrel and yrel.lower() != "the" and pub is not None:
        y = pub.year + {"this": 0, "last": -1, "next": 1}[yrel.lower()]
    if y is None:
        if pub is None:
            return "DATE", _c_unres(f"XXXX-Q{q}")
        y = _pick_year(pub, lambda yy: _span(_c_quarter(yy, q)), partial(doc.tense, s, e), 0, 92)
    return "DATE", _c_quarter(y, q)


def _r_half(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    h = 1 if g["ord"].lower() == "first" else 2
    if g.get("decade"):
        d = g["decade"].rstrip("s").rstrip("'")
        dec = _decade_num(d, pub)
        if dec is None:
            return None
        c = _c_decade(dec)
        return "DATE", _Cal(c.value, c.start, c.end, c.precision, "E",
                            "START" if h == 1 else "END")  # fmt: skip
    if g.get("year"):
        return "DATE", _c_half(int(g["year"]), h)
    if pub is None:
        return "DATE", _c_unres(f"XXXX-H{h}")
    yrel = (g.get("yrel") or "").lower()
    if yrel in ("this", "last", "next"):
        return "DATE", _c_half(pub.year + {"this": 0, "last": -1, "next": 1}[yrel], h)
    if not yrel and not _money_context(doc.text, s):
        return None  # "the first half" of a match, a book...
    y = _pick_year(pub, lambda yy: _span(_c_half(yy, h)), partial(doc.tense, s, e), 0, 92)
    return "DATE", _c_half(y, h)


def _r_period(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return _resolve_period(g, mt, doc, s, e)


def _r_yearago_adj(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    if pub is None:
        return "DATE", _c_unres("XXXX")
    ref = doc.last_ref("Q", 1500, s)
    if ref is not None:
        return "DATE", _shift(ref, "Y", -1) or _c_year(pub.year - 1)
    return "DATE", _c_year(pub.year - 1)


def _r_fiscal(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    return "DATE", _c_year(_year_of(g["year"], pub))


def _r_part_year(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    y = int(g["year"]) if g.get("year") else _spelled_year(g["syear"] or "")
    if y is None:
        return None
    if g.get("season"):
        code = _SEASONS[g["season"].lower()]
        return "DATE", _c_season(y, code)
    spec = _part_of(g["part"])
    return "DATE", _apply_part(_c_year(y), spec, None)


def _r_decade(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    dec = _decade_num(g["dec"], pub)
    if dec is None:
        return None
    text = mt.lower()
    bare_word = not text.startswith("the") and not g.get("part") and g["dec"][0].isalpha()
    if bare_word:
        return None  # "nineties" alone is too often an age ("in his nineties")
    mod = _PART_MOD.get((g.get("part") or "").lower())
    return "DATE", _c_decade(dec, mod)


def _r_century(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    n = int(g["num"]) if g.get("num") else _day_num(g["ord"])
    if not 1 <= n <= 30:
        return None
    mod = _PART_MOD.get((g.get("part") or "").lower())
    return "DATE", _c_century(n - 1, mod)


def _r_spelled_year(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    y = _spelled_year(g["syear"])
    if y is None:
        return None
    if y >= 2000 and not mt.lower().startswith("the"):
        return None  # "two thousand" is more often a number than a year
    return "DATE", _c_year(y)


def _r_year(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    y = int(g["year"])
    if not _plausible_year(doc.text, s, e, y, mt.lower().startswith("the")):
        return None
    return "DATE", _c_year(y)


# A holiday name right before a noun modifies it ("winter Christmas trees", "Christmas
# presents", "New Year's fireworks"): the noun is a thing, not a date. Without a tagger,
# a noun is a lower-case word that is none of: a word of the tense lexicon ("is", "will",
# "made"), a function word, an -ed/-ing/-ly form ("gained", "following"), or a noun of
# time, which keeps the holiday's date ("the Christmas holidays", "Christmas break").
# A name that says "Day" or "Eve" names the day itself and keeps it ("Christmas Day
# services", "New Year's Eve fireworks").
_HOLIDAY_FOLLOWERS = _words(
    """in on at by for from to of with without after before during until till since
    through and or but nor as than when while where because if though although so yet
    that which who whom whose what this these those there here it he she they we i you
    his her their its our my your him them us me
    holiday holidays break breaks period periods season seasons vacation vacations recess
    day days eve week weeks weekend weekends time times morning afternoon evening night"""
)
_NEXT_WORD = re.compile(r"[ \xa0]([a-z]+)\b(?!['’-])", re.ASCII)


def _modifies_a_noun(text: str, end: int) -> bool:
    """Whether the expression ending at ``end`` is followed by the noun it modifies."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    w = m.group(1)
    return not (w in _HOLIDAY_FOLLOWERS or w in _LEX or w.endswith(("ed", "ing", "ly")))


def _r_holiday(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    nm = g["name"]
    if (not g.get("week") and not g.get("year") and not nm.endswith(("Day", "Eve"))
            and _modifies_a_noun(doc.text, e)):
        return None
    if g.get("year"):
        return "DATE", _c_day(_holiday(nm, int(g["year"])))
    if pub is None:
        return "DATE", _c_unres("XXXX-XX-XX")
    rel = " ".join((g.get("rel") or "").lower().split())
    if rel in ("last", "this past"):
        d = _holiday(nm, pub.year)
        return "DATE", _c_day(d if d < pub else _holiday(nm, pub.year - 1))
    if rel in ("next", "this coming"):
        d = _holiday(nm, pub.year)
        return "DATE", _c_day(d if d > pub else _holiday(nm, pub.year + 1))
    y = _pick_year(pub, lambda yy: (_holiday(nm, yy),) * 2, partial(doc.tense, s, e), 7, 7)
    if g.get("week"):
        return "DATE", _c_week(_week_monday(_holiday(nm, y)))
    return "DATE", _c_day(_holiday(nm, y))


def _r_today(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    w = " ".join(g["w"].lower().split())
    c = _today_cal(pub, w)
    if g.get("tod") and c.start is not None:
        return "TIME", _tod(c, g["tod"])
    return "DATE", c


def _r_this_tod(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    w = g["w"].lower()
    base = {"this": "today", "last": "yesterday"}.get(w, w)
    c = _today_cal(pub, base)
    if c.start is None:
        return "TIME", c
    if w == "last" and g["tod"].lower() != "night":
        return None  # "last morning" is not an expression
    return "TIME", _tod(c, g["tod"])


def _r_weekday(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    wd = _WEEKDAYS[g["wd"].rstrip(".").lower()]
    rel = " ".join((g.get("rel") or "").lower().split()) or None
    c = _weekday_cal(doc, wd, rel, s, e)
    return "DATE", c


def _r_season(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return _resolve_season(g, doc, s, e)


def _r_rel_unit(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return _resolve_rel_unit(g, doc, s, e, name)


def _r_year_end(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    if pub is None:
        return "DATE", _c_unres("XXXX", "END")
    y = pub.year
    if doc.tense(s, e) == "past" and pub.month < 3:
        y -= 1
    return "DATE", _c_year(y, "END")


def _r_the_year(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    if pub is None:
        return "DATE", _c_unres("XXXX")
    return "DATE", _c_year(pub.year)


def _r_weekend(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    if pub is None:
        return "DATE", _c_unres("XXXX-WXX-WE")
    return "DATE", _weekend_cal(pub, doc.tense(s, e))


def _r_ago(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return _resolve_ago(g, doc, s, e)


def _r_vague_ago(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return "DATE", _c_ref("PAST_REF")


def _r_anaphor(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    return _resolve_anaphor(g, doc, s, e)


def _r_duration(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    unit = g["unit"].lower().rstrip("s")
    if unit.endswith("ie"):
        unit = "centurie"
    code, is_time = _UNIT_CODE[unit]
    n = _num(g["num"]) if name == "duration" else None
    if code == "Q":
        code, n = "M", (n * 3 if n is not None else None)
    if code == "DE":
        code, n = "Y", (n * 10 if n is not None else None)
    if code == "CE":
        code, n = "Y", (n * 100 if n is not None else None)
    if code == "WE":
        code, n = "D", (n * 2 if n is not None else None)
    if (
        name == "duration"
        and n is None
        and g["num"].lower().replace(" ", "") not in ("afew", "several", "ahalf", "halfa")
    ):
        return None
    if name == "duration" and not _plausible_duration(doc.text, s, e, g, unit):
        return None
    if (
        name == "duration"
        and unit == "day"
        and n == 1
        and _MODAL_BEFORE.search(doc.text, max(0, s - 12), s)
    ):
        return "DATE", _c_ref("FUTURE_REF")  # "will one day be"
    val = ("PT" if is_time else "P") + ("X" if n is None else str(n)) + code
    mod = "APPROX" if g.get("approx") else None
    return "DURATION", _Cal(val, None, None, "unknown", "R", mod)


def _r_set(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    unit = g["unit"].lower()
    if unit in _WEEKDAYS:
        return "SET", _Cal(f"XXXX-WXX-{_WEEKDAYS[unit] + 1}", None, None, "unknown", "R")
    code = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P3M",
            "morning": "TMO", "evening": "TEV", "night": "TNI", "weekend": "P1WE",
            "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP",
            "autumn": "XXXX-FA", "fall": "XXXX-FA"}[unit]  # fmt: skip
    return "SET", _Cal(code, None, None, "unknown", "R")


def _r_clock(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    pub = doc.pub
    cv = _clock_value(g["clock"])
    if cv is None or doc.text[max(0, s - 5) : s].lower() == "high ":
        return None
    ref = doc.last_ref("D", 300, s)
    if ref is not None and ref.start is not None and ref.start == ref.end:
        base = ref.start.isoformat()
    else:
        base = pub.isoformat() if pub is not None else "XXXX-XX-XX"
    return "TIME", _Cal(base + cv, None, None, "unknown", "R")


def _r_ref(name: str, g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    w = " ".join(g["w"].lower().split())
    if w in ("now", "right now", "currently", "current", "at present", "presently",
             "these days", "nowadays", "at the moment"):  # fmt: skip
        return "DATE", _c_ref("PRESENT_REF")
    if w in ("recently", "more recently", "recent", "the past", "past years") or w.startswith(
        "recent "
    ):
        return "DATE", _c_ref("PAST_REF")
    return "DATE", _c_ref("FUTURE_REF")


_RESOLVERS = {
    "mdy": _r_mdy,
    "dmy": _r_mdy,
    "wd_md": _r_mdy,
    "iso": _r_mdy,
    "mdy_num": _r_mdy,
    "md_range": _r_md_range,
    "dm_range": _r_md_range,
    "clock_day": _r_clock_day,
    "part_month": _r_part_month,
    "month_year": _r_month_year,
    "rel_month": _r_rel_month,
    "month": _r_month,
    "quarter": _r_quarter,
    "q_code": _r_quarter,
    "half": _r_half,
    "period": _r_period,
    "yearago_adj": _r_yearago_adj,
    "fiscal": _r_fiscal,
    "part_year": _r_part_year,
    "decade": _r_decade,
    "century": _r_century,
    "spelled_year": _r_spelled_year,
    "year": _r_year,
    "holiday": _r_holiday,
    "today": _r_today,
    "this_tod": _r_this_tod,
    "weekday": _r_weekday,
    "season": _r_season,
    "rel_unit": _r_rel_unit,
    "end_of": _r_rel_unit,
    "year_end": _r_year_end,
    "the_year": _r_the_year,
    "weekend": _r_weekend,
    "ago": _r_ago,
    "vague_ago": _r_vague_ago,
    "anaphor": _r_anaphor,
    "duration": _r_duration,
    "vague_dur": _r_duration,
    "set": _r_set,
    "clock": _r_clock,
    "ref": _r_ref,
}


_MONTH_CUE = re.compile(
    r"(?:^|[^\w])(?i:in|since|by|until|till|through|during|from|of|before|after|for|between"
    r"|and|or|to|early|late|mid|last|next|this)[\s\xa0-]+$",
    re.ASCII,
)
_MODAL_BEFORE = re.compile(r"(?i:will|would|may|might|could|can|should)[\s\xa0]+$", re.ASCII)
# A count shortly before "a week" makes it a rate: "$2 million a year", "four flights a
# week", "24 hours a day", "twice a month".
_RATE_BEFORE = re.compile(
    r"(?:[0-9%]|(?<![\w])(?i:one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen"
    r"|hundred|thousand|million|billion|percent|times|once|twice|cents?|dollars?|each))"
    r"(?![\w])",
    re.ASCII,
)


def _plausible_duration(text: str, s: int, e: int, g: dict, unit: str) -> bool:
    """Not a rate ("$2 million a year"), an ordinal ("a second group") or a fraction."""
    num = " ".join(g["num"].lower().split())
    if num in ("a", "an"):
        if unit in ("second", "minute"):
            return False
        if _RATE_BEFORE.search(text, max(0, s - 30), s):
            return False
        if unit == "quarter":
            return False
    if unit == "quarter" and "-" in text[s:e]:
        return False  # "three-quarters of its food"
    # a capital unit after a lower-case start is a title: the programme "60 Minutes"
    return not (g["unit"][0].isupper() and not text[s].isupper())


_CLAUSE_END = re.compile(r"[\s\xa0]*(?:[.,;:!?)\"']|$|--)", re.ASCII)
_NAME_AFTER = re.compile(r"[\s\xa0]+[A-Z][a-z]", re.ASCII)


def _followed_by_name(text: str, e: int) -> bool:
    return _NAME_AFTER.match(text, e) is not None


_MONEY = re.compile(r"(?i:quarter|earnings|profit|net income|revenue|sales|loss|dividend|share)")


def _money_context(text: str, s: int) -> bool:
    return _MONEY.search(text, max(0, s - 300), min(len(text), s + 300)) is not None


_NOT_YEAR_AFTER = re.compile(
    r"[\s\xa0]*(?:%|(?i:percent|per[\s\xa0]cent|people|persons|troops|soldiers|men|women"
    r"|children|students|workers|employees|members|votes|miles|kilometers|km|meters|feet"
    r"|tons|tonnes|barrels|dollars|yuan|yen|euros|pounds|marks|francs|shares|units|cars"
    r"|points|acres|hectares|cases|deaths|households|homes|jobs|refugees|calories|times"
    r"|rooms|beds|pages|copies|words|hours|minutes|seconds|degrees|hp|mph|kg|lb|lbs"
    r"|cubic|square|lines|pieces|flights|passengers|vehicles|rounds|rubles|rupees|pesos)"
    r"(?![a-z]))",
    re.ASCII,
)


_NUMBER_WORDS = (
    "No.", "number", "flight", "route", "room", "resolution", "chapter", "article", "model",
    "page", "code", "item", "section", "grade",
)  # fmt: skip
_NUMBER_BEFORE = re.compile(
    "(?i:" + "|".join(map(re.escape, _NUMBER_WORDS)) + r")[\s\xa0]+$", re.ASCII
)
_NUMBER_WORD_MAX = max(map(len, _NUMBER_WORDS))
_BLANKS = frozenset(" \t\n\r\x0b\x0c\xa0")  # [\s\xa0] under re.ASCII
_YEAR_PREP_BEFORE = re.compile(
    r"(?i:in|since|of|from|until|till|by|before|after|around|year)[\s\xa0]+$", re.ASCII
)


def _plausible_year(text: str, s: int, e: int, y: int, has_the_year: bool) -> bool:
    """A bare four-digit number is a year unless it counts something."""
    if has_the_year:
        return True
    if _NOT_YEAR_AFTER.match(text, e):
        return False
    if 1900 <= y <= 2030:
        # _NUMBER_BEFORE needs blanks right before the year and a word ending where they
        # begin, so the search may start that word's length before them (sre would
        # otherwise try all thirty positions); no blank at all, no match.
        lo = max(0, s - 30)
        k = s
        while k > lo and text[k - 1] in _BLANKS:
            k -= 1
        if k == s:
            return True
        return _NUMBER_BEFORE.search(text, max(lo, k - _NUMBER_WORD_MAX), s) is None
    # outside the modern range, demand a preposition that takes a year
    return _YEAR_PREP_BEFORE.search(text, max(0, s - 12), s) is not None


def _decade_num(s: str, pub: dt.date | None) -> int | None:
    t = s.lower().replace("'", "")
    t = t[:-1] if t.endswith("s") else t
    if t.isdigit():
        if len(t) == 4:
            return int(t) // 10
        if len(t) == 2:  # "'80s": the decade nearest before the publication
            yy = int(t)
            base = (pub.year if pub else 2000) // 100 * 100
            y = base + yy
            if pub is not None and y > pub.year + 5:
                y -= 100
            return y // 10
        return None
    words = t.replace("-", " ").split()
    last = words[-1] + "s" if not words[-1].endswith("s") else words[-1]
    d = _DECADE_WORDS.get(last) or _DECADE_WORDS.get(words[-1])
    if d is None:
        return None
    century = 19
    if len(words) > 1 and words[0] in _TEEN_WORDS:
        century = _TEEN_WORDS[words[0]]
    elif pub is not None and pub.year >= 2050:
        century = 20
    return century * 10 + d


def _today_cal(pub: dt.date | None, w: str) -> _Cal:
    if pub is None:
        return _c_unres("XXXX-XX-XX")
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
           "the day before yesterday": -2, "the day after tomorrow": 2}.get(w, 0)  # fmt: skip
    return _c_day(pub + dt.timedelta(days=off))


def _tod(c: _Cal, tod: str) -> _Cal:
    code = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
            "overnight": "TNI"}[tod.lower()]  # fmt: skip
    return _Cal(c.value + code, c.start, c.end, c.precision, "D")


def _weekday_cal(doc: _Doc, wd: int, rel: str | None, s: int, e: int) -> _Cal:
    pub = doc.pub
    if pub is None:
        return _c_unres(f"XXXX-WXX-{wd + 1}")
    if rel in ("the previous", "the following"):
        # relative to the day being talked about, if there is one
        ref = doc.last_ref("D", 1500, s)
        if ref is not None and ref.start is not None and ref.start == ref.end:
            d = _weekday_date(ref.start, wd, "past" if rel == "the previous" else "future", True)
            return _c_day(d)
    if rel in ("last", "this past", "the previous"):
        return _c_day(_weekday_date(pub, wd, "past", strict=True))
    if rel in ("next", "this coming", "the following"):
        return _c_day(_weekday_date(pub, wd, "future", strict=True))
    if doc.text.startswith("'s", e - 2):
        # "Wednesday's ruling": a noun modifier takes no tense from the clause; the
        # event is one the reader already knows of, so the latest such day
        return _c_day(_weekday_date(pub, wd, "past"))
    if wd == pub.weekday():
        return _c_day(pub)  # the publication day, whatever the tense
    t = doc.tense(s, e)
    if rel == "this":  # "this Friday": ahead unless the clause is past
        t = "past" if t == "past" else "future"
    direction = "future" if t == "future" else "past"
    return _c_day(_weekday_date(pub, wd, direction))


def _weekend_cal(pub: dt.date, tense: str) -> _Cal:
    monday = _week_monday(pub)
    if pub.weekday() >= 5:
        return _c_weekend(monday)
    if tense == "future" or (tense == "present" and pub.weekday() >= 3):
        return _c_weekend(monday)
    return _c_weekend(monday - dt.timedelta(days=7))


def _rel_month_name(pub: dt.date, mon: int, rel: str) -> _Cal:
    r = " ".join(rel.lower().split())
    # "last February" said in March is a year ago: last month would be "last month"
    if r in ("last", "this past"):
        y = pub.year if mon < pub.month - 1 else pub.year - 1
    elif r in ("next", "this coming"):
        y = pub.year if mon > pub.month + 1 else pub.year + 1
    else:  # "this April": this year's
        y = pub.year
    return _c_month(y, mon)


def _resolve_season(g: dict, doc: _Doc, s: int, e: int) -> tuple[str, _Cal] | None:
    pub = doc.pub
    code = _SEASONS[g["season"].lower()]
    rel = " ".join(g["rel"].lower().split())
    mod = _part_of(g.get("part"))[0]
    if rel in ("the early", "the late"):
        mod = "START" if rel == "the early" else "END"
        rel = "the"
    if pub is None:
        return "DATE", _c_unres(f"XXXX-{code}", mod)
    cur_y, cur_code = _season_of(pub)
    y = pub.year + (1 if code == "WI" and pub.month == 12 else 0)
    this_y = y
    if rel in ("last", "this past", "the past"):
        y = this_y if _season_span(this_y, code)[1] < pub else this_y - 1
    elif rel in ("next", "this coming", "the coming"):
        y = this_y if _season_span(this_y, code)[0] > pub else this_y + 1
    elif rel == "this":
        y = this_y
    else:  # "the summer", "in the fall": by the clause's tense
        y = _pick_year(pub, lambda yy: _season_span(yy, code), partial(doc.tense, s, e), 0, 0)
    return "DATE", _c_season(y, code, mod)


def _resolve_rel_unit(g: dict, doc: _Doc, s: int, e: int, name: str) -> tuple[str, _Cal] | None:
    pub = doc.pub
    unit = g["unit"].lower()
    rel = " ".join((g.get("rel") or "the").lower().split())
    spec = _part_of(g.get("part"))
    if name == "end_of":
        rel = "this"
    if g["unit"][0].isupper() and g["rel"][0].isupper() and s > 0 and doc.text[s - 1] in "\"'`":
        return None  # the title of a programme: ``This Week''
    if rel in ("the same", "that"):
        return _resolve_anaphor({"w": f"that {unit}", "part": g.get("part")}, doc, s, e)
    anaphoric = rel in ("the following", "the previous") and unit in ("year", "month", "week")
    if anaphoric and doc.last_ref("DWMQHSY", 3000, s) is not None:
        return _resolve_anaphor({"w": f"{rel} {unit}", "part": g.get("part")}, doc, s, e)
    if pub is None:
        v = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
             "decade": "XXX", "century": "XX", "quarter": "XXXX-QX"}[unit]  # fmt: skip
        return "DATE", _c_unres(v, spec[0])
    if rel in ("this", "the current"):
        k = 0
    elif rel in ("last", "the past", "the last", "the previous", "this past"):
        k = -1
    else:  # next, the next, the coming, the following, this coming
        k = 1
    if unit == "century" and k != 0 and rel.startswith("the "):
        return "DURATION", _Cal("P100Y", None, None, "unknown", "R")
    if unit == "year":
        c = _c_year(pub.year + k)
    elif unit == "month":
        c = _c_month(*_add_months(pub.year, pub.month, k))
    elif unit == "week" and rel in ("the past", "the last"):
        # the seven days up to publication: the ISO week that holds most of them
        c = _c_week(_week_monday(pub - dt.timedelta(days=3)))
    elif unit == "week":
        c = _c_week(_week_monday(pub) + dt.timedelta(days=7 * k))
    elif unit == "weekend":
        if k == 0:
            c = _weekend_cal(pub, doc.tense(s, e))
        else:
            base = _weekend_cal(pub, "past" if k < 0 else "future")
            c = base if (k < 0) == (base.end < pub) else _shift(base, "W", k) or base
    elif unit == "quarter":
        q = (pub.month - 1) // 3 + 1 + k
        y = pub.year + (q - 1) // 4
        c = _c_quarter(y, (q - 1) % 4 + 1)
    elif unit == "decade":
        c = _c_decade(pub.year // 10 + k)
    else:
        c = _c_century(pub.year // 100 + k)
    if spec[1] is not None and k != 0:
        spec = (None, None)  # "later next year": the year, no cut
    return "DATE", _apply_part(c, spec, pub)


def _resolve_period(g: dict, mt: str, doc: _Doc, s: int, e: int) -> _Res:
    """Financial reporting periods; TimeBank's WSJ texts are full of them."""
    pub = doc.pub
    t = " ".join(mt.lower().split())
    kind = " ".join(g["kind"].lower().split())
    mods = t[: t.rfind(kind)]
    if g.get("year"):
        y = int(g["year"])
        if kind == "quarter":  # "the 1988 quarter": the quarter being discussed, that year
            ref = doc.last_ref("Q", 3000, s)
            if ref is not None:
                return "DATE", _c_quarter(y, int(ref.value[-1]))
        return "DATE", _c_year(y)
    if not mods.strip():
        return None  # "quarter" or "fiscal year" without a determiner is not a date
    if pub is None:
        return "DATE", _c_unres("XXXX")
    if kind == "fiscal year":
        if "latest" in mods or "previous" in mods or "prior" in mods:
            return "DATE", _c_year(pub.year - 1)
        return "DATE", _c_year(pub.year)
    if mods.strip() in ("the", "its", "that") and kind == "period":
        return None  # "the period" alone is too vague to be a date
    if "current" in mods or mods.strip() == "this":
        if kind == "period":
            return None
        q = (pub.month - 1) // 3 + 1
        return "DATE", _c_quarter(pub.year, q)
    ref = doc.last_ref("Q", 3000, s)
    if ref is None or ref.end is None or ref.end > pub:  # results are for a quarter over
        ref = _c_quarter(*_last_complete_quarter(pub))
    back = any(w in mods for w in ("year-ago", "year-earlier", "year ago", "prior-year",
                                   "comparable", "corresponding")) or bool(g.get("ly"))  # fmt: skip
    if "previous" in mods or "prior " in mods:
        back = True
    if g.get("ord"):
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "final": 4}[g["ord"].lower()]  # fmt: skip
        if not back:
            return None  # "third-period sales": sports or a quarter already named
        ref = _c_quarter(ref.start.year if ref.start else pub.year, q)
    if back:
        doc.derived = True
        return "DATE", _shift(ref, "Y", -1) or ref
    return "DATE", ref


def _resolve_ago(g: dict, doc: _Doc, s: int, e: int) -> tuple[str, _Cal] | None:
    pub = doc.pub
    n = _num(g["num"])
    unit = g["unit"].lower().rstrip("s")
    direction = " ".join(g["dir"].lower().split())
    mod = "APPROX" if g.get("approx") else None
    if direction in ("before", "after") and not _CLAUSE_END.match(doc.text, e):
        return None  # "an hour after Craig spoke": anchored to an event, not a date
    if n is None:
        if direction in ("ago", "earlier", "before"):
            return "DATE", _c_ref("PAST_REF")
        return "DATE", _c_ref("FUTURE_REF")
    if unit in ("second", "minute", "hour"):
        return "DURATION", _Cal(f"PT{n}{unit[0].upper()}", None, None, "unknown", "R", mod)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    relative_to_ref = direction in ("earlier", "later", "before", "after")
    if pub is None and not relative_to_ref:
        return "DATE", _c_unres("XXXX-XX-XX", mod)
    base: _Cal | None = None
    if (
        unit == "year"
        and n == 1
        and direction in ("ago", "earlier")
        and _money_context(doc.text, s)
    ):
        q = doc.last_ref("Q", 1500, s)  # results compared with the year-ago quarter
        if q is not None and q.end is not None and (pub is None or q.end <= pub):
            base = q
    if base is None and relative_to_ref:
        base = doc.last_ref("DWMQHSY", 1500, s)
    if base is not None and base.start is not None:
        if unit == "year":
            out = _shift(base, "Y", sign * n)
        elif unit == "month":
            out = _shift(base, "M", sign * n)
        elif unit in ("week", "fortnight"):
            out = _shift(base, "W", sign * n * (2 if unit == "fortnight" else 1))
        elif unit == "day":
            out = _shift(base, "D", sign * n)
        elif unit == "quarter" and base.gran == "Q":
            out = _shift(base, "M", sign * 3 * n)
            out = _c_quarter(out.start.year, (out.start.month - 1) // 3 + 1) if out else None
        else:
            out = None
        if out is not None:
            return "DATE", _Cal(out.value, out.start, out.end, out.precision, out.gran, mod)
    if pub is None:
        return "DATE", _c_unres("XXXX-XX-XX", mod)
    if unit == "day":
        c = _c_day(pub + dt.timedelta(days=sign * n))
    elif unit in ("week", "fortnight"):
        k = n * (2 if unit == "fortnight" else 1)
        c = _c_day(pub + dt.timedelta(days=sign * 7 * k))
        if k > 2:  # "six weeks ago": the week, not a day
            c = _c_week(_week_monday(c.start))
    elif unit == "month":
        c = _c_month(*_add_months(pub.year, pub.month, sign * n))
    elif unit == "quarter":
        q0 = (pub.month - 1) // 3 + sign * n
        c = _c_quarter(pub.year + q0 // 4, q0 % 4 + 1)
    elif unit == "year":
        c = _c_year(pub.year + sign * n)
    elif unit == "decade":
        c = _c_year(pub.year + sign * 10 * n)
    else:
        c = _c_year(pub.year + sign * 100 * n)
    return "DATE", _Cal(c.value, c.start, c.end, c.precision, c.gran, mod)


def _resolve_anaphor(g: dict, doc: _Doc, s: int, e: int) -> tuple[str, _Cal] | None:
    pub = doc.pub
    w = " ".join(g["w"].lower().split())
    spec = _part_of(g.get("part"))
    if (w.endswith("before") or w.endswith("after")) and not _CLAUSE_END.match(doc.text, e):
        return None  # "the day before authorities issued a warrant": anchored to an event
    if "year" not in w and any(w.endswith(x) for x in ("day", "morning", "before", "after")):
        base = doc.last_ref("D", 1500, s)
        if base is None or base.start != base.end:
            base = _c_day(pub) if pub is not None else None
        if base is None:
            return "DATE", _c_unres("XXXX-XX-XX")
        k = 0
        if any(x in w for x in ("next", "following", "after")):
            k = 1
        elif any(x in w for x in ("previous", "before")):
            k = -1
        return "DATE", _shift(base, "D", k) if k else base
    unit = w.split()[-1]
    if unit == "before":
        unit = "year"
    code = {"year": "Y", "month": "M", "week": "W"}[unit]
    grans = {"Y": "DMQHSY", "M": "DM", "W": "DW"}[code]
    base = doc.last_ref(grans, 3000, s)
    if base is None or base.start is None:
        if pub is None:
            return "DATE", _c_unres("XXXX")
        base = _c_day(pub)
    if code == "Y":
        b = _c_year(base.start.year)
    elif code == "M":
        b = _c_month(base.start.year, base.start.month)
    else:
        b = _c_week(_week_monday(base.start))
    k = 1 if "following" in w else -1 if ("previous" in w or "before" in w) else 0
    if k:
        b = _shift(b, "W" if code == "W" else code, k) or b
    if spec[1] is not None:
        spec = (None, None)
    return "DATE", _apply_part(b, spec, None)


# --------------------------------------------------------------------------- API


def _as_date(published: object) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def find_timexes(
    text: str, published: dt.date | None, spans: Sequence[tuple[int, int]] | None = None
) -> list[Timex]:
    """All temporal expressions in ``text``, resolved against ``published``.

    With ``spans``, only expressions inside the given (start, end) spans are returned;
    offsets are always into the full text, and the full text is still read for the tense
    of a clause. Never raises on any string. With ``published=None``, expressions that
    need an anchor (relative dates, yearless month-days, weekdays) get no interval and
    precision "unknown"; absolute ones ("September 9, 2021", "1998") still resolve. The
    clock is never read. ``published`` may also be a datetime or an ISO date string.
    """
    if not isinstance(text, str) or not text:
        return []
    pub = _as_date(published)
    doc = _Doc(text, pub)
    if spans is None:
        regions = [(0, len(text))]
    else:
        regions = []
        for sp in spans:
            try:
                a, b = int(sp[0]), int(sp[1])
            except (TypeError, ValueError, IndexError, OverflowError):
                continue
            a, b = max(0, a), min(len(text), b)
            if a < b:
                regions.append((a, b))
        regions.sort()
    out: list[Timex] = []
    last_end = 0
    for a, b in regions:
        a = max(a, last_end)
        if a >= b:
            continue
        heads = _find_heads(text, a, b)
        for k, (hs, he, cls) in enumerate(heads):
            if hs < last_end or hs < a:
                continue
            if cls == "R" and k + 1 < len(heads) and _leads_into(text, hs, he, heads[k + 1][0]):
                continue  # "the past two years", "this past Friday": the next head takes it
            pattern = _ALT_OF_CLASS[cls]
            for st in _candidate_starts(text, hs, max(a, last_end)):
                m = pattern.match(text, st, b)
                if m is None or m.end() <= hs:
                    continue
                t = _one(m, doc)
                if t is not None:
                    out.append(t)
                    last_end = t.end
                break
    return out


_DERIVED = frozenset({"period", "yearago_adj", "ago", "anaphor"})
# granularities a later anaphor can lean on (not weekends, _REF values or durations)
_ANCHOR_GRANS = _words("D W M Q H S Y E C")


# name -> (short and full group names, resolver, derived?): one lookup a match
_ALT_INFO = {
    name: (*_GROUPS[name], _RESOLVERS[name], name in _DERIVED) for name, _ in _ALTERNATIVES
}

# Timex's generated __init__ (frozen) sets each field through object.__setattr__, which
# costs twice what its slots' own setters do; every field is set, so the object is the
# one __init__ would make (there is no __post_init__).
_new_object = object.__new__
(_put_start, _put_end, _put_text, _put_type, _put_value, _put_date_start, _put_date_end,
 _put_precision, _put_mod) = (Timex.__dict__[f.name].__set__ for f in fields(Timex))  # fmt: skip


def _timex(s: int, e: int, text: str, typ: str, c: _Cal) -> Timex:
    t = _new_object(Timex)
    _put_start(t, s)
    _put_end(t, e)
    _put_text(t, text)
    _put_type(t, typ)
    _put_value(t, c.value)
    _put_date_start(t, c.start)
    _put_date_end(t, c.end)
    _put_precision(t, c.precision)
    _put_mod(t, c.mod)
    return t


def _one(m: re.Match[str], doc: _Doc) -> Timex | None:
    name = m.lastgroup
    if name is None:
        return None
    s, e = m.span()
    if name == "md_range" and doc.text[s].lower() in "fb":
        # "from Nov. 4 to 6": the dates, not the preposition
        while not doc.text[s].isspace():
            s += 1
        while doc.text[s].isspace():
            s += 1
    shorts, fulls, resolve, derived = _ALT_INFO[name]
    vals = m.group(*fulls) if len(fulls) > 1 else (m.group(fulls[0]),) if fulls else ()
    doc.derived = derived
    try:
        res = resolve(name, dict(zip(shorts, vals, strict=True)), m.group(), doc, s, e)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None  # numbers that make no calendar sense ("Feb. 31", year 0)
    if res is None:
        return None
    typ, c = res
    if c.start is not None and c.gran in _ANCHOR_GRANS and not doc.derived:
        doc.refs.append((s, c))
    return _timex(s, e, doc.text[s:e], typ, c)


def timex_records(doc_id: str, text: str, published: dt.date | None) -> list[dict]:
    """One dict per expression for ``parley timexes``.

    Keys: doc_id, start, end, text, type, value, date_start, date_end (ISO strings or
    None), precision. (``Timex.mod`` is left out: the interval already says "late".)
    """
    return [
        {
            "doc_id": doc_id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
            "date_start": t.date_start.isoformat() if t.date_start else None,
            "date_end": t.date_end.isoformat() if t.date_end else None,
            "precision": t.precision,
        }
        for t in find_timexes(text, published)
    ]
