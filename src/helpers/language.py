"""The language layer: the cheap pass, sentences, tokens, and the optional spaCy model.

This module owns how text becomes sentences and tokens. Almost every sentence of the
news is not about an encounter, and extraction must keep up with a corpus (thousands of
documents a second), so the work is staged:

1. the cheap pass finds the trigger words ("met", "talks", "summit", "telephone"...) in
   the lower-cased text, and so the paragraphs, and within them the sentences, that can
   report an encounter: one scan of the compiled trigger expression, its alternation
   factored as a trie (:func:`word_alternation`) and tried only after a non-word
   character (``_AFTER_NON_WORD``: a third fewer instructions than trying it at every
   word boundary; the scan was about 0.13 s on the 2,708 documents of the TempEval-3
   corpus before that); a sentence holds a trigger when a found one starts in it (no
   second search);
2. only those sentences are tokenised, by a small regular-expression tokenizer that
   follows English news conventions (abbreviations keep their point: "Nov.", "U.S.",
   "W."; hyphenated names stay whole: "Douste-Blazy", "al-Maliki"; the possessive "'s"
   is its own token).

Offsets of every token and sentence are offsets into the whole document text.

Why hand-written rather than spaCy's blank English tokenizer and sentencizer: building
spaCy ``Doc`` and ``Token`` objects cost more than the whole rest of the extraction
(about 5 s on the 2,708-document corpus against a budget of about 1.3 s), and the blank
tokenizer splits hyphenated names. spaCy stays available: :func:`pipeline` returns its
blank English (tests and notebooks use it), and when ``PARLEY_SPACY_MODEL`` names an
installed statistical model, :func:`model_entities` gives its PERSON/ORG/GPE entities
for the candidate sentences only, so that they add to the gazetteers. spaCy itself is
imported only then (by :func:`pipeline`): importing it costs about a second of every
process start, and the default path never uses it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # imported where used: spaCy costs about 1 s of every process start
    from spacy.language import Language

# Every word that can report an encounter, in any inflection; the extractor decides later
# whether it really does. Kept broad on purpose: a miss here is a miss for good.
TRIGGER_WORDS = (
    "meet", "meets", "met", "meeting", "meetings", "talks", "talked", "visit", "visits",
    "visited", "visiting", "summit", "summits", "conference", "conferences", "consultations",
    "negotiations", "call", "calls", "called", "phoned", "telephone", "telephoned", "spoke",
    "speak", "conversation", "convene", "convened", "convenes", "hosted", "hosts",
    "received", "receives", "session", "forum", "discussions", "videoconference",
    "dialogue", "trip", "audience", "confer", "conferred", "gathering", "ministerial",
    "welcomed", "talk", "encounter", "phone", "dinner", "lunch", "luncheon", "banquet",
    "breakfast",
)


def word_alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words`` factored as a trie ("me(?:et|t)").

    Python's ``re`` tries the branches of a flat alternation one by one at every
    position; factoring common prefixes makes the cheap pass several times faster.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items())
                    if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return render(trie)


_CANDIDATE = re.compile(rf"\b{word_alternation(TRIGGER_WORDS)}\b")
# The cheap pass finds _CANDIDATE's matches by these two. sre tries a pattern that opens
# with \b at every character of the text; one that opens with a character class it
# skips to the characters of the class in a tight loop and tries the rest only there.
# A trigger word begins at a word boundary, so (but for at 0) just after a \W character:
# _AFTER_NON_WORD matches that character and the word, and its class is \W for ASCII
# (it takes any non-ASCII character too, which _trigger_hits then tests). Its matches are
# _CANDIDATE's: a spurious one (after a non-ASCII letter) lies inside one run of word
# characters, where no trigger word can begin; each match ends where a word ends, before
# the \W character the next one needs. tests/test_language.py compares the two.
_CANDIDATE_AT_START = re.compile(rf"{word_alternation(TRIGGER_WORDS)}\b")
_AFTER_NON_WORD = re.compile(rf"[^a-zA-Z0-9_]{word_alternation(TRIGGER_WORDS)}\b")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def literal_prefixes(words: Iterable[str]) -> tuple[str, ...]:
    """The words of ``words`` that no other of them starts with: every word begins with one.

    Where one of these occurs in a text is the only place a word of ``words`` can start,
    so they are what :func:`find_prefixed` looks for.
    """
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(o != w and w.startswith(o)
                                                     for o in unique)))


def find_prefixed(pattern: re.Pattern[str], prefixes: Sequence[str], text: str,
                  start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, start, end))`` for a pattern whose every match begins
    with one of ``prefixes``, found with ``str.find``.

    ``re`` tries such a pattern (a ``\\b`` and a word alternation) at every character;
    ``str.find`` skips to the few places where a prefix occurs, and the pattern is tried
    there only, in text order, with the same positions and bounds, so the matches are the
    same. It pays for a few prefixes over a short text (extraction's topic leads in a
    clause); not for the 34 trigger prefixes over whole documents, where one ``str.find``
    scan per prefix (0.14-0.16 s over the corpus on Debian's CPython 3.11) loses to the
    trigger expression's own scan (0.12-0.15 s).
    """
    end = len(text) if end is None else end
    find = text.find
    at: set[int] = set()
    for prefix in prefixes:
        p = find(prefix, start, end)
        while p >= 0:
            at.add(p)
            p = find(prefix, p + 1, end)
    out = []
    last = start
    match = pattern.match
    for p in sorted(at):
        if p < last:
            continue  # inside the previous match, where finditer does not look
        m = match(text, p, end)
        if m is not None:
            out.append(m)
            # an empty match would make finditer step one character on
            last = m.end() if m.end() > p else p + 1
    return out


