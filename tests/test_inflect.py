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


# --- classes the held-out set showed (tests/data/glossary_heldout/FAILURES.md); sentences new ---

@pytest.mark.parametrize("form", ["Прабово", "Джокови", "Джоко Видодо", "Субианто", "Моди"])
def test_foreign_names_ending_in_a_vowel_do_not_decline(form):
    # The dictionary does not know them; its guess declined Прабово as a neuter noun.
    assert set(paradigm_ru(form).values()) == {form}


def test_unknown_two_word_names_are_persons_and_east_asian_ones_decline_the_last_word():
    assert is_person_ru("Си Цзиньпин") and is_person_ru("Прабово Субианто")
    assert inflect_ru("Си Цзиньпин", "accs") == "Си Цзиньпина"  # animate: accusative = genitive
    assert not is_person_ru("Красная площадь") and not is_person_ru("Дальний Восток")


@pytest.mark.parametrize(("form", "case", "want"), [
    ("Красная площадь", "loct", "Красной площади"),  # the adjective reading, not the place Красная
    ("Красная площадь", "accs", "Красную площадь"),
    ("Белый дом", "ablt", "Белым домом"),
    ("Южно-Китайское море", "loct", "Южно-Китайском море"),  # both capitals of the hyphenated word
    ("Мария Захарова", "datv", "Марии Захаровой"),
])
def test_multiword_names_inflect_each_word_that_inflects(form, case, want):
    assert inflect_ru(form, case) == want


def _case_with_end(text: str, name: str, person: bool) -> tuple[str, bool]:
    start = text.index(name)
    guess = case_at_ru(text, start, person=person, end=start + len(name))
    return guess.cases[0], guess.sure


@pytest.mark.parametrize(("text", "name", "person", "want"), [
    # the subject after its verb, no other subject before the verb
    ("Об этом в понедельник сообщил Лавров.", "Лавров", True, "nomn"),
    ("«Решение принято», — сказала журналистам Мария Захарова.", "Мария Захарова", True, "nomn"),
    ("Вчера в Пекин прилетел Путин.", "Путин", True, "nomn"),
    # ... but a verb with its subject before it governs the name
    ("Си Цзиньпин сказал Путин, что готов к переговорам.", "Путин", True, "datv"),
    ("Журналисты задали Лавров вопрос о санкциях.", "Лавров", True, "datv"),
    ("Об этом спросили Лавров.", "Лавров", True, "accs"),  # plural verb: not the name's
    # the subject before its verb, after a fronted object or time
    ("Всю неделю Лавров провёл в Азии.", "Лавров", True, "nomn"),
    ("Визит Лавров завершился в пятницу.", "Лавров", True, "gent"),  # визит is the subject
    # after an introductory phrase and its comma a clause starts
    ("По словам Кремля, Путин и Моди обсудили торговлю.", "Путин", True, "nomn"),
    ("Торговля с Китаем, Япония и Индией выросла.", "Япония", False, "ablt"),  # a real list
    # a participle after a comma governs as its verb
    ("Министр, руководивший Индонезия пять лет, ушёл в отставку.", "Индонезия", False, "ablt"),
    ("Партии, поддерживаемые Кремль, получили большинство.", "Кремль", False, "ablt"),
    ("Судья, отправивший Лавров письмо, ответил.", "Лавров", True, "datv"),
    # в/на + accusative where the verb of direction follows or is a participle
    ("В Государственная дума внесли новый законопроект.", "Государственная дума", False, "accs"),
    ("Законопроект, внесённый в Государственная дума, приняли.", "Государственная дума", False, "accs"),
    ("На Филиппины обрушился тайфун.", "Филиппины", False, "accs"),
    ("Россия начнёт поставлять зерно в Индонезия.", "Индонезия", False, "accs"),
    ("В Пекин подписали соглашение о поставках.", "Пекин", False, "loct"),  # a noun after: no direction
    # a dative verb's object, then the name
    ("Япония выделила помощь Филиппины.", "Филиппины", False, "datv"),
    ("Газета сообщила о визите Лавров в Китай.", "Лавров", True, "gent"),  # о визите: the noun's
    # как ..., так и: both take the case the first one's place needs
    ("Сделка выгодна как Россия, так и Китаю.", "Россия", False, "datv"),
    ("Сделка выгодна как России, так и Китай.", "Китай", False, "datv"),
])
def test_the_case_is_read_from_the_clause_around_the_name(text, name, person, want):
    assert _case_with_end(text, name, person)[0] == want


@pytest.mark.parametrize(("text", "name", "person", "want"), [
    # на + accusative of aim after a noun or verb of aim; в after it stays a place
    ("Влияние Китая на Пхеньян растёт.", "Пхеньян", False, "accs"),
    ("Давление в Москва снизилось.", "Москва", False, "loct"),
    ("Вывоз газа с Сахалин вырос.", "Сахалин", False, "gent"),  # с = from after a noun of motion
    ("Россия расширяет торговлю с Куба.", "Куба", False, "ablt"),  # с = with
    # verbs that govern the dative or genitive
    ("Германия поставит Украина танки.", "Украина", False, "datv"),
    ("Вьетнам не будет уступать Китай.", "Китай", False, "datv"),
    # a comparative takes the genitive; a name before one is its subject
    ("Владивосток теперь дешевле Сеул.", "Сеул", False, "gent"),
    ("Для туристов Москва теперь дороже Парижа.", "Москва", False, "nomn"),
    ("По численности населения Индонезия в четыре раза больше Франции.", "Индонезия", False, "nomn"),
    ("Экономика Россия больше Китая.", "Россия", False, "gent"),  # экономика is the subject
    # the agent of a passive participle
    ("Указ был подписан Путин в понедельник.", "Путин", True, "ablt"),
    ("Подписанный Путин указ вступает в силу.", "Путин", True, "ablt"),
    ("Захваченный Киев горел.", "Киев", False, "nomn"),  # a place agrees with it
    # a name in «» keeps its nominative after a generic noun, else declines
    ("Компания подписала контракт с компанией «Газпром».", "Газпром", False, "nomn"),
    ("Пекин подписал соглашение с «Газпром».", "Газпром", False, "ablt"),
    ("Акции «Газпром» выросли.", "Газпром", False, "gent"),
])
def test_the_case_follows_russian_government_beyond_verbs_and_prepositions(text, name, person, want):
    assert _case_with_end(text, name, person) == (want, True)
