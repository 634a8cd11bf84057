import pytest

from helpers.actors import DocumentActors, find_actors, organisations, titled_names
from helpers.language import pipeline, tokenize


def actors_in(sentence: str):
    doc = pipeline()(sentence)
    return find_actors(doc[:], 0)


def test_a_titled_name_carries_its_title_and_its_country():
    [putin] = [a for a in actors_in("He met Russian President Vladimir Putin.")
               if a.kind == "person"]
    assert (putin.name, putin.title, putin.country) == ("Vladimir Putin", "president", "Russia")


def test_offsets_point_at_the_name_in_the_text():
    text = "Talks with Chinese President Hu Jintao ended."
    [hu] = [a for a in actors_in(text) if a.kind == "person"]
    assert text[hu.start:hu.end] == "Hu Jintao"


def test_an_appositive_gives_a_name_its_role_and_spokespeople_only_report():
    found = actors_in("Dmitry Peskov, the spokesperson for the Russian president, confirmed it.")
    peskov = next(a for a in found if a.name == "Dmitry Peskov")
    assert peskov.title == "spokesperson" and peskov.reports_only
    role = next(a for a in found if a.kind == "role")
    assert (role.title, role.country) == ("president", "Russia")


def test_organisations_are_found_by_acronym_or_full_name():
    names = [a.name for a in actors_in(
        "consultations under the Collective Security Treaty Organization and the SCO")
        if a.kind == "organisation"]
    assert names == ["CSTO", "SCO"]
    assert organisations()["Association of Southeast Asian Nations"] == ("ASEAN", "organisation")


def test_demonym_groups_and_plural_references():
    found = actors_in("The two leaders later met Montenegrin leaders in Podgorica.")
    kinds = {(a.kind, a.name) for a in found}
    assert ("pronoun", "they") in kinds
    assert ("group", "Montenegrin leaders") in kinds
    assert ("city", "Podgorica") in kinds


@pytest.mark.parametrize("sentence", [
    "In July, they convened.", "Following the talks, nothing changed.", "The Kremlin said so."
])
def test_sentence_initial_words_are_not_people(sentence):
    assert not [a for a in actors_in(sentence) if a.kind == "person"]


def test_surnames_and_roles_resolve_to_the_person_the_document_introduced():
    people = DocumentActors()
    people.learn(actors_in("Belarusian President Alexander Lukashenko arrived."))
    people.learn(actors_in("He will meet Russian President Vladimir Putin."))
    assert people.full_name("Lukashenko") == "Alexander Lukashenko"
    assert people.by_role("president", "Russia").name == "Vladimir Putin"
    assert people.by_role("president", "France") is None
    assert people.full_name("Merkel") == "Merkel"  # unknown: left as written


def test_groups_keep_their_modifiers_and_a_body_meeting_as_its_ministers():
    names = {a.name: a for a in actors_in("Rao met Zambian government officials.")}
    assert names["Zambian government officials"].kind == "group"
    names = {a.name for a in actors_in("At an EU foreign ministers' meeting, he spoke.")}
    assert "EU foreign ministers" in names


def test_a_government_source_reports_and_does_not_take_part():
    [group] = [a for a in actors_in("A German government source said so.")
               if a.kind == "group"]
    assert group.reports_only


def test_a_place_at_the_start_of_a_capitalised_run_is_no_persons_name():
    assert not [a for a in actors_in("They toured Hong Kong Disneyland on Monday.")
                if a.kind == "person"]


def test_a_role_followed_by_a_titled_name_is_that_person():
    found = actors_in("He was to meet the Vatican head of government, Secretary of State "
                      "Tarcisio Bertone.")
    assert [a.name for a in found if a.kind in {"role", "person"}] == ["Tarcisio Bertone"]


def test_regional_adjectives_name_groups_in_a_list_of_demonyms():
    text = "Fino went on to Athens for talks with Greek and other European officials."
    groups = [a.name for a in find_actors(tokenize(text), 0, text) if a.kind == "group"]
    assert groups == ["Greek officials", "European officials"]


def test_a_name_with_its_title_in_apposition_introduces_a_person():
    [person] = titled_names("Franz Vranitzky, the former Austrian chancellor heading the "
                            "mission, told journalists.")
    assert (person.name, person.title, person.country) == ("Franz Vranitzky", "chancellor",
                                                           "Austria")



