"""Merge: mentions of one encounter become one engagement, within and across documents.

This module owns identity. Two mentions are the same engagement when they share
participants and their dates are compatible ("a working visit in early September" and
"the meeting on September 9 in Moscow"); a definite reference with nothing of its own
("the visit", "these consultations") belongs to the engagement it refers back to. Across
documents, reports of the same encounter become one row that lists every reporting
document, keeps the narrowest date interval the reports agree on, and flags a conflict
where they disagree (another place, incompatible dates).

Identity is hand-written because it is the project's definition (the spec's "one
engagement is one encounter"), not a generic record-linkage problem: the keys are few
(participants, date interval, kind) and the rules must stay explainable to analysts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from helpers.actors import organisations
from helpers.extraction import Mention
from helpers.language import Guarded
from helpers.places import gazetteer
from helpers.schema import concat, empty_frame, is_missing

if TYPE_CHECKING:
    # Only the functions that give frames use pandas (imported there): extraction writes
    # Arrow tables from the rows, and importing pandas is most of its start-up (0.75 s).
    import pandas as pd

# Later, firmer news wins: an engagement called off is cancelled whatever was planned.
_STATUS_STRENGTH = {"proposed": 0, "scheduled": 1, "occurred": 2, "cancelled": 3}
_PRECISION_RANK = {p: i for i, p in enumerate(
    ("day", "days", "part_of_month", "month", "quarter", "season", "year", "unknown"))}
_SUMMIT_WORDS = frozenset({"summit", "summits", "conference", "forum", "session",
                           "consultations", "ministerial", "gathering"})
_VISIT_WORDS = frozenset({"visit", "visits", "visited", "visiting", "trip"})
_CALL_WORDS = frozenset({"called", "phoned", "telephoned", "call", "calls", "conversation",
                         "videoconference"})

# CAMEO codes (Schrodt's Conflict and Mediation Event Observations) and the PLOVER
# category they fall under, so rows join with GDELT and POLECAT data.
CAMEO_INTENT_TO_MEET = "036"
CAMEO_CONSULT = "040"
CAMEO_TELEPHONE = "041"
CAMEO_MAKE_VISIT = "042"
CAMEO_HOST_VISIT = "043"
CAMEO_THIRD_LOCATION = "044"
PLOVER_CONSULT = "CONSULT"


@dataclass
class _Group:
    """Mentions gathered into one engagement, with the fields merged so far."""

    mentions: list[Mention] = field(default_factory=list)
    kind: str = "meeting"
    participants: list[str] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    last_seen: int = 0

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def engagement_id(doc_id: str, kind: str, participants: Iterable[str],
                  date_start: dt.date | None, evidence_start: int) -> str:
    """A stable id: the same document read again gives the same ids."""
    key = "|".join([doc_id, kind, ";".join(sorted(participants)), str(date_start),
                    str(evidence_start)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def merge_document(mentions: Sequence[Mention]) -> list[tuple[dict, list[Mention]]]:
    """Group one document's mentions into engagements.

    Returns:
        (engagement record, its mentions) pairs in order of first mention; a record has
        the engagement table's fields except ``doc_ids``, ``n_mentions`` and ``conflict``.
    """
    if not mentions:
        return []  # most documents (two in three of the corpus)
    groups: list[_Group] = []
    partials: list[Mention] = []
    # "the summit" with nothing before it to refer to: dropped, unless the story names
    # that summit next (see _cataphoric).
    orphans: list[Mention] = []
    for order, mention in enumerate(mentions):
        if mention.partial:
            partials.append(mention)
            continue
        target = _antecedent(groups, mention) if mention.anaphoric else _same(groups, mention)
        if target is None:
            if mention.anaphoric:
                orphans.append(mention)
                continue
            target = _Group(kind=mention.kind)
            groups.append(target)
            mention = _dated_by_antecedent(groups, mention)
            for orphan in _cataphoric(orphans, mention):
                _absorb(target, orphan)
            orphans = []
        _absorb(target, mention)
        target.last_seen = order
    complete = [g for g in groups if _complete(g)]
    # "Talabani arrived in Paris for a three-day visit" names one side of an encounter the
    # document reports in full elsewhere; alone it is no engagement.
    for mention in partials:
        host = _host(complete, mention)
        if host is not None:
            _absorb(host, mention)
    # The groups' mentions are final from here on, and so is the status they give.
    statuses = [_merged_status(g.mentions) for g in complete]
    for group, status in zip(complete, statuses, strict=True):
        _date_by_news_day(group, status)
        _undate_proposal(group, status)
    records = [_record(g, status) for g, status in zip(complete, statuses, strict=True)]
    for record, group in zip(records, complete, strict=True):
        if record["kind"] != "call" and (record["location"] is None or
                                         record["date_start"] is None):
            _held_during(record, group, mentions)
    for record, group in zip(records, complete, strict=True):
        if record["kind"] == "meeting" and record["status"] == "scheduled" and \
                record["date_start"] is None:
            _during_visit_under_way(record, group, records, complete)
    destinations = None
    for record in records:
        if record["location"] is None and record["country"] and record["kind"] != "call":
            if destinations is None:
                destinations = _destinations(mentions)
            cities = {c for c in destinations if c.country == record["country"]}
            if len(cities) == 1:
                # "headed for Jordan for talks with King Hussein. Before leaving for the
                # Red Sea resort of Aqaba, ...": the one city of that country the story
                # travels to is where they meet.
                record["location"] = next(iter(cities)).name
    return [(record, sorted(g.mentions, key=lambda m: m.trigger_start))
            for record, g in zip(records, complete, strict=True)]


# "will hold talks in mid-November on the sidelines of the APEC forum in Hanoi", "to meet
# Putin during a planned summit of the CIS in Minsk later this month".
_DURING_EVENT = re.compile(r"[^;.]{0,160}?\b(?:during|at|on the (?:sidelines|margins|fringes?) "
                           r"of|in the margins of)\s+(?:[\w'-]+\s+){0,6}")


def _held_during(record: dict, group: _Group, mentions: Sequence[Mention]) -> None:
    """An encounter held during an event the sentence places and dates is there and then."""
    for m in group.mentions:
        if m.anaphoric:
            continue
        event = next((o for o in mentions if o.evidence_start == m.evidence_start
                      and o.trigger_start > m.trigger_end and _preferred_kind(o) == "summit"
                      and _DURING_EVENT.fullmatch(m.evidence,
                                                  m.trigger_end - m.evidence_start,
                                                  o.trigger_start - o.evidence_start)), None)
        if event is None:
            continue
        if record["location"] is None and record["country"] in (None, event.country):
            record["location"], record["country"] = event.location, event.country
        if record["date_start"] is None and event.date_start is not None:
            record["date_start"], record["date_end"] = event.date_start, event.date_end
            record["date_precision"] = event.date_precision
        return


def _during_visit_under_way(record: dict, group: _Group, records: Sequence[dict],
                            groups: Sequence[_Group]) -> None:
    """Talks still to come with the hosts of a visit under way are held during it.

    "Bush arrived here Saturday for a three-day visit to China ... Hu Jintao and Premier
    Wen Jiabao are to meet with President Bush": the premier's talks with the guest fall
    in the visit's days and place, though the visit names only the president.
    """
    published = group.first.published
    if published is None:
        return
    for other, visit in zip(records, groups, strict=True):
        if visit is group or other["date_start"] is None or not other["country"] or \
                not other["date_start"] <= published <= other["date_end"] or \
                not any(m.trigger.lower() in _VISIT_WORDS and not m.partial
                        for m in visit.mentions):
            continue
        guests = set(group.participants) & set(visit.participants)
        hosts = [p for p in group.participants if p not in guests]
        # The hosts are the visited country's, or named by the very words that name the
        # visit's talks ("Hu and Wen are to meet Bush", read as two meetings).
        told_together = {m.trigger_start for m in group.mentions} & \
            {m.trigger_start for m in visit.mentions}
        if guests and hosts and (told_together or all(
                group.countries.get(p) == other["country"] for p in hosts)):
            record["date_start"], record["date_end"] = other["date_start"], other["date_end"]
            record["date_precision"] = other["date_precision"]
            if record["location"] is None:
                # Held during the visit, so in the visited country, whatever a one-sided
                # mention of a later leg of the tour ("will also visit Mongolia") added.
                record["location"], record["country"] = other["location"], other["country"]
            return


_PLACE_WORDS = re.compile(r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*")


def _destinations(mentions: Sequence[Mention]) -> set:
    """The cities the story's people travel to ("left for the Red Sea resort of Aqaba")."""
    gaz = gazetteer()
    found = set()
    for evidence in {m.evidence for m in mentions}:
        for match in _JOURNEY.finditer(evidence):
            window = evidence[match.end():match.end() + 50]
            for name in _PLACE_WORDS.finditer(window):
                place = gaz.lookup(name.group())
                if place is not None and place.kind == "city":
                    found.add(place)
                    break
    return found


