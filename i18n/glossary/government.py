"""The case a Russian noun phrase takes at its place in a sentence, read from the words before it.

`case_at_ru(text, start, person=...)` looks left of `start` (where a restored glossary name
stands) for what governs it: a preposition (`с` -> instrumental, `в` -> locative, or
accusative after a verb of motion: `прибыл в Россию`), a verb (transitive -> accusative,
`подарил` -> dative), a title the person's name stands in apposition to (`президенту
Путину`, and across the title's genitive complements: `с президентом России Владимиром
Путиным`, `глава МИД Сергей Лавров`), a noun it qualifies (`правительство Японии` -> genitive), an adjective it agrees
with, or the partner it is coordinated with (`с Китаем и Японией`). A clause start means the
nominative. The rules are language data (`i18n/data/government/ru.txt`); what they do not
settle comes back `sure=False`, for the caller to ask the model's own rendering or the reviewer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..langs import load_lines
from .inflect import agreement_ru
from .morph import _analyzer

__all__ = ["CaseGuess", "case_at_ru", "government_ru"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_COORD = frozenset({"и", "или", "либо", "а также"})
_SKIP = frozenset({"ADVB", "PRCL", "NUMR"})
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_OPEN_QUOTES = frozenset("«„“\"")
_QUOTE_END = re.compile(r"[»”\"]\s*,?\s*[—–-]\s*$|,\s*[—–-]\s*$|^\s*[—–-]\s*$")


@dataclass(frozen=True)
class CaseGuess:
    """The cases a place takes, likeliest first; `sure` False when the rules only guess."""

    cases: tuple[str, ...]
    sure: bool
    reason: str


@dataclass(frozen=True)
class _Rules:
    preps: dict[str, tuple[str, ...]]
    verbs: dict[str, tuple[str, ...]]
    motion: tuple[str, ...]
    titles: frozenset[str]
    speech: frozenset[str]
    intro: frozenset[str]
    generic: frozenset[str]
    aim: tuple[str, ...]


@cache
def government_ru() -> _Rules:
    """The rules of `i18n/data/government/ru.txt`."""
    cased: dict[str, dict[str, tuple[str, ...]]] = {"prep": {}, "verb": {}}
    words: dict[str, list[str]] = {"motion": [], "title": [], "speech": [], "intro": [], "generic": [], "aim": []}
    for line in load_lines("government", "ru"):
        kind, word, *cases = line.split()
        word = word.replace("_", " ")
        if kind in cased:
            cased[kind][word] = tuple(cases)
        elif kind in words:
            words[kind].append(word)
    return _Rules(cased["prep"], cased["verb"], tuple(words["motion"]), frozenset(words["title"]),
                  frozenset(words["speech"]), frozenset(words["intro"]), frozenset(words["generic"]),
                  tuple(words["aim"]))


def _parse(word: str):
    return _analyzer().parse(word)


def _pos(word: str) -> str:
    parses = _parse(word.lower())
    return str(parses[0].tag.POS) if parses and parses[0].tag.POS else ""


_CASE_NAMES = {"loc2": "loct", "gen2": "gent", "acc2": "accs", "gen1": "gent", "loc1": "loct"}


def _cases(word: str, pos: tuple[str, ...]) -> tuple[str, ...]:
    seen: list[str] = []
    for p in _parse(word.lower()):
        if p.tag.POS in pos and p.tag.case:
            seen.append(_CASE_NAMES.get(str(p.tag.case), str(p.tag.case)))
    return tuple(dict.fromkeys(seen))


def _words_before(text: str, start: int, others: tuple[tuple[int, int], ...]) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, boundary) right to left in the clause; boundary: punctuation after it
    (not the opening quote of a name in «»: `акции «Газпрома»` reads as `акции Газпрома`)."""
    out = []
    pos = start
    for m in reversed(list(_WORD.finditer(text, 0, start))):
        gap = text[m.end():pos]
        if pos == start and gap.strip() in _OPEN_QUOTES:
            gap = " "
        inside = next((o for o in others if o[0] <= m.start() < o[1]), None)
        out.append((m.start(), m.end(), m.group(), bool(gap.strip()), inside is not None))
        pos = m.start()
        if gap.strip() or len(out) >= 8:
            break
    return [(s, e, w, b) for s, e, w, b, _ in out]


