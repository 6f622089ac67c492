"""Role: a list's item is what the question asks for, as its source describes it."""

from __future__ import annotations

from rag.answer.verify import role
from rag.answer.verify.reasons import Reason
from tests.unit.verify.helpers import passes, source, verifier

LINEUP = (
    "From left to right sat US Middle East envoy Steve Witkoff, Saudi Arabia's foreign "
    "minister Prince Faisal bin Farhan and Russian Deputy Foreign Minister Sergei Ryabkov."
)


def _verdict(asked: str, item: str, text: str = LINEUP):
    return verifier(asked, source(text)).check(item, repair=False)


def test_a_person_the_source_gives_another_nationality_is_not_listed() -> None:
    verdict = _verdict("Which Saudi officials sat in on the talks?", "Steve Witkoff [1]")
    assert not verdict.supported and verdict.reason is Reason.OTHER_ROLE


def test_a_person_the_source_describes_as_asked_is_listed() -> None:
    asked = "which russian officials sat in on the talks"
    assert _verdict(asked, "Sergei Ryabkov [1]").reason is not Reason.OTHER_ROLE
    text = "Sergei Lavrov, Russia's foreign minister, sat in on the talks."
    assert _verdict(asked, "Sergei Lavrov [1]", text).supported


def test_only_a_list_question_qualifying_its_people_asks_for_a_role() -> None:
    def groups(asked: str) -> tuple[str, ...]:
        return role.asked_groups(verifier(asked, source(LINEUP)).context)

    assert groups("Which Saudi officials sat in?") == ("saudi",)
    assert groups("Who took part in the talks?") == ()


def test_american_may_be_written_us() -> None:
    text = "US Middle East envoy Steve Witkoff sat in on the talks."
    verdict = _verdict("Which American officials sat in on the talks?", "Steve Witkoff [1]", text)
    assert verdict.supported


def test_a_person_the_source_gives_no_nationality_is_not_judged_by_one() -> None:
    asked = "which russian officials have commented on the talks?"
    text = (
        'There was an "agreement in principle" to hold consultations, Deputy Foreign '
        "Minister Sergey Ryabkov told state media."
    )
    assert passes(role, asked, "Sergey Ryabkov, deputy foreign minister [1]", text)
    other = "Last week US Defence Secretary Pete Hegseth rejected security guarantees."
    assert not passes(role, asked, "Pete Hegseth, defence secretary [1]", other)


def test_the_title_before_a_name_decides_over_the_next_name_in_a_list() -> None:
    text = (  # parsed with "Saudi Arabia's ... adviser Mosaad al-Aiban" in apposition to Witkoff
        "From left to right: US Middle East envoy Steve Witkoff, US secretary of state Marco "
        "Rubio, US national security adviser Mike Waltz, Saudi Arabia\u2019s foreign minister "
        "Prince Faisal bin Farhan al-Saud, Saudi Arabia\u2019s national security adviser Mosaad "
        "bin Mohammad al-Aiban, Russian president\u2019s foreign policy adviser Yuri Ushakov, "
        "and Russia\u2019s foreign minister Sergei Lavrov sit around a table in Diriyah Palace "
        "in Riyadh, Saudi Arabia on February 18 2025"
    )
    asked = "which saudi officials sat in on the riyadh talks"
    assert not passes(role, asked, "Steve Witkoff, US Middle East envoy [1]", text)
    assert not passes(role, asked, "Mike Waltz [1]", text)
    assert passes(role, asked, "Mosaad bin Mohammad al-Aiban [1]", text)


ODYSSEUS = (
    "Intuitive Machines built the Odysseus spacecraft to carry cargo for NASA and other "
    "customers to the lunar surface."
)


def test_a_list_line_calling_its_item_what_the_source_calls_another_fails() -> None:
    asked = "what payloads and customers did odysseus carry"
    assert not passes(role, asked, "- Intuitive Machines, customer of NASA [1]", ODYSSEUS)
    assert passes(role, asked, "- NASA, customer of Intuitive Machines [1]", ODYSSEUS)
    paid = "As the primary customer for the mission, NASA paid Intuitive Machines $118 million."
    assert not passes(role, asked, "- Intuitive Machines, customer [1]", paid)
    assert passes(role, asked, "- NASA, customer [1]", paid)


def test_a_list_line_calling_its_item_what_the_source_calls_it_passes() -> None:
    asked = "Who took part in the talks in Riyadh?"
    text = "Kremlin spokesman Dmitry Peskov said the talks went well."
    assert passes(role, asked, "- Dmitry Peskov, Kremlin spokesman [1]", text)
    undescribed = "Peskov said the talks went well, the spokesman for the Kremlin added."
    assert passes(role, asked, "- Dmitry Peskov, Kremlin spokesman [1]", undescribed)
