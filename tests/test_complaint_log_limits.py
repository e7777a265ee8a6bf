"""The complaint log is measured against the catalogue's timescales, not a table of its own."""

from __future__ import annotations

from datetime import date

import pytest

from code_check.catalogue.files import load_catalogue
from code_check.catalogue.model import Catalogue, Measure
from code_check.complaint_log.reader import analyse_file
from code_check.complaint_log.timeliness import code_limits
from code_check.errors import InputError

HEADER = ("reference,received,acknowledged,stage1_response,stage1_extended,escalated,"
          "stage2_acknowledged,stage2_response,stage2_extended")
# Received Monday 2 June 2025, acknowledged 4 working days later (measured on 6 June, when
# the response and stage 2 are still to come).
ROW = "C1,2025-06-02,2025-06-06,2025-06-24,yes,2025-07-01,2025-07-04,2025-08-08,no"
OPEN = "C2,2025-06-02,,,,,,,"  # never acknowledged


def with_limits(catalogue: Catalogue, limits: dict[str, int]) -> Catalogue:
    """The catalogue with the named provisions' timescale limits changed."""
    data = catalogue.model_dump(mode="json", by_alias=True)
    for section in data["sections"]:
        for requirement in section["requirements"]:
            if requirement["id"] in limits:
                requirement["timescale"]["limit"] = limits[requirement["id"]]
    return Catalogue.model_validate(data)


def analysed(tmp_path, catalogue: Catalogue):
    path = tmp_path / "log.csv"
    path.write_text("\n".join((HEADER, ROW, OPEN)) + "\n", encoding="utf-8")
    return analyse_file(path, as_of=date(2025, 6, 6), progress=False,
                        limits=code_limits(catalogue))


def test_the_bundled_code_gives_the_limits_of_design_section_8():
    assert code_limits(load_catalogue()) == {
        Measure.STAGE1_ACKNOWLEDGEMENT: (5, 5), Measure.STAGE1_RESPONSE: (10, 20),
        Measure.STAGE2_ACKNOWLEDGEMENT: (5, 5), Measure.STAGE2_RESPONSE: (20, 40),
    }


def test_a_catalogue_with_other_limits_is_measured_by_them(tmp_path):
    bundled = load_catalogue()
    tighter = with_limits(bundled, {"6.2": 3, "6.3": 8, "6.4": 2})
    assert code_limits(tighter)[Measure.STAGE1_RESPONSE] == (8, 10)
    as_bundled, as_tighter = analysed(tmp_path, bundled), analysed(tmp_path, tighter)
    acknowledgement = Measure.STAGE1_ACKNOWLEDGEMENT
    assert (as_bundled.step(acknowledgement).late, as_tighter.step(acknowledgement).late) == (
        0, 2)  # 4 days is late against 3; the open case, 4 days old, overdue only then
    assert [(case.reference, case.limit) for case in as_tighter.overdue_cases] == [("C2", 3)]
    assert as_tighter.step(acknowledgement).limit == 3


def test_a_catalogue_that_times_no_step_of_the_log_is_refused():
    bundled = load_catalogue()
    data = bundled.model_dump(mode="json", by_alias=True)
    for section in data["sections"]:
        for requirement in section["requirements"]:
            if requirement["timescale"] and requirement["timescale"]["measure"] == \
                    "stage2.response":
                requirement["timescale"]["measure"] = None
    with pytest.raises(InputError, match="sets no timescale for the complaint log's "
                                         "stage2.response"):
        code_limits(Catalogue.model_validate(data))