# "has met", "had held talks", "have already visited": the perfect reports a past
# encounter as background, not the story's news.
_PERFECT = re.compile(
    r"\b(?:(?:has|have)\s+(?:\w+ly\s+|already\s+|also\s+|twice\s+|not\s+|never\s+|"
    r"once\s+)*|(?:has|have|had)\s+(?:\w+ly\s+|already\s+|also\s+|twice\s+|not\s+|"
    r"never\s+|once\s+)*(?:met|held|visited|talked|spoken|been|conferred|received|hosted|"
    r"called|phoned)\b[^.;]{0,60})$", re.I)


def _date_by_news_day(group: _Group, status: str) -> None:
    """An encounter reported with no date of its own, on the day the story reports.

    Wire stories date the lead's encounter once ("met on Sunday", or the dateline's day)
    and then narrate it without repeating the date; "X was then to meet Y" (the
    copula with "to") is the rest of the same day's programme. The perfect ("has met")
    is background, not the day's news.
    """
    if group.date_start is not None:
        return
    main = _main_mention(group)
    day = main.news_day
    if day is None:
        return
    if status == "scheduled":
        if not any(_PROGRAMME.search(m.evidence[:max(0, m.trigger_start - m.evidence_start)])
                   for m in group.mentions if not m.anaphoric):
            return
    elif status != "occurred":
        return
    for m in group.mentions:
        before = m.evidence[:max(0, m.trigger_start - m.evidence_start)]
        if _PERFECT.search(before[-90:]) or _RELATIVE.search(before[-40:]):
            return
        if _stated_length(m) and _AFTER.search(before[-60:]):
            return  # "after a three-day consultative meeting": over before the story's day
    group.date_start = group.date_end = day
    group.date_precision = "day"


