"""The annual complaints report's web page passes axe-core (WCAG 2.2 A/AA and best practice)
at full width and on a 400 px screen, where it never scrolls sideways (its charts stack under
their tables). Skips without chromium and axe-core, except under CI (as the report's own)."""

from __future__ import annotations

import pytest

from tests.tools import unless_installed

from .annual_demo import annual_report, demo_workspace
from .axe import page_width, run_axe
from .test_report_accessibility import INSTALL, MISSING, NARROW_SCREEN

pytestmark = unless_installed(MISSING, INSTALL)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("annual-page")
    workspace, log = demo_workspace(folder)
    return annual_report(workspace, folder / "annual.html", "--log", log).read_text("utf-8")


@pytest.mark.parametrize("width", [None, NARROW_SCREEN], ids=["full width", "400 px"])
def test_the_page_has_no_axe_violations(page, tmp_path, width):
    assert not MISSING, f"CI needs {', '.join(MISSING)} to check accessibility"
    assert run_axe(page, tmp_path, width=width)["violations"] == []


def test_the_page_fits_a_narrow_screen(page, tmp_path):
    assert not MISSING, f"CI needs {', '.join(MISSING)} to measure the page"
    measured = page_width(page, tmp_path, width=NARROW_SCREEN)
    assert measured["scroll_width"] <= NARROW_SCREEN, measured["widest"]
