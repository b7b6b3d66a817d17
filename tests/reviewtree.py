"""A project tree with work for a reviewer: the repository's own locales/ and glossary/, and in
the copy a few entries in each state the review report shows first.

The entries are made with the library's own state functions (the markers `i18n translate`
writes), so `i18n stats` and `i18n check` see what they would see after a batch:

- ru: a machine suggestion through English that misses a glossary term (EEF -> ВЭФ), one that
  loops (degenerate output), one with a low model score, a changed source sentence, a reviewed
  entry whose number was changed (a QA error), an untranslated entry;
- vi: a machine suggestion with a forbidden glossary form and one that lost a closing quote;
- en: a machine suggestion with a low model score.

`python tests/reviewtree.py DIR` builds the tree in DIR (used for the README's screenshot).
"""
from __future__ import annotations

import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from i18n.catalog.po import read_po, write_po
from i18n.catalog.states import (
    DEGENERATE,
    LOW_CONFIDENCE,
    PIVOT_NOTE,
    carried_over,
    glossary_missing_note,
    set_machine,
)

REPO = Path(__file__).resolve().parent.parent
SLUG = "putin-kim-vostochny"
WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
VIA_EN = "argos id→en 1.9 + argos en→ru 1.9"


def make_review_tree(root: Path) -> Path:
    """Copy locales/ and glossary/ into `root` and give them work for a reviewer; `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for folder in ("locales", "glossary"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    _edit(root, "ru", _russian)
    _edit(root, "vi", _vietnamese)
    _edit(root, "en", _english)
    return root


def _edit(root: Path, lang: str, change) -> None:
    path = root / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"
    po = read_po(path)
    change(po)
    write_po(path, po, now=WHEN)


def _find(po, start: str):
    return next(e for e in po if e.msgid.startswith(start))


def _russian(po) -> None:
    entry = _find(po, "Putin tiba di Vostochny")
    text = entry.msgstr.replace("ВЭФ", "EEF")
    set_machine(entry, text, VIA_EN, [
        glossary_missing_note("EEF", "ВЭФ", "EEF"),
        PIVOT_NOTE + "Putin arrived at Vostochny on 13 September, after two days of work at the "
        "Eastern Economic Forum (EEF) in Vladivostok.",
    ])
    entry = _find(po, "Sementara itu, pemimpin Korea Utara tiba")
    set_machine(entry, "Тем временем лидер КНДР прибыл к месту саммита саммита саммита саммита саммита саммита", VIA_EN, [
        f"{DEGENERATE} the phrase «саммита» repeats 6 times; the output stops before the end of the source",
        PIVOT_NOTE + "Meanwhile, the North Korean leader arrived at the site of the summit summit summit",
    ])
    entry = _find(po, "Pada 13 September, tepat sebelum")
    set_machine(entry, "13 сентября, как раз перед тем, как Ким встретил Путина, Сеул обвинил Пхеньян в запуске ракеты снова.",
                VIA_EN, [
                    f"{LOW_CONFIDENCE} model score -2.41 is far below this job's typical score",
                    PIVOT_NOTE + "On 13 September, just before Kim met Putin, Seoul accused Pyongyang of launching "
                    "a missile again.",
                ])
    entry = _find(po, "Mengomentari agenda KTT")
    changed = carried_over(entry, entry.msgid.replace("Dmitry Peskov mengatakan", "Dmitry Peskov mengatakan kepada wartawan"),
                           entry.occurrences)
    po[po.index(entry)] = changed
    entry = _find(po, '"Saya sangat senang')
    entry.msgstr = entry.msgstr.replace("75 лет", "57 лет")  # a reviewer's typo: the numbers check
    _find(po, "Ketika ditanya tentang kerja sama").msgstr = ""


def _vietnamese(po) -> None:
    entry = _find(po, "Kim Jong Un mengunjungi Rusia")
    set_machine(entry, entry.msgstr.replace("Bán đảo Triều Tiên", "bán đảo Bắc Hàn"), "argos id→en 1.9 + argos en→vi 1.9", [
        PIVOT_NOTE + "Kim Jong Un is visiting Russia amid rising tensions on the Korean Peninsula, which has seen "
        "regular missile launches by Pyongyang and military drills involving South Korean and US forces.",
    ])
    entry = _find(po, "Sementara itu, pemimpin Korea Utara mengucapkan")
    set_machine(entry, entry.msgstr.replace("nồng hậu”.", "nồng hậu."), "argos id→en 1.9 + argos en→vi 1.9")


def _english(po) -> None:
    entry = _find(po, "“Para pemimpin Korea Utara")
    set_machine(entry, "“The leaders of North Korea interested build rockets, they also try develop space technology,” "
                "said Putin.", "argos id→en 1.9", [f"{LOW_CONFIDENCE} model score -1.87 is far below this job's typical score"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/reviewtree.py DIR")
    print(make_review_tree(Path(sys.argv[1])))
