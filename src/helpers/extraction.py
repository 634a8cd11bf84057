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
participant, is news grammar that this module spells out, one rule per function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from helpers import temporal
from helpers.actors import ActorMention, DocumentActors, find_actors
from helpers.language import Sentence, pipeline, sentences
from helpers.places import Place, dateline_city, gazetteer

# Trigger lexicon: lower-case word -> (kind family, part of speech).
# Families: meet, visit, call, talk (spoke/talked: a call unless in person), summit.
_TRIGGERS: dict[str, tuple[str, str]] = {
    **{w: ("meet", "verb") for w in ("meet", "meets", "met", "confer", "conferred",
                                      "convene", "convened", "convenes", "received",
                                      "receives", "hosted", "hosts", "welcomed")},
    **{w: ("meet", "noun") for w in ("meeting", "meetings", "talks", "negotiations",
                                      "discussions", "dialogue", "audience", "encounter")},
    **{w: ("visit", "verb") for w in ("visit", "visits", "visited", "visiting")},
    **{w: ("visit", "noun") for w in ("trip",)},
    **{w: ("call", "verb") for w in ("called", "phoned", "telephoned", "call", "calls")},
    **{w: ("call", "noun") for w in ("conversation", "videoconference")},
    **{w: ("talk", "verb") for w in ("spoke", "talked", "speak", "talk")},
    **{w: ("summit", "noun") for w in ("summit", "summits", "conference", "forum", "session",
                                        "consultations", "ministerial", "gathering")},
}
_PHONE_WORDS = frozenset({"phone", "telephone", "phoned", "telephoned"})
_VIDEO_WORDS = frozenset({"video", "videoconference", "video-conference", "videolink"})
_ANAPHORIC_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "such", "said"})
_GENERIC_MARKERS = frozenset({"previous", "past", "series", "frequent", "regular", "several",
                              "many", "numerous", "other", "earlier", "various", "any", "no"})

# Status markers, looked for in the trigger's clause.
_CANCELLED = re.compile(
    r"\b(?:cancel(?:l)?ed|cancel(?:l)?ing|called off|postponed|postpone|scrapped|"
    r"put off|suspended|cancellation|postponement)\b", re.I)
_PROPOSED = re.compile(
    r"\b(?:propos(?:ed|es|al|ing)|suggest(?:ed|s|ion)?|invit(?:ed|ation|es)|"
    r"offered to (?:host|hold)|could|might|may|would like|hopes? to|wants? to|"
    r"called for|urged|possible|possibility|considering|consider)\b", re.I)
_SCHEDULED = re.compile(
    r"\b(?:will|shall|is to|are to|was to|were to|is due|are due|due to|scheduled|"
    r"is set|are set|set to|planned|plans?|planning|expected|upcoming|forthcoming|"
    r"next|is slated|are slated|to be held|agreed to|going to|is to be|would)\b", re.I)
_REPORTING_VERBS = frozenset(
    {"said", "says", "told", "confirmed", "noted", "announced", "stressed", "added",
     "emphasized", "emphasised", "quoted", "reported", "stated", "remarked", "indicated",
     "insisted", "explained", "declared", "claimed", "warned", "urged"}
)
_TOPIC_LEAD = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|talks? (?:on|about)|spoke (?:about|on)|to negotiate|"
    r"negotiat(?:ed|ing)|about|concerning|regarding|focus(?:ed|ing)? on|"
    r"exchanged views on|address|on the (?=\w+ (?:issue|situation|question|crisis)))\s+",
    re.I)
_TOPIC_STOP = re.compile(r"[.;:!?\"“”()]|,\s*(?:where|which|who|while|and (?:said|will))|"
                         r"\s(?:ahead of|before|after|on (?:Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday)|in (?:early|late|mid)|during|when|"
                         r"particularly|especially|including)\s")