@pytest.mark.parametrize("sentence, persons", [
    ("He met Speaker of the House of Representatives Subash Chandra Nemwang.",
     ["Subash Chandra Nemwang"]),
    ("He met Chief Executive Donald Tsang on Monday.", ["Donald Tsang"]),
    ("Wang is vice-chairman of the Chinese People's Political Consultative Conference.", []),
    ("Informed Zairean sources said Mobutu would leave.", []),
])
def test_title_organisation_and_adjective_words_do_not_start_a_persons_name(sentence, persons):
    found = actors_in(sentence)
    assert [a.name for a in found if a.kind == "person"] == persons
    assert not [a.name for a in found if a.name.split()[0] in
                {"Representatives", "Executive", "Political", "Consultative", "Informed"}]


def test_a_first_name_that_is_also_a_small_town_still_opens_a_name():
    people = [a.name for a in actors_in("The envoy, Ivan Rybkin, opened talks.")
              if a.kind == "person"]
    assert people == ["Ivan Rybkin"]
    assert not [a for a in actors_in("Paris Kishore Rao said so.") if a.kind == "person"]


def test_an_adjective_between_a_title_and_a_title_is_no_name():
    found = actors_in("He was met by the chief Chechen negotiator, Movladi Udugov.")
    assert [a.name for a in found if a.kind == "person"] == ["Movladi Udugov"]


def test_the_aide_of_a_named_leader_only_reports():
    found = actors_in("Nabil Abu Rudeina, a senior Arafat aide, said so.")
    assert [(a.name, a.reports_only) for a in found if a.kind in {"person", "name"}] == [
        ("Nabil Abu Rudeina", True)]


def test_both_before_names_is_no_pronoun():
    found = actors_in("He met with both Israeli and Palestinian leaders.")
    assert [a.name for a in found if a.kind == "group"] == ["Israeli leaders",
                                                            "Palestinian leaders"]
    assert not [a for a in found if a.name == "they"]


def test_a_country_whose_name_starts_with_a_common_word():
    found = actors_in("The talks bring together New Zealand, the United States and North Korea.")
    assert [a.name for a in found if a.kind == "country"] == ["New Zealand", "United States",
                                                              "North Korea"]


def test_a_place_run_into_a_name_after_in_is_cut_off():
    found = actors_in("The deputy director of the centre in Paris Kishore Rao said so.")
    assert [a.name for a in found if a.kind == "person"] == ["Kishore Rao"]


def test_a_person_s_relatives_or_lawyer_are_a_party_of_their_own():
    found = actors_in("Reno met Lazaro Gonzalez's family and Elian's two grandmothers.")
    assert [a.name for a in found if a.kind == "group"] == ["Lazaro Gonzalez's family",
                                                            "Elian's two grandmothers"]


@pytest.mark.parametrize("sentence, phrase", [
    ("He held talks with Canada's ambassador to Mexico on Monday.",
     "Canada's ambassador to Mexico"),
    ("She met the Japanese foreign minister.", "Japanese foreign minister"),
    ("He will see the president of Belarus.", "president of Belarus"),
    ("They met Kenya's trade minister.", "Kenya's trade minister"),
])
def test_a_role_keeps_the_words_that_say_whose_role_it_is(sentence, phrase):
    [role] = [a for a in actors_in(sentence) if a.kind == "role"]
    assert role.phrase == phrase


@pytest.mark.parametrize("sentence", [
    "Troops stormed the Japanese ambassador's residence.",
    "French Minister for Foreign Trade Anne Dupont arrived.",
    "He arrived as the first Libyan head of government to visit the country.",
])
def test_a_role_that_is_no_one_s_reference_has_no_phrase(sentence):
    assert all(a.phrase is None for a in actors_in(sentence) if a.kind == "role")


def test_a_leader_s_role_is_the_one_leader_whose_country_is_unsaid():
    people = DocumentActors()
    people.learn(actors_in("President Alberto Fujimori ordered the raid."))
    assert people.by_role("president", "Peru").name == "Alberto Fujimori"
    assert people.by_role("ambassador", "Peru") is None


def test_an_adjective_title_word_before_a_title_and_a_name():
    [person] = [a for a in actors_in("Iran's chief nuclear negotiator Ali Larijani said so.")
                if a.kind == "person"]
    assert (person.name, person.title, person.country) == ("Ali Larijani", "negotiator", "Iran")


def test_a_forum_is_written_as_the_document_names_it():
    people = DocumentActors()
    found = actors_in("The plan was adopted at the Group of Eight summit in July.")
    people.learn(found)
    [g8] = [a for a in found if a.kind == "organisation"]
    assert people.body(g8) == "Group of Eight"
    people.learn(actors_in("The G8 meets again next year."))
    assert people.body(g8) == "G8"  # the short name, once the document uses it
    [nato] = [a for a in actors_in("He met North Atlantic Treaty Organization envoys.")
              if a.kind == "organisation"]
    assert people.body(nato) == "NATO"  # a standing body keeps the name analysts use


