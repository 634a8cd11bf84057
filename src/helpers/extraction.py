"""Extraction: from a document's text to its mentions of engagements.

This module owns the reading of one document: which words report an encounter
(triggers: "met", "talks", "visit", "summit", "called", "telephone conversation"), and
for each such mention its kind, mode, status, participants, initiator, venue, date and
topics, with the character offsets of its evidence. Actors come from
:mod:`helpers.actors`, places from :mod:`helpers.places`, dates from
:mod:`helpers.temporal`; :mod:`helpers.merge` turns mentions into engagements.

The rules are hand-written because no library models them: spaCy's matchers find the
words, but what makes "Putin had called Lukashenko on August 30" a phone call
initiated by Putin, dated by the nearest date, reported by a spokesman who is not a
participant, is news grammar that this module spells out, one rule per function. Every
rule is about news English in general (datelines, reporting verbs, modal verbs,
prepositions of place, relative clauses), never about a person, a place or a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

from helpers import temporal
from helpers.actors import (
    TITLE_WORDS,
    ActorMention,
    DocumentActors,
    defined_bodies,
    find_actors,
    organisations,
    titled_names,
)
from helpers.language import (
    Guarded,
    Sentence,
    find_prefixed,
    has_prefixed_match,
    literal_prefixes,
    sentences,
    split_sentences,
)
from helpers.places import Dateline, Place, dateline, gazetteer

# Trigger lexicon: lower-case word -> (kind family, part of speech).
# Families: meet, visit, call, talk (spoke/talked: a call unless in person), summit.
_TRIGGERS: dict[str, tuple[str, str]] = {
    **{w: ("meet", "verb") for w in ("meet", "meets", "met", "meeting", "confer", "conferred",
                                      "convene", "convened", "convenes", "received",
                                      "receives", "hosted", "hosts", "welcomed")},
    **{w: ("meet", "noun") for w in ("meetings", "talks", "negotiations",
                                      "discussions", "dialogue", "audience", "encounter",
                                      "dinner", "lunch", "luncheon", "banquet", "breakfast")},
    **{w: ("visit", "verb") for w in ("visit", "visits", "visited", "visiting")},
    **{w: ("visit", "noun") for w in ("trip",)},
    **{w: ("call", "verb") for w in ("called", "phoned", "telephoned", "call", "calls")},
    **{w: ("call", "noun") for w in ("conversation", "videoconference", "phone")},
    **{w: ("talk", "verb") for w in ("spoke", "talked", "speak", "talk")},
    **{w: ("summit", "noun") for w in ("summit", "summits", "conference", "forum", "session",
                                        "consultations", "ministerial", "gathering")},
}
_PHONE_WORDS = frozenset({"phone", "telephone", "phoned", "telephoned"})
_VIDEO_WORDS = frozenset({"video", "videoconference", "video-conference", "videolink"})
_ANAPHORIC_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "such", "said"})
_SMALL_NUMBERS = frozenset({"two", "three", "four", "five", "six", "both"})
_GENERIC_MARKERS = frozenset({"previous", "past", "series", "frequent", "regular", "several",
                              "many", "numerous", "other", "earlier", "various", "any", "no"})
# A meeting of one government, party or board with itself is not an engagement.
_INTERNAL_MEETINGS = frozenset({"cabinet", "board", "party", "committee", "parliamentary",
                                "staff", "family", "shareholders", "weekly", "council",
                                "caucus", "plenary"})
# "X is a major regional forum", "has become an important forum": a definition, not an event.
_COPULAS = frozenset({"is", "was", "are", "were", "as", "become", "becomes", "became",
                      "remains", "be"})
_SUMMIT_NOUNS = frozenset({"summit", "summits", "conference", "forum", "session",
                           "consultations", "ministerial", "gathering"})

# Modality of the trigger's own clause (not of the whole sentence: in "King Hussein was
# expected to brief Arafat on his talks last month", "expected" governs "brief").
_CANCEL_BEFORE = Guarded(re.compile(
    r"\b(?:cancel(?:l)?(?:ed|ing|s)?|call(?:ed|ing)? off|scrapp(?:ed|ing)|abandon(?:ed|ing))"
    r"\s+(?:\w+\s+){0,3}$", re.I), ("cancel", "call", "scrapp", "abandon"))
_CANCEL_AFTER = Guarded(re.compile(
    r"^[^,;.]{0,100}?\b(?:(?:was|were|has been|have been|had been|is|are|will be)\s+)?"
    r"(?:cancel(?:l)?ed|called off|scrapped|abandoned|postponed|put off|suspended|"
    r"delayed|shelved)\b(?P<rest>[^.;]{0,40})", re.I),
    ("cancel", "called off", "scrapped", "abandoned", "postponed", "put off", "suspended",
     "delayed", "shelved"))
_CANCEL_NOUN = Guarded(re.compile(
    r"\b(?:cancellation|postponement)\s+of\s+(?:the\s+)?(?:\w+\s+)?$", re.I),
    ("cancellation", "postponement"))
_RESCHEDULED = re.compile(r"^\s*(?:until|till|to|for)\b", re.I)
_PROPOSED_BEFORE = Guarded(re.compile(
    r"\b(?:propos(?:ed|es|ing|als? (?:for|to|of))|suggest(?:ed|s|ing)?|possib(?:le|ility of)|"
    r"potential|called for|calls for|calling for|urged|urging|offered to (?:host|hold)|"
    r"invit(?:ed|es|ing)\s+(?:\S+\s+){0,5}to(?=\s*$)|"
    r"(?:wants?|wanted|asked|urged)\s+(?:\S+\s+){1,6}to(?=\s*$)|hopes? to|hoped to|wants? to|"
    r"wanted to|would like to|intends? to|seeks? to|sought|pave[sd]? the way for|"
    r"paving the way for|(?:preparing|prepare[sd]?) the ground for|consider(?:ing|s|ed)?|"
    r"idea of|restart|resume|resumption of|revive|reviving|push(?:ed|ing)? for|"
    r"could|might|may)\b(?:\s+\S+){0,6}\s*$", re.I),
    ("propos", "suggest", "possib", "potential", "call", "urg", "offered to", "invit", "want",
     "asked", "hope", "would like to", "intend", "seek", "sought", "pave", "paving",
     "prepar", "consider", "idea of", "restart", "resum", "reviv", "push", "could",
     "might", "may"))
_SCHEDULED_BEFORE = Guarded(re.compile(
    r"\b(?:will|shall|'ll|is to|are to|was to|were to|(?:is|are|was|were) (?:then )?to|"
    r"to be|due to|scheduled to|set to|expected to|planned to|plans? to|planning to|going to|"
    r"agreed to|is due|are due|scheduled|upcoming|forthcoming|planned|next|ahead of|"
    r"before|prior to|would)\b(?:\s+\S+){0,8}\s*$", re.I),
    ("will", "shall", "'ll", "is to", "are to", "was to", "were to", "then to", "to be", "due",
     "schedul", "set to", "expected to", "plan", "going to", "agreed to", "upcoming",
     "forthcoming", "next", "ahead of", "before", "prior to", "would"))
_SCHEDULED_AFTER = Guarded(re.compile(
    r"^\s*(?:\S+\s+){0,8}?(?:(?:is|are|was|were|has been|have been)\s+)?(?:scheduled|"
    r"planned|set|due|expected|slated|to be (?:held|attended)|to take place|"
    r"will (?:be held|take place|"
    r"proceed|start|begin|open)|to (?:start|begin|open))\b", re.I),
    ("scheduled", "planned", "set", "due", "expected", "slated", "to be ", "to take place",
     "will ", "start", "begin", "open"))
_PAST_VERBS = frozenset(
    {"met", "held", "visited", "had", "called", "spoke", "talked", "convened", "received",
     "hosted", "conferred", "welcomed", "phoned", "telephoned", "attended", "ended", "closed",
     "opened", "concluded", "wrapped"})
_REPORTING_VERBS = frozenset(
    {"said", "says", "told", "confirmed", "noted", "announced", "stressed", "added",
     "emphasized", "emphasised", "quoted", "reported", "stated", "remarked", "indicated",
     "insisted", "explained", "declared", "claimed", "warned", "urged", "wrote", "argued",
     "acknowledged", "admitted", "denied", "predicted", "reiterated", "recalled"}
)
_TOPIC_LEAD = Guarded(re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|talks? (?:on|about|over)|spoke (?:about|on)|to negotiate|"
    r"(?:talks|meeting|conversation) with\s+(?:[A-Z][\w.'-]*\s+){1,5}(?:on|about|over)|"
    r"negotiat(?:ed|ing)|about|concerning|regarding|focus(?:ed|ing)? on|"
    r"exchanged views on|(?:will |to |would )address|"
    r"on the(?=\s+\w+ (?:issue|situation|question|crisis)))\s+",
    re.I), ("discuss", "talk on", "talks on", "about", "talk over", "talks over", "spoke on",
            "negotiat", "talks with", "meeting with", "conversation with", "concerning",
            "regarding", "focus", "exchanged views on", "address", "on the"))
# Every match of _TOPIC_LEAD starts (after its "\b") with one of these, lower-cased: so
# on a lower-cased ASCII clause find_prefixed gives its matches with str.find, instead of
# the regex's case-folding scan of every character (tests/test_extraction.py proves it on
# the pattern's parse).
_TOPIC_PREFIXES = literal_prefixes((
    "discuss", "talk", "spoke ", "to negotiate", "talks", "meeting", "conversation",
    "negotiat", "about", "concerning", "regarding", "focus", "exchanged views on", "will ",
    "to ", "would ", "on the"))
_TOPIC_STOP = re.compile(r"[.;:!?\"“”()]|\s(?:by|over|on) (?:the )?(?:tele)?phone\b|"
                         r"\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
                         r",\s*(?:where|which|who|while|and (?:said|will)|"
                         r"(?:he|she|they|it|the \w+) (?:said|added))|\s(?:said|told|"
                         r"ahead of|before|after|on (?:Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday)|in (?:early|late|mid)|during|when|"
                         r"particularly|especially|including|would|will|was|were|"
                         # "progress on X because Y...": a reason's clause; "because of"
                         # is kept, as "talks on X bogged down because of disagreements
                         # between A and B" leaves A and B out of the talks only so.
                         r"because(?!\s+of\b))\s")
_TOPIC_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[a-z])")
_TOPIC_TRIM = re.compile(r"^(?:the|a|an|their|its|his|her|also|various|possible)\s+",
                         re.I)
_PRONOUN_TOPIC = re.compile(r"(?:him|her|them|it|this|that)\b", re.I)

# Relative clauses, brackets and dashes set off from the trigger's clause: the people they
# name ("Peretz, who had promised to pull Labour out of a government headed by Ariel
# Sharon, pledged...") are not the trigger's participants.
_ASIDE = Guarded(re.compile(
    r"\([^()]{0,200}\)|\s--\s[^-]{0,200}?(?:\s--\s|$)|"
    r",\s+(?:who|whom|whose|which|where|when)\b[^,;]{0,200}(?:,|;|$)|"
    r",\s+[a-z]+ed by\b[^,;]{0,120}(?:,|;|$)|"
    # "Merkel, as her predecessors Schroeder and Kohl, chose France": a comparison.
    r",\s+(?:as|like|unlike)\s+(?:his|her|their|its)\s+[^,;]{0,40},[^,;]{0,80},"),
    ("(", "--", "who", "which", "whe", "ed by", "his", "her", "their", "its"))
_ASIDE_PREFIXES = ("(", ",")
# Purpose adjuncts: "in a further US effort to distance itself from ... Milosevic".
_PURPOSE = Guarded(re.compile(r"(?:,\s*)?\b(?:in (?:a|an|their|his|her)\s+(?:\w+\s+){0,3}"
                               r"(?:effort|attempt|bid)|in order to|so as to|aimed at)\b",
                               re.I),
                    ("effort", "attempt", "bid", "in order to", "so as to", "aimed at"))
# "headed for Jordan ... for talks", "flew into southern Albania for talks with": the
# subject of a verb of travel is the guest, and so the initiator.
_TRAVEL = Guarded(re.compile(
    r"\b(?:arriv\w+|fl[eoy]w\w*|travel\w*|head(?:ed|s|ing)? (?:for|to)|"
    r"went|go(?:es|ing)? to|came|come|visit\w*|trip|tour\w*|leav\w+ for|"
    r"left for|due to arrive|whisked)\b", re.I),
    ("arriv", "flew", "flow", "flyw", "travel", "head", "went", "go to", "goes to", "going to",
     "came", "come", "visit", "trip", "tour", "leav", "left for", "whisked"))
_ON_THE_WAY = re.compile(r"^(?:arriv|head|leav|left|due to arrive)", re.I)
_FOR_AHEAD = re.compile(r"\bfor\s+(?:\w+\s+){0,2}$")
_DURATION = Guarded(re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|2|3|4|5|6|7)-day\b", re.I), ("-day",))
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DURING_VISIT = Guarded(re.compile(r"\bduring (?:his|her|their|the|its) (?:\w+ )?(?:visit|"
                                    r"stay|trip|tour)\b", re.I), ("during ",))


@dataclass(slots=True)
class Mention:
    """One report of an engagement in a document (several may report the same one)."""

    doc_id: str
    kind: str
    mode: str
    status: str
    participants: list[str]
    initiator: str | None
    location: str | None
    country: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    topics: list[str]
    evidence: str
    evidence_start: int
    evidence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    date_text: str | None = None
    anaphoric: bool = False  # "the visit": refers to an engagement named before
    participant_countries: dict[str, str] = field(default_factory=dict)
    # "Talabani arrived in Paris for a visit": one side only; it adds to an engagement
    # the document reports in full, and is no engagement by itself.
    partial: bool = False
    filed_from: Place | None = None  # the dateline city
    published: dt.date | None = None
    # The day the story reports: its lead's date ("met on Sunday"), else the dateline's.
    news_day: dt.date | None = None


@dataclass(slots=True)
class _Trigger:
    family: str
    pos: str
    index: int  # token index in the sentence
    start: int  # document offsets
    end: int
    text: str
    anaphoric: bool = False


@dataclass(slots=True)
class _Context:
    """What one document's reading shares between its sentences."""

    doc_id: str
    text: str
    published: dt.date | None
    dateline: Dateline
    people: DocumentActors
    mentions: list[Mention] = field(default_factory=list)
    # The person the story last made a sentence's subject: who "he", "she", "his talks"
    # and "her meeting with Barroso" stand for.
    last_subject: ActorMention | None = None
    news_day: dt.date | None = None
    # The city the story last named: what "the port city" and "the town" stand for. Not
    # the dateline's: a story filed from one capital reports arrivals in another city.
    last_city: Place | None = None


