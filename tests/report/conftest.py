"""The demo council's two assessments and Ombudsman figures, and a fixed generation time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

GENERATED_AT = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="session")
def assessments(catalogue):
    """(previous, current): the demo council a quarter apart."""
    from code_check.demo import demo_assessments

    previous, current = demo_assessments(catalogue, today=AS_OF)  # dated as bundled
    return previous, current


@pytest.fixture(scope="session")
def statistics():
    """The demo council's Ombudsman figures, four years from 2021-22."""
    import code_check
    from code_check.statistics_files import read_statistics

    return read_statistics(Path(code_check.__file__).parent / "demo" / "example-statistics.csv")


@pytest.fixture(scope="session")
def complaint_log():
    """The demo council's complaint log, analysed as at the report date."""
    import code_check
    from code_check.complaint_log.reader import analyse_file

    return analyse_file(Path(code_check.__file__).parent / "demo" / "example-complaint-log.csv",
                        as_of=AS_OF)
