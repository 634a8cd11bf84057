"""Actors: who a sentence names, and who a short reference stands for in its document.

This module owns the people, organisations, countries and groups that can take part in
an engagement: "Russian President Vladimir Putin" (a person with a title and a country),
"the Japanese prime minister", "Lukashenko" (a surname, resolved to the full name the
document gave earlier or later), "CSTO" (an organisation, from ``data/organisations.csv``),
"Japan" (a country, a party when no person is named), "Montenegrin leaders" (a group).
Spokespeople, reporters and analysts are recognised so that the extractor can leave them
out: they speak about encounters, they do not take part.

spaCy's blank pipeline has no named-entity model, so names are found by rule over its
tokens: a run of capitalised tokens, stripped of leading titles ("President") and
demonyms ("Russian"), that is neither a place, an organisation, a month nor a weekday.
When a statistical model is installed its PERSON entities are accepted as well. The
rules are about English news style in general, not about any person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, NamedTuple

from helpers.language import Token, word_alternation
from helpers.places import _data_rows, gazetteer

if TYPE_CHECKING:  # spaCy is imported only where a model is used: it costs ~1 s a process
    from spacy.tokens import Span


def _words(text: str) -> list[str]:
    return text.split()


# Titles, longest first when matched; lower-case; a title may span several tokens.
TITLES = (
    "president", "vice president", "vice-president", "prime minister", "deputy prime minister",
    "first deputy prime minister", "foreign minister", "minister", "deputy minister",
    "defense minister", "defence minister", "finance minister", "trade minister",
    "interior minister", "economy minister", "energy minister", "foreign secretary",
    "secretary of state", "secretary-general", "secretary general", "secretary",
    "deputy secretary of state", "assistant secretary of state", "undersecretary",
    "under secretary", "chancellor", "king", "queen", "prince", "crown prince", "emir",
    "sheikh", "sultan", "premier", "vice premier", "ambassador", "envoy", "special envoy",
    "chairman", "chairwoman", "chief", "leader", "speaker", "senator", "governor", "pope",
    "counterpart", "commissioner", "trade representative", "mayor", "general", "gen.",
    "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "lt.", "col.", "adm.", "admiral",
    "president-elect", "head", "spokesman", "spokeswoman", "spokesperson", "reporter",
    "correspondent", "analyst", "adviser", "advisor", "national security adviser",
    "negotiator", "chief negotiator", "representative", "delegate", "director",
    "director general", "director-general", "foreign policy chief", "high representative",
    "supreme leader", "ayatollah", "defense secretary", "defence secretary", "mr", "mrs", "ms",
    "dr", "lord", "sir", "dame", "judge", "justice", "cardinal", "archbishop", "bishop",
    "self-proclaimed president", "de facto leader", "interim president", "acting president",
    "monarch", "pontiff", "attorney general", "deputy attorney general", "first minister",
    "foreign affairs minister", "minister of state", "state secretary", "head of state",
    "head of government", "opposition leader", "mediator", "chief mediator", "aide",
)
# Titles that name whoever leads a government or state: "the Israeli leader" is the
# person the document called "Israeli Prime Minister ...".
LEADER_TITLES = frozenset(
    {"president", "prime minister", "premier", "chancellor", "king", "queen", "emir",
     "sultan", "monarch", "leader", "head of state", "head of government", "pope",
     "pontiff", "supreme leader", "crown prince", "sheikh"}
)
_LEADER_WORDS = frozenset({"leader", "monarch", "head of state", "head of government",
                           "pontiff"})
# Titles of people who report on an encounter rather than take part in it.
NON_PARTICIPANT_TITLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "reporter", "correspondent", "analyst",
     "aide"}
)
_TITLE_WORDS = frozenset(w for t in TITLES for w in t.split())
TITLE_WORDS = _TITLE_WORDS  # every word of a title, lower-case
_TITLE_SET = frozenset(TITLES)
# The tokens a title can start with: its first word, or what precedes the hyphen of one
# tokenised apart ("vice - president" reads as "vice-president"). Not "of", "security",
# "government": :func:`_read_title` finds no title at those words.
_TITLE_FIRSTS = frozenset(
    w for t in TITLES for w in (t.split()[0], t.split()[0].split("-")[0]) if w in _TITLE_WORDS)
_MAX_TITLE_TOKENS = max(len(t.split()) for t in TITLES)


def _title_spans() -> dict[str, int]:
    """Token a title can start with -> the most tokens such a title can take (at most
    _MAX_TITLE_TOKENS): its words, and two more for each hyphen ("vice - president"
    reads as "vice-president")."""
    spans: dict[str, int] = {}
    for title in TITLES:
        first = title.split()[0]
        size = min(_MAX_TITLE_TOKENS, title.count(" ") + 1 + 2 * title.count("-"))
        for cut in [k for k, c in enumerate(first) if c == "-"] + [len(first)]:
            spans[first[:cut]] = max(spans.get(first[:cut], 0), size)
    return spans


_TITLE_SPANS = _title_spans()

MONTHS = frozenset(_words(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. "
    "Oct Oct. Nov Nov. Dec Dec."
))
WEEKDAYS = frozenset(_words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday"))
# Capitalised words that begin sentences or headlines and are never names.
_NOT_NAMES = frozenset(
    _words("""The A An In On At For With After Before But And Or If As By From Of To This That These
    Those It Its He She They We I You His Her Their Our Most Some Many Several Both Each
    According Meanwhile However Also Following During Since Until While When Where Why What
    Who How Earlier Later Last Next New Such Other Another Any All No Not Then Than There Here
    Mr Mrs Ms Dr Minister President Prime Foreign Secretary General Government Ministry
    Parliament Congress Senate Kremlin Council Assembly Committee Party Army Navy Police
    Agency Office Embassy Press Radio Television News Times Post Journal Xinhua AFP AP Reuters
    Associated Yet Still Even Only Just Already Asked Despite Although Though Under Over Into
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow Tonight
    State Republic Democratic National International United Union Federal Royal Islamic
    Summit Talks Meeting Conference Forum Contextually Belarusian Following Most Recently
    Sunni Shiite Muslim Muslims Christian Christians Catholic Jewish Arab Arabs Kurdish Kurds
    West East North South Western Eastern Northern Southern Middle Central Asia Europe Africa
    Latin America Pacific Atlantic Gulf Israeli Palestinian""")
)
# Last words of capitalised runs that name places, bodies, documents or events, never a
# person: "Red Sea", "Statue Square", "Doha Round", "Bangkok Declaration".
_NON_PERSON_HEADS = frozenset(
    _words("""Sea Ocean Beach Bay Gulf River Lake Mountain Mountains Island Islands Land Square
    Park Street Avenue Road Airport Station Palace House Hall Center Centre Site Round
    Declaration Delta Services Province Region State States Strategy Cooperation Development
    Community Committee Council Party Movement Group Front Union Organization Organisation
    Association Agency Bank Fund Court University College Institute Ministry Department
    Office Parliament Congress Senate Assembly Church Army Forces Force Police Channel News
    Times Post Daily Television TV Radio Network Company Corporation Airlines Forum Summit
    Conference Talks Treaty Accord Accords Agreement Initiative Plan Program Programme Project
    Act Law Resolution Protocol Convention Charter Mission Heritage Zone Strip Valley
    Peninsula Heights Farms Coast Republic Kingdom Empire Dynasty Games Cup Olympics
    Championship Prize Award Festival Day Week Era War Arabic English French Exchange
    Market Index Stock Museum Hotel Hospital Prison Gate Bridge Tower Building Stadium
    Authority Commission Secretariat Declaration Guard Brigade Brigades Embassy Consulate
    Federation Alliance Coalition League Society Foundation Trust Institute Service Services
    Economy Economies Leaders Ministers Affairs Relations Security Defense Defence
    Dialogue Symposium Meeting Meetings Session Entrepreneurs Investors Business System
    Systems Arts Straits Strait Motors Abroad""")
)
_NAME_PARTICLES = frozenset({"bin", "ibn", "al", "al-", "de", "da", "del", "van", "von", "der",
                             "la", "le", "el", "di", "du", "abu", "bint"})
GROUP_NOUNS = frozenset(
    {"leaders", "officials", "negotiators", "delegation", "delegations", "diplomats",
     "envoys", "counterparts", "ministers", "authorities", "government", "leadership"}
)
PRONOUNS_PLURAL = frozenset({"they", "both"})
PRONOUNS_SINGULAR = frozenset({"he", "she"})


class ActorMention(NamedTuple):
    """One reference to an actor in a text, with its character offsets.

    A NamedTuple rather than a frozen dataclass: a corpus run builds and rebuilds (when
    resolving) tens of thousands of them, and a tuple is built several times faster than
    a frozen dataclass, whose ``__init__`` goes through ``object.__setattr__`` for every
    field. Use ``_replace`` for a changed copy.
    """

    name: str  # as written, without title: "Vladimir Putin", "Lukashenko", "CSTO", "Japan"
    # "person", "organisation", "country", "group", "pronoun", "role"; and "office" for a
    # role whose holder the document never names ("Peru's ambassador to Japan").
    kind: str
    start: int
    end: int
    title: str | None = None  # lower-case title, if the text gives one: "president"
    country: str | None = None  # the country the text ties the actor to
    role: str | None = None  # "reporter" for spokespeople and the like
    # A role as the text words it, when no name follows: "Peru's ambassador to Japan",
    # "Japanese prime minister". It is the party when the document never names the holder.
    phrase: str | None = None

    @property
    def reports_only(self) -> bool:
        return self.role == "reporter"


@cache
def organisations() -> dict[str, tuple[str, str]]:
    """Surface form -> (canonical name, kind) for every organisation and forum alias."""
    table: dict[str, tuple[str, str]] = {}
    for row in _data_rows("organisations.csv"):
        canonical, kind = row["canonical"], row["kind"]
        table[canonical] = (canonical, kind)
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                table[alias.strip()] = (canonical, kind)
    return table


def _abbreviation(surface: str) -> bool:
    """ "NATO", "G-8", "U.N.": a body's short name, as against its full name."""
    return " " not in surface and not any(c.islower() for c in surface[1:])


