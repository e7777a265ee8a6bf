"""The bundled catalogue is the LGSCO Code, provision by provision."""

from __future__ import annotations

import json

from code_check.catalogue.model import Obligation

EXPECTED_IDS = {
    "1": [f"1.{n}" for n in range(1, 9)],
    "2": [f"2.{n}" for n in range(1, 6)],
    "3": [f"3.{n}" for n in range(1, 9)],
    "4": ["4.1", "4.x-core-service", "4.x-authority"],
    "5": [*(f"5.{n}" for n in range(1, 8)), "5.x-records", "5.x-remedy-any-stage",
          "5.x-unreasonable-behaviour"],
    "6": [*(f"6.{n}" for n in range(1, 9)), "6.x-s2-escalation", "6.x-s2-acknowledge",
          "6.x-s2-no-reasons", "6.x-s2-different-person", "6.x-s2-response",
          "6.x-s2-extension", "6.x-s2-ombudsman-details", "6.x-s2-answer",
          "6.x-s2-final-letter", "6.21"],
    "7": [f"7.{n}" for n in range(1, 6)],
    "8": ["8.1", "8.2", "8.3"],
    "9": [f"9.{n}" for n in range(1, 8)],
}

SECTION_TITLES = [
    "Definition of a service request and complaint",
    "Exclusions",
    "Accessibility and awareness",
    "Complaint handling resources",
    "The complaint handling process",
    "Complaints stages (stage 1, stage 2)",
    "Putting things right",
    "Performance reporting and self-assessment",
    "Scrutiny & oversight: continuous learning and improvement",
]


def test_every_provision_of_the_reference_in_order(catalogue):
    assert {s.id: [r.id for r in s.requirements] for s in catalogue.sections} == EXPECTED_IDS
    assert [s.title for s in catalogue.sections] == SECTION_TITLES
    assert len(catalogue.requirements) == 67


def test_only_the_equality_act_duties_are_musts(catalogue):
    musts = [r.id for r in catalogue.requirements if r.obligation is Obligation.MUST]
    assert musts == ["3.1", "5.6"]


def test_provisional_ids_are_exactly_the_unverified(catalogue):
    for requirement in catalogue.requirements:
        assert requirement.verified is (".x-" not in requirement.id), requirement.id


def test_template_rows(catalogue):
    assert [row.id for row in catalogue.template_rows] == [
        "1", "2", "3", "4", "5", "6a", "6b", "7", "8", "9"]
    assert catalogue.requirement("6.21").template_rows == ["6a", "6b"]
    assert catalogue.requirement("6.8").template_rows == ["6a"]
    assert catalogue.requirement("6.x-s2-response").template_rows == ["6b"]
    assert all(r.template_rows == [catalogue.section_of(r.id).id]
               for r in catalogue.requirements if not r.id.startswith("6."))


def _timescale(catalogue, requirement_id):
    timescale = catalogue.requirement(requirement_id).timescale
    return timescale and timescale.model_dump(mode="json", by_alias=True)


def test_timescales(catalogue):
    wd = "working_days"
    expected = {
        "2.2": {"limit": 12, "unit": "months", "from": "event", "measure": None,
                "extension": False},
        "6.2": {"limit": 5, "unit": wd, "from": "receipt",
                "measure": "stage1.acknowledgement", "extension": False},
        "6.3": {"limit": 10, "unit": wd, "from": "acknowledgement",
                "measure": "stage1.response", "extension": False},
        "6.4": {"limit": 10, "unit": wd, "from": "acknowledgement",
                "measure": "stage1.response", "extension": True},
        "6.x-s2-acknowledge": {"limit": 5, "unit": wd, "from": "escalation",
                               "measure": "stage2.acknowledgement", "extension": False},
        "6.x-s2-response": {"limit": 20, "unit": wd, "from": "acknowledgement",
                            "measure": "stage2.response", "extension": False},
        "6.x-s2-extension": {"limit": 20, "unit": wd, "from": "acknowledgement",
                             "measure": "stage2.response", "extension": True},
    }
    found = {r.id: _timescale(catalogue, r.id) for r in catalogue.requirements if r.timescale}
    assert found == expected
    assert "annual" in catalogue.requirement("8.1").tags


