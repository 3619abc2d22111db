"""What a member's short typed answer means: yes, no, skip, a number, one of the offered options.

Older members type the way they talk: "ja hoor", "weet ik nog niet", "een stuk of vijf", "de tweede",
"overslan". This module reads such answers without a model, in Dutch and English at once (members mix
them). The words live in ``prompts/<lang>/words.toml``; this file holds only the rules.

The rule for a whole answer: it has a ``Meaning`` only when nothing but vocabulary phrases and filler
words remains ("nee hoor" is NO; "nee, maar wel de buurvrouw" carries content, so it is None).
Everything here is a pure function of the text: no Telegram, no database.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from text_to_num import alpha2digit

LANGUAGES = ("nl", "en")
# More words than any short answer; a longer text is content, and reading it word by word costs time.
MAX_TOKENS = 14
# A one-letter slip is forgiven only in words this long: shorter words are too often other real words.
TYPO_MIN_LENGTH = 5
# difflib ratio at which a typed answer is clearly one label ("Gewoon meedoen" typed "gewoon meedoe").
LABEL_LIKENESS = 0.85
WORD = re.compile(r"[\w']+|[^\w\s]")
DIGITS = re.compile(r"(?<![\w.])\d+(?:\.\d{3})*(?![\w])")
LONG_RUN = re.compile(r"(.)\1{2,}")



def is_digits(text: str) -> bool:
    """Only the digits 0-9. ``str.isdigit`` also says yes to "²" and "٣", which ``int`` then refuses."""
    return text.isascii() and text.isdigit()

class Meaning(StrEnum):
    YES = "yes"
    NO = "no"
    SKIP = "skip"
    STOP = "stop"
    UNKNOWN = "unknown"
    NOBODY = "nobody"
    UNDO = "undo"
    HELP = "help"
    GREETING = "greeting"
    THANKS = "thanks"


# Meanings that must not become stored content (see is_vague).
VAGUE = frozenset({Meaning.NO, Meaning.SKIP, Meaning.UNKNOWN, Meaning.NOBODY, Meaning.STOP})
# Politeness around an answer: "hallo, ja" is yes, "nee, dank je" is no.
SOCIAL = frozenset({Meaning.GREETING, Meaning.THANKS})
# Plain yes/no give way to a specific meaning: "nee, overslaan" is skip, "ok stop" is stop.
PLAIN = frozenset({Meaning.YES, Meaning.NO})


# ---------------------------------------------------------------------------------------------------
# Vocabulary


@cache
def vocabulary() -> dict[str, Any]:
    """Both languages' words.toml merged into one table (lists joined), read once per process."""
    merged: dict[str, Any] = {}
    for lang in LANGUAGES:
        with resources.files("prompts").joinpath(lang, "words.toml").open("rb") as handle:
            _merge(merged, tomllib.load(handle))
    return merged


def _merge(into: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value)
        elif isinstance(value, list):
            into[key] = [*into.get(key, []), *value]
        else:
            into[key] = value


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes: how every comparison sees text."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def digits(text: str) -> str:
    """``text`` with spelled-out Dutch and English numbers as digits ("twee of drie" -> "2 of 3").

    Numbers are converted before accents are folded, since text2num knows "tweeëntwintig" but not
    "tweeentwintig"; a second pass on the folded text catches "één" and the small isolated numbers
    text2num leaves alone by default (its threshold keeps "een" an article inside sentences).
    """
    return _spelled(fold(_spelled(text.casefold(), 3)), 0)


def _spelled(text: str, threshold: float) -> str:
    """text2num in both languages; numbers at or below ``threshold`` stay words when on their own."""
    for lang in LANGUAGES:
        try:
            text = alpha2digit(text, lang, threshold=threshold)
        except (ValueError, IndexError, OverflowError):
            # A library hiccup on odd input must not break reading an answer; the text stays as typed.
            pass
    return text