@cache
def _organisation_starts() -> dict[str, int]:
    """First word of every alias -> the most words an alias starting with it has."""
    starts: dict[str, int] = {}
    for alias in organisations():
        words = alias.split()
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


def _organisation_prefix(words: Sequence[str]) -> tuple[int, str] | None:
    """The longest organisation alias at the start of ``words``: (n words, canonical)."""
    if not words:
        return None
    longest = _organisation_starts().get(words[0])
    if longest is None:
        return None
    orgs = organisations()
    for n in range(min(len(words), longest), 0, -1):
        surface = " ".join(words[:n])
        if surface in orgs:
            return n, orgs[surface][0]
    return None


@cache
def _stop_words() -> frozenset[str]:
    """English function words (spaCy's list, kept in data/stop_words.csv)."""
    return frozenset(row["word"] for row in _data_rows("stop_words.csv"))


def _initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


_PREFIXED_PARTICLE = re.compile(r"^(?:al|el|ul|bin|ibn|abu|abd|ould)-[A-Z]", re.I)


# A pure function of one word, asked of every capitalised token of every candidate
# sentence: news repeats its words, so the answers are kept.
@lru_cache(maxsize=1 << 16)
def _name_word(text: str) -> bool:
    """A word that can be part of a name: "Putin", "Douste-Blazy", "al-Maliki", "W."."""
    if _initial(text):
        return True
    if _PREFIXED_PARTICLE.match(text):
        return True
    return text[:1].isupper() and text.replace("-", "").replace("'", "").replace(
        "’", "").replace(".", "").isalpha()


# Lower-case words at which an actor can start; every other lower-case word is skipped
# without a look (the fast path: most tokens of a sentence are such words).
_LOWER_STARTS = frozenset(
    {"the", "his", "her", "its", "their", "a", "an", "he", "she", "they", "both", "two",
     "former", "then", "outgoing", "ex", "late", "deposed", "ousted", "new", "senior", "top"}
)


_ACTOR_STARTS = _LOWER_STARTS | _TITLE_WORDS
_TEXT = attrgetter("text")
_KIND = itemgetter(1)  # an ActorMention's kind


def find_actors(span: Span | Sequence, offset: int, text: str | None = None
                ) -> list[ActorMention]:
    """Every actor named in ``span``; offsets are ``offset``-based.

    Args:
        span: a spaCy sentence, or tokens with ``text``, ``lower_`` and ``idx`` (see
            :func:`helpers.language.tokenize`).
        offset: where the text the tokens' ``idx`` count from starts in the document.
        text: that text; a spaCy span's own Doc text when omitted.

    Returns:
        Actor mentions in text order, not yet resolved against the rest of the document.
        Single capitalised words come back with kind "name": only the document can say
        whether "Badawi" is a person (a surname it gave in full elsewhere) or not.
    """
    tokens = list(span)
    reader = _Reader(tokens, span.doc.text if text is None else text, offset)
    bits = reader.bits
    n = len(bits)
    out: list[ActorMention] = []
    # Where an actor can start: a capitalised token, or a lower-case determiner, pronoun
    # or title word; every other token is skipped without a look (most of a sentence).
    starts = compress(range(n), map(_START.__and__, bits))
    after = 0  # the token after what the last reader consumed (readers move forward)
    for i in starts:
        if i < after:
            continue
        # The readers are tried in order; each is called only where it can find something
        # (see _PRONOUN_STARTS), which skips most calls: most starts are a "the", "a" or
        # "of" that none of them reads. The tests are written out here, not in methods:
        # a call costs more than the test.
        b = bits[i]
        found = None
        # "the" is a pronoun's start only in "the two men".
        if b & _PRONOUN_START and (not b & _THE or i + 1 < n and bits[i + 1] & _TWO):
            found = reader.pronoun(i)
        if found is None:
            # False where _Reader.titled is sure to return None. After the determiners,
            # it needs a title to start at the next token (its word in _TITLE_FIRSTS), a
            # country the previous reader left pending ("Jordan's"), or a capitalised word
            # that can give a country: a demonym (whose first word is in _demonym_firsts),
            # a regional adjective, or a country's name used attributively or whose aide
            # it is ("a Blair spokesman": a title word one or two tokens on). A lower-case
            # one ("the end of", "the security of") leaves no title to read.
            k = i
            while k < n and bits[k] & _DETERMINER:
                k += 1
            if k < n:
                bk = bits[k]
                pending = reader.pending_country
                if bk & _TITLE_FIRST or (pending is not None and pending[0] == k) or (
                        bk & _CAPITALISED and (
                            bk & _COUNTRY_START or (k + 1 < n and bits[k + 1] & _TITLE_WORD)
                            or (k + 2 < n and bits[k + 2] & _TITLE_WORD))):
                    found = reader.titled(i)
            if found is None and b & _CAPITALISED:
                if b & _ORGANISATION_START:
                    found = reader.organisation(i)
                # A word that never starts a name ("The", "He", "Minister") with no word
                # after it that can go on with a name: _name_span reads no name there
                # (the run is that word at most, and its first word is dropped), so
                # named() would return (None, i + 1), which moves nothing on.
                if found is None and (not b & _NOT_FIRST or i + 1 < n
                                      and bits[i + 1] & (_NAME_WORD | _PARTICLE)):
                    found = reader.named(i)
        if found is None:
            continue
        mention, after = found
        if mention is not None:
            out.append(mention)
    _relatives(out, reader.text, offset)
    _defined_bodies(out, reader.text, offset)
    _appositive_titles(out, reader.text, offset)
    return out