def _news_day(timexes: Sequence[temporal.Timex], lead_end: int,
              published: dt.date | None) -> dt.date | None:
    """The day a wire story reports: the day its lead names ("met Sunday"), when that is
    one of the last days before publication, else the publication (dateline) day."""
    if published is None:
        return None
    for t in timexes:
        if t.start >= lead_end:
            break
        if t.type == "DATE" and t.precision == "day" and t.date_start is not None and \
                published - dt.timedelta(days=3) <= t.date_start <= published:
            return t.date_start
    return published


def extract_mentions(doc_id: str, text: str, published: dt.date | None) -> list[Mention]:
    """Every mention of an engagement in one document, in text order.

    Args:
        doc_id: the document's id.
        text: the document's text.
        published: its publication date; relative dates stay unresolved without one.

    Returns:
        Mentions, anaphoric ones ("the visit") included: :func:`helpers.merge` folds them
        into the engagement they refer to.
    """
    sents = list(sentences(text))
    if not sents:
        return []
    # Triggers first: a document none of whose sentences has one makes no mention, and is
    # left before its actors and dates are read (a third of the documents that reach
    # here). Only "session" asks about actors (an organisation's); asked as if there were
    # one, a sentence gets at least its real triggers, and exactly them without "session".
    first_triggers = [_find_triggers(s, _SOME_ORGANISATION) for s in sents]
    if not any(first_triggers):
        return []
    line = dateline(text)
    # The dateline's place and date say where and when the story was filed.
    actors_by_sentence = [[a for a in find_actors(s.tokens, s.offset, s.text)
                           if a.start >= line.end] for s in sents]
    people = DocumentActors()
    people.learn(titled_names(text, line.end))
    people.learn(defined_bodies(text, line.end))
    for found in actors_by_sentence:
        people.learn(found)
    timexes = [t for t in temporal.find_timexes(text, published,
                                                spans=[(s.start, s.end) for s in sents])
               if t.start >= line.end]
    ctx = _Context(doc_id, text, published, line, people, news_day=_news_day(
        timexes, sents[0].end, published))
    last_people: list[str] = []
    ti = 0
    for sent, found, first in zip(sents, actors_by_sentence, first_triggers, strict=True):
        resolved = _resolve(found, people, last_people)
        while ti < len(timexes) and timexes[ti].start < sent.start:
            ti += 1
        tj = ti
        while tj < len(timexes) and timexes[tj].start < sent.end:
            tj += 1
        sent_timexes = timexes[ti:tj]
        triggers = first if not first or "session" not in sent.text.lower() \
            else _find_triggers(sent, resolved)
        for trig in triggers:
            mention = _read_mention(ctx, sent, trig, triggers, resolved, sent_timexes)
            if mention is not None:
                ctx.mentions.extend(_split_hosts(text, trig, mention, resolved, ctx.mentions))
                if len(mention.participants) >= 2 and not mention.partial:
                    last_people = list(mention.participants)
        named = [a.name for a in resolved if a.kind == "person" and not a.reports_only]
        if len(named) >= 2 and not triggers:
            last_people = named
        first = next((a for a in resolved if a.kind in {"person", "pronoun"}), None)
        if first is not None and first.kind == "person" and not first.reports_only:
            ctx.last_subject = first
        city = next((a for a in reversed(resolved) if a.kind == "city"), None)
        if city is not None:
            ctx.last_city = gazetteer().lookup(text[city.start:city.end]) or ctx.last_city
    _add_opening_attendees(text, line.end, people, ctx.mentions, ctx.news_day or published)
    return ctx.mentions


_SOME_ORGANISATION = (ActorMention("", "organisation", 0, 0),)

# "About 20 heads of state, including X and Y, were present at the opening", "Z attended
# the opening ceremony": the opening is the summit's, and who attends it takes part.
_AT_OPENING = re.compile(r"\b(?:(?:were|was)\s+present\s+at|attend(?:s|ed|ing)?)\s+"
                         r"the\s+opening\b")


def _add_opening_attendees(text: str, body: int, people: DocumentActors,
                           mentions: list[Mention], day: dt.date | None) -> None:
    """The people a sentence says attend "the opening" join the summit the story reported
    before it; once it names two or more, they take the place of the group the summit was
    given by description ("African leaders"). Such a sentence holds no trigger word, so
    it is found here, by its verb."""
    if day is None or not any(m.kind == "summit" for m in mentions) \
            or text.find("opening", body) < 0:
        return  # nothing to join (every match ends in "opening"): spare the regex's scan
    for verb in _AT_OPENING.finditer(text, body):
        para_start = text.rfind("\n\n", body, verb.start()) + 1 or body
        para_end = text.find("\n\n", verb.end())
        span = next(((a, b) for a, b in split_sentences(
            text, para_start, para_end if para_end >= 0 else len(text))
            if a <= verb.start() < b), None)
        summit = next((m for m in reversed(mentions) if m.kind == "summit"
                       and m.trigger_start < verb.start() and not m.anaphoric
                       and m.participants), None)
        if span is None or summit is None or summit.date_start is None \
                or not summit.date_start <= day <= (summit.date_end or summit.date_start):
            # "The seminar took place two weeks after the Beijing summit ... Ly attended
            # the opening ceremony": the opening the story reports is of what opens that
            # day; a summit of another day is not it.
            continue
        sent = Sentence(span[0], span[1], text[span[0]:span[1]])
        found = _resolve(find_actors(sent.tokens, sent.offset, sent.text), people, ())
        attendees = [a for a in found if a.kind == "person" and not a.reports_only
                     and a.start < verb.start()]
        if not attendees:
            continue
        before = set(summit.participants)
        names = summit.participants
        if len(attendees) >= 2:
            # A group named by its kind ("African leaders") ends in a lowercase word;
            # the people named now are its members.
            names = [n for n in names if not n.split()[-1].islower()]
        for a in attendees:
            if a.name not in names:
                names.append(a.name)
        # Every report of the same parties before the sentence is of that summit.
        for m in mentions:
            if m.trigger_start < verb.start() and set(m.participants) == before:
                m.participants = list(names)
                m.participant_countries.update(
                    (a.name, a.country) for a in attendees if a.country)


def _resolve(found: Sequence[ActorMention], people: DocumentActors,
             last_people: Sequence[str]) -> list[ActorMention]:
    """Short references replaced by the full actor they stand for, where the text says."""
    # Mentions are built directly, not by dataclasses.replace: this runs for every actor
    # of every candidate sentence, and replace() costs several times a constructor.
    out: list[ActorMention] = []
    for m in found:
        kind = m.kind
        if kind == "name" or kind == "person":
            if "-" in m.name:
                pair = _hyphenated_pair(m, people)
                if pair:
                    out.extend(pair)
                    continue
        elif kind == "city" and " " not in m.name and people.full_name(m.name) != m.name:
            # "Barroso" is a town in Brazil and the surname of a person the text named.
            kind = "name"
        if kind == "name":
            full = people.person(m.name)
            if full is None:
                continue  # a capitalised word the document never introduces as a person
            out.append(ActorMention(full.name, "person", m.start, m.end, title=full.title,
                                    country=full.country, role=full.role, phrase=m.phrase))
        elif kind == "person":
            full = people.person(m.name)
            if full is not None:
                out.append(ActorMention(full.name, kind, m.start, m.end,
                                        title=m.title or full.title,
                                        country=m.country or full.country,
                                        role=m.role or full.role, phrase=m.phrase))
            else:
                out.append(m)
        elif kind == "organisation":
            out.append(m._replace(name=people.body(m)))
        elif kind == "acronym":
            if m.name in people.defined:  # "MRTA", spelt out elsewhere in the story
                out.append(m._replace(name=people.defined[m.name], kind="organisation"))
        elif kind == "role":
            person = people.by_role(m.title or "", m.country)
            if person is not None and not m.reports_only:
                out.append(ActorMention(person.name, "person", m.start, m.end,
                                        title=person.title, country=person.country,
                                        role=m.role, phrase=m.phrase))
            elif m.country and not m.reports_only and m.title != "counterpart":
                # "talks with Peru's ambassador to Japan": a holder the document never
                # names takes part as the text calls them (spec), not as their country.
                out.append(m._replace(name=m.phrase, kind="office") if m.phrase
                           else m._replace(name=m.country, kind="country"))
            else:
                out.append(m)
        else:
            out.append(m)
    return out


def _hyphenated_pair(m: ActorMention, people: DocumentActors) -> list[ActorMention]:
    """ "the Bush-Abdullah II meeting": two people the document named, joined by a hyphen."""
    if m.kind not in {"name", "person"} or "-" not in m.name:
        return []
    parts = m.name.split("-")
    if len(parts) != 2 or not all(parts):
        return []
    found = [people.person(part) for part in parts]
    if any(p is None for p in found) or found[0].name == found[1].name:
        return []
    cut = m.start + len(parts[0])
    return [p._replace(start=a, end=b, kind="person")
            for p, (a, b) in zip(found, ((m.start, cut), (cut + 1, m.end)), strict=True)]


# What one "meets" that is no party: a requirement, a cost, or the press.
_MET_THINGS = frozenset({"standard", "standards", "demand", "demands", "obligation",
                         "obligations", "requirement", "requirements", "need", "needs",
                         "target", "targets", "goal", "goals", "criteria", "criterion",
                         "condition", "conditions", "deadline", "deadlines", "press",
                         "media", "challenge", "challenges", "expectations", "cost", "costs",
                         "income", "quota", "quotas", "commitments", "terms",
                         # the public is no party: "to meet with Hong Kong citizens"
                         "citizens", "residents", "people", "public", "students", "fans",
                         "children", "workers", "villagers", "locals", "crowds", "youth",
                         "soldiers", "troops", "pupils", "voters", "supporters"})
_OBJECT_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "all", "these",
                                 "those", "this", "that", "such", "new", "strict"})


def _meets_a_thing(tokens, lows: list[str], i: int) -> bool:
    """Whether the verb at ``i`` meets a requirement, cost or the press, not a party:
    "to meet NATO's standards", "meet the obligations set for it", "meet the press".
    ``lows`` holds the tokens' lower-case forms."""
    n = len(tokens)
    j = i + 1
    if j < n and lows[j] == "with":
        j += 1
    while j < n and j <= i + 5 and (
            lows[j] in _OBJECT_DETERMINERS or tokens[j].text in {"'s", "’s"}
            or tokens[j].text[:1].isupper()):
        j += 1
    # "meeting the immediate physical and emotional needs": adjectives before the noun.
    while j < n and j <= i + 6 and tokens[j].text.isalpha() and \
            tokens[j].text.islower() and lows[j] not in _MET_THINGS and \
            lows[j] not in {"with", "to", "in", "on", "at", "for", "who", "that", "as",
                            "from", "of", "by", "or", "but", "after", "before"}:
        j += 1
    return j > i + 1 and j < n and lows[j] in _MET_THINGS


# Sport reports meet, host and visit too: "hosts Germany meet Costa Rica", "scored for the
# hosts", "the 1996 World Cup which India hosted jointly with Pakistan".
_SPORT = frozenset({"Cup", "striker", "strikers", "goalkeeper", "midfielder", "rugby",
                    "cricket", "football", "soccer", "tennis", "championship", "tournament",
                    "quarter-final", "semi-final", "quarterfinal", "semifinal", "quarterfinals",
                    "semifinals", "coach", "fixture", "fixtures", "kick-off"})


_IS_TRIGGER_WORD = frozenset(_TRIGGERS).__contains__
_SPORT_LOWER = frozenset(w.lower() for w in _SPORT)
_SPORTY_FAMILIES = frozenset({"meet", "visit", "summit"})
_LOWER_OF = itemgetter(2)  # Token.lower_ and Token.text, as C-level getters for map()
_TEXT_OF = itemgetter(0)


