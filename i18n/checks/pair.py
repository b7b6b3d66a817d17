"""QA checks on one translation: each a small function with an id, a title and a severity.

A check reads a `Pair` (source text, translation, their languages, the entry's flags) and
returns human sentences, one per problem; the runner (`i18n.checks.runner`) turns them into
`Finding`s. Each is registered in `i18n.checks.registry` with scope `pair`; its title is
the first line of its docstring. The declared severity is the one a reviewed entry gets; a
fuzzy (machine) entry gets one level less, because a reviewer will still see it.

Language knowledge (month names that may become month numbers) is data under
`i18n/data/months/`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..langs import CASE_PLAIN, load_lines
from ..readers.inline import PLACEHOLDER
from .registry import functions, register

__all__ = [
    "Pair",
    "run_pair_checks",
    "extract_numbers",
    "extract_placeholders",
    "scan_balance",
]


@dataclass
class Pair:
    """A source text and its translation, with languages and the entry's flags."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    flags: frozenset = field(default_factory=frozenset)


def run_pair_checks(pair: Pair, enabled: Iterable[str]) -> list[tuple[str, str]]:
    """Run the enabled pair checks; return (check id, message) in registry order."""
    return [(check_id, message) for check_id, func in functions("pair", set(enabled)) for message in func(pair)]


# --- numbers and dates -------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\d+")
_BEFORE_MONTH = re.compile(r"\d[\w-]{0,3}\.?[\s\u00a0]{1,2}$")
_AFTER_MONTH = re.compile(r"^,?[\s\u00a0]{1,2}\d")


@cache
def _month_pattern(lang: str) -> tuple[re.Pattern[str] | None, dict[str, int], re.Pattern[str] | None]:
    """The month names of `lang` as one pattern, name -> number, and for a case-insensitive
    language whose names are all CASE_PLAIN the same pattern in lower case, for a lower-cased
    CASE_PLAIN text (the same matches at the same offsets, at half the cost)."""
    forms: dict[str, int] = {}
    for line in load_lines("months", lang):
        number, *names = line.split()
        for name in names:
            forms[name.replace("_", " ")] = int(number)
    if not forms:
        return None, {}, None
    shape = r"(?<!\w)(?:{})\.?(?!\w)"
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(shape.format("|".join(map(re.escape, ordered))), re.IGNORECASE if lang in ("ru", "vi") else 0)
    if not pattern.flags & re.IGNORECASE:
        return pattern, forms, None
    lower = None
    if all(CASE_PLAIN.fullmatch(f) for f in forms):
        lower = re.compile(shape.format("|".join(re.escape(f.lower()) for f in ordered)))
    return pattern, {k.lower(): v for k, v in forms.items()}, lower


def _months(text: str, lang: str) -> tuple[Iterable[re.Match[str]], dict[str, int]]:
    """The month-name matches of `text` (offsets into `text`) and name -> number."""
    pattern, forms, lower = _month_pattern(lang)
    if pattern is None:
        return (), forms
    if lower is not None and CASE_PLAIN.fullmatch(text):
        return lower.finditer(text.lower()), forms
    return pattern.finditer(text), forms


def _strip_urls(text: str) -> str:
    low = text.lower()  # most entries hold neither: skip both scans then
    if "://" in low or "www." in low:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    return text


def extract_numbers(text: str, lang: str, labels: dict | None = None) -> Counter:
    """The numbers of `text` as digit runs without leading zeros, month names in dates included.

    Separators are dropped (`2,5` = `2.5`, `50,000` = `50 000`), `13/9/2023` is 13, 9, 2023,
    and a month name next to a number counts as its month number (`13 September` = 13, 9).
    `labels`, when given, maps each number to how the text writes it (`September`).
    """
    if "%" in text or "{" in text:
        text = _PRINTF_PLAIN.sub(" ", _BRACE.sub(" ", text))
    if "<" in text:  # the inline tags of a markup sentence (`<1>`) are the `markup` check's
        text = PLACEHOLDER.sub(" ", text)
    text = _strip_urls(text)
    runs = _DIGITS.findall(text)
    found = Counter(d.lstrip("0") or "0" for d in runs)
    if not found:
        return found  # a month name alone is no date
    if labels is not None:
        for d in runs:
            labels.setdefault(d.lstrip("0") or "0", d)
    matches, forms = _months(text, lang)
    for m in matches:
        if _BEFORE_MONTH.search(text, max(m.start() - 8, 0), m.start()) or _AFTER_MONTH.match(
            text[m.end(): m.end() + 4]
        ):
            name = text[m.start():m.end()].rstrip(".")
            number = forms.get(name) or forms.get(name.lower())
            if number:
                found[str(number)] += 1
                if labels is not None and str(number) not in labels:
                    labels[str(number)] = f"{name} ({number})"
    return found


