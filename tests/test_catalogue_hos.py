"""The bundled Housing Ombudsman catalogue (hos-2024) is the HOS Code, provision by provision."""

from __future__ import annotations

import json

import pytest

from code_check.catalogue.files import load_catalogue
from code_check.catalogue.model import Measure, Obligation, RowPer
from code_check.complaint_log.timeliness import code_limits

# Every provision of the reference (shared/reference/hos-code-2024.md), in Code order, with its
# verified column: True where a council's published HOS self-assessment quotes the number.
REFERENCE = [
    ("1.1", False), ("1.2", True), ("1.3", True), ("1.4", True), ("1.5", True), ("1.6", False),
    ("2.1", True), ("2.2", True), ("2.3", True), ("2.4", False), ("2.5", False),
    ("3.1", True), ("3.2", True), ("3.3", True), ("3.4", False), ("3.5", False), ("3.6", False),
    ("3.7", False),
    ("4.1", True), ("4.2", True), ("4.3", True),
    ("5.1", True), ("5.2", True), ("5.3", True), ("5.4", True), ("5.5", True), ("5.6", True),
    ("5.7", False), ("5.8", False), ("5.9", False), ("5.10", False), ("5.11", False),
    ("5.12", False), ("5.13", False), ("5.14", False), ("5.15", False),
    ("6.1", True), ("6.2", True), ("6.3", True), ("6.4", True), ("6.5", True), ("6.6", True),
    ("6.7", False), ("6.8", False), ("6.9", False), ("6.10", True), ("6.11", True),
    ("6.12", True), ("6.13", True), ("6.14", False), ("6.15", False), ("6.16", False),
    ("6.17", False), ("6.18", False), ("6.19", False), ("6.20", False),
    ("7.1", False), ("7.2", False), ("7.3", False), ("7.4", False),
    ("8.1", False), ("8.2", True), ("8.3", True), ("8.4", False), ("8.5", False),
    ("9.1", True), ("9.2", True), ("9.3", True), ("9.4", True), ("9.5", True), ("9.6", False),
    ("9.7", False), ("9.8", False),
]

SECTIONS = [
    ("1", "Definition of a complaint"),
    ("2", "Exclusions"),
    ("3", "Accessibility and awareness"),
    ("4", "Complaint handling staff"),
    ("5", "The complaint handling process"),
    ("6", "Complaints stages (stage 1, stage 2)"),
    ("7", "Putting things right"),
    ("8", "Self-assessment, reporting and compliance"),
    ("9", "Scrutiny and oversight: continuous learning and improvement"),
]

HOS_FORM_COLUMNS = ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence",
                    "Commentary / explanation"]


@pytest.fixture(scope="module")
def hos():
    return load_catalogue("hos-2024")


def test_every_provision_of_the_reference_with_its_verified_flag(hos):
    assert [(r.id, r.verified) for r in hos.requirements] == REFERENCE


def test_sections_in_code_order_hold_their_own_provisions(hos):
    assert [(s.id, s.title) for s in hos.sections] == SECTIONS
    for section in hos.sections:
        assert all(r.id.split(".")[0] == section.id for r in section.requirements), section.id


def test_the_header_names_the_statutory_code(hos):
    assert (hos.id, hos.title, hos.publisher, hos.version) == (
        "hos-2024", "Complaint Handling Code", "Housing Ombudsman Service", "2024")
    assert (hos.issued.isoformat(), hos.effective.isoformat()) == ("2024-02-08", "2024-04-01")


def test_every_provision_is_a_must(hos):
    assert {r.obligation for r in hos.requirements} == {Obligation.MUST}


def test_the_published_form_has_one_row_per_provision(hos):
    form = hos.published_form
    assert form.one_row_per is RowPer.PROVISION
    assert form.columns == HOS_FORM_COLUMNS
    assert not hos.template_rows
    assert not [r.id for r in hos.requirements if r.template_rows]