def _motion(text: str, at: int, rules: _Rules, stems: tuple[str, ...] = ()) -> bool:
    """A word of direction in the clause of the preposition at `at`: before it (прибыл в
    Москву), or after it up to the next comma (На Джакарту обрушилось, в Думу внесли);
    `stems`: other words that count (of aim, for на: давление на Киев)."""
    before = _WORD.findall(re.split(r"[.;:!?]", text[:at])[-1].lower())
    after = [w for w in _WORD.findall(re.split(r"[.;:!?,—«»]", text[at:])[0].lower()) if _pos(w) in _VERBAL]
    return any(w.startswith(rules.motion + stems) for w in before + after)


def case_at_ru(text: str, start: int, *, person: bool, others: tuple[tuple[int, int], ...] = (), depth: int = 0,
               end: int | None = None) -> CaseGuess:
    """The case a name beginning at `start` of `text` takes (`others`: spans of other names;
    `end`, where the name ends, lets the verb after it and its agreement be read too)."""
    rules = government_ru()
    words = _words_before(text, start, others)
    if not words or words[0][3]:
        gap = text[words[0][1]:start] if words else text[:start]
        return _after_boundary(text, start, gap, words, person, others, depth)
    if words[0][2].lower() == "как" and re.match(r"[^,.;:!?]*,\s*так\s+и\s", text[start:]):
        words = words[1:]  # как ⟨России⟩, так и Китаю: the first of a correlative pair
        if not words or words[0][3]:
            return CaseGuess(("nomn",), False, "after “как”")
    skipped = 0
    while words and _pos(words[0][2]) in _SKIP and words[0][2].lower() not in rules.preps \
            and words[0][2].lower() not in rules.verbs and skipped < 2:
        if len(words) == 1 or words[1][3]:
            return CaseGuess(("nomn",), False, f"after “{words[0][2]}”")
        words, skipped = words[1:], skipped + 1
    low = [w[2].lower() for w in words]
    if text[words[0][1]:start].strip() in _OPEN_QUOTES and _parse(low[0])[0].normal_form in rules.generic:
        return CaseGuess(("nomn",), True, f"in «» in apposition to “{words[0][2]}”")  # с компанией «Газпром»
    for n in (3, 2, 1):
        key = " ".join(reversed(low[:n]))
        if len(low) >= n and key in rules.preps and not any(w[3] for w in words[1:n]):
            return _preposition(key, rules.preps[key], text, words[n - 1][0], person, rules)
    if end is not None:
        subject = _subject(text, start, end, words, others, rules)
        if subject is not None:
            return subject
    if low[0] in _COORD and len(words) > 2 and low[1] == "так" and words[2][3]:
        first = re.search(r"\bкак\s+(?=[^,]*$)", text[:words[2][0]], re.IGNORECASE)
        if first is not None and depth < 3:  # как России, так и ⟨Китаю⟩: the first one's case
            guess = case_at_ru(text, first.end(), person=person, others=others, depth=depth + 1)
            return CaseGuess(guess.cases, guess.sure, f"paired by “как …, так и”: {guess.reason}")
    if low[0] in _COORD and len(words) > 1:
        return _coordinated(text, words[1], person, others, depth)
    if person:
        apposition = _apposition(text, words, others, depth, rules)
        if apposition is not None:
            return apposition
    return _by_word(words[0][2], text, words, person, rules)


def _preposition(prep: str, cases: tuple[str, ...], text: str, at: int, person: bool, rules: _Rules) -> CaseGuess:
    if prep in ("в", "во", "на", "за", "под") and _motion(text, at, rules, rules.aim if prep == "на" else ()):
        return CaseGuess(("accs", *[c for c in cases if c != "accs"]), True, f"“{prep}” after a verb of motion")
    if prep in ("с", "со") and not person and _motion(text, at, rules):
        return CaseGuess(("gent", "ablt"), True, f"“{prep}” (from) after a verb of motion")
    return CaseGuess(cases, True, f"preposition “{prep}”")