@register("numbers", "error")
def check_numbers(pair: Pair) -> list[str]:
    """Numbers and dates carried over."""
    labels: dict[str, str] = {}
    src = extract_numbers(pair.source, pair.source_lang, labels)
    if not src and not _DIGITS.search(pair.target):
        return []
    tgt = extract_numbers(pair.target, pair.target_lang, {})
    if src == tgt:
        return []
    missing, extra = src - tgt, tgt - src
    if not missing and not extra:
        return []
    parts = []
    if missing:
        verb = "is" if sum(missing.values()) == 1 else "are"
        parts.append(f"the source's {_listing(missing, labels)} {verb} missing or changed")
    if extra:
        verb = "is" if sum(extra.values()) == 1 else "are"
        parts.append(f"{_listing(extra, {})} {verb} not in the source")
    return [f"numbers differ: {'; '.join(parts)}; carry every number and date over"]


def _listing(counter: Counter, labels: dict) -> str:
    items = sorted(counter.elements(), key=lambda s: (len(s), s))
    return ", ".join(labels.get(i, i) for i in items)


# --- URLs, e-mail addresses, placeholders --------------------------------------------------

_URL_TRAIL = ".,;:!?)]}»”’'\""


def _urls(text: str) -> Counter:
    found = Counter(u.rstrip(_URL_TRAIL) for u in _URL.findall(text))
    found.update(_EMAIL.findall(text))
    return found


@register("urls", "error")
def check_urls(pair: Pair) -> list[str]:
    """URLs and e-mail addresses unchanged."""
    if "@" not in pair.source + pair.target and "://" not in pair.source + pair.target and "www." not in (
        pair.source + pair.target
    ).lower():
        return []
    src, tgt = _urls(pair.source), _urls(pair.target)
    out = [f"{u} is missing or changed in the translation; copy it unchanged" for u in sorted(src - tgt)]
    out += [f"{u} is not in the source" for u in sorted(tgt - src)]
    return out