# "Lazaro Gonzalez's family", "Elian's two grandmothers": the people who take part are the
# relatives or the lawyer, named as the text names them.
_RELATIVE_AFTER = re.compile(
    r"['’]s\s+(?:(?:two|three|four|several)\s+)?(?:family|relatives|lawyers?|attorneys?|"
    r"wife|husband|sons?|daughters?|mother|father|parents|widow|children|grandmothers?|"
    r"grandfathers?|brothers?|sisters?)\b")


def _relatives(mentions: list[ActorMention], text: str, offset: int) -> None:
    if "'s" not in text and "’s" not in text:
        return  # what _RELATIVE_AFTER matches starts so: most sentences have neither
    for k, m in enumerate(mentions):
        if m.kind not in {"person", "name"}:
            continue
        after = _RELATIVE_AFTER.match(text, m.end - offset)
        if after is not None:
            surface = text[m.start - offset:after.end()]
            mentions[k] = ActorMention(surface, "group", m.start, after.end() + offset)


# "the Forum on China-Africa Cooperation (FOCAC)": a body the story spells out with its
# acronym. The name is the run of capitalised words (and the small words inside names)
# before the bracket, from the word whose initial starts the acronym.
# The word pattern is written twice (W W*? for (?:W)+?, the same matches) so that the
# pattern starts with [A-Z]: the search then skips to capitals instead of trying
# every position of its window.
_BODY_WORD = r"[A-Z][\w'’-]*\s+(?:(?:of|on|for|and|the|de|del|la)\s+){0,2}"
_DEFINED_BODY = re.compile(rf"({_BODY_WORD}(?:{_BODY_WORD})*?)\(([A-Z]{{2,7}})\)")
# Last words of a body's name: "Movement", "Party", "Cooperation"; not "Index", "Region".
_BODY_HEADS = frozenset(
    _words("""Organization Organisation Movement Party Front Union Forum Council Committee
    Commission Agency Association Community Group Army Bank Fund Conference Cooperation
    League Alliance Tigers Congress Corporation Company Federation Coalition Society
    Authority Institute Centre Center Programme Program Assembly Court Office"""))


def _initials(words: Sequence[str]) -> tuple[str, str]:
    """The initials of every word and of the capitalised ones ("China-Africa" is two)."""
    parts = [p for w in words for p in w.split("-") if p]
    return ("".join(p[0] for p in parts).upper(),
            "".join(p[0] for p in parts if p[0].isupper()))


def defined_bodies(text: str, start: int = 0) -> list[ActorMention]:
    """Bodies ``text[start:]`` spells out with their acronym, "the Free Aceh Movement
    (GAM)", wherever the story does it: a later "GAM" is that body."""
    out: list[ActorMention] = []
    _defined_bodies(out, text[start:], start)
    return out


_START_OF = attrgetter("start")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z]{2,7}\)")
_NON_SPACE = re.compile(r"\S+")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|an?)\s+$")
_HYPHEN_SPACE = re.compile(r"-\s+")
_LOWER_TAIL = re.compile(r"(?:\s+[a-z]+)+$")


def _defined_bodies(mentions: list[ActorMention], text: str, offset: int) -> None:
    # Most sentences hold no acronym in brackets; where one is, the name is read back from
    # it over a short window, not over the whole text.
    if "(" not in text:
        # No bracket, no body: ``mentions`` is left as it came. The sort below would not
        # change it either: find_actors reads forward, so its mentions come in strictly
        # increasing start order (tests/test_actors.py checks this), and the public
        # defined_bodies() passes an empty list.
        return
    since = 0
    for bracket in _BRACKETED_ACRONYM.finditer(text):
        m = _DEFINED_BODY.search(text, max(since, bracket.start() - 160), bracket.end())
        since = bracket.end()
        if m is None or m.end() != bracket.end():
            continue
        spans = [(w.start(), w.end()) for w in _NON_SPACE.finditer(m.group(1))]
        words = [m.group(1)[a:b] for a, b in spans]
        acronym = m.group(2)
        if words[-1] not in _BODY_HEADS or acronym in organisations():
            continue
        # Start where the initials spell the acronym ("Forum on China-Africa Cooperation",
        # with or without the small words).
        first = next((k for k in range(len(words)) if words[k][0].isupper()
                      and acronym in _initials(words[k:])), None)
        if first is None:
            # "the Tupac Amaru Revolutionary Movement (MRTA)": an acronym of another
            # language; the whole run after a determiner, if no longer than the acronym.
            inner = [k + 1 for k, w in enumerate(words[:-1]) if w in {"the", "The"}]
            before = text[max(0, m.start(1) - 5):m.start(1)]
            if inner:
                first = inner[-1]
            elif _DETERMINER_BEFORE.search(before):
                first = 0
            else:
                continue
            if sum(1 for w in words[first:] if w[0].isupper()) > len(acronym) + 1:
                continue
        while first < len(words) - 1 and words[first].lower() in _stop_words():
            first += 1  # "The Islamic Resistance Movement"
        name = _HYPHEN_SPACE.sub("-", " ".join(words[first:]))  # "China- Africa"
        a, b = m.start(1) + spans[first][0] + offset, m.end() + offset
        mentions[:] = [x for x in mentions if not (a <= x.start < b)]
        mentions.append(ActorMention(name, "organisation", a, m.start(1) + spans[-1][1] + offset,
                                     phrase=acronym))
    mentions.sort(key=_START_OF)


_DETERMINERS = frozenset({"the", "his", "her", "its", "their", "a", "an", "former", "then",
                          "outgoing", "ex", "late", "deposed", "ousted", "new", "senior",
                          "top"})
_PLURAL_REFERENCES = frozenset(
    {"leaders", "sides", "presidents", "men", "countries", "nations", "ministers", "premiers",
     "heads", "governments", "parties", "delegations", "officials"}
)
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# The only words at which _Reader.pronoun can return a mention ("he", "both leaders",
# "two sides", "the two men").
_PRONOUN_STARTS = PRONOUNS_PLURAL | PRONOUNS_SINGULAR | {"two", "both", "the"}