def _find_triggers(sent: Sentence, actors: Sequence[ActorMention]) -> list[_Trigger]:
    # Every candidate sentence comes here, and a Python loop over its tokens (33 on
    # average) cost more than reading its one or two trigger words: the lower-case forms
    # are taken once in C (map), the trigger words among them, in text order, by filter,
    # and their positions by list.index; only those tokens are read.
    tokens = sent.tokens
    lows = list(map(_LOWER_OF, tokens))
    at: list[int] = []
    i = -1
    for word in filter(_IS_TRIGGER_WORD, lows):
        # The next occurrence of the next trigger word: any earlier one after the last
        # position would have been a trigger word filter gave before this one.
        i = lows.index(word, i + 1)
        at.append(i)
    if not at:
        return []
    n = len(tokens)
    found: list[_Trigger] = []
    # Whether the sentence is a sport report: asked only of a trigger it could reject.
    sport: bool | None = None
    for i in at:
        low = lows[i]
        family, pos = _TRIGGERS[low]
        prev = lows[i - 1] if i else ""
        nxt = lows[i + 1] if i + 1 < n else ""
        if low == "meeting":
            # "a meeting" (noun) or "after meeting Putin" (verb): both report a meeting.
            pos = "verb" if prev in {"after", "before", "while", "when", "by", "on"} and \
                nxt not in {"of", "between", "with"} else "noun"
            if prev in _INTERNAL_MEETINGS:
                continue
        if low in {"call", "calls"} and prev == "courtesy":
            family, pos = "meet", "noun"  # "paying a courtesy call on the Vice President"
        elif family == "call" and not _is_call(tokens, lows, i):
            continue
        if low in {"call", "calls"} and prev in {"a", "the", "phone", "telephone", "his", "her",
                                                 "their", "video", "this", "that"}:
            pos = "noun"  # "In a phone call with Mubarak, Olmert said": a noun
        if low in {"talk", "speak", "spoke", "talked"} and \
                nxt not in {"with", "by", "on", "over", "to"} and \
                prev not in {"they", "two", "leaders"}:
            continue
        if low in {"talk", "speak", "spoke", "talked"} and nxt == "on" and \
                _ON_THE_PHONE.isdisjoint(lows[i + 2:i + 4]):
            continue  # "scheduled to speak on the first day": an address, not a call
        if low == "audience" and nxt != "with" and prev not in {"an", "private", "papal"}:
            continue  # "together with hundreds of audience there"
        if low in {"visit", "visits"} and pos == "verb" and prev in {"a", "the", "his", "her",
                                                                     "this", "their", "its",
                                                                     "state", "official",
                                                                     "working", "first",
                                                                     "surprise", "flying"}:
            pos = "noun"
        if low == "visiting" and prev in {"", "the", "a", "--", "-"} and \
                any(t.text[:1].isupper() for t in tokens[i + 1:i + 3]) and \
                gazetteer().lookup(tokens[i + 1].text) is None:
            continue  # "Visiting Hamas leader Meshaal warned": who he is, not an encounter
        if low in _SUMMIT_NOUNS and not _is_event_noun(tokens, lows, i, actors, sent):
            continue
        if low in {"hosts", "hosted"} and nxt in {"a", "an", "the"}:
            continue
        if low in {"hosts", "hosted"} and prev in {"the", "their", "its", "for", "as", "which",
                                                   "that", "co"}:
            continue  # "the hosts" is a noun; "the Cup which India hosted" hosts a thing
        if family in _SPORTY_FAMILIES:
            if sport is None:
                # No lower-case form of a sport word among the lower-case forms (most
                # sentences): none of the words themselves among the tokens either.
                sport = not _SPORT_LOWER.isdisjoint(lows) and \
                    not _SPORT.isdisjoint(map(_TEXT_OF, tokens))
            if sport:
                continue
        if low in {"meet", "meets", "met", "meeting"} and _meets_a_thing(tokens, lows, i):
            continue  # "meet the standards", "will jointly meet the press": no counterpart
        if low == "received" and not (i + 1 < n and tokens[i + 1].text[:1].isupper()):
            continue
        if low == "dialogue" and nxt not in {"with", "between"}:
            continue
        if low in _MEALS and not _meal_with(tokens, lows, i):
            continue
        if pos == "noun" and i >= 3 and lows[i - 1] in _REVIVE_VERBS and \
                lows[i - 2] == "to" and lows[i - 3] in _ENDEAVOURS:
            continue  # "in a bid to revive negotiations": an aim, not an encounter
        if pos == "noun" and not _REVIVAL.isdisjoint(lows[max(0, i - 4):i]):
            continue  # "ways of reviving dormant peace talks": a process, not an encounter
        if pos == "noun" and "Round" in map(_TEXT_OF, tokens[max(0, i - 3):i]):
            continue  # "the Doha Round multilateral trade talks": a years-long negotiation
        if low in {"talks", "negotiations"} and _is_process(lows, i):
            continue
        anaphoric = pos == "noun" and _is_anaphoric(tokens, lows, i)
        if pos == "noun" and _is_generic(lows, i):
            continue
        tok = tokens[i]
        start = sent.offset + tok.idx
        found.append(_Trigger(family, pos, i, start, start + len(tok.text), tok.text,
                              anaphoric))
    # "talks" after "telephone": one call, not two triggers
    merged: list[_Trigger] = []
    for trig in found:
        if merged and trig.index - merged[-1].index <= 2 and (
            {trig.family, merged[-1].family} <= {"call", "meet", "talk"}
        ):
            if trig.family == "call":
                merged[-1] = replace(trig, anaphoric=merged[-1].anaphoric and trig.anaphoric)
            continue
        # "talks at a crunch Brussels summit": talks held at a summit are part of it.
        if merged and trig.family == "summit" and merged[-1].family == "meet" and \
                merged[-1].pos == "noun" and _at_event(lows, merged[-1].index, trig.index):
            merged[-1] = trig
            continue
        # "the two-day summit, the largest gathering between ...": an appositive names the
        # same event again.
        if merged and trig.family == "summit" and merged[-1].family == "summit" and \
                _appositive(lows, merged[-1].index, trig.index):
            continue
        # "a surprise visit to Jordan for talks with the King", "visit ... to meet": a
        # visit and the talks held during it are one engagement.
        if merged and merged[-1].family == "visit" and trig.family == "meet" and \
                _purpose_of(lows, merged[-1].index, trig.index):
            merged[-1] = replace(merged[-1], anaphoric=False)
            continue
        merged.append(trig)
    return merged


# "preparing the ground for a possible meeting over the weekend in Helsinki between Cyprus
# and Turkey": a noun that names its own sides keeps them, whatever verb holds it.
_SIDES_AFTER = re.compile(r"[^,;.]{0,45}?\bbetween\s")
_ON_THE_PHONE = frozenset({"phone", "telephone"})
_ENDEAVOURS = frozenset({"bid", "bids", "effort", "efforts", "attempt", "attempts", "drive"})
_REVIVAL = frozenset({"revive", "revives", "reviving", "revived", "revival"})
_REVIVE_VERBS = frozenset({"revive", "resume", "restart", "relaunch", "salvage", "jump-start",
                           "kick-start", "unblock", "rescue"})


# Negotiations that last years ("Turkey started entry talks with the EU", "talks with
# Turkey over the country's accession"), or talks told by their state ("Budget talks are
# stuck", "the six-party talks have been stalled since November"): a process, not one
# encounter.
_PROCESS_TOPICS = frozenset({"accession", "membership", "entry"})
_PROCESS_STATES = frozenset({"stalled", "stuck", "deadlocked", "stalling", "frozen"})


def _is_process(lows: list[str], i: int) -> bool:
    before = lows[max(0, i - 3):i]
    if not _PROCESS_TOPICS.isdisjoint(before[-2:]) or not _PROCESS_STATES.isdisjoint(before):
        return True
    after: list[str] = []
    for low in lows[i + 1:i + 9]:
        if low in {",", ";", "."}:
            break
        after.append(low)
    if set(after) & _PROCESS_TOPICS and "over" in after:
        return True
    return bool(after[:1] and after[0] in {"are", "were", "is", "was", "have", "has", "had"}
                and set(after[:4]) & _PROCESS_STATES)


# A meal is an encounter when the text says with whom, or who gives it for whom: "to have
# lunch with Premier Lien Chan", "will host a dinner for Kamal", "a banquet hosted by the
# President"; not "at lunch on the first day" (cricket) or "the breakfast capital".
_MEALS = frozenset({"dinner", "lunch", "luncheon", "banquet", "breakfast"})


def _meal_with(tokens, lows: list[str], i: int) -> bool:
    nxt = lows[i + 1:i + 5]
    if not nxt:
        return False
    j = i + 2 if nxt[0] in {"with", "for"} else (
        i + 3 if nxt[:2] in (["hosted", "by"], ["given", "by"], ["in", "honor"],
                             ["in", "honour"]) else None)
    if j is None or j >= len(tokens):
        return False
    if lows[j] == "of" and nxt[0] == "in":
        j += 1
    while j < len(tokens) and lows[j] in {"the", "his", "her", "their", "visiting"}:
        j += 1
    return j < len(tokens) and tokens[j].text[:1].isupper()


def _at_event(lows: list[str], first: int, second: int) -> bool:
    """Whether the tokens between two triggers read "... at a crunch Brussels"."""
    between = lows[first + 1:second]
    return 1 <= len(between) <= 5 and between[0] in {"at", "during"} and not (
        {",", ";", "and", "but"} & set(between))


def _appositive(lows: list[str], first: int, second: int) -> bool:
    """Whether the tokens between two triggers read ", the largest"."""
    between = lows[first + 1:second]
    return 2 <= len(between) <= 5 and between[0] == "," and between[1] in {"the", "a", "an"} \
        and not {",", ";", "and", "but"} & set(between[1:])


def _purpose_of(lows: list[str], first: int, second: int) -> bool:
    """Whether the tokens between two triggers read "... for talks", "... to meet"."""
    between = lows[first + 1:second]
    if len(between) > 10 or any(w in {",", ";", "and", "but", "where", "which", "after",
                                      "before"} for w in between):
        return False
    return bool(between) and between[-1] in {"for", "to", "hold", "have", "a", "an"} or \
        "for" in between[-3:]


_CALL_OBJECT_WORDS = frozenset({"and", "on", "by", "at", "in", "late", "early", "last", "his",
                                "her", "the", "phone", "telephone", "counterpart", "from"})
_CALL_MEDIA = _PHONE_WORDS | _VIDEO_WORDS


def _is_call(tokens, lows: list[str], i: int) -> bool:
    """ "called Lukashenko", "a telephone call from X": a call; "called for", "a call by
    the government for an inquiry", "called business people to play a role": not."""
    low = lows[i]
    prev = lows[i - 1] if i else ""
    nxt = lows[i + 1] if i + 1 < len(tokens) else ""
    before = lows[max(0, i - 3):i]
    if low == "phone":
        # "discussed it by phone with X", "on the phone with X"; "phone call" is one call.
        return prev in {"by", "on", "over"} or nxt in {"call", "conversation", "talks"}
    if low in {"phoned", "telephoned", "conversation", "videoconference"}:
        return low != "conversation" or not _CALL_MEDIA.isdisjoint(before) or \
            nxt == "with"
    phone = not _CALL_MEDIA.isdisjoint(before)
    if prev in {"so", "so-", "-"} or tokens[i - 1].text.endswith("so-"):
        return False
    if low == "called":
        nxt_text = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt in {"for", "on", "off", "it", "upon", "a", "an", "in", "out", "up", "back",
                   "him", "her", "them", "himself", "itself", "this", "that", "by"}:
            return phone
        if nxt == "the" and not (i + 2 < len(tokens) and tokens[i + 2].text[:1].isupper()):
            return phone
        # "called business people to play a larger role": a summons, not a call.
        j, common = i + 1, False
        while j < len(tokens) and j < i + 9 and lows[j] != "to":
            if tokens[j].text[:1].islower() and lows[j] not in _CALL_OBJECT_WORDS:
                common = True
            j += 1
        if common and j < len(tokens) and lows[j] == "to":
            return phone
        return nxt_text[:1].isupper() or nxt in {"his", "the", "their"} or phone
    # "call" and "calls" as nouns: only a phone or video call, or a call with someone.
    if phone:
        return True
    return nxt in {"from", "with"} and i + 2 < len(tokens) and (
        tokens[i + 2].text[:1].isupper() or lows[i + 2] in {"his", "her", "the"})


def _is_event_noun(tokens, lows: list[str], i: int, actors: Sequence[ActorMention],
                   sent: Sentence) -> bool:
    """A summit, conference or forum that is an event, not a definition or a news briefing."""
    low = lows[i]
    prev = lows[i - 1] if i else ""
    if prev in {"press", "news", "telephone", "phone", "video"} or (
            low != "summit" and prev in {"business", "media"}):
        return False
    nxt = lows[i + 1] if i + 1 < len(tokens) else ""
    if low == "conference" and (nxt == "call" or prev in {"western", "eastern"}):
        return False  # a company's "conference call"; a league's "Western Conference"
    if prev in _INTERNAL_MEETINGS - {"plenary", "council", "weekly", "parliamentary"} or \
            low == "gathering" and prev in {"public", "prayer", "mass", "religious"}:
        return False  # "Monday's extraordinary cabinet session", "a public gathering"
    if low == "gathering" and (nxt in {"support", "pace", "evidence", "momentum",
                                       "capabilities", "steam"}
                               or prev in {"began", "begin", "finished", "intelligence", ","}):
        return False  # the verb: "a rally Saturday, gathering support", "people began gathering"
    j = i - 1
    while j >= 0 and (tokens[j].text[:1].isupper() or lows[j] in {
            "major", "important", "regional", "international", "key", "main", "primary",
            "new", "annual", "global", "informal", "first", "biennial"}):
        j -= 1
    if j >= 1 and lows[j] in {"a", "an"} and lows[j - 1] in _COPULAS:
        return False
    if low == "session":
        return any(a.kind == "organisation" for a in actors) or prev in {"closed-door",
                                                                          "plenary"}
    if low == "forum":
        # A forum is an event when dated or placed; "APEC is a regional forum" is not.
        window = sent.text[max(0, tokens[i].idx - (sent.start - sent.offset) - 60):
                           tokens[i].idx - (sent.start - sent.offset) + 60]
        return bool(re.search(r"\d|\b(?:in|at) [A-Z]|attend|held|host|open|clos", window))
    return True


