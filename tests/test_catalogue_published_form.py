"""A catalogue says which published form it has: the LGSCO's ten rows, or one row per provision."""

from __future__ import annotations

import json

from code_check.catalogue.model import LGSCO_FORM_COLUMNS, RowPer
from tests.test_catalogue_errors import VALID

# The Housing Ombudsman's shape: one row per provision, no template rows, its own headings,
# and the timescales its Code sets (12 months from the issue, +20 working days at stage 2).
PROVISION_LEVEL = """\
id: provision-code
title: Provision Code
publisher: Test Ombudsman
version: "1"
issued: 2024-02-08
published_form:
  one_row_per: provision
  title: Complaint Handling Code self-assessment form
  columns:
    - Code provision
    - Code requirement
    - "Comply: Yes/No"
    - Evidence
    - Commentary / explanation
sections:
  - id: "2"
    title: Exclusions
    requirements:
      - id: "2.3"
        text: Accept complaints made within 12 months of the issue.
        obligation: must
        guidance: The policy says so.
        timescale: {limit: 12, unit: months, from: event}
        tags: [exclusions, timescale]
      - id: "6.15"
        text: Extend a stage 2 response by at most 20 working days, with good reason.
        obligation: must
        guidance: Extension letters.
        timescale: {limit: 20, unit: working_days, from: acknowledgement, extension: true}
      - id: "8.2"
        text: Publish the annual report with the governing body's response.
        obligation: must
        guidance: The web page.
        tags: [annual]
""" + VALID[VALID.index("scoring:"):]  # the scoring of the catalogue-errors fixture


def write(tmp_path, text: str):
    path = tmp_path / "cat.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_published_form_a_catalogue_has_the_lgsco_form(catalogue):
    assert catalogue.published_form.one_row_per is RowPer.TEMPLATE_ROW
    assert tuple(catalogue.published_form.columns) == LGSCO_FORM_COLUMNS
    assert catalogue.published_form.title is None


def test_a_provision_level_catalogue_needs_no_template_rows(tmp_path, run_cli):
    path = write(tmp_path, PROVISION_LEVEL)
    status, out, err = run_cli("rules", "validate", path, "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out)[0]["requirements"] == 3
    status, out, _ = run_cli("rules", "list", "--rules", path, "--format", "json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["2.3"]["template_rows"] == []
    assert rows["2.3"]["timescale"]["unit"] == "months"
    assert rows["6.15"]["timescale"]["extension"] is True


def test_the_provision_level_form_keeps_its_headings(tmp_path):
    from code_check.catalogue.files import load_catalogue_file

    form = load_catalogue_file(write(tmp_path, PROVISION_LEVEL)).published_form
    assert form.one_row_per is RowPer.PROVISION
    assert form.columns[2] == "Comply: Yes/No"
    assert form.title == "Complaint Handling Code self-assessment form"
