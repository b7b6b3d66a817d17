"""No lost work under any sequence of re-runs: a property test through `i18n translate`.

Hypothesis writes an article, the real CLI translates it with the tiny Argos models, then
for several rounds a reviewer edits the PO file (reviews, rewrites, clears, marks fuzzy,
comments) and an editor edits the article (changes, inserts, deletes, reorders and
duplicates sentences and paragraphs), and the job runs again. After every run:

- every reviewed translation whose source sentence is still in the article is there,
  byte-identical, still reviewed, with its translator comment;
- every reviewed translation whose sentence changed or went is still in the file, as a
  fuzzy suggestion (`#| msgid`) or an obsolete entry;
- `msgfmt -c` accepts the file.

Budget: I18N_SLOW_BUDGET=full (`make test-full`) runs 100 examples of up to 5 rounds; the
default run is a smoke-sized 5 examples of up to 3 rounds.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pofiles import msgfmt_problems

from cli import main
from i18n.article import read_article
from i18n.catalog.po import read_po
from i18n.catalog.states import entry_state
from i18n.segment import segment_article

FULL = os.environ.get("I18N_SLOW_BUDGET", "small") == "full"
EXAMPLES, MAX_ROUNDS = (100, 5) if FULL else (5, 3)

WORDS = ["Putin", "Kim", "tiba", "di", "Vostochny", "pada", "hari", "Rusia", "Korea", "Utara", "kereta",
         "Presiden", "bertemu", "roket", "stasiun"]
sentences = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.lists(st.lists(sentences, min_size=1, max_size=3), min_size=1, max_size=4)
ACTIONS = ["keep", "review", "rewrite", "clear", "fuzzy", "comment"]
EDITS = ["change", "insert", "delete", "reorder", "duplicate-sentence", "duplicate-paragraph",
         "delete-paragraph", "swap-paragraphs"]


def article_text(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def edit_article(data, paras: list[list[str]]) -> list[list[str]]:
    """Apply a few random editor's changes (the article never ends up empty)."""
    paras = [list(p) for p in paras]
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        op = data.draw(st.sampled_from(EDITS), label="edit")
        i = data.draw(st.integers(0, len(paras) - 1), label="paragraph")
        j = data.draw(st.integers(0, len(paras[i]) - 1), label="sentence")
        if op == "change":
            words = paras[i][j][:-1].split()
            k = data.draw(st.integers(0, len(words) - 1))
            words[k] = data.draw(st.sampled_from(WORDS))
            if data.draw(st.booleans()):
                words.append(data.draw(st.sampled_from(WORDS)).lower())
            paras[i][j] = " ".join(words).capitalize() + "."
        elif op == "insert":
            paras[i].insert(j, data.draw(sentences))
        elif op == "delete":
            del paras[i][j]
        elif op == "reorder":
            paras[i].insert(data.draw(st.integers(0, len(paras[i]) - 1)), paras[i].pop(j))
        elif op == "duplicate-sentence":
            paras[data.draw(st.integers(0, len(paras) - 1))].append(paras[i][j])
        elif op == "duplicate-paragraph":
            paras.insert(data.draw(st.integers(0, len(paras))), list(paras[i]))
        elif op == "delete-paragraph":
            del paras[i]
        elif op == "swap-paragraphs":
            k = data.draw(st.integers(0, len(paras) - 1))
            paras[i], paras[k] = paras[k], paras[i]
        paras = [p for p in paras if p] or [[data.draw(sentences)]]
    return paras


def review(data, path: Path, ledger: dict[str, str], comments: dict[str, str], rnd: int) -> None:
    """A translator's session in a PO editor; `ledger` follows what is reviewed (msgid -> msgstr)."""
    po = polib.pofile(str(path), wrapwidth=79)
    for k, entry in enumerate(e for e in po if not e.obsolete):
        action = data.draw(st.sampled_from(ACTIONS), label=f"action {k}")
        if action == "keep":
            continue
        if action == "comment":
            entry.tcomment = f"note {rnd}.{k}"
            if entry.msgid in ledger:
                comments[entry.msgid] = entry.tcomment
            continue
        # The translator takes over whatever this entry held: drop it from the ledger.
        for key in (entry.msgid, entry.previous_msgid):
            if key in ledger and ledger[key] == entry.msgstr:
                del ledger[key]
                comments.pop(key, None)
        if action in ("review", "rewrite"):
            if action == "rewrite" or not entry.msgstr:
                entry.msgstr = f"R{rnd}.{k} {entry.msgid.upper()}"
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None  # Poedit drops `#| msgid` when the fuzzy flag goes
            ledger[entry.msgid] = entry.msgstr
            if entry.tcomment:
                comments[entry.msgid] = entry.tcomment
        elif action == "clear":
            entry.msgstr = ""
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = None
        elif action == "fuzzy" and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
    po.save(str(path))


def translate(work: Path, argos_dir: Path) -> None:
    result = CliRunner().invoke(main, [
        "translate", str(work / "articles" / "id" / "story.txt"), "--from", "id", "--to", "ru",
        "--no-glossary", "--locales", str(work / "locales"), "--cache", str(work / "cache.sqlite"),
        "--packages-dir", str(argos_dir),
    ])
    assert result.exit_code == 0, result.output


def check_no_lost_work(work: Path, path: Path, ledger: dict[str, str], comments: dict[str, str]) -> None:
    assert msgfmt_problems(path) in (None, "")
    po = read_po(path)
    article = read_article(work / "articles" / "id" / "story.txt", "id")
    live = {s.text for s in segment_article(article)}
    active = {e.msgid: e for e in po if not e.obsolete}
    assert set(active) == live  # one entry per sentence, none for a sentence that went
    for msgid, msgstr in ledger.items():
        if msgid in live:
            entry = active[msgid]
            assert entry.msgstr == msgstr and entry_state(entry) == "reviewed", (msgid, entry)
            assert entry.tcomment == comments.get(msgid, entry.tcomment)
        else:
            kept = [e for e in po if e.msgstr == msgstr and (e.obsolete or "fuzzy" in e.flags)]
            assert kept, f"reviewed translation of {msgid!r} lost: {msgstr!r}"
            if not kept[0].obsolete:
                assert kept[0].previous_msgid is not None  # a fuzzy suggestion says what it translated


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=paragraphs, data=st.data())
def test_no_sequence_of_reruns_loses_a_reviewed_translation(argos_dir, first, data):
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        story = work / "articles" / "id" / "story.txt"
        story.parent.mkdir(parents=True)
        story.write_text(article_text(first), "utf-8")
        path = work / "locales" / "ru" / "LC_MESSAGES" / "story.po"
        translate(work, argos_dir)
        ledger: dict[str, str] = {}
        comments: dict[str, str] = {}
        paras = first
        for rnd in range(data.draw(st.integers(2, MAX_ROUNDS), label="rounds")):
            review(data, path, ledger, comments, rnd)
            paras = edit_article(data, paras)
            story.write_text(article_text(paras), "utf-8")
            translate(work, argos_dir)
            check_no_lost_work(work, path, ledger, comments)
            before = path.read_bytes()
            translate(work, argos_dir)  # a re-run on unchanged input changes nothing
            assert path.read_bytes() == before