# What a word is, as bits: the readers ask these of every token, most of them of the same
# few thousand words, so a word's answers are worked out once (_word_bits) and each test
# is a bitwise and.
_CAPITALISED = 1 << 0  # text[:1].isupper()
_START = 1 << 1  # an actor can start at it: capitalised, or in _ACTOR_STARTS
_PRONOUN_START = 1 << 2  # in _PRONOUN_STARTS: where _Reader.pronoun can find one
_ORGANISATION_START = 1 << 3  # capitalised and the first word of an organisation alias
_DETERMINER = 1 << 4  # in _DETERMINERS
_TITLE_WORD = 1 << 5  # in _TITLE_WORDS
_TITLE_FIRST = 1 << 6  # in _TITLE_FIRSTS
_COUNTRY_START = 1 << 7  # capitalised: a demonym's first word, or a regional adjective
_NAME_WORD = 1 << 8  # _name_word()
_DATE_WORD = 1 << 9  # a month or a weekday: it ends a name
_PARTICLE = 1 << 10  # in _NAME_PARTICLES
_NOT_LAST = 1 << 11  # never ends a name: in _NOT_NAMES, or a title word
_NOT_FIRST = 1 << 12  # never starts a name: in _NOT_NAMES, a stop word, _name_lead_word()
_THE = 1 << 13  # "the"
_TWO = 1 << 14  # "two"


_BITS: dict[str, int] = {}  # word -> _word_bits(word), for every word seen (up to 1 << 16)


_FIRST = itemgetter(0)


def _bits_of(tokens: Sequence) -> list[int]:
    """The :func:`_word_bits` of every token."""
    # A tokenizer's Token is a tuple whose first field is its text: indexing it costs
    # less than the attribute (which a spaCy token has instead).
    text_of = _FIRST if tokens and isinstance(tokens[0], Token) else _TEXT
    try:
        return list(map(_BITS.__getitem__, map(text_of, tokens)))
    except KeyError:  # a word not seen before
        if len(_BITS) > 1 << 16:
            _BITS.clear()
        texts = list(map(text_of, tokens))
        for text in texts:
            if text not in _BITS:
                _BITS[text] = _word_bits(text)
        return list(map(_BITS.__getitem__, texts))


def _word_bits(text: str) -> int:
    """What ``text`` is (its lower-case form is ``text.lower()``, as a token's ``lower_``
    is): a pure function of the word, kept for each word in ``_BITS``."""
    lower = text.lower()
    capitalised = text[:1].isupper()
    bits = 0
    if capitalised:
        bits |= _CAPITALISED | _START
        if text in _organisation_starts():
            bits |= _ORGANISATION_START
        if text in _demonym_firsts() or lower in _REGIONAL_ADJECTIVES:
            bits |= _COUNTRY_START
    if lower in _ACTOR_STARTS:
        bits |= _START
    if lower in _PRONOUN_STARTS:
        bits |= _PRONOUN_START
    if lower == "the":
        bits |= _THE
    if lower == "two":
        bits |= _TWO
    if lower in _DETERMINERS:
        bits |= _DETERMINER
    if lower in _TITLE_WORDS:
        bits |= _TITLE_WORD | _NOT_LAST
    if lower in _TITLE_FIRSTS:
        bits |= _TITLE_FIRST
    if _name_word(text):
        bits |= _NAME_WORD
    if text in MONTHS or text in WEEKDAYS:
        bits |= _DATE_WORD
    if lower in _NAME_PARTICLES:
        bits |= _PARTICLE
    if text in _NOT_NAMES:
        bits |= _NOT_LAST | _NOT_FIRST
    if lower in _stop_words() or _name_lead_word(text):
        bits |= _NOT_FIRST
    return bits