def _by_word(word: str, text: str, words: list, person: bool, rules: _Rules) -> CaseGuess:
    parses = _parse(word.lower())
    top = parses[0] if parses else None
    lemma = top.normal_form if top is not None else word.lower()
    if lemma in rules.titles or word.lower() in rules.titles:
        return CaseGuess(("gent",), True, f"qualifying “{word}”")
    if any(p.tag.POS == "COMP" for p in parses[:3]):
        return CaseGuess(("gent",), True, f"compared by “{word}”")  # дешевле Сеула, выше Японии
    passive = next((p for p in parses[:2] if p.tag.POS in ("PRTS", "PRTF") and "pssv" in p.tag and p.score >= 0.3), None)
    if passive is not None and (passive.tag.POS == "PRTS" or person and "perf" in passive.tag):
        return CaseGuess(("ablt",), True, f"the agent of “{word}”")  # подписан Путиным, подписанный Путиным указ
    if top is not None and top.tag.POS in ("ADJS", "ADVB") and (word.lower() in rules.verbs or top.normal_form in rules.verbs):
        return CaseGuess(rules.verbs.get(word.lower()) or rules.verbs[top.normal_form], True, f"governed by “{word}”")
    verb = next((p for p in parses if p.tag.POS in ("VERB", "INFN", "GRND", "PRTS")), None)
    if verb is not None and (top is None or top.tag.POS in ("VERB", "INFN", "GRND", "PRTS") or verb.score >= 0.3):
        return _by_verb(verb, word, text, words, rules)
    if top is not None and top.tag.POS == "PRTF" and len(words) > 1 and words[1][3]:
        return _participle(top, word, rules)
    if top is not None and top.tag.POS in ("ADJF", "PRTF"):
        return CaseGuess(_cases(word, ("ADJF", "PRTF")) or ("nomn",), True, f"agreeing with “{word}”")
    if top is not None and top.tag.POS == "NOUN":
        if _dative_verb_before(words[1:], rules):
            # продавать оружие ⟨Филиппинам⟩; a place could also be the object's owner (оружие России)
            return CaseGuess(("datv", "gent"), person, f"after a dative verb's object “{word}”")
        proper = {"Name", "Surn", "Patr"} & top.tag.grammemes and word[:1].isupper()
        return CaseGuess(("gent",), not proper, f"qualifying “{word}”")
    return CaseGuess(("nomn",), False, f"after “{word}”")


def _is_title(word: str, rules: _Rules) -> bool:
    return word.lower() in rules.titles or any(p.normal_form in rules.titles for p in _parse(word.lower())[:2])


def _complement(word: str, at: int, others: tuple[tuple[int, int], ...]) -> bool:
    """A word that can be a title's genitive complement: России, МИД, Кремля, иностранных,
    another name (restored in its dictionary form), a Latin name (Tesla)."""
    if any(o[0] <= at < o[1] for o in others) or not re.search(r"[а-яё]", word.lower()):
        return True
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and (p.tag.case in ("gent", "gen2") or "Fixd" in p.tag)
               for p in _parse(word.lower()))


def _apposition(text: str, words: list, others: tuple[tuple[int, int], ...], depth: int, rules: _Rules) -> CaseGuess | None:
    """A person's name after a title agrees with the title, also across the title's genitive
    complements: `Президент России ⟨Владимир Путин⟩`, `с президентом России ⟨Владимиром
    Путиным⟩`, `лидера КНДР ⟨Ким Чен Ына⟩`; the complement's genitive is not the name's.
    A title that is itself a complement (`помощник президента ⟨...⟩`) leaves two readings:
    the outer title is likelier, and the place is not sure when their cases differ."""
    titles: list[tuple[int, str]] = []
    for k, (start, _, word, boundary) in enumerate(words):
        if k and boundary:
            break
        if _is_title(word, rules):
            titles.append((start, word))
            if "gent" not in _cases(word, ("NOUN", "ADJF")):
                break  # a title not in the genitive complements nothing further left
        elif not _complement(word, start, others):
            break
    if not titles:
        return None
    start, word = titles[-1]
    cases = _title_cases(text, start, word, others, depth)
    inner = [_title_cases(text, s, w, others, depth)[0] for s, w in titles[:-1]]
    other = tuple(dict.fromkeys(c for c in inner if c != cases[0]))
    if other:
        return CaseGuess((cases[0], *other), False, f"in apposition to “{word}” or to “{titles[0][1]}”")
    return CaseGuess(cases, True, f"in apposition to “{word}”")


def _title_cases(text: str, start: int, word: str, others: tuple[tuple[int, int], ...], depth: int) -> tuple[str, ...]:
    """The cases of a title (a person: its animate readings), likeliest at its place first."""
    parses = [p for p in _parse(word.lower()) if p.tag.POS in ("NOUN", "ADJF") and p.tag.case]
    animate = [p for p in parses if "anim" in p.tag] or parses
    cases = tuple(dict.fromkeys(_CASE_NAMES.get(str(p.tag.case), str(p.tag.case)) for p in animate)) or ("nomn",)
    if len(cases) > 1 and depth < 3:
        there = case_at_ru(text, start, person=True, others=others, depth=depth + 1).cases
        cases = (*[c for c in there if c in cases], *[c for c in cases if c not in there])
    return cases


