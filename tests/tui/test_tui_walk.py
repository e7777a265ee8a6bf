"""What the walk-through walks for a council answering both Codes (issue 14), without a
terminal: the cards and their numbers, and the session saving, scoring and extending."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.assessment.codes import SecondCode
from code_check.assessment.model import Answer, Assessment, Status
from code_check.catalogue.files import bundled_equivalence, load_catalogues
from code_check.store.workspace import Workspace
from code_check.tui.session import AssessmentSession, Filter
from code_check.tui.walk import Walk
from tests.tui.conftest import COUNCIL


@pytest.fixture(scope="module")
def second() -> SecondCode:
    catalogues = load_catalogues()
    return SecondCode(catalogues["hos-2024"], bundled_equivalence("lgsco-2024", "hos-2024"))


@pytest.fixture
def walk(catalogue, second) -> Walk:
    return Walk(catalogue, second)


def test_one_code_walks_its_catalogue_by_its_own_ids(catalogue):
    walk = Walk(catalogue)
    assert walk.requirements == catalogue.requirements
    assert [g.id for g in walk.sections] == [s.id for s in catalogue.sections]
    assert (walk.label("6.2"), walk.title("6.2"), walk.heading(walk.sections[0])) == (
        "6.2", "6.2", f"1 {catalogue.sections[0].title}")


def test_both_codes_walk_the_union_once(walk, catalogue, second):
    """The first Code's provisions, then the second Code's not answered through a same pair,
    in its order, each by the key its answer is saved under."""
    equivalence = second.equivalence
    own = [r.id for r in second.catalogue.requirements if equivalence.same_as(r.id) is None]
    assert [r.id for r in walk.requirements] == [
        *(r.id for r in catalogue.requirements), *(f"hos-2024:{rid}" for rid in own)]
    group = walk.sections[-1]
    assert (group.id, walk.heading(group)) == ("hos-2024", "Housing Ombudsman Service")
    assert len(walk.requirements) == len(catalogue.requirements) + len(own)
    assert walk.order("hos-2024:5.5") == len(catalogue.requirements) + own.index("5.5")


def test_each_card_is_named_with_its_codes(walk):
    assert (walk.label("6.21"), walk.title("6.21")) == ("6.21 · HOS 5.4", "LGSCO 6.21 · HOS 5.4")
    assert (walk.label("1.2"), walk.title("1.2")) == ("1.2", "LGSCO 1.2")
    assert (walk.label("hos-2024:5.5"), walk.title("hos-2024:5.5")) == ("HOS 5.5", "HOS 5.5")
    assert walk.own("hos-2024:5.5").id == "5.5"
    assert walk.code_of("hos-2024:5.5").id == "hos-2024"


def test_cards_know_their_partners(walk):
    assert walk.same_partner("6.21").id == "5.4"
    assert walk.same_partner("1.2") is None
    assert [p.to_id for p in walk.close_pairs("6.21")] == ["5.5"]
    assert [p.from_id for p in walk.close_pairs("hos-2024:1.4")] == ["1.6", "1.8"]
    assert walk.followers("6.21") == ["hos-2024:5.5"]
    assert walk.followers("hos-2024:5.5") == []


def test_a_card_is_a_legal_duty_when_either_code_makes_it_one(walk, catalogue):
    assert catalogue.requirement("6.21").obligation.value == "should"
    assert walk.is_must("6.21")  # every provision of the HOS Code is a must
    assert not walk.is_must("1.2")  # the LGSCO's alone, a should


def test_a_provision_of_either_code_is_found_on_its_card(walk):
    assert walk.key_of("lgsco-2024", "6.21") == "6.21"
    assert walk.key_of("hos-2024", "5.4") == "6.21"  # answered once, there
    assert walk.key_of("hos-2024", "5.5") == "hos-2024:5.5"
    assert "hos-2024:5.4" not in walk and "hos-2024:5.5" in walk


def test_search_reads_both_codes_wording_and_numbers(walk, second):
    hos_only = second.catalogue.requirement("5.4").text.split()[-3:]
    assert all(word.lower() in walk.search_text("6.21") for word in hos_only)
    assert "hos 5.4" in walk.search_text("6.21")


# the session on an assessment of both Codes --------------------------------------------------

@pytest.fixture
def open_session(workspace_path, catalogue):
    """A session on a new assessment of the LGSCO's Code, with ``also`` (the HOS's too)."""
    workspace = Workspace(workspace_path)

    def open_one(**also) -> AssessmentSession:
        blank = Assessment(council=COUNCIL, catalogue=catalogue.id,
                           assessed_on=date(2026, 3, 31), **also)
        return AssessmentSession(workspace, workspace.add_assessment(blank, catalogue),
                                 catalogue)

    yield open_one
    workspace.close()


@pytest.fixture
def dual_session(open_session) -> AssessmentSession:
    return open_session(also={"catalogue": "hos-2024"})


def test_answering_a_same_pair_once_scores_both_codes(dual_session):
    before = [result.overall.assessed for _, result in dual_session.code_scores()]
    dual_session.update("1.1", status=Status.MET)  # the same as HOS 1.1, close to none
    after = [result.overall.assessed for _, result in dual_session.code_scores()]
    assert [a - b for a, b in zip(after, before, strict=True)] == [1, 1]


def test_a_close_partner_follows_and_shows_at_once(dual_session):
    """The store carries an unconfirmed HOS answer along; the session shows it without
    being read again by the screen."""
    dual_session.update("6.21", status=Status.PARTLY_MET)
    carried = dual_session.answer("hos-2024:5.5")
    assert (carried.status, carried.carried_over) == (Status.PARTLY_MET, True)
    assert dual_session.to_confirm() == ["hos-2024:5.5"]
    dual_session.confirm("hos-2024:5.5")
    assert dual_session.to_confirm() == []
    assert dual_session.undo() == ["hos-2024:5.5"]
    assert dual_session.answer("hos-2024:5.5").carried_over


def test_gaps_and_legal_duties_of_either_code_are_shown(dual_session):
    dual_session.update("hos-2024:5.6", status=Status.NOT_MET)
    gaps = [r.id for r in dual_session.visible(Filter.GAPS)]
    assert "hos-2024:5.6" in gaps and "6.21" in gaps  # not assessed under either Code
    musts = [r.id for r in dual_session.visible(Filter.MUST)]
    assert "6.21" in musts and "1.2" not in musts
    assert [r.id for r in dual_session.search("HOS 5.6")][:1] == ["hos-2024:5.6"]


def test_an_assessment_of_one_code_is_extended_to_both(open_session, second):
    session = open_session()
    session.update("1.7", status=Status.MET)
    session.extend(second, homes=4200)
    assert session.walk.second is second
    assert session.answer("hos-2024:1.5") == Answer(status=Status.MET, carried_over=True)
    stored = session.workspace.load(session.assessment_id)
    assert stored.also.catalogue == "hos-2024"
    assert (stored.council.landlord, stored.council.homes) == (True, 4200)
    assert [code.id for code, _ in session.code_scores()] == ["lgsco-2024", "hos-2024"]
