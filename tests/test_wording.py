"""One wording for figures, statuses and complaint-log steps (code_check.wording)."""

from __future__ import annotations

from pathlib import Path

import pytest

from code_check.assessment.model import NOT_ASSESSED, Status
from code_check.catalogue.model import Measure
from code_check.wording import (
    bar,
    percent,
    percent_in_words,
    status_label,
    status_symbol,
    status_text,
    step_label,
    step_plural,
)

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize(("status", "text"), [
    (Status.MET, "✔ Met"), ("partly_met", "◐ Partly met"), (Status.NOT_MET, "✘ Not met"),
    ("not_applicable", "– Not applicable"), (None, "· Not assessed"),
    (NOT_ASSESSED, "· Not assessed"),
])
def test_a_status_reads_as_its_symbol_and_words(status, text):
    assert status_text(status) == text


def test_the_readme_promises_the_symbols_every_output_shows():
    promised = {"✔ met", "◐ partly met", "✘ not met", "– not applicable", "· not assessed"}
    for words in promised:
        assert words in README.read_text(encoding="utf-8")
    shown = {f"{status_symbol(s)} {status_label(s).lower()}" for s in (*Status, None)}
    assert shown == promised


def test_percent_has_one_decimal_and_says_when_there_is_no_figure():
    assert percent(62.5) == "62.5%"
    assert percent(100) == "100.0%"
    assert percent(None) == "n/a"
    assert percent(None, missing="-") == "-"


@pytest.mark.parametrize(("value", "text"), [(62.0, "62%"), (94.6, "94.6%"), (0, "0%")])
def test_percent_in_words_shows_a_decimal_only_where_it_matters(value, text):
    assert percent_in_words(value) == text


def test_a_bar_fills_in_proportion_and_keeps_its_width():
    assert bar(0) == "░" * 10
    assert bar(66.7) == "█" * 7 + "░" * 3
    assert bar(93.8, 20) == "█" * 19 + "░"
    assert bar(100, 12) == "█" * 12


def test_a_bar_with_no_figure_is_nothing_or_an_empty_track():
    assert bar(None) == ""
    assert bar(None, 20, track_when_missing=True) == "░" * 20


def test_each_complaint_log_step_has_a_label_and_a_plural():
    assert [(step_label(m), step_plural(m)) for m in Measure] == [
        ("Stage 1 acknowledgement", "stage 1 acknowledgements"),
        ("Stage 1 response", "stage 1 responses"),
        ("Stage 2 acknowledgement", "stage 2 acknowledgements"),
        ("Stage 2 response", "stage 2 responses"),
    ]


def test_a_codes_name_from_its_id_is_its_catalogues_initials():
    """Home names the Codes without loading the catalogues: the two must agree."""
    from code_check.catalogue.files import load_catalogues
    from code_check.wording import code_name

    assert {c.id: code_name(c.id) for c in load_catalogues().values()} == {
        c.id: c.initials for c in load_catalogues().values()} == {
        "lgsco-2024": "LGSCO", "hos-2024": "HOS"}
    assert code_name("our-own-code") == "our-own-code"
