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


# A name in apposition to a title agrees with the title, also across the title's genitive
# complement (России, МИД, Кремля, КНДР, Японии): the complement's genitive is not the name's.
_TITLED = [
    ("Президент России", "nomn"), ("Премьер-министр Японии", "nomn"), ("Глава МИД России", "nomn"),
    ("Пресс-секретарь Кремля", "nomn"), ("Лидер КНДР", "nomn"), ("Министр иностранных дел России", "nomn"),
]


@pytest.mark.parametrize(("title", "case"), _TITLED)
def test_a_name_after_a_title_and_its_complement_takes_the_titles_case(title, case):
    text = f"{title} Сергей Иванов прибыл в Москву."
    assert _case(text, "Сергей Иванов", True) == (case, True)


@pytest.mark.parametrize(("text", "want"), [
    ("Ким встретился с президентом России Сергей Иванов.", "ablt"),
    ("Визит президента России Сергей Иванов завершился.", "gent"),
    ("Ким поблагодарил президента России Сергей Иванов.", "accs"),
    ("Ким позвонил президенту России Сергей Иванов.", "datv"),
    ("Речь шла о президенте России Сергей Иванов.", "loct"),
    ("Переговоры с премьер-министром Японии Сергей Иванов прошли.", "ablt"),
    ("Слова главы МИД России Сергей Иванов прозвучали.", "gent"),
    ("Путин подарил главе МИД России Сергей Иванов часы.", "datv"),
    ("По словам пресс-секретаря Кремля Сергей Иванов, всё хорошо.", "gent"),
    ("Журналисты обратились к пресс-секретарю Кремля Сергей Иванов.", "datv"),
    ("Путин встретился с лидером КНДР Сергей Иванов.", "ablt"),
    ("Путин подарил лидеру КНДР Сергей Иванов автомобиль.", "datv"),
    ("Российский президент Сергей Иванов прибыл.", "nomn"),
])
def test_a_titled_name_takes_the_case_of_the_titles_place(text, want):
    assert _case(text, "Сергей Иванов", True) == (want, True)


def test_a_title_complementing_another_leaves_the_case_unsure():
    # "пресс-секретарь президента ⟨...⟩": the secretary's name (nominative) or the president's.
    text = "Пресс-секретарь президента России Сергей Иванов заявил."
    guess = case_at_ru(text, text.index("Сергей"), person=True)
    assert guess.cases[:2] == ("nomn", "gent") and not guess.sure


def test_a_place_name_after_a_title_still_qualifies_it():
    assert _case("Президент Россия прибыл.", "Россия", False) == ("gent", True)