def _is_anaphoric(tokens, lows: list[str], i: int) -> bool:
    """A definite noun with no participants of its own: "the visit", "these consultations"."""
    j = i - 1
    while j >= 0 and (lows[j] in {"upcoming", "planned", "phone", "telephone",
                                            "forthcoming", "scheduled", "proposed", "recent",
                                            "latest", "working", "official", "state", "two",
                                            "-", "day", "expected", "bilateral", "summit",
                                            "two-day", "three-day", "one-day", "crucial",
                                            "historic", "crunch", "final", "first", "next",
                                            "informal", "long-awaited", "meeting"}
                      or tokens[j].text[:1].islower() and lows[j].endswith("ed")
                      # "the entrepreneurs' conference", "the two leaders' talks"
                      or tokens[j].text in {"'", "’"} and j >= 1
                      and tokens[j - 1].text[:1].islower()
                      # ... but "the first ministers' meeting", "a foreign ministers'
                      # meeting" name a kind of meeting: a modifier before the possessor
                      # makes it a compound, not a reference back.
                      or tokens[j].text[:1].islower() and lows[j].endswith("s")
                      and j + 1 < i and tokens[j + 1].text in {"'", "’"}
                      and j >= 1 and (lows[j - 1] in _ANAPHORIC_DETERMINERS
                                      or lows[j - 1] in _SMALL_NUMBERS)):
        j -= 1
    if j < 0 or lows[j] not in _ANAPHORIC_DETERMINERS:
        return False
    nxt = lows[i + 1] if i + 1 < len(tokens) else ""
    return nxt not in {"between", "with", "of", "among", "by"}


_RECURRING = frozenset({"series", "previous", "regular", "frequent"})


def _is_generic(lows: list[str], i: int) -> bool:
    """ "a series of previous meetings", "regular consultations": no one encounter."""
    window = lows[max(0, i - 4):i]
    return lows[i].endswith("s") and lows[i] != "talks" and not _GENERIC_MARKERS.isdisjoint(
        window) or not _RECURRING.isdisjoint(window)


def _segment(sent: Sentence, trig: _Trigger, triggers: Sequence[_Trigger]) -> tuple[int, int]:
    """The part of the sentence that belongs to ``trig`` when it has several triggers."""
    owners = [t for t in triggers if not t.anaphoric]
    if trig.anaphoric or len(owners) <= 1:
        return sent.start, sent.end
    idx = owners.index(trig)
    text = sent.text
    start, end = sent.start, sent.end
    if idx > 0:
        prev = owners[idx - 1]
        start = _clause_break(text, sent.start, prev.end, trig.start) or trig.start
        start = min(start, _noun_phrase_start(sent, trig))
    if idx + 1 < len(owners):
        nxt = owners[idx + 1]
        end = _clause_break(text, sent.start, trig.end, nxt.start) or nxt.start
        end = min(end, _noun_phrase_start(sent, nxt))
    return start, end


def _noun_phrase_start(sent: Sentence, trig: _Trigger) -> int:
    """Where a trigger noun's phrase begins: "the Asia-Pacific Economic Cooperation (APEC)
    summit" belongs, names and all, to the summit, not to a verb before it."""
    if trig.pos != "noun":
        return trig.start
    tokens = sent.tokens
    j = trig.index - 1
    while j >= 0 and (tokens[j].text[:1].isupper() or tokens[j].text in {"(", ")", "'s", "’s"}
                      or tokens[j].lower_ in {"annual", "regional", "informal", "two-day",
                                              "three-day", "first", "second", "historic"}):
        j -= 1
    return sent.offset + tokens[j + 1].idx if j + 1 < trig.index else trig.start


_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|where|after|before)\b|\b(?:and|that)\b|,")


def _clause_break(text: str, base: int, a: int, b: int) -> int | None:
    chunk = text[a - base:b - base]
    breaks = list(_CLAUSE_BREAK.finditer(chunk))
    if not breaks:
        return None
    return a + breaks[-1].end()


def _asides(text: str, start: int, end: int, trig: _Trigger) -> list[tuple[int, int]]:
    """Spans of relative clauses, brackets and purpose adjuncts that leave out the trigger."""
    out = []
    # Every match of _ASIDE starts with "(", "," or a space before "--": without "--" in
    # the clause, str.find finds where matches can start, and the pattern is tried there
    # only, in order (find_prefixed), rather than scanned over every character.
    asides = _ASIDE.finditer(text, start, end) if text.find("--", start, end) >= 0 else \
        find_prefixed(_ASIDE.pattern, _ASIDE_PREFIXES, text, start, end)
    for m in asides:
        if not (m.start() <= trig.start < m.end()):
            out.append((m.start(), m.end()))
    purpose = _PURPOSE.search(text, trig.end, end)
    if purpose is not None:
        out.append((purpose.start(), end))
    return out


def _read_mention(ctx: _Context, sent: Sentence, trig: _Trigger,
                  triggers: Sequence[_Trigger], actors: Sequence[ActorMention],
                  timexes: Sequence[temporal.Timex]) -> Mention | None:
    text = ctx.text
    seg_start, seg_end = _segment(sent, trig, triggers)
    seg_start = max(seg_start, ctx.dateline.end)
    clause = text[seg_start:seg_end]
    topics, topic_spans = _topics(text, seg_start, seg_end, trig)
    asides = _asides(text, seg_start, seg_end, trig)

    def inside(a: ActorMention, spans: Sequence[tuple[int, int]]) -> bool:
        return any(s <= a.start < e for s, e in spans)

    seg_actors = [a for a in actors if seg_start <= a.start < seg_end]
    # "inform Hussein about his talks with Ross": a topic of another verb that holds the
    # trigger holds its parties too.
    # (Asked only of a topic that holds the trigger: most clauses have none.)
    own_topics = [(s, e) for s, e in topic_spans if not (s <= trig.start < e and (
        _BRIEFING.search(text, seg_start, trig.start) is not None
        or trig.pos == "noun" and _SIDES_AFTER.match(text, trig.end)))]
    # (Most clauses have no topic and no aside: then every actor of the clause is a party.)
    left_out = own_topics + asides
    party_actors = [a for a in seg_actors if not inside(a, left_out)] if left_out \
        else seg_actors
    if trig.anaphoric and trig.family == "summit" and _GATHERS.match(text, trig.end, seg_end):
        # "The summit ... brings together the 10 members of ASEAN as well as China,
        # Japan...": a back-reference whose clause lists who attends.
        trig = replace(trig, anaphoric=False)
    if trig.anaphoric:
        # "confirmed the visit": the sentence's actors belong to its other triggers.
        participants, countries, initiator = [], {}, None
    else:
        participants, countries, initiator = _participants(text, trig, party_actors,
                                                           ctx.mentions, seg_start)
        _add_pronoun_subject(ctx, text, trig, seg_start, party_actors, participants,
                             countries, actors)
        _add_speaker_at(text, sent, trig, actors, participants, countries)
        _add_shared_subject(ctx, text, trig, triggers, actors, participants, countries)
        _add_relative_subject(text, trig, actors, participants, countries)
        _add_adjunct_subject(ctx, text, sent, trig, actors, participants, countries)
        _add_listed_members(text, sent, participants, countries)
    # "Toure opened the summit": who attends a summit named before joins it.
    attended = _add_attendee(ctx, text, sent, trig, actors, participants, countries)
    _add_speaker_there(text, sent, trig, actors, participants, countries)
    # "to discuss the situation in Iraq": a place in what they discuss is not the venue.
    places = [a for a in seg_actors if not inside(a, topic_spans)] if topic_spans \
        else seg_actors
    location, country = _venue(text, trig, seg_start, seg_end, places, ctx.dateline)
    if location is None and country is None:
        location, country = _city_reference(text, seg_start, seg_end, ctx.last_city)
    date = _date_for(text, trig, triggers, timexes, ctx.published)
    date_start, date_end, precision = _dated(text, trig, seg_start, date)
    if date is not None and date_end is not None and ctx.published is not None and \
            date.text.lower().startswith("earlier") and date_end >= ctx.published:
        # "met earlier this month": before the day of the story, so a part of the month.
        date_end = max(date_start, ctx.published - dt.timedelta(days=1))
        if precision == "month":
            precision = "part_of_month"
    # (A story that has reported nothing yet has no visit to take the date of.)
    if date_start is None and ctx.mentions and _DURING_VISIT.search(clause):
        visit = next((m for m in reversed(ctx.mentions) if m.date_start is not None and
                      m.trigger.lower() in {"visit", "visits", "trip", "visiting"}), None)
        if visit is not None:
            date_start, date_end = visit.date_start, visit.date_end
            precision = visit.date_precision
    kind, mode = _kind_and_mode(text, trig, sent, participants, party_actors)
    if attended:
        kind = "summit"  # two leaders who attend a forum meet at a summit, not alone
    status = _status(text, trig, seg_start, seg_end, date_start, date_end, ctx.published)
    # Both rules of travel are about meetings: no other trigger asks for it.
    travel = _TRAVEL.search(text, seg_start, trig.start) if trig.family == "meet" else None
    if travel is not None and location is None and country is None:
        # "headed for Jordan ... for talks with King Hussein": the talks are where he went.
        dest = _destination(text, travel.start(), trig.start)
        if dest is not None:
            country = dest.country
            if dest.kind == "city":
                location = gazetteer().city_name(dest.name) or dest.name
    if travel is not None and status == "occurred" and \
            _ON_THE_WAY.search(travel.group(0)) and \
            _FOR_AHEAD.search(text[travel.end():trig.start]) and \
            not (date_end is not None and ctx.published and date_end < ctx.published):
        # "arrived in Jordan Wednesday for talks with...": the talks are still to come.
        status = "scheduled"
    partial = False

    if not trig.anaphoric:
        if kind in {"meeting", "call"} and len(participants) < 2:
            dest = _destination(text, seg_start, seg_end)
            if len(participants) == 1 and dest is not None and kind == "meeting":
                country = country or dest.country
                if dest.kind == "city" and location is None:
                    location = gazetteer().city_name(dest.name) or dest.name
                initiator = initiator or participants[0]
                partial = True
            elif not participants:
                # "a suspension of negotiations on March 6", "talks between Belgrade and
                # Pristina": no party the text names, and no definite back-reference.
                return None
            elif len(participants) == 1:
                partial = True  # "Albright on Friday met three opposition leaders"
            else:
                # Participants may come from the antecedent: keep it as anaphoric.
                trig = replace(trig, anaphoric=True)
        if kind == "summit" and not participants:
            participants = _earlier_of_series(ctx.mentions, trig, date_start, date_end)
            if not participants:
                trig = replace(trig, anaphoric=True)
    if kind == "call":
        location, country = None, None
    if location is not None:
        place = gazetteer().lookup(location)
        if place is not None:
            country = place.country
    lead = len(sent.text) - len(sent.text.lstrip())
    ev_start = max(sent.start + lead, ctx.dateline.end)
    ev_end = sent.end - (len(sent.text) - len(sent.text.rstrip()))
    return Mention(
        doc_id=ctx.doc_id, kind=kind, mode=mode, status=status, participants=participants,
        initiator=initiator if initiator in participants else None,
        location=location, country=country,
        date_start=date_start, date_end=date_end,
        date_precision=precision if date_start else "unknown", topics=topics,
        evidence=text[ev_start:ev_end], evidence_start=ev_start, evidence_end=ev_end,
        trigger=trig.text, trigger_start=trig.start, trigger_end=trig.end,
        date_text=date.text if date else None, anaphoric=trig.anaphoric,
        participant_countries=countries, partial=partial,
        filed_from=ctx.dateline.place, published=ctx.published, news_day=ctx.news_day,
    )


def _earlier_of_series(earlier: Sequence[Mention], trig: _Trigger, date_start: dt.date | None,
                       date_end: dt.date | None) -> list[str]:
    """The body whose summit the story named last, when an unnamed summit is dated apart
    from it: "on the eve of a crucial EU summit in Brussels ... compared with the
    fractious summit in June" is the body's previous summit, not a reference back. A
    summit with a name of its own ("the International Conference on ...") is not."""
    if date_start is None or date_end is None or not trig.text.islower():
        return []
    last = next((m for m in reversed(earlier) if m.kind == "summit" and not m.anaphoric
                 and m.participants), None)
    if last is None or last.date_start is None or last.date_end is None or \
            not all(organisations().get(p, ("", ""))[0] == p for p in last.participants):
        return []
    if date_end >= last.date_start and last.date_end >= date_start:
        return []
    return list(last.participants)


# Words that may stand between two hosts a guest meets one after the other: "met NATO
# Secretary General X as well as European Parliament President Y".
_HOST_LINKS = frozenset({"and", "as", "well", "of", "the", "for", "state", "affairs"})
_JOINT = re.compile(r"\b(?:jointly|together|joint|trilateral|three-way|tripartite|"
                    r"three-party|all three)\b", re.I)


_WITH_AGAIN = re.compile(r",?\s+(?:as well as|and also|and then)\s+with\s")
_LOWER_WORD = re.compile(r"\b[a-z][\w'-]*")


