"""Comparing statements as text: normalised for duplicate checks, scored for "similar" hints.

No Django: used by the statement service (refusing duplicates) and the similar-statements read.
"""

import re
import unicodedata
from difflib import SequenceMatcher

SIMILAR_THRESHOLD = 0.45
DUPLICATE_THRESHOLD = 0.85


def normalize(text: str) -> str:
    """Lower case, accents and punctuation removed, whitespace collapsed: for duplicate checks."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0..1."""
    # Character similarity catches typos; word overlap catches reordered sentences.
    words_a, words_b = set(a.split()), set(b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
    return max(SequenceMatcher(None, a, b).ratio(), jaccard)