def _participle(parse, word: str, rules: _Rules) -> CaseGuess:
    """A participle opening a phrase after a comma governs the name as its verb does
    (`Джоко Видодо, руководивший ⟨Индонезией⟩`); a passive one names its agent
    (`Кандидаты, поддерживаемые ⟨Кремлём⟩`)."""
    if "pssv" in parse.tag:
        return CaseGuess(("ablt",), True, f"the agent of “{word}”")
    if parse.normal_form in rules.verbs:
        return CaseGuess(rules.verbs[parse.normal_form], True, f"governed by “{word}”")
    if "tran" in parse.tag:
        return CaseGuess(("accs",), True, f"object of “{word}”")
    return CaseGuess(("nomn",), False, f"after “{word}”")


def _dative_verb_before(words: list, rules: _Rules) -> bool:
    for _, _, w, boundary in words[:3]:
        if w.lower() in rules.preps:
            break  # о визите ⟨...⟩: the noun is the preposition's, the name qualifies it
        if any(p.normal_form in rules.verbs and rules.verbs[p.normal_form][0] == "datv" for p in _parse(w.lower())[:2]):
            return True
        if boundary:
            break
    return False


def _by_verb(verb, word: str, text: str, words: list, rules: _Rules) -> CaseGuess:
    lemma = verb.normal_form
    if lemma in rules.speech:
        before = text[: words[0][0]]
        clause_start = len(words) == 1 or words[0][3] or _QUOTE_END.search(before[-6:] if before else "")
        if clause_start:
            return CaseGuess(("nomn",), True, f"subject after “{word}” ending a quotation")
    if lemma in rules.verbs:
        return CaseGuess(rules.verbs[lemma], True, f"governed by “{word}”")
    if word.lower().endswith(("ся", "сь")) or "intr" in verb.tag:
        return CaseGuess(("nomn", "datv"), False, f"after the intransitive “{word}”")
    if "tran" in verb.tag:
        return CaseGuess(("accs",), True, f"object of “{word}”")
    return CaseGuess(("accs", "nomn"), False, f"after “{word}”")


def _coordinated(text: str, partner: tuple, person: bool, others: tuple[tuple[int, int], ...], depth: int) -> CaseGuess:
    """`с Китаем и ⟨name⟩`: the case of the partner's place (another name's too)."""
    start = partner[0]
    for o in others:
        if o[0] <= start < o[1]:
            start = o[0]
    if depth >= 3:
        return CaseGuess(("nomn",), False, "a long coordination")
    own = _cases(partner[2], ("NOUN",)) if partner[2][:1].islower() or not any(o[0] <= partner[0] < o[1] for o in others) else ()
    guess = case_at_ru(text, start, person=person, others=others, depth=depth + 1)
    if own and guess.cases[0] not in own and len(own) == 1:
        return CaseGuess(own, True, f"coordinated with “{partner[2]}”")
    return CaseGuess(guess.cases, guess.sure, f"coordinated with “{partner[2]}”: {guess.reason}")


def _introductory(text: str, comma: int, rules: _Rules) -> bool:
    """The clause piece ending at `comma` is an introductory phrase (`По данным Кремля,`,
    `Комментируя повестку,`): what follows the comma opens the clause, it does not continue a list."""
    piece = _WORD.findall(re.split(r"[.;:!?,—«»()]", text[:comma])[-1].lower())
    if not piece:
        return False
    return any(" ".join(piece[:len(key.split())]) == key for key in rules.intro) or _pos(piece[0]) == "GRND"


def _after_boundary(text: str, start: int, gap: str, words: list, person: bool, others, depth: int) -> CaseGuess:
    """A name after punctuation (or at the start) opens a clause, unless it is one of a list."""
    after = text[start:]
    if gap.strip() == "," and words and _introductory(text, words[0][1], government_ru()):
        return CaseGuess(("nomn",), True, "subject after an introductory phrase")
    listed = gap.strip() == "," and words and re.match(r"^[^\s,.;:!?]*(?:\s+\S+){0,3}?\s*(?:,|\s+и\s)", after)
    if listed and depth < 3 and not re.match(r"^\s*[—–-]", gap):
        guess = _coordinated(text, words[0], person, others, depth)
        if guess.cases[0] != "nomn":
            return CaseGuess(guess.cases, False, guess.reason)
    return CaseGuess(("nomn",), True, "subject at the start of a clause")