def _split_hosts(text: str, trig: _Trigger, mention: Mention,
                 actors: Sequence[ActorMention], earlier: Sequence[Mention]) -> list[Mention]:
    """ "Chinese President Hu Jintao and Premier Wen Jiabao are to meet with Bush", "met
    NATO Secretary General Scheffer as well as European Parliament President Borrell": a
    guest who meets office-holders, each named with a title of their own, meets each of
    them; one meeting per host, unless the text says they met together."""
    if mention.kind != "meeting" or trig.pos != "verb" or trig.family != "meet" or \
            mention.anaphoric or mention.partial or len(mention.participants) < 3:
        return [mention]
    again = _WITH_AGAIN.search(text, trig.end, mention.evidence_end)
    if again is not None:
        # "met with Gonzalez's lawyer ..., as well as with Elian's two grandmothers": two
        # meetings, one per "with".
        where = {a.name: a.start for a in actors}
        first = [p for p in mention.participants if trig.end < where.get(p, -1) < again.start()]
        second = [p for p in mention.participants if where.get(p, -1) >= again.end()]
        guests = [p for p in mention.participants if p not in first and p not in second]
        if first and second and len(guests) == 1:
            return [replace(mention, participants=guests + side,
                            participant_countries={p: c for p, c in
                                                   mention.participant_countries.items()
                                                   if p in guests + side})
                    for side in (first, second)]
    people = {a.name: a for a in actors if a.kind == "person" and not a.reports_only}
    named = [people[p] for p in mention.participants if p in people]
    # The hosts are the objects ("Bush and Rice met with al-Maliki" is one meeting of
    # three), or subjects who are the leaders of the country the guest is visiting ("Hu
    # and Wen are to meet Bush" during his visit to China).
    hosts = [a for a in named if a.start >= trig.end]
    if len(hosts) < 2:
        hosts = [a for a in named if a.end <= trig.start]
        guest = [p for p in mention.participants if p not in {h.name for h in hosts}]
        visited = mention.country or next(
            (m.country for m in reversed(earlier) if m.country and guest
             and guest[0] in m.participants and not m.partial), None)
        if visited is None or {a.country for a in hosts if a.country} != {visited}:
            return [mention]
    guests = [p for p in mention.participants if p not in {h.name for h in hosts}]
    if len(hosts) < 2 or len(guests) != 1 or any(h.title is None for h in hosts):
        return [mention]
    hosts = sorted(hosts, key=lambda a: a.start)
    for a, b in zip(hosts, hosts[1:], strict=False):
        words = _LOWER_WORD.findall(text[a.end:b.start])
        if not words or any(w not in _HOST_LINKS and w not in TITLE_WORDS for w in words):
            return [mention]
    if _JOINT.search(mention.evidence):
        return [mention]
    return [replace(mention, participants=[guests[0], h.name],
                    participant_countries={p: c for p, c in
                                           mention.participant_countries.items()
                                           if p in {guests[0], h.name}})
            for h in hosts]


_GATHERS = re.compile(r"[^.;]{0,60}?\b(?:brings? together|brought together|gather(?:s|ed)|"
                      r"(?:is|was|will be) attended by|groups?)\s+(?:the\s+)?(?:\w+\s+)?"
                      r"(?:leaders|heads|members|representatives|ministers|[A-Z])")


_ANOTHER_VERB = re.compile(r"\b(?:and|but)\s+(?:also\s+|later\s+|then\s+)?"
                           r"(?:criticis|criticiz|accus|blam|condemn|prais|thank|urg|"
                           r"attack|warn|invit|congratulat|welcom|reject|den)"
                           r"(?:ed|es|s)\b")
# Every match starts with "and" or "but" (tests/test_extraction.py proves it): two
# str.find scans of the window say where to try it, where a guard of its 17 verbs took
# 17 scans.
_ANOTHER_VERB_PREFIXES = ("and", "but")


_BETWEEN_AHEAD = re.compile(r"\s+between\s")
_CALL_FROM = re.compile(r"\bcall\s+from\s+(?:\w+\s+){0,6}?$")
_FROM_AHEAD = re.compile(r"^\s+from\b")


def _participants(text: str, trig: _Trigger, actors: Sequence[ActorMention],
                  earlier: Sequence[Mention], seg_start: int
                  ) -> tuple[list[str], dict[str, str], str | None]:
    """Who takes part: named actors of the clause, minus those who only report on it."""
    names: list[str] = []
    countries: dict[str, str] = {}
    subject: str | None = None
    speakers = _speakers(text, actors)
    named = {a.name for a in actors if a.kind in {"person", "organisation", "group"}
             and not a.reports_only}
    if trig.pos == "noun" and _BETWEEN_AHEAD.match(text[trig.end:trig.end + 10]):
        # "Gujral helped end a freeze on talks between India and Pakistan": the sides are
        # the ones the noun names.
        actors = [a for a in actors if a.start > trig.end]
    for a in actors:
        if a.reports_only or a.kind in {"city", "role"}:
            continue
        if a.kind == "pronoun":
            if a.name == "they" and len(named) < 2:
                antecedent = next((m for m in reversed(earlier)
                                   if len(m.participants) >= 2 and not m.anaphoric
                                   and not m.partial), None)
                if antecedent is not None and a.start < trig.end + 40:
                    sides = antecedent.participants
                    if _unnamed_groups(text, trig, actors):
                        # "... during which they held talks with town leaders": with a
                        # counterpart of its own, "they" is one side, the party the
                        # earlier encounter was about (its guest, else its subject).
                        sides = [antecedent.initiator or antecedent.participants[0]]
                    for p in sides:
                        if p not in names:
                            names.append(p)
                            if p in antecedent.participant_countries:
                                countries[p] = antecedent.participant_countries[p]
            continue
        if a.kind == "country" and (_is_place_phrase(text, a) or _is_attributive(text, a)
                                    or _is_destination(text, a)):
            continue
        if a.kind == "organisation" and text[a.end:a.end + 2] in {"'s", "’s"} and \
                not a.end < trig.start < a.end + 60 and not {
                    w.lower() for w in text[a.end + 2:a.end + 40].split()[:3]} & (
                    TITLE_WORDS | {"heads", "leaders", "ministers", "members"}):
            continue  # "breaking the EU's budget deadlock": what is the body's, not the body
        if a.start > trig.end and has_prefixed_match(_ANOTHER_VERB, _ANOTHER_VERB_PREFIXES,
                                                     text, trig.end, a.start):
            continue  # "opened peace talks and criticised Kulikov": the other verb's object
        if _is_from_phrase(text, a, trig):
            continue
        if a.name not in names:
            names.append(a.name)
            if a.country:
                countries[a.name] = a.country
        if subject is None and a.start < trig.start:
            subject = a.name
    # The speaker of "X said that Y met Z" is not a participant; the speaker of
    # "X said after meeting Z" is.
    reporting = _reported_speakers(text, trig, speakers, actors)
    before_speech = {n for n in reporting if speakers[n] > trig.start}
    others = [n for n in names if n not in reporting]
    if len(others) >= 2 or not before_speech:
        names = [n for n in names if n not in reporting or
                 n in before_speech and len(others) < 2]
        if subject not in names:
            subject = None
    # A country stands for its government only when no one is named: "talks between
    # India and Pakistan", but not "Olmert's visit to Jordan for talks with the King".
    # So does an office the document never fills ("Peru's ambassador to Japan"): beside
    # two named people, or one of its own country, it is most likely one of them.
    offices = {a.name for a in actors if a.kind == "office"}
    person_countries = {countries[n] for n in names if n in countries and n != countries[n]
                        and n not in offices}
    people = [n for n in names if n not in offices and (
        n in countries and countries[n] != n or n not in countries)]
    names = [n for n in names if not ((n in countries and countries[n] == n or n in offices)
                                      and (countries.get(n) in person_countries
                                           or len(people) >= 2))]
    # So does an organisation: "talks between NATO Secretary General Solana and Primakov"
    # are the two men's, "U.N. Secretary-General Kofi Annan" is one party, not two.
    bodies = {a.name for a in actors if a.kind == "organisation"}
    if sum(1 for a in actors if a.kind == "person" and a.name in names) >= 2:
        names = [n for n in names if n not in bodies]
    for group in _unnamed_groups(text, trig, actors):
        if group not in names:
            names.append(group)
    home = {countries.get(n) for n in names}
    if trig.family != "summit" and len(names) == 2 and len(home) == 1 and None not in home \
            and not any(countries[n] == n for n in names):
        # "Czech President Klaus and Czech Prime Minister Paroubek": a government meeting
        # itself is not an engagement.
        return [], {}, None
    initiator = None
    if subject in names:
        before = text[seg_start:trig.start]
        if trig.family in {"call", "visit"} or _TRAVEL.search(before):
            initiator = subject
    if trig.family == "call":
        caller = _CALL_FROM.search(text[trig.start:trig.end + 1])
        if caller is None:
            after = text[trig.end:trig.end + 90]
            if _FROM_AHEAD.match(after):
                initiator = next((a.name for a in actors if a.start > trig.end
                                  and a.name in names), initiator)
    return names, countries, initiator


# Groups the text names by what they are, not by country or body: "talks with town
# leaders", "meeting including aboriginal groups", "a first ministers' meeting".
_GROUP_HEADS = r"(?:leaders|officials|ministers|groups|representatives|negotiators|elders)"
_UNNAMED_GROUP_AFTER = re.compile(r"\s+(?:with|including)\s+((?:[a-z]+\s+){0,2}?"
                                  + _GROUP_HEADS + r")\b(?!\s+of\b)")
_UNNAMED_GROUP_BEFORE = Guarded(re.compile(r"(?<=\s)([a-z]+\s+" + _GROUP_HEADS
                                            + r")['’]\s+(?:[a-z]+\s+)?$"),
                                 ("leaders", "officials", "ministers", "groups",
                                  "representatives", "negotiators", "elders"))
_IN_PLACE = re.compile(r"\s+in\s+([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)")
_GROUP_HEAD = re.compile(_GROUP_HEADS)
_OF_A_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_ACRONYM_IN_SENTENCE = re.compile(r"\b[A-Z]{2,}\b[^.]*$")
# Words that make a group a number, a part or a reference, not a group of its own kind.
_NOT_GROUP_WORDS = frozenset({"two", "three", "four", "other", "some", "many", "several",
                              "both", "all", "their", "its", "his", "her", "the", "these",
                              "those", "our", "your", "my", "own", "a", "an", "such",
                              "various", "fellow", "opposition"})


def _unnamed_groups(text: str, trig: _Trigger, actors: Sequence[ActorMention]) -> list[str]:
    """Groups the encounter's noun or verb names by their kind, written as the text does
    ("town leaders", "senior political officials"), when no demonym or body says whose."""
    found = []
    after = _UNNAMED_GROUP_AFTER.match(text, trig.end)
    if after is not None:
        end = after.end(1)
        where = _IN_PLACE.match(text, end)
        if where is not None and gazetteer().lookup(where.group(1)) is not None:
            end = where.end()  # "senior political officials in Italy": whose, in full
        found.append((after.start(1), end))
    if trig.pos == "noun":
        before = _UNNAMED_GROUP_BEFORE.search(text, max(0, trig.start - 40), trig.start)
        if before is not None:
            found.append(before.span(1))
    out = []
    for a, b in found:
        words = text[a:b].split()
        head = next(k for k, w in enumerate(words) if _GROUP_HEAD.fullmatch(w))
        before = text[max(0, a - 30):a].split()
        if before and (before[-1][:1].isupper() or before[-1][-1] in "')’"
                       or before[-1].endswith(("'s", "’s"))):
            continue  # "the APEC economic leaders'", "the group's defense ministers'"
        if b < trig.start and (
                _OF_A_NAME.match(text[trig.end:trig.end + 12])
                or _ACRONYM_IN_SENTENCE.search(text[max(0, a - 150):a])):
            # "the foreign ministers' meeting of the Community of ...", "APEC ... paving
            # the way for the economic leaders' meeting": the body's.
            continue
        if any(w in _NOT_GROUP_WORDS for w in words) or any(
                x.end >= a - 2 and x.start < a + len(" ".join(words[:head + 1]))
                for x in actors):
            continue  # "their officials"; "APEC leaders", "Zambian officials": whose
        out.append(" ".join(words))
    return out

def _put_first(names: list[str], countries: dict[str, str], actor: ActorMention) -> None:
    """A subject found by a rule below leads the participants, with its country if known."""
    names.insert(0, actor.name)
    if actor.country:
        countries[actor.name] = actor.country



_HIS_OR_HER_BEFORE = Guarded(re.compile(r"\b(?:[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){0,2}$"),
                              ("his", "His", "her", "Her"))


def _add_pronoun_subject(ctx: _Context, text: str, trig: _Trigger, seg_start: int,
                         actors: Sequence[ActorMention], names: list[str],
                         countries: dict[str, str],
                         sentence_actors: Sequence[ActorMention] = ()) -> None:
    """ "he met X", "her meeting with X", "his talks with X": the story's last subject, or
    the speaker of "Hashimoto said ... that he hoped to visit Fujimori"."""
    briefing = _BRIEFING.search(text, seg_start, trig.start) if trig.pos == "noun" else None
    if briefing is not None:
        heard = [a.name for a in actors if briefing.start("heard") <= a.start
                 < briefing.end("heard")]
        names[:] = [n for n in names if n not in heard]
        speakers = _speakers(text, sentence_actors)
        briefer = next((a for a in reversed(sentence_actors) if a.end <= briefing.start()
                        and a.kind == "person" and a.name not in speakers
                        and not a.reports_only), None)
        if briefer is not None and briefer.name not in names:
            _put_first(names, countries, briefer)
        if briefer is not None:
            return
    person = ctx.last_subject
    pronouns = [a for a in actors if a.kind == "pronoun" and a.name in {"he", "she"}
                and a.start < trig.start and not _is_place_phrase(text, a)]
    if pronouns:
        speakers = _speakers(text, sentence_actors)
        speaker = next((a for a in reversed(sentence_actors) if a.kind == "person"
                        and a.name in speakers and speakers[a.name] <= pronouns[0].start),
                       None)
        person = speaker or person
    if person is None or person.name in names:
        return
    before = text[seg_start:trig.start]
    pronoun = bool(pronouns)
    # "His final meeting ... saw him with Chirac and Merkel": the possessor takes part
    # however many others the clause names.
    possessive = trig.pos == "noun" and _HIS_OR_HER_BEFORE.search(before)
    subject = next((a for a in sentence_actors if a.kind in {"person", "pronoun"}), None)
    if possessive and not pronoun and subject is not None and subject.kind == "person" \
            and subject.name in names and subject.start < trig.start:
        return  # "Merkel chose France as destination of her first trip": her is Merkel
    if pronoun and len(names) < 2 or possessive:
        _put_first(names, countries, person)


_COORDINATED_VERB = re.compile(r"\band\s+(?:(?:was|were|is|are|has|have|had|then|later|also|"
                               r"to|will|would)\s+){0,3}$")


