"""The HTML exports pass axe-core (WCAG 2.2 A/AA and best practice) in headless Chromium.

Needs Debian's chromium and axe-core from npm (``npm ci``). Without them the tests skip on a
developer's machine, but under CI (``CI`` set) they run and fail, so CI can never pass them
by accident.
"""

from __future__ import annotations

import pytest

from code_check.report.cohort import CohortEntry, build_cohort
from code_check.report.cohort_export import render_cohort_html
from code_check.report.html import render_html
from code_check.report.template import render_template_html
from tests.tools import unless_installed

from .axe import AXE, broken_words, chromium, page_width, run_axe
from .demo_inputs import GENERATED_AT

MISSING = [what for what, present in (("chromium", chromium()), ("axe-core", AXE.exists()))
           if not present]
INSTALL = "apt-get install chromium; npm ci"
pytestmark = unless_installed(MISSING, INSTALL)


NARROW_SCREEN = 400  # CSS pixels: a small phone


def _violations(html: str, tmp_path, *, width: int | None = None) -> list[dict]:
    assert not MISSING, f"CI needs {', '.join(MISSING)} to check accessibility"
    return run_axe(html, tmp_path, width=width)["violations"]


def _every_page(report, cohort) -> dict[str, str]:
    return {"report": render_html(report), "form": render_template_html(report),
            "form by provision": render_template_html(report, provision_level=True),
            "cohort": render_cohort_html(cohort)}


@pytest.mark.parametrize("page", ["report", "form", "form by provision", "cohort"])
def test_every_page_fits_a_narrow_screen(page, report, cohort, tmp_path):
    """On a 400 px screen the page itself never scrolls sideways: wide tables scroll in their
    own box and long links wrap (the report was 1,086 px wide)."""
    assert not MISSING, f"CI needs {', '.join(MISSING)} to measure the page"
    measured = page_width(_every_page(report, cohort)[page], tmp_path, width=NARROW_SCREEN)
    assert measured["scroll_width"] <= NARROW_SCREEN, measured["widest"]


@pytest.mark.parametrize("page", ["report", "form", "form by provision", "cohort"])
def test_no_word_in_a_table_is_broken_on_a_narrow_screen(page, report, cohort, tmp_path):
    """A table too wide for the screen scrolls in its box; its words stay whole ("Provision",
    not "Provi" over "sion", as cells wrapping anywhere gave)."""
    assert not MISSING, f"CI needs {', '.join(MISSING)} to measure the page"
    page_html = _every_page(report, cohort)[page]
    assert broken_words(page_html, tmp_path, width=NARROW_SCREEN) == []


@pytest.mark.parametrize("page", ["report", "form", "cohort"])
def test_every_page_has_no_axe_violations_on_a_narrow_screen(page, report, cohort, tmp_path):
    assert _violations(_every_page(report, cohort)[page], tmp_path, width=NARROW_SCREEN) == []


def test_report_html_has_no_axe_violations(report, tmp_path):
    assert _violations(render_html(report), tmp_path) == []


def test_published_form_has_no_axe_violations(report, tmp_path):
    assert _violations(render_template_html(report, provision_level=True), tmp_path) == []


def test_cohort_html_has_no_axe_violations(catalogue, assessments, tmp_path):
    previous, current = assessments
    cohort = build_cohort([CohortEntry(catalogue, current, previous)],
                          generated_at=GENERATED_AT)
    assert _violations(render_cohort_html(cohort), tmp_path) == []


def test_axe_does_find_problems(tmp_path):
    """The harness itself works: a page with known faults is reported."""
    found = {v["id"] for v in _violations(
        '<html><body><img src="x.png"><p style="color:#bbb">faint</p></body></html>', tmp_path)}
    assert {"image-alt", "html-has-lang", "document-title"} <= found
