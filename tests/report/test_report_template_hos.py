"""The Housing Ombudsman's published form, from the catalogue: one row per provision with its
own headings, answered Yes or No (a No says what is in place, what is not and what the council
will do by when), no unconfirmed number and no officer's name on it, and a CSV that
``assessment import`` reads back to the same answers, a council's "Partial" included."""

from __future__ import annotations

import re
from datetime import date

import pytest

from code_check.assessment.model import Action, Answer, Assessment, Council, Status
from code_check.assessment.published_form import csv_rows, parse_published_form
from code_check.catalogue.files import load_catalogue
from code_check.report.model import build_report, template_rows
from code_check.report.template import (
    form_rows,
    render_template_csv,
    render_template_docx,
    render_template_html,
    title_of,
)
from tests.tools import unless_installed

from .axe import page_width, run_axe
from .demo_inputs import AS_OF, GENERATED_AT
from .readers import docx_text, html_parts
from .test_report_accessibility import INSTALL, MISSING

HOS_COLUMNS = ["Code provision", "Code requirement", "Comply: Yes/No", "Evidence",
               "Commentary / explanation"]
COUNCIL = Council(name="Northfield District Council", authority_type="district_council",
                  landlord=True)


@pytest.fixture(scope="module")
def hos():
    return load_catalogue("hos-2024")


def _assessment(hos, answers: dict[str, Answer]) -> Assessment:
    return Assessment(council=COUNCIL, catalogue=hos.id, assessed_on=date(2026, 3, 31),
                      assessor="Sam Lee", answers=answers).in_code_order(hos)


@pytest.fixture(scope="module")
def assessment(hos):
    """Every kind of answer, an unconfirmed number (5.7) among the gaps, a named owner."""
    plan = Action(description="Add the split of responsibilities to the acknowledgement letter",
                  owner="Priya Shah (Housing Complaints Lead)", due=date(2026, 7, 31))
    return _assessment(hos, {
        "1.2": Answer(status=Status.MET, evidence=["Housing complaints policy s2",
                                                   "https://www.example.gov.uk/housing"]),
        "5.6": Answer(status=Status.NOT_MET, commentary="Definitions are not yet recorded.",
                      action=Action(description="Record the complaint definition",
                                    owner="Sam Lee", due=date(2026, 9, 30))),
        "5.7": Answer(status=Status.PARTLY_MET, evidence=["Acknowledgement letter v2"],
                      commentary="Repairs letters say so; lettings letters do not (see 5.7, "
                                 "policy v5.7).", action=plan),
        "6.1": Answer(status=Status.PARTLY_MET, commentary="Triage covers vulnerability."),
        "5.4": Answer(status=Status.NOT_APPLICABLE, commentary="No third party handles them."),
    })


@pytest.fixture(scope="module")
def report(hos, assessment):
    return build_report(hos, assessment, generated_at=GENERATED_AT, as_of=AS_OF)


def _row(report, first: str):
    return next(row for row in form_rows(report, provision_level=False) if row.section == first)


def _every_format(report) -> dict[str, str]:
    return {"html": html_parts(render_template_html(report))[0],
            "docx": "\n".join(docx_text(render_template_docx(report))),
            "csv": render_template_csv(report)}


def test_one_row_per_provision_under_the_hos_headings_and_title(hos, report):
    rows = csv_rows(render_template_csv(report), "form.csv")
    header = rows.index(HOS_COLUMNS)
    assert len(rows) - header - 1 == len(hos.requirements)
    assert title_of(report) == ("Northfield District Council: Housing Ombudsman Complaint "
                                "Handling Code: self-assessment form")
    html = render_template_html(report)
    assert "".join(f'<th scope="col">{c}</th>' for c in HOS_COLUMNS) in html
    assert "Do we follow the Code?" not in html and "Partly" not in html.split("<table")[0]
    assert docx_text(render_template_docx(report))[0] == title_of(report)


def test_answers_are_yes_or_no_and_a_no_says_what_and_by_when(report):
    assert _row(report, "1.2").answer == "Yes"
    not_met = _row(report, "5.6")
    assert not_met.answer == "No"
    assert not_met.commentary == [
        "Not yet in place. Definitions are not yet recorded. What we will do: Record the "
        "complaint definition. Who and by when: the council, by 30 September 2026."]
    partly = _row(report, "6.1")
    assert partly.answer == "No"
    assert partly.commentary == ["Partly in place. Triage covers vulnerability. No action "
                                 "agreed yet."]
    assert _row(report, "5.4").answer == "N/A"
    assert _row(report, "5.4").commentary == ["No third party handles them."]
    not_assessed = _row(report, "2.1")
    assert not_assessed.answer == ""
    assert not_assessed.commentary == ["Not yet assessed. No action agreed yet."]
    assert {row.answer for row in form_rows(report, provision_level=False)} == {
        "Yes", "No", "N/A", ""}


