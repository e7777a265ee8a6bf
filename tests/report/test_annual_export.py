"""The app's Export writes the annual complaints report (issue 15) of the last financial year
ended, as ``code-check annual-report`` writes it, in the format the file name says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from code_check.catalogue.files import load_catalogue
from code_check.errors import InputError
from code_check.gather import held_beside
from code_check.store.workspace import Workspace
from code_check.tui.export_formats import EXPORT_FORMATS, ExportJob, suggested_name

from .annual_demo import COUNCIL, HEADINGS, demo_workspace, headings, rows, text

ANNUAL = next(f for f in EXPORT_FORMATS if f.id == "annual")
JULY = date(2026, 7, 1)  # 2025-26 is the last year ended


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annual-export")
    workspace, log = demo_workspace(folder)
    with Workspace(workspace) as held:
        latest = held.assessments(COUNCIL)[0].id
        assessment = held.load(latest)
        beside = held_beside(held, latest, {"lgsco-2024": load_catalogue()})
    job = ExportJob(assessment=assessment, catalogue=load_catalogue(), held=beside, as_of=JULY,
                    complaint_log=log, workspace=workspace)
    return folder, workspace, log, job


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_export_writes_the_last_years_annual_report_in_the_format_named(demo, suffix):
    folder, _, _, job = demo
    exported = folder / f"exported{suffix}"
    ANNUAL.write(job, exported)
    assert headings(exported)[6:13] == HEADINGS
    assert "annual complaints performance and service improvement report 2025-26" \
        in text(exported)
    assert ["Complaints received", "300"] in rows(exported)  # the demo log, chosen in Export
    assert ANNUAL.suffix == ".docx"


def test_export_needs_the_workspace_it_reads_the_registers_from(demo, tmp_path):
    *_, job = demo
    with pytest.raises(InputError, match="made from a workspace"):
        ANNUAL.write(replace(job, workspace=None), tmp_path / "annual.md")


def test_export_suggests_a_name_of_the_year_not_of_the_assessment(demo):
    *_, job = demo
    yaml = next(f for f in EXPORT_FORMATS if f.id == "yaml")
    assert suggested_name(job, ANNUAL) == \
        "example-borough-council-annual-complaints-report-2025-26.docx"
    assert suggested_name(job, yaml) == "example-borough-council-2026-03-31.yaml"