_TOPIC_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[a-z])")
_TOPIC_TRIM = re.compile(r"^(?:the|a|an|their|its|his|her|also|various|possible)\s+",
                         re.I)


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


@dataclass(slots=True)
class _Trigger:
    family: str
    pos: str
    index: int  # token index in the sentence
    start: int  # document offsets
    end: int
    text: str
    anaphoric: bool = False


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
    sents = list(sentences(text, pipeline()))
    if not sents:
        return []
    actors_by_sentence = [find_actors(s.tokens, s.offset) for s in sents]
    people = DocumentActors()
    for found in actors_by_sentence:
        people.learn(found)
    timexes = temporal.find_timexes(text, published, spans=[(s.start, s.end) for s in sents])
    dateline = dateline_city(text)
    mentions: list[Mention] = []
    last_people: list[str] = []
    for sent, found in zip(sents, actors_by_sentence, strict=True):
        resolved = _resolve(found, people, last_people)
        sent_timexes = [t for t in timexes if sent.start <= t.start < sent.end]
        triggers = _find_triggers(sent, resolved)
        for trig in triggers:
            mention = _read_mention(doc_id, text, sent, trig, triggers, resolved, sent_timexes,
                                    published, dateline, mentions)
            if mention is not None:
                mentions.append(mention)
                if len(mention.participants) >= 2:
                    last_people = list(mention.participants)
        named = [a.name for a in resolved if a.kind == "person" and not a.reports_only]
        if len(named) >= 2 and not triggers:
            last_people = named
    return mentions


def _resolve(found: Sequence[ActorMention], people: DocumentActors,
             last_people: Sequence[str]) -> list[ActorMention]:
    """Short references replaced by the full actor they stand for, where the text says."""
    out: list[ActorMention] = []
    for m in found:
        if m.kind == "name":
            full = people.person(m.name)
            if full is None:
                continue  # a capitalised word the document never introduces as a person
            out.append(replace(m, name=full.name, kind="person", title=full.title,
                               country=full.country, role=full.role))
        elif m.kind == "person":
            full = people.person(m.name)
            if full is not None:
                out.append(replace(m, name=full.name, title=m.title or full.title,
                                   country=m.country or full.country,
                                   role=m.role or full.role))
            else:
                out.append(m)
        elif m.kind == "role":
            person = people.by_role(m.title or "", m.country)
            if person is not None and not m.reports_only:
                out.append(replace(m, name=person.name, kind="person", title=person.title,
                                   country=person.country))
            elif m.country and not m.reports_only:
                out.append(replace(m, name=m.country, kind="country"))
            else:
                out.append(m)
        else:
            out.append(m)
    return out


def _find_triggers(sent: Sentence, actors: Sequence[ActorMention]) -> list[_Trigger]:
    tokens = list(sent.tokens)
    found: list[_Trigger] = []
    for i, tok in enumerate(tokens):
        low = tok.lower_
        entry = _TRIGGERS.get(low)
        if entry is None:
            continue
        family, pos = entry
        prev = tokens[i - 1].lower_ if i else ""
        nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
        if low in {"call", "calls", "called"}:
            # "called for", "called on", "so-called", "called it": not a call between people.
            if nxt in {"for", "on", "off", "it", "upon", "the", "a", "an", "in", "out", "up",
                       "back", "him", "her", "them", "himself"} and prev not in _PHONE_WORDS:
                continue
            if prev in {"so", "so-", "-"} or tokens[i - 1].text.endswith("so-"):
                continue
            if low != "called" and prev not in _PHONE_WORDS | {"a", "the", "video"}:
                continue
        if low in {"talk", "speak", "spoke", "talked"}:
            if nxt not in {"with", "by", "on", "over", "to"} and prev not in {"they", "two",
                                                                              "leaders"}:
                continue
        if low in {"visit", "visits"} and pos == "verb" and prev in {"a", "the", "his", "her",
                                                                     "this", "their", "its",
                                                                     "state", "official",
                                                                     "working", "first"}:
            pos = "noun"
        if low == "session" and not any(a.kind == "organisation" for a in actors):
            continue
        if low in {"forum", "gathering", "conference", "summit", "summits"} and prev in {
            "press", "news"
        }:
            continue
        if low == "conference" and prev in {"press", "news", "telephone", "phone"}:
            continue
        if low in {"hosts", "hosted"} and nxt in {"a", "an", "the"}:
            continue
        if low == "received" and not (i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()):
            continue
        anaphoric = pos == "noun" and _is_anaphoric(tokens, i)
        if pos == "noun" and _is_generic(tokens, i):
            continue
        found.append(_Trigger(family, pos, i, sent.offset + tok.idx,
                              sent.offset + tok.idx + len(tok.text), tok.text, anaphoric))
    # "talks" after "telephone": one call, not two triggers
    merged: list[_Trigger] = []
    for trig in found:
        if merged and trig.index - merged[-1].index <= 2 and (
            {trig.family, merged[-1].family} <= {"call", "meet", "talk"}
        ):
            if trig.family == "call":
                merged[-1] = replace(trig, anaphoric=merged[-1].anaphoric and trig.anaphoric)
            continue
        merged.append(trig)
    return merged


