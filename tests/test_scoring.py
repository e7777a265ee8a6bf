"""Readiness scoring: the formula, the bands, the gaps, and its properties."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from code_check.assessment.model import Answer, Assessment, Council, Status
from code_check.assessment.scoring import score
from code_check.catalogue.model import Catalogue

COUNCIL = Council(name="Test Council", authority_type="district_council")
STATUSES = st.sampled_from([None, *Status])
RANK = [Status.NOT_MET, Status.PARTLY_MET, Status.MET]


def assessment(answers: dict[str, Status | None]) -> Assessment:
    return Assessment(
        council=COUNCIL, catalogue="lgsco-2024", assessed_on=date(2026, 3, 31),
        answers={k: Answer(status=v) for k, v in answers.items() if v is not None},
    )


def statuses(catalogue: Catalogue):
    ids = [r.id for r in catalogue.requirements]
    return st.lists(STATUSES, min_size=len(ids), max_size=len(ids)).map(
        lambda values: dict(zip(ids, values, strict=True)))


def without(catalogue: Catalogue, requirement_id: str) -> Catalogue:
    data = catalogue.model_dump(by_alias=True)
    for section in data["sections"]:
        section["requirements"] = [r for r in section["requirements"] if r["id"] != requirement_id]
    data["sections"] = [s for s in data["sections"] if s["requirements"]]
    return Catalogue.model_validate(data)


def test_formula_with_weights_and_credits(catalogue):
    result = score(catalogue, assessment({"3.1": Status.MET, "1.1": Status.PARTLY_MET,
                                          "1.2": Status.NOT_MET, "1.3": Status.NOT_APPLICABLE}))
    overall = result.overall
    # 67 requirements, 1 not applicable; weights: 2 musts x 2 + 64 shoulds x 1 = 68
    assert (overall.earned, overall.possible) == (2.5, 68)
    assert overall.score == 100 * 2.5 / 68
    assert (overall.applicable, overall.assessed, overall.not_assessed) == (66, 3, 63)
    assert overall.points() == "2.5 of 68 weighted points"
    section1 = result.sections[0]
    assert (section1.earned, section1.possible, section1.not_applicable) == (0.5, 7, 1)


def test_all_met_is_ready(catalogue):
    result = score(catalogue, assessment({r.id: Status.MET for r in catalogue.requirements}))
    assert result.overall.score == 100
    assert result.overall.band == "Ready"
    assert result.gaps == []
    assert result.overall.coverage == 100


def test_a_must_not_met_is_never_ready(catalogue):
    answers = {r.id: Status.MET for r in catalogue.requirements}
    answers["5.6"] = Status.PARTLY_MET
    result = score(catalogue, assessment(answers))
    assert result.overall.score > 98
    assert result.overall.band == "Nearly ready"
    assert result.overall.musts_blocking == ["5.6"]
    answers["5.6"] = None
    assert score(catalogue, assessment(answers)).overall.band == "Nearly ready"


def test_gaps_worst_first(catalogue):
    answers = {r.id: Status.MET for r in catalogue.requirements}
    answers.update({"9.7": Status.NOT_MET, "1.1": None, "2.1": Status.PARTLY_MET,
                    "5.6": None, "3.1": Status.PARTLY_MET, "8.1": Status.NOT_MET})
    gaps = score(catalogue, assessment(answers)).gaps
    assert [(g.id, g.status) for g in gaps] == [
        ("3.1", "partly_met"), ("5.6", "not_assessed"), ("8.1", "not_met"),
        ("9.7", "not_met"), ("2.1", "partly_met"), ("1.1", "not_assessed")]


def test_json_contract(catalogue, tmp_path, run_cli):
    from code_check.assessment.files import save_assessment_file

    path = tmp_path / "a.yaml"
    save_assessment_file(assessment({"6.2": Status.NOT_MET}), path, catalogue)
    status, out, _ = run_cli("score", path, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert {"score", "band", "assessed", "applicable"} <= data["overall"].keys()
    assert {"id", "title", "score"} <= data["sections"][0].keys()
    gap = next(g for g in data["gaps"] if g["id"] == "6.2")
    assert gap == {**gap, "status": "not_met", "obligation": "should", "section": "6"}
    assert {g["status"] for g in data["gaps"]} == {"not_met", "not_assessed"}


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_score_stays_within_0_and_100(catalogue, data):
    overall = score(catalogue, assessment(data.draw(statuses(catalogue)))).overall
    assert overall.score is None or 0 <= overall.score <= 100
    assert overall.coverage is None or 0 <= overall.coverage <= 100


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_not_applicable_counts_on_neither_side(catalogue, data):
    answers = data.draw(statuses(catalogue))
    chosen = data.draw(st.sampled_from(sorted(answers)))
    answers[chosen] = Status.NOT_APPLICABLE
    with_na = score(catalogue, assessment(answers)).overall
    answers.pop(chosen)
    smaller = without(catalogue, chosen)
    without_it = score(smaller, assessment(answers)).overall
    assert (with_na.earned, with_na.possible) == (without_it.earned, without_it.possible)
    assert with_na.score == without_it.score


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_improving_one_status_never_lowers_the_score(catalogue, data):
    answers = data.draw(statuses(catalogue))
    candidates = sorted(k for k, v in answers.items() if v in (None, *RANK[:2]))
    if not candidates:
        return
    chosen = data.draw(st.sampled_from(candidates))
    before = score(catalogue, assessment(answers)).overall
    current = answers[chosen]
    better = RANK[0] if current is None else RANK[RANK.index(current) + 1]
    after = score(catalogue, assessment({**answers, chosen: better})).overall
    assert after.score >= before.score
