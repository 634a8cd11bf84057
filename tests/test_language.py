"""The cheap pass, sentence splitting and tokens: what extraction is allowed to skip."""

import re

from hypothesis import example, given
from hypothesis import strategies as st

from helpers.language import (
    _CANDIDATE,
    _TOKEN,
    _TOKEN_RULES,
    TRIGGER_WORDS,
    _trigger_hits,
    candidate_paragraphs,
    find_prefixed,
    has_candidate,
    has_prefixed_match,
    literal_prefixes,
    sentences,
    split_sentences,
    tokenize,
    word_alternation,
)

TEXT = (
    "MOSCOW, Sept 1 (AP) -- Share prices rose on Tuesday.\n\n"
    "Russian President Vladimir Putin met Belarusian leader Alexander Lukashenko. "
    "Markets were calm.\n\n"
    "The weather was fine."
)


def test_the_cheap_pass_keeps_only_paragraphs_with_a_trigger_word():
    paragraphs = candidate_paragraphs(TEXT)
    assert [p.text.split()[0] for p in paragraphs] == ["Russian"]
    assert not has_candidate("Share prices rose on Tuesday.")
    assert has_candidate("They MET on Monday.")  # any case


def test_trigger_words_match_whole_words_only():
    assert not has_candidate("The committee metered metals for visitors and callers.")
    assert has_candidate("a telephone conversation")


def test_candidate_sentences_carry_document_offsets():
    found = list(sentences(TEXT))
    assert [s.text for s in found] == [
        "Russian President Vladimir Putin met Belarusian leader Alexander Lukashenko."
    ]
    for s in found:
        assert TEXT[s.start:s.end] == s.text
        for tok in s.tokens:
            assert TEXT[s.start + tok.idx:s.start + tok.idx + len(tok.text)] == tok.text


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "U.S. President George W. Bush met Hu on Nov. 19 in Beijing. Then he left."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "U.S. President George W. Bush met Hu on Nov. 19 in Beijing.", "Then he left."]


def test_tokens_keep_hyphenated_names_and_split_the_possessive():
    words = [t.text for t in tokenize("Jordan's King met Douste-Blazy and al-Maliki on Nov. 4.")]
    assert words == ["Jordan", "'s", "King", "met", "Douste-Blazy", "and", "al-Maliki", "on",
                     "Nov.", "4", "."]
    assert tokenize("Talks")[0].lower_ == "talks"


def test_the_trie_alternation_matches_exactly_the_words_given():
    pattern = re.compile(rf"^{word_alternation(TRIGGER_WORDS)}$")
    assert all(pattern.match(w) for w in TRIGGER_WORDS)
    assert not any(pattern.match(w) for w in ("mee", "meetingss", "visi", "tal"))


def test_extraction_imports_no_spacy():
    # spaCy costs about a second of every process start; only a model asks for it.
    import subprocess
    import sys

    code = ("import sys, helpers.extraction, helpers.merge, helpers.pipeline; "
            "sys.exit('spacy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@given(st.lists(st.sampled_from(["Putin", "talks", "a", "I", "U", "S", ".", "'", "’", "s", "-",
                                  "5", ",", " ", "\n", "é", "NATO", "_", "(", "--", "Nov"]),
                max_size=30))
@example(["don", "'", "t"])
@example(["al", "-", "Maliki"])
@example(["Nov", ".", " ", "5"])
@example(["talks", "’", "s"])
def test_the_plain_word_branch_changes_no_token(pieces):
    # _TOKEN puts a fast branch for plain words before the tokenizer's rules: it must cut
    # exactly where the rules alone would.
    text = "".join(pieces)
    rules = re.compile(rf"(?=\S)(?:{_TOKEN_RULES})")
    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in rules.finditer(text)]


@given(st.lists(st.sampled_from(["met", "talks", "meeting", "phone", "telephone", "summit",
                                  "a", "s", " ", "\n", ",", "-", "'", "’", "é", "ſ", "_", "5",
                                  "²", "\u212a"]), max_size=25))