def _add_shared_subject(ctx: _Context, text: str, trig: _Trigger,
                        triggers: Sequence[_Trigger], actors: Sequence[ActorMention],
                        names: list[str], countries: dict[str, str]) -> None:
    """ "he visited the NATO headquarters and met Scheffer", "was given an audience with
    the pope and was then to meet Bertone": coordinated verbs share their subject."""
    if trig.pos != "verb":
        return
    earlier = [t for t in triggers if t.end <= trig.start]
    if not earlier or not _COORDINATED_VERB.search(text, earlier[-1].end, trig.start):
        return
    first = earlier[-1]
    subject = next((a for a in reversed(actors) if a.start < first.start and a.kind in {
                    "person", "pronoun"} and not a.reports_only), None)
    if subject is not None and subject.kind == "pronoun":
        subject = ctx.last_subject if subject.name in {"he", "she"} else None
    if subject is None or subject.name in names:
        return
    _put_first(names, countries, subject)


_RELATIVE_WHO = Guarded(re.compile(r",\s+who\s+(?:(?:had|has|have|also|later|then|was|were)"
                                    r"\s+){0,2}$"), ("who",))


def _add_relative_subject(text: str, trig: _Trigger, actors: Sequence[ActorMention],
                          names: list[str], countries: dict[str, str]) -> None:
    """ "talks with envoy Dennis Ross, who met with Israeli leaders": the person a relative
    clause hangs on is the subject of its verb."""
    if trig.pos != "verb":
        return
    who = _RELATIVE_WHO.search(text, max(0, trig.start - 40), trig.start)
    if who is None:
        return
    person = next((a for a in actors if a.kind == "person" and a.end == who.start()
                   and not a.reports_only), None)
    if person is None or person.name in names:
        return
    _put_first(names, countries, person)


# "... when four leaders of Egypt, Jordan, Israel and the Palestinian territories met.
# The four leaders were Egyptian President Hosni Mubarak, ...": the next sentence names them.
_MEMBERS_NEXT = re.compile(r"\s*(?:The|These|Those|Its)\s+(?:[\w-]+\s+){0,2}(?:leaders|"
                           r"participants|heads of state|presidents|ministers)\s+"
                           r"(?:were|are|included|include|will be)\s")


def _add_listed_members(text: str, sent: Sentence, names: list[str],
                        countries: dict[str, str]) -> None:
    """The people a following sentence lists as the encounter's members take the place of
    the countries this one names."""
    if not names or any(countries.get(n) != n for n in names):
        return
    listed = _MEMBERS_NEXT.match(text, sent.end, sent.end + 120)
    if listed is None:
        return
    stop = text.find(".", listed.end())
    people = titled_names(text, listed.end(), stop if stop > 0 else len(text))
    if len(people) < 2:
        return
    names[:] = [p.name for p in people]
    for p in people:
        if p.country:
            countries[p.name] = p.country


# "He eased travel restrictions before holding talks with Khan": a gerund adjunct's
# subject is the main clause's.
_GERUND_ADJUNCT = Guarded(re.compile(r"\b(?:before|after|while|when|by|upon)\s+(?:holding|"
                                      r"having|conducting|starting|opening|beginning)\s+"
                                      r"(?:\w+\s+){0,2}$"),
                           ("holding", "having", "conducting", "starting", "opening",
                            "beginning"))


def _add_adjunct_subject(ctx: _Context, text: str, sent: Sentence, trig: _Trigger,
                         actors: Sequence[ActorMention], names: list[str],
                         countries: dict[str, str]) -> None:
    """ "He also eased travel restrictions before holding talks with Gohar Ayub Khan": the
    sentence's subject holds the talks its adjunct names."""
    if len(names) >= 2 or not _GERUND_ADJUNCT.search(text, max(sent.start, trig.start - 40),
                                                     trig.start):
        return
    subject = next((a for a in actors if a.kind in {"person", "pronoun"}), None)
    if subject is None or subject.start >= trig.start or subject.reports_only:
        return
    if subject.kind == "pronoun":
        # The story's last subject, else the last person it introduced before the sentence.
        subject = (ctx.last_subject or max(
            (p for p in ctx.people.people.values() if p.start < sent.start),
            key=lambda p: p.start, default=None)) if subject.name in {"he", "she"} else None
    if subject is None or subject.name in names:
        return
    _put_first(names, countries, subject)


# "King Hussein was expected to brief Arafat on his talks with Clinton": the one briefed
# hears about the talks; the possessor is the one who briefs.
_BRIEFING = Guarded(re.compile(r"\b(?:brief|briefs|briefed|briefing|inform|informs|informed|"
                                r"informing|tell|tells|told|update|updates|updated)\s+"
                                r"(?P<heard>[^,;]{1,60}?)\s+(?:on|about|of)\s+"
                                r"(?:his|her|their)\s+(?:[\w-]+\s+){0,2}$"),
                     ("brief", "inform", "tell", "told", "update"))


_ATTENDANCE = Guarded(re.compile(r"\b(?:attend(?:s|ed|ing)?|participat(?:e|es|ed|ing)\s+in|"
                                  r"t(?:ake|akes|ook|aking)\s+part\s+in|"
                                  r"(?:open|clos|chair|address)(?:s|ed|ing)?)\s+(?:the\s+)?"
                                  r"(?:[\w.'()-]+\s+){0,8}?$"),
                       ("attend", "part", "open", "clos", "chair", "address"))


def _add_attendee(ctx: _Context, text: str, sent: Sentence, trig: _Trigger,
                  actors: Sequence[ActorMention], names: list[str],
                  countries: dict[str, str]) -> bool:
    """ "Bush attended the APEC forum", "he took part in the summit": who attends a
    summit, conference or forum takes part in it, however far the verb's subject stands
    from the noun ("He visited Japan and attended the ... forum").

    Returns whether the trigger is the object of such a verb.
    """
    if trig.family != "summit":
        return False
    verb = _ATTENDANCE.search(text, sent.start, trig.start)
    if verb is None:
        return False
    subject = next((a for a in reversed(actors) if sent.start <= a.start < verb.start()
                    and a.kind in {"person", "pronoun"} and not a.reports_only), None)
    if subject is not None and subject.kind == "pronoun":
        subject = ctx.last_subject if subject.name in {"he", "she"} else None
    if subject is not None and subject.name not in names:
        _put_first(names, countries, subject)
    return True


_OPENING_ADJUNCT = re.compile(r"(?:At|During|On the sidelines of|In|After|Following)\b"
                              r"[^,;]*$")


def _add_speaker_at(text: str, sent: Sentence, trig: _Trigger, actors: Sequence[ActorMention],
                    names: list[str], countries: dict[str, str]) -> None:
    """ "At an EU foreign ministers' meeting on Monday, Straw said ...": whoever speaks at
    an encounter the sentence opens with is one of its participants."""
    if trig.pos != "noun" or not _OPENING_ADJUNCT.match(text[sent.start:trig.start]):
        return
    comma = text.find(",", trig.end, sent.end)
    if comma < 0:
        return
    speakers = _speakers(text, actors)
    speaker = next((a for a in actors if a.start > comma and a.kind == "person"
                    and a.name in speakers and not a.reports_only), None)
    if speaker is not None and speaker.name not in names:
        names.append(speaker.name)
        if speaker.country:
            countries[speaker.name] = speaker.country


# "Wen proposed at the entrepreneurs' conference that ...", "Li told Millon at the start of
# their meeting": a speech made at an encounter the story has reported. Not "said at a
# conference on geological work": an indefinite one is often a domestic occasion.
_SPOKE_AT = re.compile(r"\s+(?:said|told|proposed|stressed|noted|announced|urged|"
                       r"declared|pledged|called)\s+(?:\w+\s+){0,2}?at\s+(?:the|their|"
                       r"this|that)\s+(?:[\w'’-]+\s+){0,3}$")


def _add_speaker_there(text: str, sent: Sentence, trig: _Trigger,
                       actors: Sequence[ActorMention], names: list[str],
                       countries: dict[str, str]) -> None:
    """ "X proposed at the conference that ...": who speaks at an encounter takes part in
    it, a back-reference too (as who attends or opens it does)."""
    if trig.pos != "noun" or trig.family not in {"summit", "meet"}:
        return
    speaker = next((a for a in reversed(actors) if sent.start <= a.end <= trig.start
                    and a.kind == "person" and not a.reports_only
                    and _SPOKE_AT.fullmatch(text, a.end, trig.start)), None)
    if speaker is not None and speaker.name not in names:
        names.append(speaker.name)
        if speaker.country:
            countries[speaker.name] = speaker.country


def _speakers(text: str, actors: Sequence[ActorMention]) -> dict[str, int]:
    """Actors followed (after an optional appositive) by a reporting verb, or quoted: each
    with where its speech verb (or, for "said X", the name) ends."""
    out: dict[str, int] = {}
    for a in actors:
        verb_end, inverted = _speech_ends(text, a.start, a.end)
        if verb_end is not None:
            out.setdefault(a.name, verb_end)
        if inverted:
            out.setdefault(a.name, a.end)
    return out


_ASIDE_AFTER = re.compile(r"^,[^,]{0,70},")
_SPEECH_WORD = re.compile(r"\s*(?:has |had |also |later |on \w+ )?([A-Za-z]+)")
_SAID_BEFORE = Guarded(re.compile(r"\b(?:said|[Aa]ccording to|quoted|told)\s+(?:the\s+)?"
                                   r"(?:\w+\s+){0,2}$"),
                        ("said", "ccording to", "quoted", "told"))
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:\"”]|$)")


# _speakers is asked about the same actors up to three times per trigger (the clause's,
# the sentence's, the speaker-at check); the answer depends only on the text and the
# actor's offsets, so it is kept. Keyed by the text itself (its hash is cached by str).
@lru_cache(maxsize=4096)
def _speech_ends(text: str, start: int, end: int) -> tuple[int | None, bool]:
    """Where the reporting verb after text[start:end] ends, and whether "said X" precedes."""
    after = text[end:end + 80]
    aside = _ASIDE_AFTER.match(after) if after[:1] == "," else None  # it starts with one
    # Matched from the aside's end, not on a copy after it: the pattern looks at nothing
    # before where it starts, so its end counts from the window's start.
    word = _SPEECH_WORD.match(after, aside.end() if aside else 0)
    verb_end = end + word.end() if word and \
        word.group(1).lower() in _REPORTING_VERBS else None
    before = text[max(0, start - 40):start]
    # "..., said Vranitzky, head of the OSCE mission": inverted, so the name ends its
    # clause; "said Russian President Vladimir Putin met Macron" names a subject.
    inverted = bool(_CLAUSE_ENDS.match(after) and _SAID_BEFORE.search(before))
    return verb_end, inverted


# "X told reporters after meeting Z", "said X, head of ..., after talks in Rome with Z": the
# encounter is a circumstance of the speaking, so the speaker took part in it.
_SPEECH_ADJUNCT = Guarded(re.compile(
    r"^(?:,[^,;]{0,120},)?\s*(?:(?:[\w'-]+\s+){0,4}?(?:after|following|before|during|upon|"
    r"at the end of|on the sidelines of|ahead of)\s+(?:(?:his|her|their|the|a|an|its)\s+)?"
    r"(?:[\w-]+\s+){0,3}$|,?\s*who\b)", re.I),
    ("after", "following", "before", "during", "upon", "at the end of", "on the sidelines of",
     "ahead of", "who"))


def _reported_speakers(text: str, trig: _Trigger, speakers: dict[str, int],
                       actors: Sequence[ActorMention]) -> set[str]:
    """The speakers who only report the trigger's encounter.

    "Ahtisaari said that he expected the direct talks ..." (the trigger is in what he
    said) and "Y met Z, X said" (when the sentence names two others) leave X out;
    "X told reporters after talks with Z" keeps him.
    """
    out: set[str] = set()
    if not speakers:
        return out  # (most clauses: then no map of where the actors start is needed)
    start = {a.name: a.start for a in actors}
    for name, anchor in speakers.items():
        if anchor <= trig.start:
            if not _SPEECH_ADJUNCT.match(text[anchor:trig.start]):
                out.add(name)
        elif start.get(name, trig.start) > trig.start:
            out.add(name)
    return out


_CITY_COMMA = re.compile(r"([A-Z][\w.'-]+(?:\s[A-Z][\w.'-]+)*),\s+$")
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|to|at|from|for|across|into|of|with|near|inside|on|against|towards?|over|by|"
    r"throughout|around|outside|within)\s+(?:the\s+)?(?:[a-z]+ern\s+)?$")


# "the leaders of Egypt, Jordan and Israel": the states whose leaders take part.
_LEADERS_OF = re.compile(r"\b(?:[Ll]eaders|heads of (?:state|government)|presidents|"
                         r"prime ministers|delegations|governments|representatives|"
                         r"counterparts|delegates|ministers)"
                         r"\s+(?:of|from)\s+(?:the\s+)?$")


def _is_place_phrase(text: str, actor: ActorMention) -> bool:
    """A country named as a place ("in Russia", "to Russia", "Busan, South Korea")."""
    before = text[max(0, actor.start - 30):actor.start]
    if _PLACE_PREPOSITION.search(before) and not _LEADERS_OF.search(before):
        return True
    # A match ends in a comma and whitespace (rstrip() strips what \s matches): without
    # them the pattern is not run.
    city = _CITY_COMMA.search(before) if before.rstrip().endswith(",") else None
    if city is None:
        return False
    # "Busan, South Korea" places a city; "Cambodia, Laos, Myanmar" lists countries.
    place = gazetteer().lookup(city.group(1))
    return place is not None and place.kind == "city"


# "U.S. dollars", "Israeli troops": a country naming what belongs to it is no party.
_ATTRIBUTIVE_NOUNS = re.compile(
    r"^\s+(?:dollars?|euros?|yuan|yen|troops|forces|soldiers|military|army|navy|economy|"
    r"market|markets|companies|firms|embassy|citizens|nationals|border|territory|soil|"
    r"tour|trip|leg|strategy|policy|policies|war|issue|question|crisis|situation|problem|"
    r"conflict|file|programme|program|reconstruction|study|studies|peace process)\b", re.I)