def has_prefixed_match(pattern: re.Pattern[str], prefixes: Sequence[str], text: str,
                       start: int = 0, end: int | None = None) -> bool:
    """``pattern.search(text, start, end) is not None`` for a pattern whose every match
    begins with one of ``prefixes``.

    A search finds a match iff the pattern matches at some position of the window, and
    it can match only where a prefix starts: so the pattern is tried there only (in any
    order, stopping at the first match), with the same bounds. Over a long window (a few
    hundred characters) this skips the regex's try at every character.
    """
    end = len(text) if end is None else end
    find = text.find
    match = pattern.match
    for prefix in prefixes:
        p = find(prefix, start, end)
        while p >= 0:
            if match(text, p, end) is not None:
                return True
            p = find(prefix, p + 1, end)
    return False


class Guarded:
    """A compiled pattern with the words one of which each of its matches holds.

    A regex search tries every position of its window against every alternative, and the
    long alternations of the extraction rules cost microseconds a window; most windows
    hold none of the words a pattern needs. ``needs`` lists literal strings one of which
    every match contains (lower-case for an IGNORECASE pattern), so a window holding none
    of them cannot match and the pattern is not run: the answer is the pattern's own,
    only sooner. tests/test_extraction.py proves each list against its pattern's parse (the
    patterns of :mod:`helpers.extraction` and :mod:`helpers.merge`).
    """

    __slots__ = ("pattern", "needs", "folds")

    def __init__(self, pattern: re.Pattern[str], needs: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needs = needs
        self.folds = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, window: str) -> bool:
        """False only when no match can lie in ``window``."""
        if self.folds:
            if not window.isascii():
                # IGNORECASE matches a few non-ASCII letters to ASCII ones ("ſ" to "s",
                # the Kelvin sign to "k"), which lower() does not: no guard there.
                return True
            window = window.lower()
        # A loop, not any() over a generator, which costs twice as much per word.
        for word in self.needs:  # noqa: SIM110
            if word in window:
                return True
        return False

    # search repeats may_match's test in its own body: it is called some 14 times per
    # trigger read, and a second Python call per use cost more than the test itself on a
    # short window. match and finditer, called a fifth as often, ask may_match.
    # (tests/test_language.py checks that each agrees with the bare pattern.)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        window = string[pos:endpos]
        if self.folds:
            if not window.isascii():
                return self.pattern.search(string, pos, endpos)
            window = window.lower()
        for word in self.needs:
            if word in window:
                return self.pattern.search(string, pos, endpos)
        return None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if not self.may_match(string[pos:endpos]):
            return None
        return self.pattern.match(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        if not self.may_match(string[pos:endpos]):
            return iter(())
        return self.pattern.finditer(string, pos, endpos)


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    text: str


def _trigger_hits(lower: str) -> list[int]:
    """Where trigger words start in ``lower``, a lower-cased text: the starts of
    ``_CANDIDATE.finditer(lower)``, found by a cheaper scan (:data:`_AFTER_NON_WORD`)."""
    first = _CANDIDATE_AT_START.match(lower)
    hits = [] if first is None else [0]
    for m in _AFTER_NON_WORD.finditer(lower, 0 if first is None else first.end()):
        p = m.start()
        c = lower[p]
        # The class takes every non-ASCII character; \W is exactly not (isalnum or "_").
        if c < "\x80" or not (c.isalnum() or c == "_"):
            hits.append(p + 1)
    return hits


def _paragraph_spans(text: str, hits: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text`` in which a hit starts."""
    if not hits:
        return []
    spans: list[tuple[int, int]] = []
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    h = 0
    for start, end in zip(starts, ends, strict=True):
        while h < len(hits) and hits[h] < start:
            h += 1
        if h < len(hits) and hits[h] < end and text[start:end].strip():
            spans.append((start, end))
    return spans


def candidate_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of ``text`` that contain at least one trigger word (the cheap pass)."""
    return [Paragraph(a, b, text[a:b])
            for a, b in _paragraph_spans(text, _trigger_hits(text.lower()))]


def has_candidate(text: str) -> bool:
    return _CANDIDATE.search(text.lower()) is not None


@cache
def pipeline(model: str | None = None) -> Language:
    """spaCy's blank English with a rule-based sentencizer, or an installed model.

    ``model`` (or the environment variable ``PARLEY_SPACY_MODEL``) names an installed
    spaCy package; the blank pipeline is the default because it needs no download.
    """
    import spacy  # here, not at module import: the default path never needs it

    model = model or os.environ.get("PARLEY_SPACY_MODEL")
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
        if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


class Token(NamedTuple):
    """A token: its text and its offset in the sentence's text (spaCy's names).

    A NamedTuple: a sentence's tokens are built by the thousand, and a tuple is built
    several times faster than a frozen dataclass (whose ``__init__`` goes through
    ``object.__setattr__`` for every field).
    """

    text: str
    idx: int
    lower_: str


# Abbreviations after which a point does not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen",
    "rep", "gov", "prof", "rev", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "fig", "ave", "blvd"})
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s" of "U.S.", its last point cut
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_TOKEN_RULES = (
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.N.
    r"|\d+(?:[.,:]\d+)*(?:-\w+)*"  # 5,000 1.36 18:40 5,000-strong
    r"|\w+(?:-\w+)*(?:['’](?![sS]\b)\w+)*(?:-\w+)*(?:\.(?=\s+\S))?"  # words, Nov. W.
    r"|['’][sS]\b"  # the possessive 's
    r"|--+|\S"
)
# Most tokens are a plain word ("talks", "Putin") with nothing attached: the first branch
# takes them before sre tries the rules' branches and their optional tails (a quarter
# less regex time). It matches exactly what the rules would: a word of ASCII letters,
# lower-case after its first, followed by no word character, point, apostrophe or hyphen,
# fails every branch before the word branch, which then ends where it ends
# (tests/test_language.py checks the two agree).
_PLAIN_WORD = r"[A-Za-z][a-z]*(?![\w.'’-])"
# The lookahead changes no match (every branch starts with a non-space) but lets sre
# skip whitespace without trying the branches there: 0.147 s -> 0.118 s over the corpus's
# candidate sentences.
_TOKEN = re.compile(rf"(?=\S)(?:{_PLAIN_WORD}|{_TOKEN_RULES})")
_MATCHED = itemgetter(0)  # a match's text (m[0]) and start, as C-level getters for map()
_MATCH_START = re.Match.start