@example(["met"])
@example(["é", "met"])
@example(["’", "met", ",", "met"])
@example(["_", "talks", " ", "5", "met", "²", "summit"])
@example(["met", "met", " ", "met"])
def test_the_cheap_pass_finds_what_the_trigger_expression_finds(pieces):
    # _trigger_hits scans for a non-word character and a trigger word, not for a word
    # boundary: the hits must be _CANDIDATE's, at the start, after non-ASCII letters too.
    lower = "".join(pieces).lower()
    assert _trigger_hits(lower) == [m.start() for m in _CANDIDATE.finditer(lower)]


def test_literal_prefixes_are_the_words_no_other_word_starts():
    assert literal_prefixes(["meet", "meets", "met", "meeting", "talk"]) == ("meet", "met",
                                                                            "talk")


def test_find_prefixed_finds_what_finditer_finds():
    pattern = re.compile(rf"\b{word_alternation(TRIGGER_WORDS)}\b")
    prefixes = literal_prefixes(TRIGGER_WORDS)
    text = ("metal met meeting; the summits, telephoned (talks)\nrecall callers call "
            "visit-visits sometimes meet") * 2
    for start, end in ((0, None), (3, 40), (7, 7), (20, len(text) - 5)):
        expected = [m.span() for m in pattern.finditer(text, start, end or len(text))]
        assert [m.span() for m in find_prefixed(pattern, prefixes, text, start, end)] == \
            expected


def test_has_prefixed_match_says_what_search_says():
    pattern = re.compile(rf"\b{word_alternation(TRIGGER_WORDS)}\b")
    prefixes = literal_prefixes(TRIGGER_WORDS)
    text = "metal met meeting; the summits, telephoned (talks)\nrecall callers"
    # (a window cut inside a word: "\b" still sees the character before it)
    for start, end in ((0, None), (1, 9), (3, 5), (6, 9), (7, 7), (10, 17), (19, 29),
                       (48, len(text)), (52, len(text)), (50, 500)):
        expected = pattern.search(text, start, len(text) if end is None else end) is not None
        assert has_prefixed_match(pattern, prefixes, text, start, end) is expected, (start, end)
    assert not has_prefixed_match(pattern, prefixes, "recall callers metals")


def test_find_prefixed_does_not_look_inside_a_match():
    pattern = re.compile(r"\b(?:prime minister|minister) ")
    text = "prime minister Olmert and the minister of"
    prefixes = literal_prefixes(["prime minister", "minister"])
    assert [m.group() for m in find_prefixed(pattern, prefixes, text)] == \
        [m.group() for m in pattern.finditer(text)] == ["prime minister ", "minister "]


def test_a_meal_with_someone_reaches_extraction():
    assert has_candidate("He is due to have lunch with Premier Lien Chan.")
    assert has_candidate("Goh will host a dinner for the visiting premier.")


def test_guarded_search_and_match_answer_as_their_pattern():
    from helpers.language import Guarded
    folding = Guarded(re.compile(r"\b(?:propos|suggest)\w*\s+(?:\w+\s+){0,2}$", re.I),
                      ("propos", "suggest"))
    exact = Guarded(re.compile(r"\b(?:said|told)\b"), ("said", "told"))
    texts = ("Abbas PROPOSED to ", "who suggested the idea to ", "who ſuggested to ",
             "Olmert and Abbas met ", "Bush said Sunday", "Bush Said", "he told us", "")

    def span(m):
        return m and m.span()

    for g in (folding, exact):
        for text in texts:
            for pos, endpos in ((0, len(text)), (2, len(text)), (0, 6), (4, 4)):
                assert span(g.search(text, pos, endpos)) == \
                    span(g.pattern.search(text, pos, endpos))
                assert span(g.match(text, pos, endpos)) == \
                    span(g.pattern.match(text, pos, endpos))
    assert folding.search("who ſuggested to ") is not None