def _is_attributive(text: str, actor: ActorMention) -> bool:
    return _ATTRIBUTIVE_NOUNS.match(text[actor.end:actor.end + 20]) is not None


_VISITED_BEFORE = Guarded(re.compile(r"\bvisit(?:s|ed|ing)?\s+(?:[A-Z][\w.'-]*\s+(?:and|,)\s+"
                                      r"(?:the\s+)?)?(?:the\s+)?$"), ("visit",))


def _is_destination(text: str, actor: ActorMention) -> bool:
    """ "He visited Japan and the Republic of Korea": the places of a visit, not parties."""
    before = text[max(0, actor.start - 60):actor.start]
    return _VISITED_BEFORE.search(before) is not None


_MEMBERS_FROM = re.compile(r"\b(?:leaders|counterparts|delegates|delegations|representatives|"
                           r"ministers|officials|heads of (?:state|government))\s+from\s+"
                           r"(?:the\s+)?$", re.I)


_FROM_BEFORE = Guarded(re.compile(r"\b(?:from|against|without|despite)\s+(?:\w+\s+){0,3}$"),
                        ("from", "against", "without", "despite"))


def _is_from_phrase(text: str, actor: ActorMention, trig: _Trigger) -> bool:
    """ "distance itself from X", "support from X": not the trigger's counterpart, except a
    call from X."""
    before = text[max(0, actor.start - 25):actor.start]
    if not _FROM_BEFORE.search(before):
        return False
    if _MEMBERS_FROM.search(text, max(0, actor.start - 40), actor.start):
        return False  # "Leaders from Brunei", "their counterparts from China": who they are
    return not (trig.family == "call" and actor.start > trig.end)


_PLACE_LEAD = re.compile(
    r"\b(?:in|at|inside|near|into)\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,3}?"
    r"(?:(?:capital|city|resort|port|town|village|province|region)(?:\s+of)?,?\s+)?$", re.I)
_PLACE_LEAD_PREFIXES = literal_prefixes(("in", "at", "inside", "near", "into"))
_VISIT_LEAD = re.compile(r"\bto\s+(?:the\s+)?$", re.I)
# "interest in Iraq", "diplomats based in Washington"; and the area a body's name gives,
# which is not the encounter's place: "the Interim United Nations Force in Lebanon", "the
# Organization for Security and Co-operation in Europe", "the UN Mission in Kosovo". (A
# seat is: "the UN Human Rights Commission in Geneva".)
_NOT_A_PLACE_LEAD = Guarded(re.compile(
    r"\b(?:interest|role|part|support|faith|confidence|Force|Mission|Co-?operation|"
    r"Security|based|stationed|headquartered|resident|residing|living|born)\s+in\s+$"),
    ("interest", "role", "part", "support", "faith", "confidence", "Force", "Mission",
     "operation", "Security", "based", "stationed", "headquartered", "resid", "living",
     "born"))


_HERE = Guarded(re.compile(r"\bhere\b"), ("here",))


def _venue(text: str, trig: _Trigger, start: int, end: int,
           actors: Sequence[ActorMention], line: Dateline
           ) -> tuple[str | None, str | None]:
    """Where it is held: a city after "in"/"at" in the clause, "here" = the dateline city."""
    gaz = gazetteer()
    best: tuple[int, str | None, str | None] | None = None
    for a in actors:
        if not (start <= a.start < end) or a.kind not in {"city", "country"}:
            continue
        before = text[max(start, a.start - 45):a.start]
        # On ASCII, the IGNORECASE pattern matches the lower-cased window where it matches
        # the window, and only where one of its (lower-case) words starts: so it is tried
        # there only, not at every character (tests/test_extraction.py proves the prefixes).
        lead = has_prefixed_match(_PLACE_LEAD, _PLACE_LEAD_PREFIXES, before.lower()) \
            if before.isascii() else _PLACE_LEAD.search(before) is not None
        placed = lead and not _NOT_A_PLACE_LEAD.search(before)
        # "visit to Moscow", "travel to Russia": the destination is the venue too.
        if not placed and not (trig.family == "visit" and _VISIT_LEAD.search(before)) and \
                not _names_the_event(text, trig, a):
            continue
        distance = abs(a.start - trig.start)
        if a.kind == "city":
            place = gaz.lookup(text[a.start:a.end])
            candidate = (distance, gaz.city_name(text[a.start:a.end]),
                         place.country if place else a.country)
        else:
            # A city beats a country, unless the country is a city ("at the Vatican").
            city = gaz.city_state(a.name)
            candidate = (distance + (0 if city else 10_000), city, a.name)
        if best is None or candidate[0] < best[0]:
            best = candidate
    if best is not None:
        return best[1], best[2]
    host = _host_country(text, trig, start, end, actors)
    if host is not None:
        return None, host
    if line.place is not None and _HERE.search(text[start:end]):
        return line.place.name, line.place.country
    return None, None


# "the Sharm el-Sheikh Summit", "the Hanoi APEC meeting": a city in an event's name is
# its venue. Not one joined by a hyphen: "the Beijing-Washington talks" are between them.
_NAME_WORDS = re.compile(r"(?:\s+(?:[A-Z][\w.'-]*|\([A-Z][\w.-]*\)))*\s+")


def _names_the_event(text: str, trig: _Trigger, a: ActorMention) -> bool:
    return trig.pos == "noun" and a.kind == "city" and a.end <= trig.start and \
        text[a.start - 1:a.start] != "-" and text[a.end:a.end + 1] != "-" and \
        _NAME_WORDS.fullmatch(text, a.end, trig.start) is not None


# "Nigeria is to host a summit", "a summit hosted by Nigeria": the host holds it at home.
_HOST_BEFORE = re.compile(
    r"\s+(?:(?:is|was|will|would|has|had|to|set|due|agreed|offered|expected|plans?)\s+)*"
    r"host(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|this\s+|next\s+)?(?:[\w'-]+\s+){0,4}")
_HOST_AFTER = re.compile(r"\s+(?:to be\s+)?hosted by\s+(?:the\s+)?")


def _host_country(text: str, trig: _Trigger, start: int, end: int,
                  actors: Sequence[ActorMention]) -> str | None:
    for a in actors:
        if a.kind != "country" or not (start <= a.start < end):
            continue
        if a.end <= trig.start and _HOST_BEFORE.fullmatch(text, a.end, trig.start):
            return a.name
        if a.start >= trig.end and _HOST_AFTER.fullmatch(text, trig.end, a.start):
            return a.name
    return None


_DEMONYM_CAPITAL = Guarded(re.compile(r"\b(?:in|at|to)\s+the\s+([A-Z][\w-]+)\s+capital\b"
                                       r"(?!,?\s+[A-Z])"), ("capital",))
_CITY_REFERENCE = Guarded(re.compile(r"\b(?:in|at|to)\s+the\s+(?:[a-z-]+\s+)?(?:city|town|"
                                      r"port)\b(?!\s+of\b|,?\s+[A-Z])"),
                           ("city", "town", "port"))


def _city_reference(text: str, start: int, end: int, last_city: Place | None
                    ) -> tuple[str | None, str | None]:
    """A city named by description: "in the Italian capital" is Rome; "arrived in the port
    city", "a visit to the town" is the city the story last named."""
    gaz = gazetteer()
    capital = _DEMONYM_CAPITAL.search(text, start, end)
    if capital is not None:
        country = gaz.country_of_demonym(capital.group(1))
        city = next((c for c, k in gaz.capitals.items() if k == country), None) \
            if country else None
        if city is not None:
            return gaz.city_name(city) or city, country
    if last_city is not None and last_city.kind == "city" and \
            _CITY_REFERENCE.search(text, start, end):
        return last_city.name, last_city.country
    return None, None


_TOWARDS = re.compile(r"\b(?:to|in|into|for|visit(?:ed|ing|s)?)\s+(?:southern\s+|"
                      r"northern\s+|eastern\s+|western\s+)?((?:[A-Z][\w'.-]+\s?){1,3})")


def _destination(text: str, start: int, end: int) -> Place | None:
    """The place a visit goes to: "travel to Russia", "a visit to Moscow"."""
    gaz = gazetteer()
    for match in _TOWARDS.finditer(text[start:end]):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            place = gaz.lookup(" ".join(words[:size]))
            if place is not None:
                return place
    return None


_LOWER_WORDS = re.compile(r"[a-z-]+")
_BY_VIDEO = re.compile(r"\b(?:by|via|over) (?:a )?video(?:[- ]?(?:link|conference))?\b")
_IN_PERSON = re.compile(r"\b(?:in person|face[- ]to[- ]face|met|meeting)\b")
_PHONE_TALKS = re.compile(r"\b(?:phone|telephone)\s+(?:talks|conversation|discussions)")
_LEADERS_BEFORE = re.compile(r"(?:leaders|ministers|heads of state)['’]?s?\s+(?:\w+\s+)?$")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}\b[^,]{0,30}$")


def _kind_and_mode(text: str, trig: _Trigger, sent: Sentence, participants: Sequence[str],
                   actors: Sequence[ActorMention]) -> tuple[str, str]:
    window = text[max(sent.start, trig.start - 40):min(sent.end, trig.end + 40)].lower()
    # Every video word holds "video" and every phone word "phone" (and _BY_VIDEO "video"):
    # a window or clause without them has none, and is not split or searched.
    words = set(_LOWER_WORDS.findall(window)) if "video" in window or "phone" in window \
        else set()
    clause = text[trig.start:sent.end].lower()
    video = bool(words & _VIDEO_WORDS) or "video" in clause and bool(_BY_VIDEO.search(clause))
    phone = bool(words & _PHONE_WORDS)
    if trig.family == "call":
        return "call", "video" if video else "phone"
    if trig.family == "talk":
        if video:
            return "call", "video"
        if phone:
            return "call", "phone"
        if _IN_PERSON.search(window):
            return "meeting", "in_person"
        return "call", "unspecified"
    if trig.family == "meet" and phone and _PHONE_TALKS.search(window):
        return "call", "phone"
    orgs = [a for a in actors if a.kind == "organisation" and a.name in participants]
    mode = "video" if video else "in_person"
    if trig.family == "summit":
        # A "summit" of two leaders is their meeting; a summit is of three or more
        # states or of an organisation.
        # "The Sharm el-Sheikh Summit" is a summit by name, however many the clause names.
        named = trig.text[:1].isupper() and trig.start > sent.start
        # "African leaders and Chirac opened a summit": a group of leaders is many states.
        groups = [a for a in actors if a.kind == "group" and a.name in participants]
        if not orgs and not groups and len(participants) == 2 and not named:
            return "meeting", mode
        return "summit", mode
    if trig.family == "meet" and trig.pos == "noun" or trig.text.lower() == "meeting":
        before = text[max(sent.start, trig.start - 40):trig.start]
        if _LEADERS_BEFORE.search(before) or orgs and _ACRONYM_BEFORE.search(before):
            return "summit", mode
        if len(participants) >= 3 and sum(1 for p in participants
                                           if gazetteer().lookup(p) is not None) >= 3:
            return "summit", mode
    return "meeting", mode


def _date_for(text: str, trig: _Trigger, triggers: Sequence[_Trigger],
              timexes: Sequence[temporal.Timex],
              published: dt.date | None = None) -> temporal.Timex | None:
    """The date of a mention: the sentence's nearest date that no other trigger is nearer to."""
    best = None
    for t in timexes:
        if t.type != "DATE" or t.date_start is None:
            continue
        if t.date_end is not None and (t.date_end - t.date_start).days > _LONGEST_DATE_DAYS:
            continue  # "relations in the 21st century": an era, not an encounter's date
        if trig.pos == "noun" and _premodifier(text, trig, t):
            return t
        if t.precision == "year" and trig.text[:1].isupper() and \
                not text[trig.end:t.start].strip() and \
                any(o.start > t.end and o.type == "DATE" and o.date_start for o in timexes):
            continue  # "the Asia Cultural Co-operation Forum 2006 opened Wednesday": a name
        if _far_and_detached(text, trig, t, published):
            continue
        if trig.anaphoric and not _own_date(text, trig, t):
            # "The meeting seemed to clear the air clouded by the disaster Friday": a
            # back-reference is dated only by its own adjunct, the rest is another event's.
            continue
        distance = _distance(trig, t)
        if t.end <= trig.start and not _SPEECH_ADJUNCT.match(text[t.end:trig.start]) and \
                not _SAID_DURING.search(text, t.end, trig.start) and \
                not _EVE_OF.match(text[t.end:trig.start]) and (
                _SPEECH_BETWEEN.search(text, t.end, trig.start) or
                _SAID_ON.search(text, max(0, t.start - 20), t.start)):
            # "Olmert said Sunday his meeting with Abbas...", "said in August he hoped to
            # visit": the day of saying.
            continue
        if t.start >= trig.end and _SAID_ON.search(text, max(trig.end, t.start - 25), t.start):
            continue  # "... forum in Hanoi, Kyodo News reported on Wednesday": the report's day
        if _SINCE.search(text, max(0, t.start - 12), t.start):
            continue  # "since 2001": where a span starts, not when an encounter was
        if t.end <= trig.start and _BY_GERUND.search(text, max(0, trig.start - 4), trig.start):
            # "sparked hope Sunday by meeting for the first time": the day of the main
            # verb, which the story tells after the encounter ("met late Saturday").
            continue
        # (The distance first: it is the cheap test, and all of them are pure.)
        if any(other is not trig and _distance(other, t) < distance
               and not _in_name_of(text, trig, other) and not _head_of(text, trig, other)
               and not (_FOR_PURPOSE.fullmatch(text, trig.end, other.start)
                        and not _CLAUSE_WORD.search(text, other.end, max(other.end, t.start)))
               for other in triggers):
            continue
        if best is None or distance < best[0] or (
            distance == best[0] and _rank(t.precision) < _rank(best[1].precision)
        ):
            best = (distance, t)
    if best is not None and published is not None and best[1].start >= trig.end and (
            best[1].date_end < published or
            best[1].text.lower().startswith(("earlier", "last"))) and \
            _ASKED_FOR.search(text, max(0, trig.start - 40), trig.start):
        # "Reno agreed to a meeting earlier this week", "requested talks on Monday": a past
        # date after the object of a verb of asking or agreeing is when it was asked.
        return None
    return best[1] if best else None


