"""Whose thing a noun names: the organisation qualifying it, in a question or a window."""

from __future__ import annotations

from rag.answer.verify.qualifiers import another_holder, qualified_nouns
from tests.unit.verify.helpers import parser

HOUSE = "The CEOs are testifying for a hearing Wednesday by the House Judiciary subcommittee."


def test_an_organisation_qualifies_a_noun_before_it_or_by_a_holder_phrase() -> None:
    assert qualified_nouns(parser()("What did the Senate hearing reveal?")) == {
        "hearing": {"senate"}
    }
    assert "the house judiciary" in qualified_nouns(parser()(HOUSE))["hearing"]


def test_another_organisations_thing_is_another_thing_unless_the_asked_one_is_named() -> None:
    asked = {"hearing": {"senate"}}
    assert another_holder(asked, [parser()(HOUSE)])
    assert not another_holder(asked, [parser()(HOUSE + " The Senate will hold its own.")])
    assert not another_holder(asked, [parser()(HOUSE), parser()("The Senate will too.")])
    assert not another_holder(asked, [parser()("The CEOs testified at a hearing on Wednesday.")])
    assert not another_holder({}, [parser()(HOUSE)])