@dataclass(slots=True)
class Sentence:
    """A candidate sentence: its offsets, its text and (once asked for) its tokens."""

    start: int
    end: int
    text: str
    _tokens: list[Token] | None = None

    @property
    def offset(self) -> int:
        """Where the text that token offsets count from starts in the document."""
        return self.start

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens


def tokenize(text: str) -> list[Token]:
    """The tokens of one sentence, by the news-English rules of the module docstring."""
    # Built by C-level map()s, not by a comprehension that runs bytecode per token (about
    # 15% fewer instructions): each match's text, start and lower-case text, made into a
    # Token by tuple.__new__ directly (the NamedTuple's own __new__ is one more Python
    # call per token); the result is the same Tokens.
    matches = list(_TOKEN.finditer(text))
    texts = list(map(_MATCHED, matches))
    fields = zip(texts, map(_MATCH_START, matches), map(str.lower, texts), strict=True)
    return list(map(tuple.__new__, repeat(Token), fields))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text[start:end]``."""
    end = len(text) if end is None else end
    out = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        word = text[max(begin, m.start() - 12):m.start()].rsplit(None, 1)[-1:]
        last = word[0].strip("\"'“”‘’(").lower() if word else ""
        if text[m.start()] == "." and (
            last in _ABBREVIATIONS or len(last) == 1 or _INITIALISM.fullmatch(last)
        ):
            continue  # "Nov. 19", "George W. Bush", "the U.S. envoy"
        stop = m.start() + 1
        while stop < m.end() and not text[stop].isspace():
            stop += 1
        if text[begin:stop].strip():
            out.append((begin, stop))
        begin = m.end()
    if text[begin:end].strip():
        out.append((begin, end))
    return out


def sentences(text: str, nlp: Language | None = None) -> Iterator[Sentence]:
    """The sentences of ``text`` that contain a trigger word, in order.

    ``nlp`` is accepted for compatibility and ignored: tokens come from :func:`tokenize`.
    """
    lower = text.lower()
    hits = _trigger_hits(lower)
    same = len(lower) == len(text)
    h = 0
    for start, end in _paragraph_spans(text, hits):
        for a, b in split_sentences(text, start, end):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a >= b:
                continue
            # A sentence holds a trigger when a hit starts in it: sentences end at
            # whitespace, so no trigger word runs over their ends (the regex again when
            # lower() changed a length and offsets in ``lower`` are not the text's).
            while h < len(hits) and hits[h] < a:
                h += 1
            if (h < len(hits) and hits[h] < b) if same else _CANDIDATE.search(lower, a, b):
                yield Sentence(a, b, text[a:b])


def model_entities(sentence: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, label) of a statistical model's entities in ``sentence``, if any.

    Empty unless ``PARLEY_SPACY_MODEL`` names an installed model; offsets are the
    document's.
    """
    if not os.environ.get("PARLEY_SPACY_MODEL"):
        return []
    doc = pipeline()(sentence.text)
    return [(sentence.start + e.start_char, sentence.start + e.end_char, e.label_)
            for e in doc.ents]