WD = "working_days"
# (limit, unit, from, measure, extension) of each provision that sets a timescale.
TIMESCALES = {
    "2.2": (12, "months", "event", None, False),
    "2.3": (12, "months", "event", None, False),
    "6.2": (5, WD, "receipt", "stage1.acknowledgement", False),
    "6.3": (10, WD, "acknowledgement", "stage1.response", False),
    "6.4": (10, WD, "acknowledgement", "stage1.response", True),
    "6.11": (5, WD, "escalation", "stage2.acknowledgement", False),
    "6.14": (20, WD, "acknowledgement", "stage2.response", False),
    "6.15": (20, WD, "acknowledgement", "stage2.response", True),
}


def test_timescales(hos):
    found = {r.id: tuple(r.timescale.model_dump(mode="json", by_alias=True).values())
             for r in hos.requirements if r.timescale}
    assert found == TIMESCALES
    assert hos.requirement("6.11").timescale.describe() == "5 working days from escalation"


def test_the_complaint_log_reads_the_same_limits_from_either_code(hos, catalogue):
    assert code_limits(hos) == code_limits(catalogue) == {
        Measure.STAGE1_ACKNOWLEDGEMENT: (5, 5), Measure.STAGE1_RESPONSE: (10, 20),
        Measure.STAGE2_ACKNOWLEDGEMENT: (5, 5), Measure.STAGE2_RESPONSE: (20, 40)}


def test_yearly_and_event_duties_are_tagged(hos):
    tagged = {tag: [r.id for r in hos.requirements if tag in r.tags]
              for tag in ("annual", "event", "stages", "stage1", "stage2")}
    assert tagged["annual"] == ["8.1", "8.2"]
    assert tagged["event"] == ["8.3", "8.4", "8.5"]
    assert "5.3" in tagged["stages"]
    assert {"6.2", "6.3", "6.4", "6.9"} <= set(tagged["stage1"])
    assert {"6.11", "6.14", "6.15", "6.19"} <= set(tagged["stage2"])


def test_every_provision_has_guidance_and_a_few_kinds_of_evidence(hos):
    for requirement in hos.requirements:
        assert len(requirement.text) > 20, requirement.id
        assert len(requirement.guidance) > 40, requirement.id
        assert 2 <= len(requirement.typical_evidence) <= 5, requirement.id


def test_provisions_speak_of_the_landlord_and_the_resident(hos):
    """The HOS Code's words for the parties, not the LGSCO's council and person."""
    lgsco_words = ("council", "the person", "organisation")
    assert not [r.id for r in hos.requirements
                if any(word in r.text.lower() for word in lgsco_words)]
    assert "Member Responsible for Complaints" in hos.requirement("9.5").text
    assert "governing body" in hos.requirement("8.2").text
    assert "disability" in hos.requirement("5.10").text


def test_scored_like_the_lgsco_code(hos, catalogue):
    assert hos.scoring.credit == catalogue.scoring.credit
    assert hos.scoring.weight == catalogue.scoring.weight
    assert [(b.name, b.min, b.requires_all_must_met) for b in hos.scoring.bands] == \
        [(b.name, b.min, b.requires_all_must_met) for b in catalogue.scoring.bands]


def test_validate_counts_the_provisions_and_the_unverified(run_cli):
    status, out, err = run_cli("rules", "validate", "--format", "json")
    assert status == 0, err
    summary = next(s for s in json.loads(out) if s["id"] == "hos-2024")
    assert summary["requirements"] == len(REFERENCE)
    assert summary["unverified"] == sum(not verified for _, verified in REFERENCE)
    assert [s["id"] for s in summary["sections"]] == [section_id for section_id, _ in SECTIONS]


def test_rules_list_marks_the_unverified(run_cli):
    status, out, err = run_cli("rules", "list", "--catalogue", "hos-2024", "--format", "json")
    assert status == 0, err
    assert [(row["id"], row["verified"]) for row in json.loads(out)] == REFERENCE
    status, out, err = run_cli("rules", "list", "--catalogue", "hos-2024")
    assert status == 0, err
    assert out.count("provisional") == sum(not verified for _, verified in REFERENCE) + 1


def test_each_code_goes_by_its_publishers_initials(hos):
    """Side by side, the Codes are named as councils say them, never by catalogue id."""
    assert (hos.initials, load_catalogue("lgsco-2024").initials) == ("HOS", "LGSCO")