def _is_anaphoric(tokens, i: int) -> bool:
    """A definite noun with no participants of its own: "the visit", "these consultations"."""
    j = i - 1
    while j >= 0 and (tokens[j].lower_ in {"upcoming", "planned", "phone", "telephone",
                                            "forthcoming", "scheduled", "proposed", "recent",
                                            "latest", "working", "official", "state", "two",
                                            "-", "day", "expected", "bilateral"}
                      or tokens[j].text[:1].islower() and tokens[j].lower_.endswith("ed")):
        j -= 1
    if j < 0 or tokens[j].lower_ not in _ANAPHORIC_DETERMINERS:
        return False
    nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    return nxt not in {"between", "with", "of", "among", "by"}


def _is_generic(tokens, i: int) -> bool:
    """ "a series of previous meetings", "regular consultations": no one encounter."""
    window = {t.lower_ for t in tokens[max(0, i - 4):i]}
    return tokens[i].lower_.endswith("s") and tokens[i].lower_ != "talks" and bool(
        window & _GENERIC_MARKERS
    ) or bool(window & {"series", "previous", "regular", "frequent"})


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
    if idx + 1 < len(owners):
        nxt = owners[idx + 1]
        end = _clause_break(text, sent.start, trig.end, nxt.start) or nxt.start
    return start, end


_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|where|after|before)\b|\band\b|,")


def _clause_break(text: str, base: int, a: int, b: int) -> int | None:
    chunk = text[a - base:b - base]
    breaks = list(_CLAUSE_BREAK.finditer(chunk))
    if not breaks:
        return None
    return a + breaks[-1].end()


