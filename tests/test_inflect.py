"""Russian names inflected to the case their place needs (glossary/inflect.py, glossary/government.py)."""
from __future__ import annotations

import pytest

from i18n.glossary.government import case_at_ru
from i18n.glossary.inflect import cases_of_ru, inflect_ru, is_person_ru, paradigm_ru


@pytest.mark.parametrize(("form", "case", "want"), [
    ("Владимир Путин", "datv", "Владимиру Путину"),
    ("Владимир Путин", "accs", "Владимира Путина"),
    ("Ким Чен Ын", "ablt", "Ким Чен Ыном"),  # an East Asian name: the last syllable declines
    ("Дмитрий Песков", "gent", "Дмитрия Пескова"),
    ("Амурская область", "gent", "Амурской области"),  # adjective and noun agree
    ("Соединённые Штаты", "ablt", "Соединёнными Штатами"),
    ("Южная Корея", "accs", "Южную Корею"),
    ("космодром Восточный", "loct", "космодроме Восточный"),  # a conventional name in apposition
    ("Республика Корея", "gent", "Республики Корея"),
    ("Балканы", "gent", "Балкан"),  # listed: the dictionary says Балканов
    ("Балканы", "loct", "Балканах"),
    ("Москва", "accs", "Москву"),
    ("Кремль", "accs", "Кремль"),  # inanimate: accusative = nominative
    ("Ангела Меркель", "datv", "Ангеле Меркель"),  # a woman's surname in a consonant stays
    ("Эмманюэль Макрон", "accs", "Эмманюэля Макрона"),
])
def test_glossary_forms_take_the_case(form, case, want):
    assert inflect_ru(form, case) == want


@pytest.mark.parametrize("form", ["США", "КНДР", "Токио"])
def test_indeclinable_names_stay_as_written(form):
    assert set(paradigm_ru(form).values()) == {form}


def test_persons_are_told_from_places():
    assert is_person_ru("Владимир Путин") and is_person_ru("Песков")
    assert not is_person_ru("Москва") and not is_person_ru("Амурская область")


def test_the_case_is_read_from_a_rendering_by_its_ending():
    assert cases_of_ru("Песков", "Пескоффа") == ("gent", "accs")  # misspelt, still genitive
    assert cases_of_ru("Владимир Путин", "Владимиром Путиным") == ("ablt",)
    assert cases_of_ru("Путин", "Путин") == ("nomn",)
    assert cases_of_ru("США", "США") == ()


def _case(text: str, name: str, person: bool) -> tuple[str, bool]:
    guess = case_at_ru(text, text.index(name), person=person)
    return guess.cases[0], guess.sure


@pytest.mark.parametrize(("text", "name", "person", "want"), [
    ("Ким поблагодарил Путин за приглашение.", "Путин", True, "accs"),  # a transitive verb
    ("Встреча с Путин прошла.", "Путин", True, "ablt"),  # preposition с
    ("Делегация вылетела в Москва вечером.", "Москва", False, "accs"),  # в after a verb of motion
    ("Встреча пройдёт в Москва.", "Москва", False, "loct"),  # в of place
    ("По словам Песков, встреча закончилась.", "Песков", True, "gent"),
    ("Путин подарил Ким Чен Ын винтовку.", "Ким Чен Ын", True, "datv"),  # a dative verb
    ("Он позвонил президенту Путин вечером.", "Путин", True, "datv"),  # apposition to a title
    ("Правительство Япония выразило обеспокоенность.", "Япония", False, "gent"),  # a noun qualified
    ("Торговля с Китаем и Япония выросла.", "Япония", False, "ablt"),  # coordinated
    ("Путин прибыл во Владивосток.", "Путин", True, "nomn"),  # the start of a clause
    ("«Это полезно», — заявил Песков.", "Песков", True, "nomn"),  # the subject after a quotation
])
def test_the_case_is_read_from_what_governs_the_place(text, name, person, want):
    assert _case(text, name, person) == (want, True)


def test_an_unsettled_case_is_not_sure():
    text = "Вчера встретился Путин с гостями."
    guess = case_at_ru(text, text.index("Путин"), person=True)
    assert not guess.sure