class _Reader:
    """Reads one actor mention at a token position; each method returns (mention, next)."""

    def __init__(self, tokens: list, text: str, offset: int) -> None:
        self.tokens, self.text, self.offset = tokens, text, offset
        self.bits = _bits_of(tokens)
        # "Jordan's" before a title: (the title's token, the country, the country's token).
        self.pending_country: tuple[int, str, int] | None = None

    def _span(self, first: int, last: int) -> tuple[int, int, str]:
        a, b = self.tokens[first], self.tokens[last]
        return (self.offset + a.idx, self.offset + b.idx + len(b.text),
                self.text[a.idx:b.idx + len(b.text)])

    def pronoun(self, i: int):
        low = self.tokens[i].lower_
        if low == "both" and i + 1 < len(self.tokens) and \
                self.tokens[i + 1].text[:1].isupper():
            return None  # "both Israeli and Palestinian leaders": the names that follow
        if low in PRONOUNS_PLURAL or low in PRONOUNS_SINGULAR:
            start, end, _ = self._span(i, i)
            return ActorMention(low if low != "both" else "they", "pronoun", start, end), i + 1
        nxt = self.tokens[i + 1].lower_ if i + 1 < len(self.tokens) else ""
        if low in {"two", "both"} and nxt in _PLURAL_REFERENCES:
            start, end, _ = self._span(i, i + 1)
            return ActorMention("they", "pronoun", start, end), i + 2
        if low == "the" and nxt == "two" and i + 2 < len(self.tokens) and \
                self.tokens[i + 2].lower_ in _PLURAL_REFERENCES:
            start, end, _ = self._span(i, i + 2)
            return ActorMention("they", "pronoun", start, end), i + 3
        return None

    def titled(self, i: int):
        """[the|his] [Demonym|Country] Title [of Country] [Name], or a demonym group."""
        tokens, n = self.tokens, len(self.tokens)
        bits = self.bits
        k = i
        determined = False
        while k < n and bits[k] & _DETERMINER:
            k += 1
            determined = True
        if k >= n:
            return None
        country, k2 = _read_demonym(tokens, k)
        if country is None and tokens[k].text[:1].isupper():
            country, k2 = _read_attributive_country(tokens, k)
        if country is None and tokens[k].lower_ in _REGIONAL_ADJECTIVES and \
                tokens[k].text[:1].isupper() and k + 1 < n and (
                _group_noun(tokens, k + 1) is not None or tokens[k + 1].lower_ in {"and", ","}):
            country, k2 = tokens[k].text, k + 1  # "European officials", "African leaders"
        phrase_start = k
        if country is None and self.pending_country and self.pending_country[0] == k:
            country = self.pending_country[1]
            phrase_start = self.pending_country[2]
        if country is None and determined and k2 == k and k + 1 < n and \
                tokens[k].text[:1].isupper() and _is_reporter(_read_title(tokens, k + 1)[0]):
            k2 = k + 1  # "a senior Arafat aide", "a Blair spokesman": whose aide, not a party
        title, j = _read_title(tokens, k2)
        if title is None:
            if country and k2 < n:
                group = self._group(k, k2, country)
                if group is not None:
                    return group
            return None
        capitalised = tokens[k2].text[:1].isupper()
        name_toks = _read_name(tokens, bits, j)
        if not name_toks and j + 1 < n and tokens[j].text.isalpha() and \
                tokens[j].text.islower() and tokens[j].lower_ not in _stop_words() and \
                tokens[j + 1].text.islower() and _read_title(tokens, j + 1)[0]:
            # "Iran's chief nuclear negotiator Ali Larijani": the first title word is an
            # adjective; the title is the last one.
            title, j = _read_title(tokens, j + 1)
            name_toks = _read_name(tokens, bits, j)
        if len(name_toks) == 1 and j + 1 < n and tokens[j + 1].lower_ in _TITLE_WORDS and \
                tokens[j + 1].text.islower():
            # "the chief Chechen negotiator": an adjective before a title, not a name.
            title2, j2 = _read_title(tokens, j + 1)
            if title2 is not None:
                start, end, _ = self._span(i, j2 - 1)
                return ActorMention(title2, "role", start, end, title=title2,
                                    role="reporter" if _is_reporter(title2) else None), j2
        if not (determined or capitalised or country or name_toks):
            return None  # a bare lower-case "president" is not a reference to anyone
        country = country or _of_country(tokens, j)
        role = "reporter" if _is_reporter(title) else None
        if name_toks:
            # "Chief Executive Donald Tsang": the name may start after words of the title.
            first = tokens.index(name_toks[0], j)
            last = first + len(name_toks) - 1
            start, end, name = self._span(first, last)
            if title in _MONARCH_TITLES and len(name_toks) == 1:
                # "King Hussein": a monarch known by one name keeps the title that makes
                # the name a reference ("Abdullah II" is one without it).
                name = f"{title.title()} {name}"
            if _organisation_prefix(name.split()) is None and gazetteer().lookup(name) is None:
                return ActorMention(name, "person", start, end, title=title, country=country,
                                    role=role), last + 1
        phrase, after = self._role_phrase(phrase_start, k2, j, title, country)
        if phrase is not None and any(t.lower_ == "as" for t in tokens[max(0, i - 3):i]):
            # "arrived as the first Libyan head of government to visit": what the subject
            # is, not another party.
            phrase, after = None, j
        start, end, _ = self._span(phrase_start if phrase_start < k else i, after - 1)
        return ActorMention(title, "role", start, end, title=title, country=country,
                            role=role, phrase=phrase), after

    def _role_phrase(self, first: int, k2: int, j: int, title: str,
                     country: str | None) -> tuple[str | None, int]:
        """The words that name a role's holder when they say whose role it is ("the
        Japanese prime minister", "Peru's ambassador to Japan", "the president of
        Belarus"), and the token after them; None when they do not ("the chief of the
        city's party") and the token after the title."""
        tokens, n = self.tokens, len(self.tokens)
        end = _complement_end(tokens, j, title)
        if country is None or (first == k2 and end == j):
            return None, j
        if end < n and tokens[end].text in _POSSESSIVE:
            if end > j:
                # "the leader of Western Sahara's Polisario Front": whose leader, in full.
                end = next((e for e in range(end + 1, n)
                            if not _name_word(tokens[e].text)), n)
            elif end + 1 >= n or tokens[end + 1].lower_ not in _ENCOUNTER_NOUNS:
                # "the Japanese ambassador's residence": what is the holder's, no holder.
                return None, j
        if end < n and (tokens[end].text[:1].isupper() and tokens[end].text not in WEEKDAYS
                        and tokens[end].text not in MONTHS or tokens[k2].text[:1].isupper()
                        and tokens[end].lower_ in _TITLE_TAILS):
            # "French Minister for Foreign Trade Christine Lagardo", "Vietnamese Deputy
            # Prime Minister and Foreign Minister Pham Gia Khiem": the title heads a name
            # that comes later; it does not stand for a person.
            return None, j
        return self._span(first, end - 1)[2], end

    def _group(self, k: int, k2: int, country: str):
        """ "Montenegrin leaders"; "Zambian and Zimbabwean officials" names two groups."""
        tokens, n = self.tokens, len(self.tokens)
        noun = _group_noun(tokens, k2)
        if noun is not None:
            start, end, surface = self._span(k, noun)
            role = None
            if noun + 1 < n and tokens[noun + 1].lower_ in _SOURCE_NOUNS:
                role = "reporter"  # "a German government source said"
            return ActorMention(surface, "group", start, end, country=country,
                                role=role), noun + 1
        # Coordinated demonyms share the noun: the first group is named here, the next
        # one when the reader reaches it.
        j = k2
        while j < n and tokens[j].lower_ in {"and", ",", "other", "or"}:
            j += 1
        other, j2 = _read_group_adjective(tokens, j)
        while other and j2 < n and tokens[j2].lower_ in {"and", ",", "other", "or"}:
            other, j2 = _read_group_adjective(tokens, j2 + 1) if j2 + 1 < n else (None, j2)
        noun = _group_noun(tokens, j2) if j > k2 and j2 < n else None
        if noun is not None:
            start, end, surface = self._span(k, k2 - 1)
            return ActorMention(f"{surface} {tokens[noun].text}", "group", start, end,
                                country=country), k2
        return None

    def organisation(self, i: int):
        tok = self.tokens[i]
        if not tok.text[:1].isupper() or tok.text not in _organisation_starts():
            return None  # no alias starts with this word: _organisation_prefix is None
        words = [t.text for t in self.tokens[i:i + 9]]
        org = _organisation_prefix(words)
        if org is None:
            return None
        count, canonical = org
        nxt = i + count
        # "European Commission President Jose Manuel Barroso": the body is the person's
        # affiliation, not a party of its own.
        title, _ = _read_title(self.tokens, nxt)
        if title is not None and title not in {"summit", "leaders"}:
            return None, nxt
        noun = _group_noun(self.tokens, nxt)
        if noun is not None and self.tokens[noun].lower_ in _BODY_MEMBERS:
            # "an EU foreign ministers' meeting": the body's ministers, as the text says.
            start, end, surface = self._span(i, noun)
            return ActorMention(surface, "group", start, end), noun + 1
        start, end, surface = self._span(i, nxt - 1)
        # "Asia-Pacific Economic Cooperation (APEC)": the acronym repeats the body.
        if nxt + 2 < len(self.tokens) and self.tokens[nxt].text == "(" and \
                self.tokens[nxt + 2].text == ")":
            again = _organisation_prefix([self.tokens[nxt + 1].text])
            if again is not None and again[1] == canonical:
                nxt += 3
                surface = canonical
        # A gathering ("the Group of Eight summit") is written as the story names it; a
        # standing body by the short name analysts use ("NATO"), whatever the story says.
        forum = organisations()[canonical][1] == "forum" and not _abbreviation(surface)
        return ActorMention(canonical, "organisation", start, end,  # "... Cooperation forum"
                            phrase=_LOWER_TAIL.sub("", surface) if forum else None), nxt

    def named(self, i: int):
        """A capitalised run: a place, a person's full name, or a single word to resolve."""
        if not self.bits[i] & _CAPITALISED:
            return None
        first, stop = _name_span(self.bits, self.tokens, i)
        if first == stop:
            return None, i + 1
        name_toks = self.tokens[first:stop]
        if first > i:
            last = first + len(name_toks) - 1
            start, end, whole = self._span(i, last)
            place = gazetteer().lookup(whole)
            if place is not None and place.kind == "country":
                # "New Zealand": a country whose name starts with a common word.
                return ActorMention(place.name, "country", start, end,
                                    country=place.country), last + 1
            # "The ASEAN summit": the run began with a common word; read again from the
            # first word of the name, which may be an organisation or a title.
            return None, first
        last = first + len(name_toks) - 1
        start, end, name = self._span(first, last)
        place = gazetteer().lookup(name)
        if place is not None:
            kind = "country" if place.kind == "country" else "city"
            shown = place.name if kind == "country" else name
            if kind == "country" and last + 1 < len(self.tokens) and \
                    self.tokens[last + 1].text in _POSSESSIVE:
                # "Jordan's King Abdullah II", "Israel's peace camp": the country
                # qualifies what follows; it is not a party by itself.
                self.pending_country = (last + 2, place.name, first)
                return None, last + 2
            return ActorMention(shown, kind, start, end, country=place.country), last + 1
        if gazetteer().country_of_demonym(name):
            return None, last + 1
        if len(name_toks) == 1:
            if name.isupper() and len(name) > 1 and not _initial(name):
                # An acronym the gazetteers do not know: a body if the document spells it
                # out somewhere ("the Tupac Amaru Revolutionary Movement (MRTA)").
                return ActorMention(name, "acronym", start, end), last + 1
            return ActorMention(name, "name", start, end), last + 1
        if _plausible_name(name_toks):
            return ActorMention(name, "person", start, end), last + 1
        for size in (1, 2) if first and self.tokens[first - 1].lower_ in _PLACE_BEFORE else ():
            # "the World Heritage Center in Paris Kishore Rao": a place run into a name.
            if len(name_toks) - size >= 2 and \
                    gazetteer().lookup(" ".join(t.text for t in name_toks[:size])) \
                    is not None and _plausible_name(name_toks[size:]):
                start, end, name = self._span(first + size, last)
                return ActorMention(name, "person", start, end), last + 1
        return None, last + 1