def test_timescale_in_plain_words(catalogue):
    assert catalogue.requirement("6.2").timescale.describe() == "5 working days from receipt"
    assert catalogue.requirement("6.4").timescale.describe() == "at most 10 more working days"


def test_every_requirement_has_guidance_and_evidence(catalogue):
    for requirement in catalogue.requirements:
        assert len(requirement.text) > 20, requirement.id
        assert len(requirement.guidance) > 20, requirement.id
        assert requirement.typical_evidence, requirement.id


def test_validate_reports_every_section(run_cli):
    status, out, _ = run_cli("rules", "validate", "--format", "json")
    assert status == 0
    summary = next(s for s in json.loads(out) if s["id"] == "lgsco-2024")
    assert summary["requirements"] == 67
    assert summary["unverified"] == 14
    assert [(s["id"], s["requirements"]) for s in summary["sections"]] == [
        (k, len(v)) for k, v in EXPECTED_IDS.items()]


def test_validate_table(run_cli):
    status, out, _ = run_cli("rules", "validate")
    assert status == 0
    assert "lgsco-2024" in out and "is valid" in out
    assert "67" in out


def test_the_code_wording_where_it_is_known(catalogue):
    """2024.1 follows the published Code's words where they are known (issue #10)."""
    assert catalogue.version == "2024.1"
    assert "became aware" in catalogue.requirement("2.2").guidance
    assert "becoming aware" in catalogue.requirement("2.2").text
    assert "inferred from" in catalogue.requirement("6.8").guidance
    assert catalogue.requirement("6.8").verified
    assert "relevant governance arrangement" in catalogue.requirement("8.2").text
    assert "citizens' panels" in catalogue.requirement("9.3").text
    extension_guidance = catalogue.requirement("6.x-s2-extension").guidance
    assert "decided early" in extension_guidance and "agreed" not in extension_guidance
    wordings = [text for r in catalogue.requirements
                for text in (r.text, r.guidance, *r.typical_evidence)]
    wordings += [row.expects for row in catalogue.template_rows]
    assert not [text for text in wordings
                if "governing body's response" in text or "residents' panels" in text]


# Scored under catalogue version "2024" (before the 2024.1 rewording): statuses met, partly met,
# not met, not applicable and not assessed in turn, in Code order. Per section: (earned, possible).
SCORED_UNDER_2024 = {
    "overall": (21.0, 55.0, "Not ready"),
    "sections": {"1": (3.0, 7.0), "2": (1.5, 4.0), "3": (2.5, 6.0), "4": (0.5, 2.0),
                 "5": (3.0, 9.0), "6": (6.0, 15.0), "7": (1.5, 4.0), "8": (0.0, 2.0),
                 "9": (3.0, 6.0)},
    "gaps": 40,
    "first_gaps": ["5.6", "1.3", "1.8", "2.5", "3.5"],
}


def test_an_assessment_made_under_version_2024_scores_the_same(tmp_path, run_cli):
    ids = [requirement_id for ids in EXPECTED_IDS.values() for requirement_id in ids]
    cycle = ["met", "partly_met", "not_met", "not_applicable", None]
    answers = "".join(f'  "{requirement_id}": {{status: {cycle[index % 5]}}}\n'
                      for index, requirement_id in enumerate(ids) if cycle[index % 5])
    path = tmp_path / "made-under-2024.yaml"
    path.write_text("council: {name: Example Borough Council, authority_type: district_council}\n"
                    "catalogue: lgsco-2024\nassessed_on: 2025-06-30\nanswers:\n" + answers)
    status, out, err = run_cli("score", path, "--format", "json")
    assert status == 0, err
    scored = json.loads(out)
    overall = scored["overall"]
    assert (overall["earned"], overall["possible"], overall["band"]) == SCORED_UNDER_2024["overall"]
    assert {s["id"]: (s["earned"], s["possible"]) for s in scored["sections"]} == \
        SCORED_UNDER_2024["sections"]
    assert len(scored["gaps"]) == SCORED_UNDER_2024["gaps"]
    assert [gap["id"] for gap in scored["gaps"][:5]] == SCORED_UNDER_2024["first_gaps"]