def _read_mention(doc_id: str, text: str, sent: Sentence, trig: _Trigger,
                  triggers: Sequence[_Trigger], actors: Sequence[ActorMention],
                  timexes: Sequence[temporal.Timex], published: dt.date | None,
                  dateline: Place | None, earlier: Sequence[Mention]) -> Mention | None:
    seg_start, seg_end = _segment(sent, trig, triggers)
    clause = text[seg_start:seg_end]
    topics, topic_spans = _topics(text, seg_start, seg_end, trig)
    in_topic = lambda a: any(s <= a.start < e for s, e in topic_spans)  # noqa: E731
    seg_actors = [a for a in actors if seg_start <= a.start < seg_end and not in_topic(a)]
    if trig.anaphoric:
        # "confirmed the visit": the sentence's actors belong to its other triggers.
        participants, countries, initiator = [], {}, None
    else:
        participants, countries, initiator = _participants(text, trig, seg_actors, earlier)
    location, country = _venue(text, trig, seg_start, seg_end, seg_actors, dateline)
    kind, mode = _kind_and_mode(text, trig, sent, participants, seg_actors, clause)
    date = _date_for(trig, triggers, timexes)
    status = _status(text, trig, seg_start, seg_end, date, published)

    if not trig.anaphoric:
        if kind in {"meeting", "call"} and len(participants) < 2:
            dest = _destination(text, trig, seg_start, seg_end)
            if len(participants) == 1 and dest is not None and kind == "meeting":
                if dest.country not in participants:
                    participants.append(dest.country)
                    countries[dest.country] = dest.country
                country = country or dest.country
                if dest.kind == "city" and location is None:
                    location = gazetteer().city_name(text[dest_span(text, dest, seg_start,
                                                                     seg_end)]) or dest.name
                initiator = initiator or participants[0]
            elif not participants and not date:
                return None
            else:
                # Participants may come from the antecedent: keep it as anaphoric.
                trig = replace(trig, anaphoric=True)
        if kind == "summit" and not participants:
            trig = replace(trig, anaphoric=True)
    if kind == "call":
        location, country = None, None
    precision = date.precision if date and date.date_start else "unknown"
    return Mention(
        doc_id=doc_id, kind=kind, mode=mode, status=status, participants=participants,
        initiator=initiator if initiator in participants else None,
        location=location, country=country,
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=precision, topics=topics,
        evidence=text[sent.start:sent.end].strip(),
        evidence_start=sent.start + (len(sent.text) - len(sent.text.lstrip())),
        evidence_end=sent.end - (len(sent.text) - len(sent.text.rstrip())),
        trigger=trig.text, trigger_start=trig.start, trigger_end=trig.end,
        date_text=date.text if date else None, anaphoric=trig.anaphoric,
        participant_countries=countries,
    )


def dest_span(text: str, place: Place, start: int, end: int) -> slice:
    idx = text.find(place.name, start, end)
    return slice(idx, idx + len(place.name)) if idx >= 0 else slice(0, 0)


def _participants(text: str, trig: _Trigger, actors: Sequence[ActorMention],
                  earlier: Sequence[Mention]) -> tuple[list[str], dict[str, str], str | None]:
    """Who takes part: named actors of the clause, minus those who only report on it."""
    names: list[str] = []
    countries: dict[str, str] = {}
    subject: str | None = None
    speakers = _speakers(text, actors)
    named = {a.name for a in actors if a.kind in {"person", "organisation", "group"}
             and not a.reports_only}
    for a in actors:
        if a.reports_only or a.kind in {"city"}:
            continue
        if a.kind == "role":
            continue
        if a.kind == "pronoun":
            if a.name == "they" and len(named) < 2:
                antecedent = next((m for m in reversed(earlier)
                                   if len(m.participants) >= 2 and not m.anaphoric), None)
                if antecedent is not None and a.start < trig.end + 40:
                    for p in antecedent.participants:
                        if p not in names:
                            names.append(p)
                            if p in antecedent.participant_countries:
                                countries[p] = antecedent.participant_countries[p]
            continue
        if a.kind == "country" and _is_place_phrase(text, a):
            continue
        if a.name not in names:
            names.append(a.name)
            if a.country:
                countries[a.name] = a.country
        if subject is None and a.start < trig.start:
            subject = a.name
    # The speaker of "X said that Y met Z" is not a participant; the speaker of
    # "X said after meeting Z" is.
    others = [n for n in names if n not in speakers]
    if speakers and len(others) >= 2:
        names = others
        if subject in speakers:
            subject = None
    # A country stands for its own leader: dropped when a person of it takes part.
    person_countries = {countries[n] for n in names if n in countries and n != countries[n]}
    names = [n for n in names if not (n in countries and countries[n] == n
                                      and n in person_countries)]
    initiator = None
    if trig.family in {"call", "visit"} and subject in names:
        initiator = subject
    return names, countries, initiator


