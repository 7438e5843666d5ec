"""Dutch full-text search on SQLite that finds what PostgreSQL's `dutch` configuration finds.

What: `lexemes(text)` turns Dutch text into the lexemes `to_tsvector('dutch', text)` gives
on PostgreSQL: the default parser's tokens (words, hyphenated words with their parts,
numbers, e-mail addresses, host names), the `dutch.stop` stop words dropped, words stemmed
with the Snowball Dutch stemmer, numbers and mixed tokens only lower-cased (the `simple`
dictionary). `match_expression(q)` does the same for a query as `plainto_tsquery('dutch', q)`:
every lexeme must occur (AND), no prefixes, a query of stop words alone finds nothing.

Why not a stemmer inside SQLite: Python's sqlite3 cannot register an FTS5 tokenizer. So
the stemming happens in Python: SQLite calls `samenspel_dutch_lexemes()` (registered on
every connection, see `register_sqlite_functions`) from the triggers that keep the FTS5
table `initiatives_search` in step with `initiatives_initiative` (migration 0005), and the
FTS5 table only splits the stored lexemes on spaces.

Which stemmer: PostgreSQL up to 17 ships the original Snowball Dutch stemmer, which
`snowballstemmer` 3 calls `dutch_porter` ("dutch" there is the newer Kraaij-Pohlmann-like
algorithm, which PostgreSQL 18 adopted). `STEMMER` follows the PostgreSQL the project runs on
(15 in CI); `tests/test_search_dutch.py` holds both engines to the same results.

Known difference: URLs with paths and a few rare token types of PostgreSQL's parser
(versions, signed floats, XML tags) are split more simply here; initiative texts hardly
contain them, and the demo-data test would show a difference that mattered.

No Django imports: tested and used without a database.
"""

import re
from functools import lru_cache

STEMMER = "dutch_porter"
FUNCTION = "samenspel_dutch_lexemes"

# PostgreSQL's share/tsearch_data/dutch.stop, checked before stemming.
_STOP = """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem
    dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
    hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer
    doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen
    kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere"""
STOP_WORDS = frozenset(_STOP.split())

_LETTERS = r"[^\W\d_]"
_ALNUM = r"[^\W_]"
_PART = rf"\d*{_LETTERS}{_ALNUM}*"  # part of a hyphenated word: with at least one letter
_HOST = rf"{_ALNUM}(?:[\w-]*{_ALNUM})?(?:\.{_ALNUM}(?:[\w-]*{_ALNUM})?)+"
_TOKEN = re.compile(
    rf"(?P<email>[\w.+-]+@{_HOST})"
    rf"|(?P<url>(?:[a-z][a-z0-9+.-]*://)?(?P<host>{_HOST})(?P<path>/[\w./%?=&#~+-]*)?)"
    rf"|(?P<hword>{_PART}(?:-{_PART})+)"
    r"|(?P<number>-?\d+(?![^\W\d_]))"  # PostgreSQL reads "10-12" as 10 and -12
    rf"|(?P<word>{_ALNUM}+)"
)


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    # Imported by the first search, not at every process's start (it loads thirty languages'
    # stemmers). A stemmer per word: one shared stemmer is not safe across threads.
    import snowballstemmer

    return snowballstemmer.stemmer(STEMMER).stemWord(word)


def _word(token: str) -> list[str]:
    """One word (no hyphen): stemmed when all letters, otherwise only lower-cased."""
    if re.fullmatch(rf"{_LETTERS}+", token):
        return [] if token in STOP_WORDS else [_stem(token)]
    return [token]


def lexemes(text: str) -> list[str]:
    """The lexemes of `text`, in order, as PostgreSQL's `to_tsvector('dutch', text)` has them."""
    found: list[str] = []
    for match in _TOKEN.finditer((text or "").lower()):
        kind, token = match.lastgroup, match.group()
        if kind == "url" or match.group("host"):
            host, path = match.group("host"), match.group("path")
            found.extend([host + path, host, path] if path else [host])
        elif kind in ("email", "number"):
            found.append(token)
        elif kind == "hword":  # the whole (stemmed when all letters), then every part
            parts = token.split("-")
            letters_only = all(re.fullmatch(rf"{_LETTERS}+", part) for part in parts)
            found.append(_stem(token) if letters_only else token)
            for part in parts:
                found.extend(_word(part))
        else:
            found.extend(_word(token))
    return found


def document(text: str) -> str:
    """What the FTS5 table stores: the lexemes, separated by spaces."""
    return " ".join(lexemes(text))


def match_expression(q: str) -> str | None:
    """An FTS5 MATCH expression requiring every lexeme of `q`; None when `q` has none."""
    terms = dict.fromkeys(lexemes(q))  # unique, in order
    if not terms:
        return None
    return " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)


def register_sqlite_functions(connection) -> None:
    """Teach one SQLite connection the function the search triggers call."""
    connection.create_function(FUNCTION, 1, document, deterministic=True)