def _undate_proposal(group: _Group, status: str) -> None:
    """A proposed encounter has no date yet: a day of the story's past or present is when
    it was put forward ("the possibility of a meeting reemerged Thursday")."""
    published = group.first.published
    if group.date_end is None or published is None or group.date_end > published:
        return
    if status == "proposed":
        group.date_start = group.date_end = None
        group.date_precision = "unknown"


# "Musharraf and Singh, who met in Havana, had directed ...": an undated encounter told in
# a relative clause describes the people, not the story's day.
_RELATIVE = re.compile(r"\b(?:who|which)\s+(?:\w+ly\s+|also\s+|had\s+|later\s+)?$")


_AFTER = re.compile(r"\b(?:[Aa]fter|[Ff]ollowing|ended|concluded|wound up|wrapped up)\s+"
                    r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){1,3}$")


# "was then to meet", "is later to hold talks": the day's programme, not a future date.
_PROGRAMME = re.compile(r"\b(?:is|are|was|were)\s+(?:then|later|also|next)\s+to\s+"
                        r"(?:\w+\s+){0,2}$")


# A sentence that opens on the event word names, by its article, an event told before.
_DEFINITE_OPENING = re.compile(r"(?:The|This|That)\s+(?:[\w-]+\s+)?")


def _dated_by_antecedent(groups: Sequence[_Group], mention: Mention) -> Mention:
    """An undated description of an event named before takes that event's date and status.

    "... which will be followed by the inaugural East Asia summit. The summit in the
    Malaysian capital brings together ...": the second sentence adds who attends a summit
    whose date the first gave; it is no summit of the story's day.
    """
    if mention.date_start is not None or mention.anaphoric:
        return mention
    offset = mention.trigger_start - mention.evidence_start
    if _DEFINITE_OPENING.fullmatch(mention.evidence, 0, offset) is None:
        return mention
    word = mention.trigger.lower()
    if word not in _SUMMIT_WORDS:
        # "The six-party talks group China, ..." describes a format, not one round.
        return mention
    for group in sorted(groups, key=lambda g: g.last_seen, reverse=True):
        if group.date_start is None or not group.mentions or group.kind != mention.kind:
            continue
        if any(m.trigger.lower() == word for m in group.mentions):
            return replace(mention, date_start=group.date_start, date_end=group.date_end,
                           date_precision=group.date_precision,
                           status=_merged_status(group.mentions))
    return mention


def _cataphoric(orphans: Sequence[Mention], mention: Mention) -> list[Mention]:
    """Definite references that name, before the story does, the summit it names next.

    "... a change of venue for the summit in Cebu ... the summit meetings from Dec. 10 to
    13. Leaders from ten countries ... for the ASEAN summit": a story may say "the summit"
    first, as its headline did, and whose it is later. The same event word, dates that
    agree: the first summit named after them is the one they mean.
    """
    if _preferred_kind(mention) != "summit":
        return []
    word = mention.trigger.lower().rstrip("s")
    return [o for o in orphans if o.trigger.lower().rstrip("s") == word and
            (o.date_start is None or mention.date_start is None or
             not (o.date_end < mention.date_start or mention.date_end < o.date_start))]


