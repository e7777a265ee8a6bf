"""The published self-assessment form, as the public reads it: what is not yet in place and
what the council will do by when; no provisional id and no officer's name; evidence as a list
with working links; the Code version, the date and an approval line; and a CSV that
``assessment import`` reads back to the same answers."""

from __future__ import annotations

import io
import re
from datetime import date

import docx
import pytest

from code_check.assessment.model import Answer, Council, Status
from code_check.assessment.published_form import csv_rows, parse_published_form
from code_check.report.model import build_report, template_rows
from code_check.report.template import (
    form_rows,
    links_in,
    public_owner,
    render_template_csv,
    render_template_docx,
    render_template_html,
)

from .demo_inputs import AS_OF, GENERATED_AT
from .readers import docx_text, html_parts


def _every_format(report) -> dict[str, str]:
    """Each export of the form as the text a reader sees."""
    return {"html": html_parts(render_template_html(report))[0],
            "docx": "\n".join(docx_text(render_template_docx(report))),
            "csv": render_template_csv(report)}


def test_no_provisional_id_or_owner_name_reaches_the_public(report):
    provisional = [p.id for p in report.appendix if p.provisional]
    names = {a.owner.split("(")[0].strip() for a in report.actions}
    assert provisional and "Tom Reed" in names and "Jane Officer" in names
    for shown in _every_format(report).values():
        assert not [id for id in provisional if id in shown]
        assert not [name for name in names if name in shown]


def test_commentary_says_what_is_missing_and_what_the_council_will_do_by_when(report):
    row = next(r for r in form_rows(report, provision_level=False) if r.section.startswith("1."))
    gap = next(line for line in row.commentary if "(1.7)" in line)
    assert gap.startswith("Partly in place (1.7): ")
    assert "Team leaders in Waste and Highways still need a briefing" in gap
    assert gap.endswith("What we will do: Brief Waste and Highways team leaders on complaints "
                        "about open requests. Who and by when: the Customer Services Manager, "
                        "by 31 July 2026.")
    assert "1.1: The policy defines both terms" in row.commentary[0]


def test_a_provisional_id_in_free_text_becomes_its_section(report):
    row = next(r for r in form_rows(report, provision_level=False) if r.section.startswith("5."))
    assert any("(see section 4)" in line for line in row.commentary)


@pytest.mark.parametrize(("owner", "shown"), [
    ("Tom Reed (Customer Services Manager)", "the Customer Services Manager"),
    ("Jane Officer", "the council"),
    ("No owner named", "the council"),
])
def test_an_owner_is_shown_by_role_only(owner, shown):
    assert public_owner(owner) == shown


def test_the_form_carries_the_code_version_the_date_and_an_approval_line(report):
    for shown in _every_format(report).values():
        assert "version 2024" in shown and "31 March 2026" in shown
        assert re.search(r"Approved by\W*_{5,}", shown)
        assert re.search(r"Date approved\W*_{5,}", shown)


def test_word_evidence_is_a_bulleted_list_with_real_hyperlinks(report):
    document = docx.Document(io.BytesIO(render_template_docx(report)))
    first_row = document.tables[-1].rows[1]
    evidence = first_row.cells[3].paragraphs
    assert len(evidence) == len(report.template[0].evidence) > 1
    assert {p.style.name for p in evidence} == {"List Bullet"}
    links = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://www.example.gov.uk/complaints/policy" in links
    assert first_row.cells[3].text.count("https://www.example.gov.uk/complaints/policy") == 1


def test_html_links_stay_links_and_only_web_addresses_link():
    assert links_in("Form, https://example.gov.uk/a?b=1. Then") == [
        ("Form, ", False), ("https://example.gov.uk/a?b=1", True), (". Then", False)]
    assert links_in("javascript:alert(1) and ftp://x") == [("javascript:alert(1) and ftp://x",
                                                            False)]


def test_html_form_links_its_web_addresses(report):
    html = render_template_html(report)
    assert ('<a href="https://www.example.gov.uk/complaints/policy">'
            "https://www.example.gov.uk/complaints/policy</a>") in html


def _reimported(catalogue, report):
    rows = csv_rows(render_template_csv(report), "form.csv")
    return parse_published_form(
        rows, catalogue, council=Council(name="Example Borough Council",
                                         authority_type="metropolitan_borough"),
        assessed_on=date(2026, 3, 31), source="form.csv")


def test_reimporting_the_published_csv_gives_back_the_same_row_answers(catalogue, report,
                                                                       assessments):
    imported = _reimported(catalogue, report)
    assert [r.answer for r in template_rows(catalogue, imported)] == [
        r.answer for r in report.template]
    assert {r.answer for r in report.template} == {"Partly"}


def test_a_form_with_every_kind_of_answer_comes_back_the_same(catalogue, assessments):
    """Yes, No, Partly, Not applicable and Not assessed rows all survive the round trip."""
    _, current = assessments
    answers = dict(current.answers)
    for requirement in catalogue.in_template_row("2"):
        answers[requirement.id] = Answer(status=Status.MET)
    for requirement in catalogue.in_template_row("7"):
        answers[requirement.id] = Answer(status=Status.NOT_MET)
    for requirement in catalogue.in_template_row("8"):
        answers[requirement.id] = Answer(status=Status.NOT_APPLICABLE)
    for requirement in catalogue.in_template_row("9"):
        answers.pop(requirement.id, None)
    varied = current.model_copy(update={"answers": answers})
    report = build_report(catalogue, varied, generated_at=GENERATED_AT, as_of=AS_OF)
    shown = [r.answer for r in report.template]
    assert {"Yes", "No", "Partly", "Not applicable", "Not assessed"} <= set(shown)
    assert [r.answer for r in template_rows(catalogue, _reimported(catalogue, report))] == shown
