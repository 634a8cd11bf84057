"""The language pipeline: spaCy's blank English tokenizer and sentencizer, and the cheap pass.

This module owns how text becomes sentences and tokens. Extraction is expensive and
almost every sentence of the news is not about an encounter, so a compiled regular
expression first finds the paragraphs that contain a trigger word ("met", "talks",
"summit", "telephone"...), and only those paragraphs go through spaCy. Offsets of every
token and sentence stay offsets into the whole document text.

The default pipeline is spaCy's blank English (no model to download). When a statistical
English model happens to be installed (``en_core_web_sm`` or larger), :func:`pipeline`
can load it so that its named entities add to the gazetteers; set ``PARLEY_SPACY_MODEL``
to its name to use it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Every word that can report an encounter, in any inflection; the extractor decides later
# whether it really does. Kept broad on purpose: a miss here is a miss for good.
TRIGGER_WORDS = (
    r"meet|meets|met|meeting|meetings|talks|talked|visit|visits|visited|visiting|summit|"
    r"summits|summitry|conference|conferences|consultations|negotiations|negotiated|"
    r"call|calls|called|phone|phoned|telephone|telephoned|spoke|speak|speaks|conversation|"
    r"convene|convened|convenes|hosted|hosts|host|received|receives|session|forum|"
    r"discussions|videoconference|video|dialogue|trip|tour|audience|confer|conferred|"
    r"gathering|ministerial|travel|travels|traveled|travelled|traveling|travelling|"
    r"arrived|arrives|arrive|welcomed|hold|holds|held|holding|sit|sat"
)
_CANDIDATE = re.compile(rf"\b(?:{TRIGGER_WORDS})\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    text: str


def candidate_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of ``text`` that contain at least one trigger word (the cheap pass)."""
    paragraphs: list[Paragraph] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _keep_if_candidate(text, start, brk.start(), paragraphs)
        start = brk.end()
    _keep_if_candidate(text, start, len(text), paragraphs)
    return paragraphs


def _keep_if_candidate(text: str, start: int, end: int, out: list[Paragraph]) -> None:
    chunk = text[start:end]
    if chunk.strip() and _CANDIDATE.search(chunk):
        out.append(Paragraph(start, end, chunk))


def has_candidate(text: str) -> bool:
    return _CANDIDATE.search(text) is not None


@cache
def pipeline(model: str | None = None) -> Language:
    """spaCy's blank English with a rule-based sentencizer, or an installed model.

    ``model`` (or the environment variable ``PARLEY_SPACY_MODEL``) names an installed
    spaCy package; the blank pipeline is the default because it needs no download.
    """
    model = model or os.environ.get("PARLEY_SPACY_MODEL")
    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
        if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: its offsets and its spaCy span (offsets are document-wide)."""

    start: int
    end: int
    text: str
    doc: Doc  # the paragraph's Doc
    offset: int  # where that paragraph starts in the document
    first_token: int
    last_token: int  # exclusive

    @property
    def tokens(self):
        return self.doc[self.first_token : self.last_token]


def sentences(text: str, nlp: Language | None = None) -> Iterator[Sentence]:
    """The sentences of the candidate paragraphs of ``text``, in order."""
    nlp = nlp or pipeline()
    paragraphs = candidate_paragraphs(text)
    for paragraph, doc in zip(paragraphs, nlp.pipe(p.text for p in paragraphs), strict=True):
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            yield Sentence(
                start=paragraph.start + sent.start_char,
                end=paragraph.start + sent.end_char,
                text=sent.text,
                doc=doc,
                offset=paragraph.start,
                first_token=sent.start,
                last_token=sent.end,
            )