def _host(groups: Sequence[_Group], mention: Mention) -> _Group | None:
    """The engagement a one-sided mention belongs to: same person, compatible dates."""
    dated = [g for g in groups if g.date_start is not None and mention.date_start is not None]
    # A dated mention belongs to an engagement dated compatibly, or to an undated one the
    # next sentences report ("Albright on Friday met three leaders of the opposition.
    # Albright met ... Draskovic, Djindjic and Pesic.").
    near = [g for g in groups if g.date_start is None
            and abs(g.first.trigger_start - mention.trigger_start) < 600]
    for candidates in (dated, near) if mention.date_start is not None else (groups,):
        for group in candidates:
            if _kinds_compatible(group.kind, mention.kind) and \
                    set(mention.participants) & set(group.participants) and \
                    _dates_compatible(group, mention) and _places_compatible(group, mention) \
                    and _statuses_compatible(group, mention):
                return group
    return None


def _statuses_compatible(group: _Group, mention: Mention) -> bool:
    """ "said during talks with an envoy that he hoped to visit Fujimori": what happened
    is not part of what is only hoped for."""
    happened = {m.status == "occurred" for m in group.mentions if not m.partial}
    return not happened or (mention.status == "occurred") in happened


def _places_compatible(group: _Group, mention: Mention) -> bool:
    """ "After their meeting, Fino went on to Athens for talks with Greek officials": a
    one-sided mention in another country is another encounter."""
    if mention.country is None:
        return True
    countries = {m.country for m in group.mentions if m.country}
    return not countries or mention.country in countries


def _complete(group: _Group) -> bool:
    if group.kind == "summit":
        return bool(group.participants)
    return len(group.participants) >= 2


def _preferred_kind(mention: Mention) -> str:
    word = mention.trigger.lower()
    if word in _SUMMIT_WORDS:
        return "summit"
    if word in _CALL_WORDS or mention.kind == "call":
        return "call"
    return "meeting"


def _antecedent(groups: Sequence[_Group], mention: Mention) -> _Group | None:
    """The engagement a definite reference points back to: same kind, latest first."""
    wanted = _preferred_kind(mention)
    ranked = sorted(groups, key=lambda g: g.last_seen, reverse=True)
    for kinds in ({wanted}, {"meeting", "summit"} if wanted != "call" else {"call"}):
        for group in ranked:
            if group.kind in kinds and _dates_compatible(group, mention):
                return group
    return None


def _same(groups: Sequence[_Group], mention: Mention) -> _Group | None:
    """An earlier engagement this mention reports again, if any."""
    for group in sorted(groups, key=lambda g: g.last_seen, reverse=True):
        if not _kinds_compatible(group.kind, mention.kind):
            continue
        if not (_share_participants(group, mention) or _same_body(group, mention)):
            continue
        if group.date_start is None or mention.date_start is None:
            # Undated: the same encounter only if nothing says otherwise. Between two
            # sides, not a back-reference's tense: "there will be more clarity as a result
            # of this meeting", said as the talks began. (An organisation's meetings are
            # many: its summit, its ministers', its officials'.)
            statuses = {m.status for m in group.mentions
                        if not (m.anaphoric and group.kind == mention.kind == "meeting")
                        } | {mention.status}
            if statuses <= {"scheduled", "proposed", "cancelled"} or statuses == {"occurred"}:
                return group
            if _talks_of_visit_under_way(group, mention):
                return group
            continue
        if _dates_compatible(group, mention):
            return group
    return None


def _talks_of_visit_under_way(group: _Group, mention: Mention) -> bool:
    """ "arrived Saturday for a three-day visit ... Hu and Wen are to meet Bush": talks still
    to come during a visit that has begun are part of it."""
    published = mention.published
    return published is not None and mention.status == "scheduled" and \
        mention.trigger.lower() not in _VISIT_WORDS and group.date_end is not None and \
        group.date_start <= published <= group.date_end and \
        any(m.trigger.lower() in _VISIT_WORDS and not m.partial for m in group.mentions)


def _kinds_compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"meeting", "summit"}


def _share_participants(group: _Group, mention: Mention) -> bool:
    """Whether a mention names the same encounter's sides: all of a side's people when it
    names one or two, at least two otherwise ("Hussein and Clinton" is not "Hussein and
    Arafat")."""
    people = set(group.participants)
    shared = sum(1 for p in mention.participants if _one_of(p, group, mention))
    return shared >= min(2, len(people), len(mention.participants)) and shared > 0