def tokens(text: str) -> tuple[str, ...]:
    """Folded words (apostrophes dropped: "don't" is "dont") and symbols such as 👍.

    Punctuation, skin tones and joiners disappear, so "👍🏻!!" is just 👍.
    """
    out: list[str] = []
    for piece in WORD.findall(fold(text)):
        if piece[0].isalnum() or piece[0] in "_'":
            word = piece.replace("'", "").strip("_")
            if word:
                out.append(word)
        elif unicodedata.category(piece) == "So":
            out.append(piece)
    return tuple(out)


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` without emoji or punctuation: how a button label is compared."""
    return tuple(token for token in tokens(text) if token[0].isalnum())


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], Meaning | None], ...]:
    """Every vocabulary phrase as tokens with its meaning; filler phrases carry None."""
    table = vocabulary()
    found: list[tuple[tuple[str, ...], Meaning | None]] = [
        (tokens(p), Meaning(key)) for key, phrases in table["meanings"].items() for p in phrases
    ]
    found += [(tokens(p), None) for p in table["filler"]["words"]]
    return tuple((phrase, kind) for phrase, kind in found if phrase)


@cache
def _symbols() -> frozenset[str]:
    """Emoji that mean something (👍, 👋); other emoji are decoration and are ignored."""
    return frozenset(p[0] for p, _ in _phrases() if len(p) == 1 and not p[0][0].isalnum())


@cache
def _word_set(section: str, key: str) -> frozenset[str]:
    return frozenset(token for phrase in vocabulary()[section][key] for token in tokens(phrase))


@cache
def _filler() -> frozenset[str]:
    """One-word filler only: "nou ja" is filler, but "ja" alone is not."""
    return frozenset(p[0] for p, kind in _phrases() if kind is None and len(p) == 1)


# ---------------------------------------------------------------------------------------------------
# Meaning


@lru_cache(maxsize=4096)
def meaning(text: str) -> Meaning | None:
    """What a whole short answer means, or None when it carries content (or is empty).

    The text is cut into vocabulary phrases and filler; when some word is neither, the answer is
    content and is None. Several meanings combine: politeness gives way to anything ("hallo brug,
    hoe werkt dit?" is HELP), plain yes/no to a specific meaning ("nee, niemand" is NOBODY); two
    that disagree ("ja nee", "stop, help") are None rather than a guess.
    """
    typed = _meaning_tokens(text)
    found = _cover(typed)
    if found is None:
        # Filler inside a phrase: "weet ik nog niet" is "weet ik niet" with "nog" in it.
        found = _cover(tuple(t for t in typed if t not in _filler()))
    return _combined(found) if found else None


def _meaning_tokens(text: str) -> tuple[str, ...]:
    symbols = _symbols()
    return tuple(t for t in tokens(text) if t[0].isalnum() or t in symbols)


def _cover(typed: tuple[str, ...]) -> tuple[Meaning, ...] | None:
    """The meanings of the cheapest cut of ``typed`` into phrases (typos cost 1); None if none fits."""
    if not typed or len(typed) > MAX_TOKENS:
        return None
    # best[i]: (typos, pieces, meanings) for typed[i:]; fewer typos first, then longer phrases.
    best: dict[int, tuple[int, int, tuple[Meaning, ...]]] = {len(typed): (0, 0, ())}
    for start in range(len(typed) - 1, -1, -1):
        options = []
        for phrase, kind in _phrases():
            end = start + len(phrase)
            cost = _phrase_cost(typed[start:end], phrase) if end in best else None
            if cost is not None:
                typos, pieces, kinds = best[end]
                options.append((typos + cost, pieces + 1, ((kind,) if kind else ()) + kinds))
        if options:
            best[start] = min(options, key=lambda option: option[:2])
    return best[0][2] if 0 in best else None


def _phrase_cost(typed: Sequence[str], phrase: tuple[str, ...]) -> int | None:
    if len(typed) != len(phrase):
        return None
    total = 0
    for word, known in zip(typed, phrase, strict=True):
        cost = word_cost(word, known)
        if cost is None:
            return None
        total += cost
    return total


def word_cost(typed: str, known: str) -> int | None:
    """0 for the same word, 1 for a forgivable slip ("overslan", "stopen", "jaaaa"), else None."""
    if typed == known:
        return 0
    if typed in _word_set("filler", "not_typos"):
        return None
    if LONG_RUN.search(typed) and known in (LONG_RUN.sub(r"\1\1", typed), LONG_RUN.sub(r"\1", typed)):
        return 1
    if len(known) >= TYPO_MIN_LENGTH and _one_edit(typed, known):
        return 1
    return None


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1
        return swapped and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _combined(found: Iterable[Meaning]) -> Meaning | None:
    kinds = set(found)
    for tier in (kinds - SOCIAL - PLAIN, kinds & PLAIN, kinds & SOCIAL):
        if len(tier) == 1:
            return next(iter(tier))
        if tier == SOCIAL:
            # "hoi, bedankt": the thanks is the point of the message.
            return Meaning.THANKS
        if tier:
            return None
    return None


def is_vague(text: str) -> bool:
    """True when an answer must not be stored as content.

    That is a refusal or non-answer (NO, SKIP, UNKNOWN, NOBODY, STOP), a bare number ("5", "vijf",
    "10-15": a count where words were asked), or nothing of substance: empty, punctuation or emoji
    only ("-", "?", "...", "🤷"), filler only, or a single letter ("x").
    """
    if meaning(text) in VAGUE:
        return True
    content = [t for t in words_of(digits(text)) if t not in _filler()]
    if len("".join(content)) < 2:
        return True
    ranges = _word_set("numbers", "range")
    return all(is_digits(t) or t in ranges for t in content)


# ---------------------------------------------------------------------------------------------------
# Numbers


def number_in(text: str) -> int | None:
    """The one whole number an answer gives, or None when it gives none or several.

    Spelled-out numbers are read by text2num; this adds only what it lacks: zero words ("niemand",
    "geen" -> 0), dozens, approximations ("een stuk of vijf" -> 5) and ranges, whose upper end is
    taken ("twee of drie" -> 3, "10-15" -> 15) because planning for too many is the safer mistake.
    """
    said = meaning(text)
    if said is Meaning.NOBODY:
        return 0
    if said not in (None, Meaning.NO):
        return None
    # Big numbers first, while "tweeëntwintig" still has its accent; "een" stays a word until the
    # approximations ("een stuk of") are gone, then the small numbers follow.
    plain = _remove(_plain(_spelled(text.casefold(), 3)), "approximately", "vague")
    plain = _dozens(_spelled(plain, 0))
    found = list(DIGITS.finditer(plain))
    if len(found) == 1:
        return _int(found[0].group())
    if len(found) == 2 and _is_range(plain[found[0].end() : found[1].start()]):
        return max(_int(m.group()) for m in found)
    if not found and _has_any(plain, "zero"):
        return 0
    return None


def _plain(text: str) -> str:
    """Lower-case words and digits only, apostrophes dropped, a dash between numbers kept apart."""
    lowered = text.casefold().replace("\u2019", "").replace("'", "").replace("`", "")
    spaced = re.sub(r"(?<=\d)\s*[-\u2013]\s*(?=\d)", " - ", lowered)
    kept = re.sub(r"(?<=\d)\.(?=\d{3})", "\0", spaced)  # thousands: "1.000"
    cleaned = re.sub(r"[^\w\s\-\u2013\0]", " ", kept).replace("\0", ".")
    return " ".join(cleaned.split())