def _subject(text: str, start: int, end: int, words: list, others: tuple[tuple[int, int], ...], rules: _Rules) -> CaseGuess | None:
    """The name as the subject of its clause, where a verb agrees with it and no other subject
    comes first: after a verb of saying or an intransitive one (`Об этом журналистам заявил
    ⟨Песков⟩`, `— заявила журналистам ⟨Мария Захарова⟩`), or before its verb, after a fronted
    object or time (`Всю пресс-конференцию ⟨Лавров⟩ стоял`)."""
    agreement = agreement_ru(text[start:end])
    k = 0
    while k < min(len(words), 3) and not (k and words[k][3]) and _oblique(words[k][2]):
        k += 1
    if k < len(words) and not (k and words[k][3]):
        verb = _finite(words[k][2])
        if verb is not None and (verb.normal_form in rules.speech or "intr" in verb.tag or words[k][2].endswith(("ся", "сь"))) \
                and _agrees(verb.tag, agreement) and not _subject_before(text, words[k][0], verb.tag, others, rules):
            return CaseGuess(("nomn",), True, f"the subject of “{words[k][2]}” after it")
    following = re.match(r"\s+([^\W\d_]+(?:-[^\W\d_]+)*)", text[end:])
    next_word = following.group(1) if following else ""
    verb = _finite(next_word) if next_word else None
    tag = verb.tag if verb is not None else None
    first = _parse(words[0][2].lower())
    if not first or first[0].tag.POS != "NOUN" or _is_title(words[0][2], rules):
        return None
    if verb is None and _comparative_after(text, end):  # Для туристов ⟨Москва⟩ теперь дороже Парижа
        return None if _subject_before(text, start, None, others, rules) else CaseGuess(("nomn",), True, "compared")
    if verb is not None and _agrees(tag, agreement) and not _subject_before(text, start, tag, others, rules):
        return CaseGuess(("nomn",), True, f"the subject of “{next_word}”")
    return None


def _comparative_after(text: str, end: int) -> bool:
    """A comparative predicate after the name, past adverbs and `в N раз`: ⟨Китай⟩ теперь сильнее."""
    words = _WORD.findall(re.split(r"[.,;:!?—«»()]", text[end:])[0].lower())[:6]
    k = 0
    while k < len(words):
        parses = _parse(words[k])[:3]
        if any(p.tag.POS == "COMP" for p in parses):
            return True
        if words[k] == "в" and k + 2 < len(words) and words[k + 2].startswith("раз"):
            k += 3
        elif parses and parses[0].tag.POS in ("ADVB", "PRCL"):
            k += 1
        else:
            return False
    return False


def _oblique(word: str) -> bool:
    parses = _parse(word.lower())[:2]
    return bool(parses) and all(p.tag.POS in ("NOUN", "NPRO") and p.tag.case != "nomn" for p in parses)


def _finite(word: str):
    return next((p for p in _parse(word.lower())[:2] if p.tag.POS == "VERB" and "indc" in p.tag), None)


def _agrees(verb, agreement: tuple[str, str]) -> bool:
    if verb is None:
        return True  # a predicate with no agreement (a comparative)
    gender, number = agreement
    if verb.number == "plur" or number == "plur":
        return verb.number == number
    if verb.tense == "past":
        return verb.gender == gender
    return verb.person in (None, "3per")


def _subject_before(text: str, at: int, verb, others: tuple[tuple[int, int], ...], rules: _Rules) -> bool:
    """A nominative agreeing with `verb` in the clause before `at` (a preposition's noun aside);
    with no verb, any word whose likeliest reading is a nominative noun."""
    clause = max(text.rfind(c, 0, at) for c in ".;:!?,—«»()\"“”") + 1
    after_prep = False
    for m in _WORD.finditer(text, clause, at):
        name = next((o for o in others if o[0] <= m.start() < o[1]), None)
        if name is not None:
            if _agrees(verb, agreement_ru(text[name[0]:name[1]])):
                return True
            continue
        word = m.group().lower()
        parses = _parse(word)
        if not after_prep and parses and parses[0].tag.POS in ("NOUN", "NPRO") and any(
                p.tag.POS == parses[0].tag.POS and p.tag.case == "nomn" and _agrees(verb, _nominal(p))
                for p in parses[:3 if verb is not None else 1]):
            return True
        after_prep = word in rules.preps or (after_prep and _pos(word) in ("ADJF", "NUMR"))
    return False


def _nominal(parse) -> tuple[str, str]:
    if parse.tag.number == "plur":
        return ("plur", "plur")
    return (str(parse.tag.gender or "masc").replace("ms-f", "masc"), "sing")