def _speakers(text: str, actors: Sequence[ActorMention]) -> set[str]:
    """Actors followed (after an optional appositive) by a reporting verb."""
    out = set()
    for a in actors:
        after = text[a.end:a.end + 80]
        after = re.sub(r"^,[^,]{0,70},", "", after)
        word = re.match(r"\s*([A-Za-z]+)", after)
        if word and word.group(1).lower() in _REPORTING_VERBS:
            out.add(a.name)
    return out


def _is_place_phrase(text: str, actor: ActorMention) -> bool:
    """A country named as a place ("in Russia", "to Russia"), not as a party."""
    before = text[max(0, actor.start - 12):actor.start].lower()
    return bool(re.search(r"\b(?:in|to|at|from|for|across|into|of|with|near|inside|"
                          r"against|towards?|over)\s+(?:the\s+)?$", before))


_VENUE_BEFORE = re.compile(r"\b(?:in|at|to|inside|near)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)


def _venue(text: str, trig: _Trigger, start: int, end: int,
           actors: Sequence[ActorMention], dateline: Place | None
           ) -> tuple[str | None, str | None]:
    """Where it is held: a city after "in"/"at" in the clause, "here" = the dateline city."""
    gaz = gazetteer()
    best: tuple[int, str | None, str | None] | None = None
    for a in actors:
        if not (start <= a.start < end) or a.kind not in {"city", "country"}:
            continue
        before = text[max(start, a.start - 14):a.start]
        if not re.search(r"\b(?:in|at|inside|near)\s+(?:the\s+)?$", before, re.I):
            # "visit to Moscow", "travel to Russia": the destination is the venue too.
            if not (trig.family == "visit" and re.search(r"\bto\s+$", before)):
                continue
        distance = abs(a.start - trig.start)
        if a.kind == "city":
            place = gaz.lookup(text[a.start:a.end])
            candidate = (distance, gaz.city_name(text[a.start:a.end]),
                         place.country if place else a.country)
        else:
            candidate = (distance + 10_000, None, a.name)  # a city beats a country
        if best is None or candidate[0] < best[0]:
            best = candidate
    if best is not None:
        return best[1], best[2]
    if dateline is not None and re.search(r"\bhere\b", text[start:end]):
        return dateline.name, dateline.country
    return None, None


def _destination(text: str, trig: _Trigger, start: int, end: int) -> Place | None:
    """The place a visit goes to: "travel to Russia", "a visit to Moscow"."""
    gaz = gazetteer()
    for match in re.finditer(r"\b(?:to|in|visit(?:ed|ing|s)?)\s+((?:[A-Z][\w'.-]+\s?){1,3})",
                             text[start:end]):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            place = gaz.lookup(" ".join(words[:size]))
            if place is not None:
                return place
    return None


def _kind_and_mode(text: str, trig: _Trigger, sent: Sentence, participants: Sequence[str],
                   actors: Sequence[ActorMention], clause: str) -> tuple[str, str]:
    window = text[max(sent.start, trig.start - 40):min(sent.end, trig.end + 40)].lower()
    words = set(re.findall(r"[a-z-]+", window))
    video = bool(words & _VIDEO_WORDS) or "video link" in window
    phone = bool(words & _PHONE_WORDS)
    if trig.family == "call":
        return "call", "video" if video else "phone"
    if trig.family == "talk":
        if video:
            return "call", "video"
        if phone:
            return "call", "phone"
        if re.search(r"\b(?:in person|face[- ]to[- ]face|met|meeting)\b", window):
            return "meeting", "in_person"
        return "call", "unspecified"
    if trig.family == "meet" and phone and re.search(r"\b(?:phone|telephone)\s+(?:talks|"
                                                      r"conversation|discussions)", window):
        return "call", "phone"
    if trig.family == "summit":
        orgs = [a for a in actors if a.kind == "organisation"]
        states = {a.country for a in actors if a.country}
        if trig.text.lower() == "consultations" and not orgs and len(states) < 3:
            return "meeting", "video" if video else "in_person"
        return "summit", "video" if video else "in_person"
    if trig.family == "meet" and len(participants) >= 3 and trig.text.lower() in {
        "conference"
    }:
        return "summit", "in_person"
    return "meeting", "video" if video else "in_person"


def _date_for(trig: _Trigger, triggers: Sequence[_Trigger],
              timexes: Sequence[temporal.Timex]) -> temporal.Timex | None:
    """The date of a mention: the sentence's nearest date that no other trigger is nearer to."""
    best = None
    for t in timexes:
        if t.type != "DATE" or t.date_start is None:
            continue
        distance = _distance(trig, t)
        if any(_distance(other, t) < distance for other in triggers if other is not trig):
            continue
        if best is None or distance < best[0] or (
            distance == best[0] and _rank(t.precision) < _rank(best[1].precision)
        ):
            best = (distance, t)
    return best[1] if best else None


_PRECISION_RANK = {p: i for i, p in enumerate(
    ("day", "days", "part_of_month", "month", "quarter", "season", "year", "unknown"))}


def _rank(precision: str) -> int:
    return _PRECISION_RANK.get(precision, 99)


def _distance(trig: _Trigger, t: temporal.Timex) -> int:
    if t.start >= trig.end:
        return t.start - trig.end
    # A date before the trigger counts a little more: news puts dates after verbs.
    return int((trig.start - t.end) * 1.5) if t.end <= trig.start else 0


def _status(text: str, trig: _Trigger, start: int, end: int, date: temporal.Timex | None,
            published: dt.date | None) -> str:
    """From modality and tense near the trigger, checked against the date when known."""
    before = text[max(start, trig.start - 90):trig.start]
    after = text[trig.end:min(end, trig.end + 60)]
    near = before + " " + trig.text + " " + after
    if _CANCELLED.search(near):
        return "cancelled"
    future = bool(_SCHEDULED.search(before)) or bool(
        re.search(r"^\s*(?:is|are)\s+(?:scheduled|planned|set|due|expected|to be)\b", after,
                  re.I))
    proposed = bool(_PROPOSED.search(before))
    past_tense = bool(re.search(r"\b(?:met|held|visited|had|was held|were held|took place|"
                                r"called|spoke|talked|convened|received|hosted)\b",
                                before + " " + trig.text))
    if date is not None and date.date_start is not None and published is not None:
        if date.date_end < published and not future:
            return "occurred"
        if date.date_start > published:
            return "proposed" if proposed and not _firm(before) else "scheduled"
    if proposed and not past_tense:
        return "proposed"
    if future and not past_tense:
        return "scheduled"
    return "occurred"


def _firm(before: str) -> bool:
    return bool(re.search(r"\b(?:scheduled|will|agreed|is to|are to|set)\b", before, re.I))


def _topics(text: str, start: int, end: int, trig: _Trigger) -> tuple[list[str],
                                                                       list[tuple[int, int]]]:
    """What they discussed, in the text's words: "discussed X, Y and Z", "talks on X"."""
    topics: list[str] = []
    spans: list[tuple[int, int]] = []
    clause = text[start:end]
    for lead in _TOPIC_LEAD.finditer(clause):
        rest_start = start + lead.end()
        rest = text[rest_start:end]
        stop = _TOPIC_STOP.search(rest)
        phrase = rest[:stop.start()] if stop else rest
        if not phrase.strip() or len(phrase) > 200:
            continue
        spans.append((rest_start, rest_start + len(phrase)))
        for part in _TOPIC_SPLIT.split(phrase):
            part = _TOPIC_TRIM.sub("", part.strip(" ,"))
            part = _TOPIC_TRIM.sub("", part)
            if 2 < len(part) <= 80 and part.lower() not in {t.lower() for t in topics} \
                    and not re.match(r"(?:him|her|them|it|this|that)\b", part, re.I):
                topics.append(part)
    return topics, spans