_PLACE_BEFORE = frozenset({"in", "for", "to", "from"})
# Words that carry a capitalised title on to the name it heads: "Minister for Foreign
# Trade ...", "Ambassador in Pakistan ...", "Deputy Prime Minister and Foreign Minister".
_TITLE_TAILS = frozenset({"for", "in", "and", "of", "to", "at", "on"})
# Words between a demonym or body and its group noun: "Zambian government officials",
# "EU foreign ministers", "Greek and other European officials".
_GROUP_MODIFIERS = frozenset(
    {"foreign", "defence", "defense", "finance", "trade", "economy", "energy", "interior",
     "government", "senior", "top", "military", "security", "political", "health",
     "agriculture", "justice", "environment", "education"})
# What a body's members are called when they meet as a body ("EU foreign ministers").
_BODY_MEMBERS = frozenset({"ministers"})
# "a German government source said": the group speaks; it does not take part.
_SOURCE_NOUNS = frozenset({"source", "sources", "spokesman", "spokeswoman", "spokesperson"})


def _group_noun(tokens, i: int) -> int | None:
    """The index of the group noun at ``i``, after at most two modifiers, if any."""
    n = len(tokens)
    for j in range(i, min(i + 3, n)):
        if tokens[j].lower_ in GROUP_NOUNS:
            if j + 1 < n and tokens[j].lower_ == "government" and \
                    tokens[j + 1].lower_ in GROUP_NOUNS:
                continue
            return j
        if tokens[j].lower_ not in _GROUP_MODIFIERS:
            return None
    return None


# Words at a title's first word -> (the longest title they start, its size in tokens):
# a pure function of a few words ("prime minister of"), asked of every title word.
_TITLE_READS: dict[tuple[str, ...], tuple[str | None, int]] = {}


def _read_title(tokens, i: int) -> tuple[str | None, int]:
    """The longest title starting at token ``i``, and the token after it."""
    n = len(tokens)
    if i >= n or tokens[i].lower_ not in _TITLE_WORDS:
        return None, i
    longest = min(_TITLE_SPANS.get(tokens[i].lower_, 0), n - i)
    words = tuple([t.lower_ for t in tokens[i:i + longest]])
    read = _TITLE_READS.get(words)
    if read is None:
        if len(_TITLE_READS) > 1 << 16:
            _TITLE_READS.clear()
        read = _TITLE_READS[words] = _longest_title(words)
    return read[0], i + read[1]


def _longest_title(words: tuple[str, ...]) -> tuple[str | None, int]:
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size]).replace(" - ", "-")
        if phrase in _TITLE_SET:
            return phrase, size
    return None, 0


def _read_demonym(tokens, i: int) -> tuple[str | None, int]:
    n = len(tokens)
    if i >= n or not tokens[i].text[:1].isupper() or tokens[i].text not in _demonym_firsts():
        return None, i  # no demonym starts with this word (token texts hold no spaces)
    country_of = gazetteer().country_of_demonym
    if i + 2 <= n:
        country = country_of(tokens[i].text + " " + tokens[i + 1].text)
        if country:
            return country, i + 2
    country = country_of(tokens[i].text)
    if country:
        return country, i + 1
    return None, i


@cache
def _demonym_firsts() -> frozenset[str]:
    """The first word of every demonym: a token that is none cannot start one."""
    return frozenset(adjective.split(" ", 1)[0] for adjective in gazetteer().demonyms)


# Adjectives of a region that name groups as demonyms do: "Greek and other European
# officials", "African leaders". They name no country, so they are read only before a
# group noun.
_REGIONAL_ADJECTIVES = frozenset({"european", "african", "asian", "arab", "latin",
                                  "western", "nordic", "baltic", "gulf", "balkan",
                                  "caribbean", "pacific"})


def _read_group_adjective(tokens, i: int) -> tuple[str | None, int]:
    """A demonym, or a regional adjective, in a list that ends in a group noun."""
    country, j = _read_demonym(tokens, i)
    if country is None and i < len(tokens) and tokens[i].lower_ in _REGIONAL_ADJECTIVES \
            and tokens[i].text[:1].isupper():
        return tokens[i].text, i + 1
    return country, j


def _read_attributive_country(tokens, i: int) -> tuple[str | None, int]:
    """A country's name used as an adjective before a title: "Singapore Prime Minister"."""
    n = len(tokens)
    for size in (2, 1):
        if i + size < n and tokens[i + size].lower_ in _TITLE_WORDS:
            place = gazetteer().lookup(" ".join(t.text for t in tokens[i:i + size]))
            if place is not None and place.kind == "country":
                return place.name, i + size
    return None, i


def _read_name(tokens, bits: Sequence[int], i: int) -> list:
    """A run of name tokens starting at ``i``: capitalised words, initials, particles."""
    first, stop = _name_span(bits, tokens, i)
    return tokens[first:stop]


def _name_span(bits: Sequence[int], tokens, i: int) -> tuple[int, int]:
    """Where the name :func:`_read_name` reads at ``i`` starts and stops (equal when it
    reads none); ``bits`` are the tokens' :func:`_word_bits`."""
    n = len(bits)
    j = i
    while j < n:
        b = bits[j]
        if b & _DATE_WORD:
            break
        if b & _NAME_WORD:
            # "European Parliament President Josep Borrell": a title inside a capitalised
            # run starts the person's name; what came before is an affiliation.
            if j > i and b & _TITLE_WORD and j + 1 < n and bits[j + 1] & _NAME_WORD \
                    and _read_title(tokens, j)[0]:
                break
            j += 1
            continue
        # Particles only inside a name ("Osama bin Laden", "Jaap de Hoop Scheffer").
        if j > i and b & _PARTICLE and j + 1 < n and bits[j + 1] & _CAPITALISED:
            j += 1
            continue
        break
    first, stop = i, j
    # A trailing possessive or title word is not part of the name.
    while stop > first and bits[stop - 1] & _NOT_LAST:
        stop -= 1
    # Nor a sentence-initial common word ("Now Gujral", "Three Italian ..."), nor a
    # title, organisation word or adjective ("Representatives Subash Chandra Nemwang").
    while stop > first and bits[first] & _NOT_FIRST:
        first += 1
    return first, stop


@cache
def _name_leads() -> frozenset[str]:
    return frozenset(row["word"] for row in _data_rows("name_lead_words.csv"))


def _name_lead_word(text: str) -> bool:
    """A word that opens a capitalised run but no person's name: "Deputy", "Political",
    or a participle ("Concluding Senior Officials", "Describing Natsios")."""
    return text in _name_leads() or (len(text) >= 8 and text.endswith("ing")
                                     and text[1:].islower())


