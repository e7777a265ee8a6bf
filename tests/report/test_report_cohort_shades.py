"""The cohort heat-map shades a section by the catalogue's readiness bands (90, 75, 50), so a
shade never says one thing while the band names say another."""

from __future__ import annotations

import pytest

from code_check.report.cohort import heat_legend, heat_level


@pytest.mark.parametrize(("score", "level"), [
    (100.0, 4), (90.0, 4), (89.9, 3), (80.0, 3), (75.0, 3), (74.9, 2), (60.0, 2), (50.0, 2),
    (49.9, 1), (0.0, 1), (None, 0),
])
def test_shades_step_at_the_bands(catalogue, score, level):
    assert heat_level(score, catalogue.scoring.bands) == level


def test_the_legend_names_each_band_and_its_scores(catalogue):
    assert heat_legend(catalogue.scoring.bands) == [
        (4, "90% or more (Ready)"), (3, "75% to under 90% (Nearly ready)"),
        (2, "50% to under 75% (Partly ready)"), (1, "under 50% (Not ready)"),
        (0, "no score (nothing applicable)")]


def test_the_demo_cohort_is_shaded_by_the_bands(catalogue, cohort):
    cells = [cell for council in cohort.councils for cell in council.cells]
    assert any(cell.score is not None and 75 <= cell.score < 90 for cell in cells)
    for cell in cells:
        assert cell.level == heat_level(cell.score, catalogue.scoring.bands)
    assert cohort.legend == heat_legend(catalogue.scoring.bands)
