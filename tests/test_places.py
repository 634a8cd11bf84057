from helpers.places import dateline_city, gazetteer


def test_cities_resolve_to_the_most_populous_namesake_and_its_country():
    gaz = gazetteer()
    assert gaz.lookup("Moscow").country == "Russia"
    assert gaz.lookup("Paris").country == "France"
    assert gaz.lookup("Dushanbe").country == "Tajikistan"


def test_saint_abbreviation_and_article_spelling_are_kept_as_english_writes_them():
    gaz = gazetteer()
    assert gaz.city_name("St. Petersburg") == "Saint Petersburg"
    assert gaz.lookup("St Petersburg").country == "Russia"
    assert gaz.city_name("Kiev") == "Kiev"  # the article's spelling, not today's "Kyiv"
    assert gaz.city_name("MOSCOW") == "Moscow"  # a dateline in capitals


def test_countries_use_english_short_names_and_common_aliases():
    gaz = gazetteer()
    assert gaz.lookup("Britain").name == "United Kingdom"
    assert gaz.lookup("Russian Federation").name == "Russia"
    assert gaz.lookup("South Korea").name == "South Korea"
    assert gaz.lookup("Mexico").kind == "country"  # never Mexico City


def test_words_that_are_also_small_towns_are_not_places():
    gaz = gazetteer()
    for word in ("May", "Of", "Bush", "Said"):
        place = gaz.lookup(word)
        assert place is None or place.kind == "country", word


def test_demonyms_name_their_country():
    gaz = gazetteer()
    assert gaz.country_of_demonym("Belarusian") == "Belarus"
    assert gaz.country_of_demonym("Chinese") == "China"
    assert gaz.country_of_demonym("Montenegrin") == "Montenegro"


def test_dateline_city_is_read_from_the_first_line_only_when_in_capitals():
    assert dateline_city("NAIROBI, Kenya (AP) _\n\nSuspected bombs...").name == "Nairobi"
    assert dateline_city("BEIJING, Nov. 2 (Xinhua) -- China said").country == "China"
    assert dateline_city("Alexander Lukashenko, the president of Belarus") is None
    assert dateline_city("") is None


def test_the_built_gazetteer_is_cached_and_a_broken_cache_is_rebuilt(tmp_path, monkeypatch):
    from helpers import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        first = places.gazetteer()
        [cached] = (tmp_path / "parley").glob("gazetteer-*.pickle")
        places.gazetteer.cache_clear()
        assert places.gazetteer().lookup("Dushanbe") == first.lookup("Dushanbe")
        cached.write_bytes(b"not a pickle")
        places.gazetteer.cache_clear()
        assert places.gazetteer().lookup("Sochi").country == "Russia"
        assert cached.read_bytes() != b"not a pickle"
    finally:
        places.gazetteer.cache_clear()


def test_a_seat_of_government_names_its_city():
    gaz = gazetteer()
    assert gaz.lookup("White House").country == "United States"
    assert gaz.city_name("White House") == "Washington"


def test_a_city_state_is_its_own_venue_city():
    gaz = gazetteer()
    assert gaz.city_state("Vatican") == "Vatican City"
    assert gaz.city_state("Holy See") == "Vatican City"
    assert gaz.city_state("Singapore") == "Singapore"
    assert gaz.city_state("France") is None
    assert gaz.city_state("Paris") is None


def test_the_commonwealth_is_no_town():
    assert gazetteer().lookup("Commonwealth") is None