def _plausible_name(name_toks) -> bool:
    """A bare capitalised run is a person's name when it looks like one: 2-4 words."""
    words = [t.text for t in name_toks]
    if not 2 <= len(words) <= 5:
        return False
    for w in words:  # no single letters, common words, months, heads or acronyms
        if len(w) < 2 or w in _NEVER_IN_NAMES or (
                w.isupper() and not _initial(w) and not _ROMAN.match(w)):
            return False
    if gazetteer().country_of_demonym(words[0]):
        return False
    prefix = words[0]
    for w in words[1:]:
        if _known_as_place(prefix):
            return False  # "Paris Kishore Rao", "Hong Kong Disneyland": a place run into a name
        prefix += " " + w
    return True


_NEVER_IN_NAMES = _NOT_NAMES | MONTHS | WEEKDAYS | _NON_PERSON_HEADS


def _known_as_place(words: str) -> bool:
    """A place by its own name: "Paris"; not "Ivan", a variant spelling of an Iranian
    town's name and a common first name."""
    place = gazetteer().lookup(words)
    return place is not None and (place.kind == "country" or place.name == words
                                  or place.population >= 150_000)


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X{1,3}|XV|XVI{1,3}|XX)$")


def _is_reporter(title: str | None) -> bool:
    return bool(title) and any(w in NON_PARTICIPANT_TITLES for w in title.split())


def _of_country(tokens, j: int) -> str | None:
    """The country in "president of Belarus" right after a title."""
    n = len(tokens)
    if j < n and tokens[j].lower_ == "of":
        k = j + 1
        if k < n and tokens[k].lower_ == "the":
            k += 1
        for size in (3, 2, 1):
            if k + size <= n:
                place = gazetteer().lookup(" ".join(t.text for t in tokens[k:k + size]))
                if place is not None:
                    return place.country
                demonym = gazetteer().country_of_demonym(
                    " ".join(t.text for t in tokens[k:k + size]))
                if demonym:
                    return demonym
    return None


# What a role's holder may have that makes them a party: "the Iraqi prime minister's
# meeting with Bush".
_ENCOUNTER_NOUNS = frozenset({"meeting", "meetings", "talks", "visit", "trip", "call",
                              "conversation", "summit", "audience", "tour"})
# Titles whose holder is sent to a country: "Peru's ambassador to Japan".
_ENVOY_TITLES = frozenset({"ambassador", "envoy", "special envoy", "representative",
                           "delegate"})


def _complement_end(tokens, j: int, title: str) -> int:
    """The token after a title's complement of place: "of Belarus", "to Japan"."""
    n = len(tokens)
    if j >= n or not (tokens[j].lower_ == "of" or tokens[j].lower_ == "to"
                      and title in _ENVOY_TITLES):
        return j
    k = j + 1
    if k < n and tokens[k].lower_ == "the":
        k += 1
    gaz = gazetteer()
    for size in (3, 2, 1):
        if k + size <= n and tokens[k].text[:1].isupper():
            words = " ".join(t.text for t in tokens[k:k + size])
            place = gaz.lookup(words)
            # "ambassador to Washington": a capital stands for its country.
            if place is not None and (place.kind == "country" or tokens[j].lower_ == "to") \
                    or (_organisation_prefix(words.split()) or (0,))[0] == size:
                return k + size
    return j


# "Thomas Shannon, the visiting United States deputy secretary of state": an adjective of
# the occasion between a name and the title in apposition.
_APPOSITIVE_LINK = re.compile(r",\s+(?:the\s+)?(?:visiting|incoming|outgoing|acting|current)\s+")


def _appositive_titles(mentions: list[ActorMention], text: str, offset: int) -> None:
    """Give a name the title of its appositive: "Dmitry Peskov, the spokesperson for ..."."""
    if "role" not in map(_KIND, mentions):
        return  # each of the pairs read below has a role in it
    i = 0
    while i + 1 < len(mentions):
        name, role = mentions[i], mentions[i + 1]
        between = text[name.end - offset:role.start - offset]
        if name.kind in {"person", "name"} and not name.title and role.kind == "role" \
                and (between.strip() == "," or _APPOSITIVE_LINK.fullmatch(between)):
            mentions[i] = ActorMention(name.name, "person", name.start, name.end,
                                       title=role.title, country=role.country, role=role.role)
            del mentions[i + 1]
        elif name.kind == "role" and role.kind == "person" and between.strip()[:1] == "," \
                and all(w in _TITLE_WORDS for w in between.strip(" ,").lower().split()) \
                and not name.reports_only:
            # "the Vatican head of government, Secretary of State Tarcisio Bertone": the
            # role is the person named after it, not a country standing in for them.
            mentions[i] = ActorMention(role.name, "person", role.start, role.end,
                                       title=role.title or name.title,
                                       country=role.country or name.country, role=role.role)
            del mentions[i + 1]
        i += 1


def _introducing_titles() -> list[str]:
    """Titles that introduce a person (every word of them letters or hyphens)."""
    return [t for t in TITLES if t not in NON_PARTICIPANT_TITLES and "." not in t
            and t not in {"mr", "mrs", "ms", "dr", "counterpart", "head"}]


@cache
def _title_pattern() -> re.Pattern[str]:
    """Titles that introduce a person, as a trie alternation over lower-cased text."""
    alternation = word_alternation(t.replace(" ", "\x00") for t in _introducing_titles())
    return re.compile(r"\b" + alternation.replace("\x00", " ") + r" ")


@cache
def _title_finder() -> re.Pattern[bytes]:
    """A space, then the first word of a title (up to its first space or hyphen), before a
    space: where a title can start in text whose non-word characters are all spaces. The
    word is consumed and the space after it only looked at, so the next search starts
    at that space ("de de ..." finds both); that costs less than a look-ahead over the
    word at every space (what the search does at most of them)."""
    firsts = sorted({re.split(r"[ -]", t)[0] for t in _introducing_titles()})
    return re.compile((" " + word_alternation(firsts) + "(?= )").encode())


# ASCII byte -> itself for a word character (\w), a space for any other.
_WORDS_ONLY = bytes(b if chr(b).isalnum() or chr(b) == "_" else 32 for b in range(128)) \
    + bytes([32] * 128)


def _title_matches(lower: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """What ``_title_pattern().finditer(lower, start, end)`` finds, found faster.

    That search tries its alternation at every position of the text, which is most of
    the cost of :func:`titled_names`. In ASCII text the positions worth trying are found
    by a search that skips from space to space: with every non-word character made a
    space, a title can only start after a space (its ``\\b``), at the first word of a
    title, followed by a space (what follows the word in the title, or the title's own
    space). The pattern is tried only there, and matches that would overlap the last one
    are dropped as ``finditer`` drops them, so the matches are the same.
    """
    pattern = _title_pattern()
    if not lower.isascii():
        yield from pattern.finditer(lower, start, end)
        return
    last = start
    if start == 0:  # the one position no space precedes
        m = pattern.match(lower, 0, end)
        if m is not None:
            last = m.end()
            yield m
    words_only = lower.encode("ascii").translate(_WORDS_ONLY)
    for space in _title_finder().finditer(words_only, max(start - 1, 0), end):
        if space.start() + 1 >= last:
            m = pattern.match(lower, space.start() + 1, end)
            if m is not None:
                last = m.end()
                yield m


_NAME_AFTER_TITLE = re.compile(
    r"[A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]+|[A-Z]\.|(?:al|bin|de|van|von|el)\b-?)){0,3}")
_WORD_BEFORE = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?) $")


