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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span

from helpers.places import _data_rows, gazetteer

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
)
# Titles of people who report on an encounter rather than take part in it.
NON_PARTICIPANT_TITLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "reporter", "correspondent", "analyst"}
)
_TITLE_WORDS = frozenset(w for t in TITLES for w in t.split())
_TITLE_SET = frozenset(TITLES)
_MAX_TITLE_TOKENS = max(len(t.split()) for t in TITLES)

MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. "
    "Oct Oct. Nov Nov. Dec Dec.".split()
)
WEEKDAYS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
# Capitalised words that begin sentences or headlines and are never names.
_NOT_NAMES = frozenset(
    """The A An In On At For With After Before But And Or If As By From Of To This That These
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
    Latin America Pacific Atlantic Gulf Israeli Palestinian""".split()
)
_NAME_PARTICLES = frozenset({"bin", "ibn", "al", "al-", "de", "da", "del", "van", "von", "der",
                             "la", "le", "el", "di", "du", "abu", "bint"})
GROUP_NOUNS = frozenset(
    {"leaders", "officials", "negotiators", "delegation", "delegations", "diplomats",
     "envoys", "counterparts", "ministers", "authorities", "government", "leadership"}
)
PRONOUNS_PLURAL = frozenset({"they", "both"})
PRONOUNS_SINGULAR = frozenset({"he", "she"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One reference to an actor in a text, with its character offsets."""

    name: str  # as written, without title: "Vladimir Putin", "Lukashenko", "CSTO", "Japan"
    kind: str  # "person", "organisation", "country", "group", "pronoun", "role"
    start: int
    end: int
    title: str | None = None  # lower-case title, if the text gives one: "president"
    country: str | None = None  # the country the text ties the actor to
    role: str | None = None  # "reporter" for spokespeople and the like

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


def _organisation_prefix(words: Sequence[str]) -> tuple[int, str] | None:
    """The longest organisation alias at the start of ``words``: (n words, canonical)."""
    orgs = organisations()
    for n in range(min(len(words), 9), 0, -1):
        surface = " ".join(words[:n])
        if surface in orgs:
            return n, orgs[surface][0]
    return None


def _is_name_token(text: str) -> bool:
    if not text:
        return False
    if text[0].isupper() and (len(text) == 1 or not text.isupper() or len(text) <= 4):
        return True
    return text.lower() in _NAME_PARTICLES or text.lower().startswith("al-")


def _initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def find_actors(span: Span, offset: int) -> list[ActorMention]:
    """Every actor named in ``span`` (a spaCy sentence); offsets are ``offset``-based.

    Args:
        span: a sentence of a spaCy Doc whose text starts at document offset ``offset``.
        offset: where the Doc's text starts in the document.

    Returns:
        Actor mentions in text order, not yet resolved against the rest of the document.
        Single capitalised words come back with kind "name": only the document can say
        whether "Badawi" is a person (a surname it gave in full elsewhere) or not.
    """
    tokens = list(span)
    reader = _Reader(tokens, span.doc.text, offset)
    out: list[ActorMention] = []
    i = 0
    while i < len(tokens):
        found = (
            reader.pronoun(i) or reader.titled(i) or reader.organisation(i) or reader.named(i)
        )
        if found is None:
            i += 1
            continue
        mention, i = found
        if mention is not None:
            out.append(mention)
    _appositive_titles(out, span.doc.text, offset)
    return out


_DETERMINERS = frozenset({"the", "his", "her", "its", "their", "a", "an"})
_PLURAL_REFERENCES = frozenset(
    {"leaders", "sides", "presidents", "men", "countries", "nations", "ministers", "premiers",
     "heads", "governments", "parties", "delegations"}
)


class _Reader:
    """Reads one actor mention at a token position; each method returns (mention, next)."""

    def __init__(self, tokens: list, text: str, offset: int) -> None:
        self.tokens, self.text, self.offset = tokens, text, offset

    def _span(self, first: int, last: int) -> tuple[int, int, str]:
        a, b = self.tokens[first], self.tokens[last]
        return (self.offset + a.idx, self.offset + b.idx + len(b.text),
                self.text[a.idx:b.idx + len(b.text)])

    def pronoun(self, i: int):
        low = self.tokens[i].lower_
        if low in PRONOUNS_PLURAL or low in PRONOUNS_SINGULAR:
            start, end, _ = self._span(i, i)
            return ActorMention(low if low != "both" else "they", "pronoun", start, end), i + 1
        nxt = self.tokens[i + 1].lower_ if i + 1 < len(self.tokens) else ""
        if low in {"two", "both"} and nxt in _PLURAL_REFERENCES:
            start, end, _ = self._span(i, i + 1)
            return ActorMention("they", "pronoun", start, end), i + 2
        return None

    def titled(self, i: int):
        """[the|his] [Demonym] Title [of Country] [Name], or a demonym group."""
        tokens, n = self.tokens, len(self.tokens)
        k = i
        determined = False
        while k < n and tokens[k].lower_ in _DETERMINERS:
            k += 1
            determined = True
        if k >= n:
            return None
        country, k2 = _read_demonym(tokens, k)
        title, j = _read_title(tokens, k2)
        if title is None:
            if country and k2 < n and tokens[k2].lower_ in GROUP_NOUNS:
                start, end, surface = self._span(k, k2)
                return ActorMention(surface, "group", start, end, country=country), k2 + 1
            return None
        capitalised = tokens[k2].text[:1].isupper()
        name_toks = _read_name(tokens, j)
        if not (determined or capitalised or country or name_toks):
            return None  # a bare lower-case "president" is not a reference to anyone
        country = country or _of_country(tokens, j)
        role = "reporter" if _is_reporter(title) else None
        if name_toks:
            first, last = j, j + len(name_toks) - 1
            start, end, name = self._span(first, last)
            if _organisation_prefix(name.split()) is None and gazetteer().lookup(name) is None:
                return ActorMention(name, "person", start, end, title=title, country=country,
                                    role=role), last + 1
        start, end, _ = self._span(i, j - 1)
        return ActorMention(title, "role", start, end, title=title, country=country,
                            role=role), j

    def organisation(self, i: int):
        tok = self.tokens[i]
        if not tok.text[:1].isupper():
            return None
        org = _organisation_prefix([t.text for t in self.tokens[i:i + 9]])
        if org is None:
            return None
        count, canonical = org
        start, end, _ = self._span(i, i + count - 1)
        return ActorMention(canonical, "organisation", start, end), i + count

    def named(self, i: int):
        """A capitalised run: a place, a person's full name, or a single word to resolve."""
        if not self.tokens[i].text[:1].isupper():
            return None
        name_toks = _read_name(self.tokens, i)
        if not name_toks:
            return None, i + 1
        first = self.tokens.index(name_toks[0], i)
        last = first + len(name_toks) - 1
        start, end, name = self._span(first, last)
        place = gazetteer().lookup(name)
        if place is not None:
            kind = "country" if place.kind == "country" else "city"
            shown = place.name if kind == "country" else name
            return ActorMention(shown, kind, start, end, country=place.country), last + 1
        if gazetteer().country_of_demonym(name):
            return None, last + 1
        if len(name_toks) == 1:
            return ActorMention(name, "name", start, end), last + 1
        if _plausible_name(name_toks):
            return ActorMention(name, "person", start, end), last + 1
        return None, last + 1


def _read_title(tokens, i: int) -> tuple[str | None, int]:
    """The longest title starting at token ``i``, and the token after it."""
    n = len(tokens)
    for size in range(_MAX_TITLE_TOKENS, 0, -1):
        if i + size > n:
            continue
        phrase = " ".join(t.lower_ for t in tokens[i:i + size]).replace(" - ", "-")
        if phrase in _TITLE_SET:
            return phrase, i + size
    return None, i


def _read_demonym(tokens, i: int) -> tuple[str | None, int]:
    gaz = gazetteer()
    n = len(tokens)
    for size in (2, 1):
        if i + size <= n:
            surface = " ".join(t.text for t in tokens[i:i + size])
            country = gaz.country_of_demonym(surface)
            if country:
                return country, i + size
    return None, i


def _read_name(tokens, i: int) -> list:
    """A run of name tokens starting at ``i``: capitalised words, initials, particles."""
    out = []
    n = len(tokens)
    j = i
    while j < n:
        text = tokens[j].text
        if text in MONTHS or text in WEEKDAYS:
            break
        if _initial(text) or (text[:1].isupper() and text.replace("-", "").replace("'", "")
                              .replace(".", "").isalpha()):
            out.append(tokens[j])
            j += 1
            continue
        # Particles only inside a name ("Osama bin Laden", "Ahmed al-Sharaa").
        if out and text.lower() in _NAME_PARTICLES and j + 1 < n and \
                tokens[j + 1].text[:1].isupper():
            out.append(tokens[j])
            j += 1
            continue
        break
    # A trailing possessive or title word is not part of the name.
    while out and (out[-1].text in _NOT_NAMES or out[-1].lower_ in _TITLE_WORDS):
        out.pop()
    while out and (out[0].text in _NOT_NAMES):
        out.pop(0)
    return out


def _plausible_name(name_toks) -> bool:
    """A bare capitalised run is a person's name when it looks like one: 2-4 words."""
    words = [t.text for t in name_toks]
    if not 2 <= len(words) <= 4:
        return False
    if any(w in _NOT_NAMES or w in MONTHS or w in WEEKDAYS for w in words):
        return False
    if any(w.isupper() and len(w) > 1 and not _initial(w) for w in words):
        return False
    if gazetteer().country_of_demonym(words[0]):
        return False
    return all(len(w) > 1 for w in words)


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


def _appositive_titles(mentions: list[ActorMention], text: str, offset: int) -> None:
    """Give a name the title of its appositive: "Dmitry Peskov, the spokesperson for ..."."""
    i = 0
    while i + 1 < len(mentions):
        name, role = mentions[i], mentions[i + 1]
        between = text[name.end - offset:role.start - offset]
        if name.kind in {"person", "name"} and not name.title and role.kind == "role" \
                and between.strip() == ",":
            mentions[i] = ActorMention(name.name, "person", name.start, name.end,
                                       title=role.title, country=role.country, role=role.role)
            del mentions[i + 1]
        i += 1


@dataclass
class DocumentActors:
    """What a document has said about its actors so far: full names, titles, countries.

    Short references are resolved against it: a surname to the one full name that ends
    with it, "the Russian president" to the person last given that title and country.
    """

    people: dict[str, ActorMention] = field(default_factory=dict)  # full name -> mention

    def learn(self, mentions: Iterable[ActorMention]) -> None:
        for m in mentions:
            if m.kind != "person":
                continue
            words = m.name.split()
            known = self.people.get(m.name)
            if len(words) >= 2:
                if known is None or (m.title and not known.title) or \
                        (m.country and not known.country):
                    self.people[m.name] = ActorMention(
                        m.name, "person", m.start, m.end,
                        title=m.title or (known.title if known else None),
                        country=m.country or (known.country if known else None),
                        role=m.role or (known.role if known else None))

    def full_name(self, name: str) -> str:
        """The full name a short reference stands for ("Lukashenko" -> "Alexander ...")."""
        if name in self.people:
            return name
        candidates = [full for full in self.people if full.split()[-1] == name.split()[-1]
                      and len(full.split()) > len(name.split())]
        if len(candidates) == 1:
            return candidates[0]
        return name

    def person(self, name: str) -> ActorMention | None:
        return self.people.get(self.full_name(name))

    def by_role(self, title: str, country: str | None) -> ActorMention | None:
        """The person the document gave ``title`` (and ``country``), most recent first."""
        best = None
        for mention in self.people.values():
            if mention.title is None:
                continue
            if title.split()[-1] not in mention.title.split():
                continue
            if country and mention.country and mention.country != country:
                continue
            if country and not mention.country:
                continue
            if best is None or mention.start > best.start:
                best = mention
        return best