def _same_body(group: _Group, mention: Mention) -> bool:
    """Two summits of one organisation that a story reports as held are one ("talks at a
    crunch Brussels summit" of the EU, "Blair, chairing the final summit of Britain's turn
    at the EU presidency"), whoever else each mention names. Not those to come: a
    preparatory meeting and the ministerial it prepares are both the WTO's."""
    if group.kind != "summit" or mention.kind != "summit":
        return False
    statuses = {m.status for m in group.mentions} | {mention.status}
    if statuses != {"occurred"}:
        return False
    bodies = _bodies()
    return bool(set(mention.participants) & set(group.participants) & bodies)


@cache
def _bodies() -> frozenset[str]:
    """The canonical names of the organisations (a fixed table: built once)."""
    return frozenset(canonical for canonical, _ in organisations().values())


def _one_of(p: str, group: _Group, mention: Mention) -> bool:
    people = set(group.participants)
    if p in people:
        return True
    # "Russia" in one mention and "Vladimir Putin" (of Russia) in the other.
    country = mention.participant_countries.get(p)
    if country == p and any(group.countries.get(q) == p for q in people):
        return True
    return any(group.countries.get(q) == q == country for q in people)


def _dates_compatible(group: _Group, mention: Mention) -> bool:
    if group.date_start is None or mention.date_start is None:
        return True
    return not (mention.date_end < group.date_start or group.date_end < mention.date_start)


def _absorb(group: _Group, mention: Mention) -> None:
    if not group.mentions:
        group.kind = mention.kind
    group.mentions.append(mention)
    for p in mention.participants:
        if p not in group.participants:
            group.participants.append(p)
        if p in mention.participant_countries:
            group.countries.setdefault(p, mention.participant_countries[p])
    # A country stands for its leader: dropped once a person of that country takes part.
    person_countries = {c for p, c in group.countries.items() if c != p}
    group.participants = [p for p in group.participants
                          if not (group.countries.get(p) == p and p in person_countries)]
    if mention.date_start is not None:
        if group.date_start is None:
            group.date_start, group.date_end = mention.date_start, mention.date_end
            group.date_precision = mention.date_precision
        else:
            start = max(group.date_start, mention.date_start)
            end = min(group.date_end, mention.date_end)
            if start <= end:
                if (end - start) < (group.date_end - group.date_start) or \
                        _PRECISION_RANK[mention.date_precision] < \
                        _PRECISION_RANK[group.date_precision]:
                    group.date_precision = mention.date_precision
                group.date_start, group.date_end = start, end
    elif group.date_precision == "day" and group.date_start == group.date_end and \
            _preferred_kind(mention) == group.kind:
        # "the summit that opened Saturday ... the two-day summit": a length stated by a
        # later, undated mention stretches the day the encounter began. Not a meeting's
        # day: "met on the sidelines of a three-day summit" lasted no three days.
        days = _stated_length(mention)
        if days:
            group.date_end = group.date_start + dt.timedelta(days=days - 1)
            group.date_precision = "days"