_PRINTF_FULL = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGaAcsprn%])"
)
# Without a format flag only the common, unambiguous forms count: `50%s` and `% o` do not.
_PRINTF_PLAIN = re.compile(
    r"(?<![\w%])%(?:\((?P<name>[A-Za-z_]\w*)\)|\d+\$)?(?:\.\d+)?(?P<conv>[sdifr])(?!\w)"
)
_BRACE = re.compile(r"(?<!\{)\{(?P<name>\d*|[A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def extract_placeholders(text: str, flags: frozenset = frozenset()) -> tuple[tuple, Counter, Counter]:
    """(unnamed printf conversions in order, named printf Counter, brace-field Counter)."""
    printf = _PRINTF_FULL if flags & {"c-format", "python-format"} else _PRINTF_PLAIN
    unnamed: list[str] = []
    named: Counter = Counter()
    braces: Counter = Counter()
    if "%" in text and not flags & {"no-c-format", "no-python-format"}:
        for m in printf.finditer(text):
            conv = m.group("conv")
            if conv == "%":
                continue
            if m.group("name") is not None:
                named[f"%({m.group('name')}){conv}"] += 1
            else:
                unnamed.append(m.group())
    if "{" in text and "no-python-brace-format" not in flags:
        braces.update("{" + m.group("name") + "}" for m in _BRACE.finditer(text))
    return tuple(unnamed), named, braces


@register("placeholders", "error")
def check_placeholders(pair: Pair) -> list[str]:
    """Printf and brace placeholders preserved."""
    if "%" not in pair.source + pair.target and "{" not in pair.source + pair.target:
        return []
    s_un, s_named, s_br = extract_placeholders(pair.source, pair.flags)
    t_un, t_named, t_br = extract_placeholders(pair.target, pair.flags)
    out = []
    if s_un != t_un:
        if Counter(s_un) == Counter(t_un):
            out.append(
                f"placeholders {' '.join(s_un)} are reordered; number them (%1$s) or keep the order"
            )
        else:
            s_count, t_count = Counter(s_un), Counter(t_un)
            out += [f"placeholder {p} is missing; keep it as in the source" for p in sorted(s_count - t_count)]
            out += [f"placeholder {p} is not in the source" for p in sorted(t_count - s_count)]
    for src, tgt in ((s_named, t_named), (s_br, t_br)):
        out += [f"placeholder {p} is missing; keep it as in the source" for p in sorted(src - tgt)]
        out += [f"placeholder {p} is not in the source" for p in sorted(tgt - src)]
    return out


# --- brackets, quotes, punctuation, spaces --------------------------------------------------

_BRACKETS = {")": "(", "]": "[", "}": "{"}
_QUOTE_CHARS = frozenset("«»„“”\"")
_HAS_BRACKET = re.compile(r"[()\[\]{}]")
_HAS_QUOTE = re.compile("[«»„“”\"]")


def scan_balance(text: str, kind: str) -> int:
    """How many brackets (`kind="brackets"`) or quotes (`"quotes"`) of `text` are unpaired.

    Quotes pair as « », „ “, „ ”, “ ” and " "; `“` closes a `„` (Russian, German) and
    opens otherwise, so both styles are understood in every language.
    """
    stack: list[str] = []
    unmatched = 0
    if kind == "brackets":
        for c in text:
            if c in "([{":
                stack.append(c)
            elif c in _BRACKETS:
                if stack and stack[-1] == _BRACKETS[c]:
                    stack.pop()
                else:
                    unmatched += 1
        return unmatched + len(stack)
    for c in text:
        if c not in _QUOTE_CHARS:
            continue
        top = stack[-1] if stack else ""
        if c in "«„":
            stack.append(c)
        elif c == "»":
            if top == "«":
                stack.pop()
            else:
                unmatched += 1
        elif c == "“":
            if top == "„":
                stack.pop()
            else:
                stack.append(c)
        elif c == "”":
            if top in ("“", "„"):
                stack.pop()
            else:
                unmatched += 1
        else:  # a straight quote closes an open one, else opens
            if top == '"':
                stack.pop()
            else:
                stack.append(c)
    return unmatched + len(stack)


@register("brackets", "error")
def check_brackets(pair: Pair) -> list[str]:
    """Brackets balanced."""
    if not _HAS_BRACKET.search(pair.target):
        return []
    if scan_balance(pair.target, "brackets") and not scan_balance(pair.source, "brackets"):
        return ["brackets are unbalanced in the translation (the source closes every one)"]
    return []


@register("quotes", "error")
def check_quotes(pair: Pair) -> list[str]:
    """Quotation marks balanced."""
    if not _HAS_QUOTE.search(pair.target):
        return []
    if scan_balance(pair.target, "quotes") and not scan_balance(pair.source, "quotes"):
        return ["quotation marks are unbalanced in the translation (the source closes every one)"]
    return []


_END_CLASS = {".": ".", "…": ".", "?": "?", "？": "?", "!": "!", "！": "!", ":": ":", ";": ";", "。": "."}
_CLOSERS = "\"'»”“’)]} \u00a0\t\n"
_CLASS_NAME = {
    ".": "a full stop", "?": "a question mark", "!": "an exclamation mark", ":": "a colon", ";": "a semicolon",
}


def _final_class(text: str) -> str | None:
    end = text.rstrip(_CLOSERS)
    return _END_CLASS.get(end[-1]) if end else None


@register("punctuation", "warning")
def check_punctuation(pair: Pair) -> list[str]:
    """Sentence-final punctuation kept."""
    src = _final_class(pair.source)
    if src is None:
        return []
    tgt = _final_class(pair.target)
    if tgt == src:
        return []
    found = _CLASS_NAME[tgt] if tgt else "none"
    return [f"the source ends with {_CLASS_NAME[src]}, the translation with {found}"]


@register("whitespace", "warning")
def check_whitespace(pair: Pair) -> list[str]:
    """No leading, trailing or double spaces introduced."""
    src, tgt = pair.source, pair.target
    out = []
    if tgt[:1].isspace() and not src[:1].isspace():
        out.append("the translation starts with a space the source does not have")
    if tgt[-1:].isspace() and not src[-1:].isspace():
        out.append("the translation ends with a space the source does not have")
    if "  " in tgt and tgt.count("  ") > src.count("  "):
        out.append("the translation has a double space")
    return out


_WORD = re.compile(r"[^\W\d_]{2,}")


@register("unchanged", "warning")
def check_unchanged(pair: Pair) -> list[str]:
    """Translation unchanged from the source."""
    if pair.source_lang == pair.target_lang or pair.target.strip() != pair.source.strip():
        return []
    if len(_WORD.findall(pair.source)) < 2:
        return []  # a name, a number, an abbreviation: often the same in every language
    return ["the translation is a copy of the source; translate it"]


MIN_RATIO_LENGTH = 20  # shorter sources vary too much to judge by length
LENGTH_RATIO = (1 / 3, 3.0)


@register("length", "warning")
def check_length(pair: Pair) -> list[str]:
    """Suspicious length ratio."""
    n = len(pair.source.strip())
    if n < MIN_RATIO_LENGTH:
        return []
    ratio = len(pair.target.strip()) / n
    low, high = LENGTH_RATIO
    if ratio < low:
        return [f"the translation is {ratio:.2f} times as long as the source: is a part missing?"]
    if ratio > high:
        return [f"the translation is {ratio:.2f} times as long as the source: is something added?"]
    return []
