"""The demo council's two assessments, Ombudsman figures, complaint log, report and cohort,
pinned to one day (built by ``demo_inputs``, which the golden update command uses too)."""

from __future__ import annotations

import pytest

from . import demo_inputs


@pytest.fixture(scope="session")
def assessments(catalogue):
    """(previous, current): the demo council a quarter apart."""
    return demo_inputs.assessments(catalogue)


@pytest.fixture(scope="session")
def statistics():
    return demo_inputs.statistics()


@pytest.fixture(scope="session")
def complaint_log():
    return demo_inputs.complaint_log()


@pytest.fixture(scope="session")
def report(catalogue, assessments):
    """The full report, every section present: what the golden files hold."""
    return demo_inputs.report(catalogue, *assessments)


@pytest.fixture(scope="session")
def cohort(catalogue, assessments):
    return demo_inputs.cohort(catalogue, *assessments)