def test_a_body_the_story_spells_out_with_its_acronym_is_a_party_by_that_name():
    found = actors_in("Rebels of the Tupac Amaru Revolutionary Movement (MRTA) met envoys of "
                      "the Forum on China-Africa Cooperation (FOCAC).")
    bodies = [a.name for a in found if a.kind == "organisation"]
    assert bodies == ["Tupac Amaru Revolutionary Movement", "Forum on China-Africa Cooperation"]
    people = DocumentActors()
    people.learn(found)
    assert people.defined["MRTA"] == "Tupac Amaru Revolutionary Movement"
    # A statistic is no body: "the Korea Composite Stock Price Index (KOSPI)".
    assert not [a for a in actors_in("The Korea Composite Stock Price Index (KOSPI) fell.")
                if a.kind == "organisation"]


@pytest.mark.parametrize("text", [
    "President Bush met Prime Minister Koizumi; vice-president Cheney and the chief "
    "negotiators said chief negotiator Ali spoke.",
    "(Foreign Minister Lavrov) said \"King Abdullah \" and x-president Y, _president Z, "
    "1president W",
    "Under Secretary of State Bob, undersecretary Jim and self-proclaimed president X, "
    "president-elect Y, the Secretary-General Ban.",
    "Le président Putin met President Medvedev.",  # not ASCII: the plain search
    # A title's first word right after another (the search consumes the first word):
    "envoy envoy Ross, king king Hussein, president president Bush, state state Kerry.",
])
def test_the_title_search_finds_what_the_title_pattern_finds(text):
    from helpers.actors import _title_matches, _title_pattern

    lower = text.lower()
    for start in range(0, len(lower) + 1, 3):
        for end in (start + 20, start + 45, len(lower)):
            expected = [m.span() for m in _title_pattern().finditer(lower, start, end)]
            assert [m.span() for m in _title_matches(lower, start, end)] == expected


def test_tokens_read_by_attribute_give_what_tokenizer_tokens_give():
    # _bits_of indexes the tokenizer's Token tuples; other tokens (spaCy's) have attributes.
    from types import SimpleNamespace

    text = "Russian President Vladimir Putin met the Japanese prime minister and NATO envoys."
    tokens = tokenize(text)
    plain = [SimpleNamespace(text=t.text, idx=t.idx, lower_=t.lower_) for t in tokens]
    assert find_actors(plain, 0, text) == find_actors(tokens, 0, text)
    assert len(find_actors(tokens, 0, text)) >= 3


@pytest.mark.parametrize("text", [
    "The President said He and Minister Lavrov met. Foreign Minister Sergei Lavrov, "
    "The Hague, Prime Minister Koizumi of Japan and Mr. Bush.",
    "In Moscow, Deputy Prime Minister Ivanov met The Associated Press and Mr bin Laden.",
])
def test_named_reads_nothing_where_find_actors_skips_it(text):
    # find_actors does not call named() at a word that never starts a name when the next
    # word cannot go on with one: named() would read nothing there.
    from helpers import actors as A

    reader = A._Reader(tokenize(text), text, 0)
    bits, n = reader.bits, len(reader.bits)
    skipped = [i for i, b in enumerate(bits) if b & A._CAPITALISED and b & A._NOT_FIRST
               and not (i + 1 < n and bits[i + 1] & (A._NAME_WORD | A._PARTICLE))]
    assert skipped
    for i in skipped:
        assert reader.named(i) == (None, i + 1)


def test_find_actors_reads_forward_so_a_bracketless_sentence_needs_no_sort():
    # _defined_bodies returns early when a sentence has no "(": that keeps find_actors'
    # mentions in the order it read them, which must be their start order.
    for text in ["Jordan's King Abdullah II met Israeli Prime Minister Ehud Olmert and the two "
                 "leaders, Olmert's spokesman said, held talks with Bush.",
                 "The European Commission President Jose Manuel Barroso told Putin, the "
                 "visiting Russian president, that Lazaro Gonzalez's family met NATO."]:
        starts = [a.start for a in find_actors(tokenize(text), 0, text)]
        assert len(starts) >= 3 and starts == sorted(set(starts))


def test_a_name_in_apposition_to_a_title_is_found_only_after_a_comma():
    # _appositive_person skips its search where no ", " precedes the title.
    text = "Franz Vranitzky, the former Austrian chancellor heading the mission, said so."
    [person] = titled_names(text)
    assert (person.name, person.title, person.country) == (
        "Franz Vranitzky", "chancellor", "Austria")
    assert titled_names("Franz Vranitzky the former Austrian chancellor said so.") == []