_ASKED_FOR = Guarded(re.compile(r"\b(?:agreed to|agrees to|accepted|proposed|requested|"
                                 r"asked for|called for|sought|suggested|offered)\s+"
                                 r"(?:a|an|new|fresh|further)\s+(?:[\w-]+\s+)?$"),
                      ("agree", "accepted", "proposed", "requested", "asked for", "called for",
                       "sought", "suggested", "offered"))


# A date is the trigger's own when it is its adjunct, predicate or modifier: "talks in
# 1964", "the meeting in Shanghai in October, 2001", "consultations are planned for
# mid-September", "the visit of May 1994", "the 1994 summit".
_OWN_DATE_AFTER = re.compile(
    # the head of a compound: "the summit meetings from Dec. 10 to 13"
    r"(?:\s+(?:meetings?|talks|sessions?|consultations))?"
    # the rest of the event's name: "the first Summit of the Americas in 1994"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s*){1,3})?"
    r"\s*(?:(?:occurred|took place|opened|closed|ended|began)\s+|"
    r"(?:is|are|was|were|will be|has been|had been)\s+(?:\w+ed\s+|due\s+|set\s+)?"
    r"(?:to (?:be held|take place|start|open|begin|end|close)\s+)?(?:for\s+)?)?"
    r"(?:(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s*){1,3},?\s*)?"
    r"(?:(?:in|on|of|during|for|from)\s+)?(?:the\s+)?(?:year\s+)?")
_OWN_DATE_BEFORE = re.compile(r"^(?:['’]s)?\s+(?:[a-z-]+\s+)?$")


_LONGEST_DATE_DAYS = 3660  # a decade


# "the Nov. 18-19 Asia-Pacific Economic Cooperation (APEC) forum": a date between a
# determiner and the event's name is that event's, whatever other verb stands nearer.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|this|last|next)\s+$", re.I)
# The name may hold common words: "the Nov. 18-19 APEC economic leaders' informal meeting".
_NAME_BETWEEN = re.compile(r"\s+(?:(?:[A-Z][\w.'-]*|\([A-Z][\w.-]*\)|of|on|and|['’]s|"
                           r"(?!(?:the|a|an|to|in|at|by|for|with|from|as|is|was|will)\b)"
                           r"[a-z][\w-]*['’]?)\s+){0,6}")


# "the Beijing Summit of the Forum on China-Africa Cooperation that opened Saturday": a
# trigger word inside another's name ("Forum") is part of that event, not a rival for
# its date.
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _in_name_of(text: str, trig: _Trigger, other: _Trigger) -> bool:
    return other.start > trig.end and text[trig.start].isupper() and \
        text[other.start].isupper() and _OF_THE.fullmatch(text, trig.end, other.start) is not None


# "is to meet Putin in Moscow on Friday for talks on trade": the talks the meeting is for
# are the meeting, no rival for its date; so is the visit it is held during ("hosted
# Olmert during the latter's surprise visit to Jordan last week").
_FOR_PURPOSE = re.compile(r"(?:(?!\band\b)[^,;])*\b(?:for\s+(?:[\w-]+\s+)?|"
                          r"during\s+(?:[\w'’-]+\s+){0,3})")


# "... visit to Bratislava which will coincide with the signature on Tuesday": the date of
# another clause.
_CLAUSE_WORD = re.compile(r"\b(?:which|who|that|where|when|while|as)\b")


def _head_of(text: str, trig: _Trigger, other: _Trigger) -> bool:
    """ "the summit meetings from Dec. 10 to 13": the head noun's date is its modifier's."""
    return trig.pos == "noun" and other.pos == "noun" and other.start > trig.end and \
        not text[trig.end:other.start].strip()


def _premodifier(text: str, trig: _Trigger, t: temporal.Timex) -> bool:
    return t.end <= trig.start and t.precision in {"day", "days"} and \
        _DETERMINER_BEFORE.search(text, max(0, t.start - 8), t.start) is not None and \
        _NAME_BETWEEN.fullmatch(text, t.end, trig.start) is not None


_YEAR = dt.timedelta(days=366)


def _far_and_detached(text: str, trig: _Trigger, t: temporal.Timex,
                      published: dt.date | None) -> bool:
    """A date years from the story's day that belongs to another word of the sentence.

    News recalls history in the sentence that reports today's encounter ("the first visit
    by a defence minister since the two countries established relations in 1964", "the
    Korean War of 1950-53", "trade of 100 billion dollars by 2010"): such a date dates the
    encounter only when it is the trigger's own adjunct ("talks in 1964", "the 1994
    summit")."""
    if published is None or t.date_start is None or t.date_end is None:
        return False
    if published - _YEAR <= t.date_end and t.date_start <= published + _YEAR:
        return False
    return not _own_date(text, trig, t)


def _own_date(text: str, trig: _Trigger, t: temporal.Timex) -> bool:
    """Whether a date is the trigger's own adjunct or modifier."""
    if t.start >= trig.end:
        return _OWN_DATE_AFTER.fullmatch(text[trig.end:t.start]) is not None
    if t.end <= trig.start:
        return _OWN_DATE_BEFORE.fullmatch(text[t.end:trig.start]) is not None
    return True


def _dated(text: str, trig: _Trigger, seg_start: int, date: temporal.Timex | None
           ) -> tuple[dt.date | None, dt.date | None, str]:
    """The date's interval, stretched by a stated length: "a three-day visit" from Sunday."""
    if date is None:
        return None, None, "unknown"
    start, end, precision = date.date_start, date.date_end, date.precision
    if start == end and precision == "day" and date.end <= trig.start and \
            _EVE_OF.match(text[date.end:trig.start]):
        # "said on Wednesday on the eve of a crucial EU summit": the next day.
        return start + dt.timedelta(days=1), end + dt.timedelta(days=1), precision
    if start == end and precision == "day":
        around = text[max(seg_start, trig.start - 40):trig.end + 40]
        length = _DURATION.search(around)
        if length is not None:
            n = length.group("n").lower()
            days = _NUMBERS.get(n) or int(n)
            end = start + dt.timedelta(days=days - 1)
            precision = "days"
    return start, end, precision


_SPEECH_BETWEEN = Guarded(re.compile(r"\b(?:said|says|told|added|noted|stressed|announced)\b"),
                           ("said", "says", "told", "added", "noted", "stressed", "announced"))
_SAID_ON = Guarded(re.compile(r"\b(?:said|says|told \w+|added|noted|announced|reported)\s+"
                               r"(?:on\s+|in\s+)?$"),
                    ("said", "says", "told ", "added", "noted", "announced", "reported"))
# "In November, Zahar said during a visit to Tehran": said in the course of the visit, so
# on its day.
_SAID_DURING = Guarded(re.compile(r"\b(?:said|says|told \w+)\s+(?:during|in the course of)\s+"
                                   r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$"),
                        ("during", "in the course of"))
_EVE_OF = Guarded(re.compile(r"\s*on the eve of\s+(?:[\w'-]+\s+){0,5}$"), ("on the eve of",))
_BY_GERUND = re.compile(r"\bby\s+$")
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)

_PRECISION_RANK = {p: i for i, p in enumerate(
    ("day", "days", "part_of_month", "month", "quarter", "season", "year", "unknown"))}


def _rank(precision: str) -> int:
    return _PRECISION_RANK.get(precision, 99)


def _distance(trig: _Trigger, t: temporal.Timex) -> int:
    if t.start >= trig.end:
        return t.start - trig.end
    # A date before the trigger counts a little more: news puts dates after verbs.
    return int((trig.start - t.end) * 1.5) if t.end <= trig.start else 0


_SENTENCE_STOPS = re.compile(r"[.;!?\n]")
_AGREED_OR_SET = re.compile(r"\b(?:agreed|will|scheduled|set)\b")


def _modality(text: str, trig: _Trigger, start: int, end: int) -> str | None:
    """ "cancelled", "proposed" or "scheduled" when the trigger's own clause says so."""
    before = text[max(start, trig.start - 70):trig.start]
    if start >= trig.start and trig.pos == "verb":
        # A segment cut at the verb itself ("a visit Wednesday in which he is to meet")
        # leaves out its own auxiliaries.
        before = _SENTENCE_STOPS.split(text[max(0, trig.start - 40):trig.start])[-1]
    # Only the trigger's clause: what precedes its last comma or "and" is another verb's.
    cut = max(before.rfind(", "), before.rfind(" and "), before.rfind(" but "))
    near = before[cut + 1:] if cut >= 0 and trig.pos == "verb" else before
    after = text[trig.end:min(end, trig.end + 130)]
    cancelled = _CANCEL_AFTER.match(after)
    if cancelled is not None:
        return "scheduled" if _RESCHEDULED.match(cancelled.group("rest")) else "cancelled"
    if _CANCEL_BEFORE.search(near) or _CANCEL_NOUN.search(before):
        return "cancelled"
    if _PROPOSED_BEFORE.search(near) and not _AGREED_OR_SET.search(near[-40:]):
        return "proposed"
    if _SCHEDULED_BEFORE.search(near) or _SCHEDULED_AFTER.match(after):
        return "scheduled"
    if _FUTURE_MAIN_CLAUSE.match(after) and _CIRCUMSTANCE.search(before):
        # "During his talks with Prodi, Olmert will underline...": the encounter a future
        # main clause happens in is itself to come.
        return "scheduled"
    return None


_CIRCUMSTANCE = re.compile(r"\b(?:[Dd]uring|[Aa]t|[Ii]n)\s+(?:his|her|their|the|its)\s+"
                           r"(?:[\w-]+\s+){0,2}$")
_FUTURE_MAIN_CLAUSE = Guarded(re.compile(
    r"^[^,.;]{0,80},\s*(?:[A-Z][\w'-]*\s+){0,6}(?:\w+\s+)?(?:will|is to|are to|was to|"
    r"were to|would|is expected to|are expected to|plans to)\b"),
    ("will", "is to", "are to", "was to", "were to", "would", "expected to", "plans to"))


_FUTURE_AUXILIARY = re.compile(r"\b(?:will|to|would|be)\s+(?:have\s+)?$")


def _status(text: str, trig: _Trigger, start: int, end: int, date_start: dt.date | None,
            date_end: dt.date | None, published: dt.date | None) -> str:
    """From modality and tense near the trigger, checked against the date when known."""
    modal = _modality(text, trig, start, end)
    if modal == "cancelled":
        return modal
    if date_start is not None and published is not None:
        if date_end < published:
            return "occurred"  # a past date outweighs any modal verb nearby
        if date_start > published:
            return modal or "scheduled"
    if modal is not None:
        if trig.text.lower() in _PAST_VERBS and modal == "scheduled":
            before = text[max(start, trig.start - 25):trig.start]
            if not _FUTURE_AUXILIARY.search(before):
                return "occurred"
        return modal
    if date_start is None and trig.pos == "noun" and \
            _FUTURE_WORD.search(text, max(0, trig.start - 250), trig.end + 250) and \
            temporal.clause_tense(text, trig.start, trig.end) == "future":
        # "Leaders from ten countries will be joined by their counterparts ... for an East
        # Asian summit": the verb that governs an undated event noun from afar.
        return "scheduled"
    return "occurred"


# What a future clause holds, to look for its tense only where it can be future.
_FUTURE_WORD = Guarded(re.compile(r"\b(?:will|shall|would|is to|are to|to be|expected|"
                                   r"scheduled|due|plans?|planned|decided|until)\b"),
                        ("will", "shall", "would", "is to", "are to", "to be", "expected",
                         "scheduled", "due", "plan", "decided", "until"))


def _trim_determiner(part: str) -> str:
    """``_TOPIC_TRIM.sub("", part)``: its "^" matches at the start only, so one match()
    does what sub() does with a search over every position."""
    found = _TOPIC_TRIM.match(part)
    return part[found.end():] if found else part


def _topics(text: str, start: int, end: int, trig: _Trigger) -> tuple[list[str],
                                                                       list[tuple[int, int]]]:
    """What they discussed, in the text's words: "discussed X, Y and Z", "talks on X"."""
    topics: list[str] = []
    spans: list[tuple[int, int]] = []
    clause = text[start:end]
    lower = clause.lower()
    # On ASCII, IGNORECASE matches a character as it matches its lower case, so the
    # pattern matches the lower-cased clause where it matches the clause (only the ends
    # of the matches are used). Elsewhere lower() may fold more, or change lengths.
    leads = find_prefixed(_TOPIC_LEAD.pattern, _TOPIC_PREFIXES, lower) if clause.isascii() \
        else _TOPIC_LEAD.finditer(clause)
    for lead in leads:
        rest_start = start + lead.end()
        rest = text[rest_start:end]
        stop = _TOPIC_STOP.search(rest)
        phrase = rest[:stop.start()] if stop else rest
        if not phrase.strip() or len(phrase) > 200:
            continue
        spans.append((rest_start, rest_start + len(phrase)))
        for part in _TOPIC_SPLIT.split(phrase):
            part = _trim_determiner(_trim_determiner(part.strip(" ,")))
            if 2 < len(part) <= 80 and part.lower() not in {t.lower() for t in topics} \
                    and not _PRONOUN_TOPIC.match(part):
                topics.append(part)
    return topics, spans