_LENGTH_BEFORE = re.compile(r"\b(two|three|four|five|six|seven|[2-7])-day\s+(?:[a-z]+\s+)?$", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _stated_length(mention: Mention) -> int | None:
    before = mention.evidence[max(0, mention.trigger_start - mention.evidence_start - 40):
                              mention.trigger_start - mention.evidence_start]
    match = _LENGTH_BEFORE.search(before)
    if match is None:
        return None
    n = match.group(1).lower()
    return _NUMBERS.get(n) or int(n)


def _record(group: _Group, status: str) -> dict:
    """The engagement of ``group``; ``status`` is its mentions' (:func:`_merged_status`)."""
    mentions = group.mentions
    main = _main_mention(group)
    published = main.published
    if status == "occurred" and published is not None and group.date_start is not None \
            and group.date_start > published:
        status = "scheduled"  # what the story dates after its own day has not happened yet
    # The place of the most specific mention that names one (the first such in a stable
    # sort by specificity, which min gives without sorting: it keeps the first of equals).
    located = [m for m in mentions if m.location]
    place = min(located, key=_specificity) if located else None
    location = place.location if place is not None else None
    country = (place.country if place is not None else None) or \
        next((m.country for m in mentions if m.country), None)
    mode = _merged_mode(group.kind, mentions)
    if location is None and group.kind != "call":
        location, country = _filed_here(group, main, country)
    initiator = next((m.initiator for m in mentions if m.initiator in group.participants),
                     None)
    topics: list[str] = []
    for m in mentions:
        for t in m.topics:
            if t.lower() not in {x.lower() for x in topics}:
                topics.append(t)
    participants = _attendees(group)
    if initiator not in participants:
        initiator = None
    cameo = _cameo(group.kind, status, participants, initiator,
                   country if group.kind != "call" else None, group.countries)
    return {
        "engagement_id": engagement_id(main.doc_id, group.kind, group.participants,
                                       group.date_start, mentions[0].evidence_start),
        "doc_id": main.doc_id,
        "kind": group.kind,
        "mode": mode,
        "status": status,
        "participants": participants,
        "initiator": initiator,
        "location": location if group.kind != "call" else None,
        "country": country if group.kind != "call" else None,
        "date_start": group.date_start,
        "date_end": group.date_end,
        "date_precision": group.date_precision if group.date_start else "unknown",
        "topics": topics,
        "evidence": main.evidence,
        "evidence_start": main.evidence_start,
        "evidence_end": main.evidence_end,
        "cameo": cameo,
        "plover": PLOVER_CONSULT,
    }


def _attendees(group: _Group) -> list[str]:
    """Who takes part: at a summit, the people named as attending, not the organisation.

    The spec names an organisation only where no person is: "Bush attended the APEC
    forum" is Bush's summit; "the APEC summit opens on Friday" is APEC's.
    """
    participants = list(group.participants)
    if group.kind != "summit":
        return participants
    bodies = _bodies()
    people = [p for p in participants if p not in bodies and group.countries.get(p) != p
              and gazetteer().lookup(p) is None]
    if not people:
        return participants
    return [p for p in participants if p not in bodies]


def _filed_here(group: _Group, main: Mention, country: str | None
                ) -> tuple[str | None, str | None]:
    """The dateline city as the venue of an encounter of the story's own days.

    "PARIS, Nov. 2 -- French President Jacques Chirac met ... Thursday", "KUALA LUMPUR,
    Dec 10 -- ... the ASEAN summit opening Monday": news reports the encounters of its
    day and week from the city where they take place, unless the text places them
    elsewhere (another country, a journey: "arrived in the port city").
    """
    filed, published = main.filed_from, main.published
    if filed is None or published is None or group.date_start is None:
        return None, country
    if not (published - dt.timedelta(days=1) <= group.date_start
            and group.date_end <= published + dt.timedelta(days=8)):
        return None, country
    if country not in (None, filed.country):
        return None, country
    # "flew into southern Albania for talks": somewhere in the country, not the capital
    # the story was filed from.
    # A journey to the dateline's own city or country ("arrived in Jordan Wednesday for
    # talks", filed from Amman) brings the traveller here, so it does not count.
    if any(_journey_elsewhere(m.evidence, filed) for m in group.mentions):
        return None, country
    return filed.name, filed.country


def _journey_elsewhere(evidence: str, filed) -> bool:
    here = {filed.name, filed.country}
    for match in _JOURNEY.finditer(evidence):
        rest = evidence[match.end():].lstrip()
        rest = rest[4:] if rest.startswith("the ") else rest
        if not any(rest.startswith(name) and not rest[len(name):len(name) + 1].isalpha()
                   for name in here):
            return True
    return False


# A journey in the evidence puts the encounter where the traveller went, not "here".
# Every match holds one of the guard's words (case-sensitive): most evidence holds none.
_JOURNEY = Guarded(re.compile(r"\b(?:arriv(?:ed|es|ing) in|fl(?:ew|ies|ying) (?:in)?to|"
                              r"travel(?:l?ed|s|l?ing) to|left for|leaves for|leaving for|"
                              r"went (?:on )?to|heads? (?:for|to)|headed (?:for|to))\b"
                              r"(?!\s+here)"),
                   ("arriv", "fl", "travel", "left for", "leav", "went", "head"))


def _specificity(m: Mention) -> tuple[bool, int]:
    return m.anaphoric, _PRECISION_RANK[m.date_precision]


def _main_mention(group: _Group) -> Mention:
    """The mention to quote: the fullest one (participants, date, place), first on ties."""
    # The position breaks ties (list.index would compare whole mentions field by field).
    people = set(group.participants)
    return max(((not m.anaphoric, len(people.intersection(m.participants)),
                 m.date_start is not None and m.date_start == group.date_start
                 and m.date_end == group.date_end, m.location is not None, -i, m)
                for i, m in enumerate(group.mentions)), key=lambda k: k[:5])[5]


def _merged_status(mentions: Sequence[Mention]) -> str:
    # A reference without a date of its own ("this meeting follows ...") says little
    # about the status; the dated mentions decide, the most precisely dated first.
    # "a meeting between the prime ministers at a regional summit next month": the
    # summit dates the meeting, but whether the meeting is agreed is the meeting's to say.
    own = {m.kind for m in mentions if not m.anaphoric and not m.partial}
    informative = [m for m in mentions if m.date_start is not None and not m.partial
                   and not (m.anaphoric and own and _preferred_kind(m) not in own)]
    if informative:
        best = min(_PRECISION_RANK[m.date_precision] for m in informative)
        informative = [m for m in informative if _PRECISION_RANK[m.date_precision] == best]
    else:
        informative = [m for m in mentions if not m.anaphoric]
    informative = informative or list(mentions)
    # A guest's arrival has happened before the talks it is for: "arrived here for a
    # three-day visit ... Hu and Wen are to meet Bush" is a meeting still to come.
    talks = [m for m in informative if m.trigger.lower() not in _VISIT_WORDS
             and not m.partial]
    if not talks and any(m.trigger.lower() in _VISIT_WORDS for m in informative):
        # Only the visit is dated: its undated talks say whether they are still to come.
        talks = [m for m in mentions if m.date_start is None and not m.anaphoric
                 and not m.partial and m.trigger.lower() not in _VISIT_WORDS
                 and m.status == "scheduled"]
    if talks and any(m.status == "cancelled" for m in talks):
        return "cancelled"
    return max((m.status for m in talks or informative), key=_STATUS_STRENGTH.__getitem__)


def _merged_mode(kind: str, mentions: Sequence[Mention]) -> str:
    modes = {m.mode for m in mentions if m.kind == kind or m.anaphoric}
    if kind == "call":
        for mode in ("video", "phone"):
            if mode in modes:
                return mode
        return "unspecified"
    return "video" if modes == {"video"} else "in_person"


def _cameo(kind: str, status: str, participants: Sequence[str], initiator: str | None,
           country: str | None, countries: dict[str, str]) -> str:
    """The CAMEO code of an engagement, seen from its first participant (the source actor).

    Announced, proposed and called-off encounters are intents to meet (036); a call is
    041; a meeting in the other side's country is a visit made (042), in the source's own
    country a visit hosted (043); a meeting where no side is at home is at a third
    location (044); anything else, summits included, is a consultation (040).
    """
    if status in {"scheduled", "proposed", "cancelled"}:
        return CAMEO_INTENT_TO_MEET
    if kind == "call":
        return CAMEO_TELEPHONE
    if kind != "meeting" or not participants:
        return CAMEO_CONSULT
    source = participants[0]
    home = countries.get(source)
    others = {countries[p] for p in participants[1:] if p in countries}
    if country and (home or others):
        if home != country and country not in others:
            return CAMEO_THIRD_LOCATION
        if home == country and others - {country}:
            return CAMEO_HOST_VISIT
        if home and home != country and country in others:
            return CAMEO_MAKE_VISIT
    if initiator:
        return CAMEO_MAKE_VISIT if initiator == source else CAMEO_HOST_VISIT
    return CAMEO_CONSULT


def mention_rows(pairs: Sequence[tuple[dict, list[Mention]]],
                 all_mentions: Sequence[Mention]) -> list[dict]:
    """Rows of the mentions table: every mention, with the engagement it was merged into."""
    if not all_mentions:
        return []
    owner: dict[int, str] = {}
    for record, members in pairs:
        for m in members:
            owner[id(m)] = record["engagement_id"]
    rows = []
    for m in all_mentions:
        rows.append({
            "mention_id": hashlib.sha1(
                f"{m.doc_id}|{m.trigger_start}|{m.trigger_end}".encode()).hexdigest()[:16],
            "engagement_id": owner.get(id(m), ""),
            "doc_id": m.doc_id, "kind": m.kind, "mode": m.mode, "status": m.status,
            "participants": list(m.participants), "initiator": m.initiator,
            "location": m.location, "country": m.country,
            "date_start": m.date_start, "date_end": m.date_end,
            "date_precision": m.date_precision, "topics": list(m.topics),
            "evidence": m.evidence, "evidence_start": m.evidence_start,
            "evidence_end": m.evidence_end, "cameo": None, "plover": None,
            "trigger": m.trigger, "trigger_start": m.trigger_start,
            "trigger_end": m.trigger_end, "date_text": m.date_text,
        })
    return rows


def engagement_rows(pairs: Sequence[tuple[dict, list[Mention]]]) -> list[dict]:
    """Rows of the per-document engagements table (each reported by one document)."""
    return [{**record, "doc_ids": [record["doc_id"]], "n_mentions": len(members),
             "conflict": None} for record, members in pairs]


def rows_frame(rows: list[dict], name: str) -> pd.DataFrame:
    """A frame of table ``name`` from plain rows, built column by column (fast), with the
    table's columns even when there are no rows."""
    import pandas as pd

    if not rows:
        return empty_frame(name)
    return pd.DataFrame({key: [row[key] for row in rows] for key in rows[0]})


def engagements_frame(pairs: Sequence[tuple[dict, list[Mention]]]) -> pd.DataFrame:
    """The per-document engagements table of one document."""
    return rows_frame(engagement_rows(pairs), "engagements")


def merge_across_documents(engagements: pd.DataFrame) -> pd.DataFrame:
    """One row per encounter reported by several documents.

    Two rows are the same encounter when they have the same kind, share at least two
    participants (all of them when a side has fewer), and have overlapping date
    intervals; undated rows are never merged across documents, since nothing ties them
    to one encounter. The merged row keeps every document id, the sum of mentions, the
    narrowest interval all reports agree on, and says in ``conflict`` where they differ.
    """
    import pandas as pd

    if engagements.empty:
        return engagements.copy()
    # A frame from pd.read_parquet holds NaN where schema.read_table gives None.
    rows = [{k: (None if is_missing(v) else v) for k, v in r.items()}
            for r in engagements.to_dict("records")]
    # Index by participant so that each row is compared only with rows it could match.
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        if row["date_start"] is None:
            continue
        people = sorted(set(row["participants"]))
        for a in people:
            by_key.setdefault((row["kind"], a), []).append(i)
    for members in by_key.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if find(i) != find(j) and rows[i]["doc_id"] != rows[j]["doc_id"] and \
                        _same_encounter(rows[i], rows[j]):
                    parent[find(j)] = find(i)
    clusters: dict[int, list[int]] = {}
    for i in range(len(rows)):
        clusters.setdefault(find(i), []).append(i)
    merged = [_combine([rows[i] for i in members]) for members in clusters.values()]
    frame = pd.DataFrame(merged)
    return concat([frame], "engagements")


def _same_encounter(a: dict, b: dict) -> bool:
    pa, pb = set(a["participants"]), set(b["participants"])
    shared = len(pa & pb)
    if shared < min(2, len(pa), len(pb)):
        return False
    return not (a["date_end"] < b["date_start"] or b["date_end"] < a["date_start"])


def _combine(rows: list[dict]) -> dict:
    if len(rows) == 1:
        return rows[0]
    rows = sorted(rows, key=lambda r: (r["doc_id"], r["evidence_start"]))
    main = min(rows, key=lambda r: (_PRECISION_RANK[r["date_precision"]], r["doc_id"]))
    start = max(r["date_start"] for r in rows)
    end = min(r["date_end"] for r in rows)
    conflicts = []
    if start > end:
        conflicts.append("dates")
        start, end = main["date_start"], main["date_end"]
        precision = main["date_precision"]
    else:
        precision = min((r["date_precision"] for r in rows if r["date_start"] <= start and
                         r["date_end"] >= end and (r["date_end"] - r["date_start"]) ==
                         (end - start)), key=_PRECISION_RANK.__getitem__,
                        default=main["date_precision"])
    places = {r["location"] for r in rows if r["location"]}
    if len(places) > 1:
        conflicts.append("location: " + " / ".join(sorted(places)))
    participants: list[str] = []
    topics: list[str] = []
    for r in rows:
        participants += [p for p in r["participants"] if p not in participants]
        topics += [t for t in r["topics"] if t not in topics]
    doc_ids: list[str] = []
    for r in rows:
        doc_ids += [d for d in r["doc_ids"] if d not in doc_ids]
    return {
        **main,
        "engagement_id": min(r["engagement_id"] for r in rows),
        "doc_id": doc_ids[0],
        "doc_ids": doc_ids,
        "n_mentions": int(sum(r["n_mentions"] for r in rows)),
        "participants": participants,
        "topics": topics,
        "status": max((r["status"] for r in rows), key=_STATUS_STRENGTH.__getitem__),
        "location": main["location"] or next((r["location"] for r in rows if r["location"]),
                                             None),
        "country": main["country"] or next((r["country"] for r in rows if r["country"]),
                                           None),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "conflict": "; ".join(conflicts) or None,
    }