@cache
def _number_pattern(*keys: str) -> re.Pattern[str]:
    phrases = {_plain(fold(p)) for key in keys for p in vocabulary()["numbers"][key]} - {""}
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _remove(plain: str, *keys: str) -> str:
    folded = fold(plain)
    return " ".join(_number_pattern(*keys).sub(" ", folded).split())


def _has_any(plain: str, key: str) -> bool:
    return _number_pattern(key).search(fold(plain)) is not None


@cache
def _dozen_pattern() -> re.Pattern[str]:
    numbers = vocabulary()["numbers"]
    dozen = "|".join(re.escape(w) for w in numbers["dozen"])
    articles = "|".join(re.escape(w) for w in numbers["articles"])
    return re.compile(rf"(?:\b(\d+)\s+)?(?:\b(?:{articles})\s+)?\b(?:{dozen})\b")


def _dozens(plain: str) -> str:
    """ "a dozen" is 12, "2 dozijn" is 24."""
    return _dozen_pattern().sub(lambda m: str(int(m.group(1) or 1) * 12), plain)


def _is_range(between: str) -> bool:
    words = between.split()
    return len(words) <= 2 and all(w in _word_set("numbers", "range") or w in "-\u2013" for w in words)


def _int(number: str) -> int:
    return int(number.replace(".", ""))


# ---------------------------------------------------------------------------------------------------
# Choices


def choice_index(text: str, labels: Sequence[str], meanings: Sequence[Meaning | None] = ()) -> int | None:
    """Which offered option (0-based) a typed answer picks, or None when unclear or ambiguous.

    Tried in order, first clear answer wins: the label itself; the option's number ("2", "nr 2",
    "de tweede", "laatste"); its meaning ("overslaan" picks the SKIP option; without ``meanings`` a
    label's own meaning counts, so "ja" picks "✅ Ja graag"); a near-identical label; the label's
    distinctive words. A number out of range is None, never a guess at another option.
    """
    if not tokens(text) or not labels:
        return None
    typed = words_of(text)
    exact = _unique(i for i, label in enumerate(labels) if typed and _same_label(typed, words_of(label)))
    if exact is not None:
        return exact
    by_place, index = _counted(text, len(labels))
    if by_place:
        return index
    for pick in (_by_meaning, _by_likeness, _by_words):
        index = pick(text, labels, meanings)
        if index is not None:
            return index
    return None