def test_an_unconfirmed_hos_number_is_the_codes_own_and_shown_and_no_owner_is_named(report):
    """HOS numbers not yet seen quoted are the Code's own numbering (unlike the LGSCO's
    placeholder ids such as 4.x-authority): the form names the provision by it."""
    unconfirmed = _row(report, "5.7")
    assert unconfirmed.answer == "No"
    assert unconfirmed.commentary == [
        "Partly in place. Repairs letters say so; lettings letters do not (see 5.7, "
        "policy v5.7). What we will do: Add the split of responsibilities to the "
        "acknowledgement letter. Who and by when: the Housing Complaints Lead, by 31 July 2026."]
    assert not [row for row in form_rows(report, provision_level=False)
                if row.section.startswith("Section")]
    for shown in _every_format(report).values():
        assert "Priya" not in shown and "Sam Lee" not in shown


def test_the_hos_form_carries_the_code_version_the_date_and_an_approval_line(report):
    for name, shown in _every_format(report).items():
        assert "Housing Ombudsman Service, version 2024" in shown
        assert "31 March 2026" in shown
        assert re.search(r"Approved by\W*_{5,}", shown)
        assert re.search(r"Date approved\W*_{5,}", shown)
        assert name == "csv" or "Each provision is answered Yes or No" in shown


def test_a_not_assessed_provision_is_a_blank_cell_in_every_format(report):
    html = render_template_html(report)
    assert "<strong></strong>" not in html
    row = next(r for r in csv_rows(render_template_csv(report), "f.csv") if r[0] == "2.1")
    assert row[2] == "" and row[4] == "Not yet assessed. No action agreed yet."


def _reimported(catalogue, report, *, provision_level: bool = False) -> Assessment:
    rows = csv_rows(render_template_csv(report, provision_level=provision_level), "form.csv")
    return parse_published_form(rows, catalogue, council=COUNCIL,
                                assessed_on=date(2026, 3, 31), source="form.csv")


def _statuses(catalogue, assessment) -> dict[str, Status | None]:
    return {r.id: assessment.status(r.id) for r in catalogue.requirements}


def test_the_hos_form_reimports_to_the_same_answers(hos, assessment, report):
    again = _reimported(hos, report)
    assert _statuses(hos, again) == _statuses(hos, assessment)
    assert {rid: a.evidence for rid, a in again.answers.items() if a.evidence} == {
        rid: a.evidence for rid, a in assessment.answers.items() if a.evidence}
    assert [r.answer for r in template_rows(hos, again)] == [r.answer for r in report.template]


def test_a_council_that_answered_partial_gets_partial_back(hos):
    """A council's own form says Partial; code-check's form says No and "Partly in place";
    importing that gives partly met again, as often as it goes round."""
    council_form = [HOS_COLUMNS,
                    ["1.2", "Complaint definition", "Yes", "Policy s2", ""],
                    ["1.4", "Service requests", "Partial", "Policy s3", "Not yet recorded"],
                    ["2.1", "Accepting complaints", "No", "", "Being drafted"],
                    ["5.4", "Third parties", "N/A", "", ""]]
    first = parse_published_form(council_form, hos, council=COUNCIL,
                                 assessed_on=date(2026, 3, 31), source="council.csv")
    assert first.status("1.4") is Status.PARTLY_MET
    report = build_report(hos, first, generated_at=GENERATED_AT, as_of=AS_OF)
    assert _row(report, "1.4").answer == "No"
    second = _reimported(hos, report)
    third = _reimported(hos, build_report(hos, second, generated_at=GENERATED_AT, as_of=AS_OF))
    assert _statuses(hos, first) == _statuses(hos, second) == _statuses(hos, third)
    assert second.answer("1.4").evidence == ["Policy s3"]


def test_the_lgsco_provision_level_form_shows_no_provisional_id_and_reimports(
        catalogue, assessments):
    _, current = assessments
    report = build_report(catalogue, current, generated_at=GENERATED_AT, as_of=AS_OF)
    rows = form_rows(report, provision_level=True)
    provisional = [p for p in report.appendix if p.provisional]
    assert provisional
    shown = render_template_csv(report, provision_level=True)
    assert not [p.id for p in provisional if p.id in shown]
    assert {row.section for row in rows if row.section.startswith("Section")} == {
        f"Section {p.section}" for p in provisional}
    again = _reimported(catalogue, report, provision_level=True)
    assert _statuses(catalogue, again) == _statuses(catalogue, current)


@unless_installed(MISSING, INSTALL)
def test_the_hos_form_page_passes_axe_on_a_narrow_screen(report, tmp_path):
    """Blank answer cells and the HOS headings keep the page accessible, as the LGSCO's is."""
    html = render_template_html(report)
    assert run_axe(html, tmp_path, width=400)["violations"] == []
    assert page_width(html, tmp_path, width=400)["scroll_width"] <= 400