def titled_names(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """People introduced with a title in ``text[start:end]``, by regular expressions.

    The cheap pass only tokenises sentences that report encounters; the rest of the
    document still introduces people ("German Chancellor Angela Merkel condemned...")
    whom later references ("the German Chancellor", "Merkel") stand for.
    """
    gaz = gazetteer()
    end = len(text) if end is None else end
    lower = text.lower()
    out = []
    for m in _title_matches(lower, start, end):
        name = _NAME_AFTER_TITLE.match(text, m.end(), end)
        if name is None:
            person = _appositive_person(text, m.start(), m.end(), start)
            if person is not None:
                out.append(person)
            continue
        words = name.group().split()
        while words and (words[-1] in _NOT_NAMES or words[-1].lower() in _TITLE_WORDS
                         or words[-1] in MONTHS or words[-1] in WEEKDAYS):
            words.pop()
        if len(words) < 2:
            continue
        full = " ".join(words)
        if gaz.lookup(full) is not None or _organisation_prefix(words) is not None:
            continue
        country = None
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is not None:
            country = gaz.country_of_demonym(before.group(1)) or gaz.country_of_demonym(
                before.group(1).split()[-1])
        title = " ".join(text[m.start():m.end()].lower().split())
        out.append(ActorMention(full, "person", name.start(), name.start() + len(full),
                                title=title, country=country))
    return out


# "Franz Vranitzky, the former Austrian chancellor heading ...": a full name with its
# title in apposition introduces a person as "Chancellor Franz Vranitzky" would.
_APPOSITIVE_NAME = re.compile(
    r"(?<![\w.])([A-Z][a-z][\w'’-]*(?: [A-Z]\.)?(?: (?:[A-Z][\w'’-]+|(?:al|bin|de|van|von|el)"
    r"\b-?)){1,2}), (?:the |a |an )?(?:(?:former|ex|new|current|acting|outgoing|veteran|"
    r"then)[- ])?(?:([A-Z][\w-]+) )?$")


def _appositive_person(text: str, title_start: int, title_end: int,
                       floor: int) -> ActorMention | None:
    lo = max(floor, title_start - 70)
    # Every match holds ", " between its name and the title: most titles found in running
    # text ("the state", "general") have none before them, and are spared the search
    # (whose look-behind makes sre try each of the 70 positions).
    if text.find(", ", lo, title_start) < 0:
        return None
    m = _APPOSITIVE_NAME.search(text, lo, title_start)
    if m is None:
        return None
    gaz = gazetteer()
    words = m.group(1).split()
    if words[0] in _NOT_NAMES or words[0] in MONTHS or words[0] in WEEKDAYS or \
            gaz.lookup(m.group(1)) is not None or _organisation_prefix(words) is not None:
        return None
    country = gaz.country_of_demonym(m.group(2)) if m.group(2) else None
    title = " ".join(text[title_start:title_end].lower().split())
    return ActorMention(m.group(1), "person", m.start(1), m.end(1), title=title,
                        country=country)


@dataclass
class DocumentActors:
    """What a document has said about its actors so far: full names, titles, countries.

    Short references are resolved against it: a surname to the one full name that ends
    with it, "the Russian president" to the person last given that title and country.
    """

    people: dict[str, ActorMention] = field(default_factory=dict)  # full name -> mention
    # Forums the document calls by their short name somewhere ("G8"); the others it names
    # only in full ("the Group of Eight"), and they are written so.
    abbreviated: set[str] = field(default_factory=set)
    # Acronyms the document spells out: "MRTA" -> "Tupac Amaru Revolutionary Movement".
    defined: dict[str, str] = field(default_factory=dict)
    # What full_name() answered, by short name, while ``people`` had ``_known`` names: the
    # answer depends only on which full names are known, and names are only ever added.
    _full_names: dict[str, str] = field(default_factory=dict, init=False, repr=False,
                                        compare=False)
    _known: int = field(default=0, init=False, repr=False, compare=False)

    def learn(self, mentions: Iterable[ActorMention]) -> None:
        for m in mentions:
            if m.kind == "organisation" and m.phrase is None:
                self.abbreviated.add(m.name)
            if m.kind == "organisation" and m.name not in organisations() and m.phrase:
                self.defined[m.phrase] = m.name
            if m.kind != "person":
                continue
            known = self.people.get(m.name)
            if len(m.name.split()) >= 2 and (
                    known is None or (m.title and not known.title)
                    or (m.country and not known.country)):
                self.people[m.name] = ActorMention(
                    m.name, "person", m.start, m.end,
                    title=m.title or (known.title if known else None),
                    country=m.country or (known.country if known else None),
                    role=m.role or (known.role if known else None))

    def body(self, m: ActorMention) -> str:
        """How the document calls a body: its short name if it ever uses it, else the full
        name it writes (the scorer's acronym of "Group of Eight" is no "G8")."""
        if m.phrase is None or m.name in self.abbreviated or m.name not in organisations():
            return m.name
        return m.phrase

    def full_name(self, name: str) -> str:
        """The full name a short reference stands for ("Lukashenko" -> "Alexander ...")."""
        if name in self.people:
            return name
        if self._known != len(self.people):
            self._full_names.clear()
            self._known = len(self.people)
        full = self._full_names.get(name)
        if full is None:
            full = self._full_names[name] = self._find_full_name(name)
        return full

    def _find_full_name(self, name: str) -> str:
        words = name.split()
        candidates = [full for full in self.people
                      if len(full.split()) > len(words)
                      and (full.split()[-1] == words[-1] or full.endswith(" " + name))]
        if not candidates and len(words) == 1:
            # "Hu" for "Hu Jintao", "Abdullah" for "Abdullah II": names that put the
            # family name first, and regnal names.
            candidates = [full for full in self.people if full.split()[0] == name
                          and (len(name) <= 4 or _single_given_name(full))]
        if len(candidates) == 1:
            return candidates[0]
        return name

    def person(self, name: str) -> ActorMention | None:
        return self.people.get(self.full_name(name))

    def by_role(self, title: str, country: str | None) -> ActorMention | None:
        """The person the document gave ``title`` (and ``country``), most recent first."""
        best = None
        generic = title in _LEADER_WORDS
        for mention in self.people.values():
            if mention.title is None:
                continue
            if generic:
                if mention.title not in LEADER_TITLES:
                    continue
            elif title.split()[-1] not in mention.title.split() and not (
                    title == "pope" and mention.title == "pontiff"):
                continue
            if country and mention.country and mention.country != country:
                continue
            if country and not mention.country:
                continue
            if generic and not country:
                continue
            if best is None or mention.start > best.start:
                best = mention
        if best is None and country and (generic or title in LEADER_TITLES):
            # "President Alberto Fujimori" ... "Peru's president": the one leader with
            # that title whose country the document did not say.
            holders = [m for m in self.people.values() if m.country is None and m.title
                       and (m.title in LEADER_TITLES if generic
                            else title.split()[-1] in m.title.split())
                       and m.role is None]
            if len(holders) == 1:
                best = holders[0]
        return best


_MONARCH_TITLES = frozenset({"king", "queen"})


def _single_given_name(full: str) -> bool:
    # "Abdullah" for "Abdullah II", "Benedict" for "Benedict XVI": a regnal name.
    return bool(_ROMAN.match(full.split()[-1]))