def _unique(indexes: Iterable[int]) -> int | None:
    found = set(indexes)
    return found.pop() if len(found) == 1 else None


def _same_label(typed: tuple[str, ...], label: tuple[str, ...]) -> bool:
    if typed == label:
        return True
    filler = _filler()
    bare = tuple(t for t in typed if t not in filler)
    return bool(bare) and bare == tuple(t for t in label if t not in filler)


def _counted(text: str, count: int) -> tuple[bool, int | None]:
    """Whether the answer names a place ("2", "de tweede", "laatste"), and that option's index.

    A place that does not exist gives (True, None): the member meant a number, so no other rule may
    turn it into an option.
    """
    words = _strip_ends(list(words_of(text)), _choice_phrases("prefixes") + _filler_phrases())
    if tuple(words) in _choice_phrases("last"):
        return True, count - 1
    suffixes = "|".join(re.escape(s) for s in vocabulary()["choices"]["ordinal_suffixes"])
    match = re.fullmatch(rf"(\d+)(?:{suffixes})?", digits(" ".join(words)))
    if match is None:
        return False, None
    place = int(match.group(1))
    return True, (place - 1 if 1 <= place <= count else None)


@cache
def _choice_phrases(key: str) -> tuple[tuple[str, ...], ...]:
    return tuple(words_of(p) for p in vocabulary()["choices"][key] if words_of(p))


@cache
def _filler_phrases() -> tuple[tuple[str, ...], ...]:
    return tuple(words_of(p) for p in vocabulary()["filler"]["words"] if words_of(p))


def _strip_ends(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[str]:
    """``words`` without leading or trailing ``phrases``, keeping at least one word ("one" stays 1)."""
    changed = True
    while changed and len(words) > 1:
        changed = False
        for phrase in phrases:
            size = len(phrase)
            if len(words) > size and tuple(words[:size]) == phrase:
                words, changed = words[size:], True
            elif len(words) > size and tuple(words[-size:]) == phrase:
                words, changed = words[:-size], True
    return words


def _by_meaning(text: str, labels: Sequence[str], meanings: Sequence[Meaning | None]) -> int | None:
    said = meaning(text)
    if said is None:
        return None
    offered = [
        meanings[i] if i < len(meanings) and meanings[i] else meaning(label) for i, label in enumerate(labels)
    ]
    return _unique(i for i, kind in enumerate(offered) if kind == said)


def _by_likeness(text: str, labels: Sequence[str], _meanings: Sequence[Meaning | None]) -> int | None:
    typed = " ".join(words_of(text))
    return _unique(
        i
        for i, label in enumerate(labels)
        if difflib.SequenceMatcher(None, typed, " ".join(words_of(label))).ratio() >= LABEL_LIKENESS
    )


def _by_words(text: str, labels: Sequence[str], _meanings: Sequence[Meaning | None]) -> int | None:
    """The one label whose distinctive words are all typed, or that holds every typed word.

    A negation on one side only ("niet meedoen" against "Meedoen") never matches.
    """
    typed = _content_words(text)
    contents = [_content_words(label) for label in labels]
    negations = _word_set("choices", "negations")
    picked = []
    for i, content in enumerate(contents):
        if bool(negations & set(typed)) != bool(negations & set(content)):
            continue
        others = set().union(*(c for j, c in enumerate(contents) if j != i))
        distinctive = [w for w in content if w not in others]
        if (distinctive and all(_contains(typed, w) for w in distinctive)) or (
            typed and all(_contains(content, w) for w in typed)
        ):
            picked.append(i)
    return picked[0] if len(picked) == 1 else None


def _content_words(text: str) -> tuple[str, ...]:
    common = _word_set("choices", "stopwords") | _filler()
    return tuple(w for w in words_of(text) if w not in common)


def _contains(words: Sequence[str], wanted: str) -> bool:
    return any(word_cost(word, wanted) is not None for word in words)


def value_choice(text: str, labels: Sequence[str]) -> int | None:
    """The option whose label starts with the typed number ("8" picks "8 leden", not the 8th option).

    For options that are values rather than places; None when no label, or more than one, has it.
    """
    typed = number_in(text)
    if typed is None:
        return None
    return _unique(i for i, label in enumerate(labels) if _leading_number(label) == typed)


def _leading_number(label: str) -> int | None:
    words = words_of(digits(" ".join(words_of(label))))
    return int(words[0]) if words and is_digits(words[0]) else None
