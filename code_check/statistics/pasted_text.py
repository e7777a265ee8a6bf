"""Figures from pasted text: a council's page on the Ombudsman's website or its annual letter.

Pure: text in, figures out. The Ombudsman words its figures the same way every year
("87% of complaints we investigated were upheld", "This compares to an average of 80% in
similar authorities", ...), so each figure is found by the sentence that carries it, and every
figure we looked for but could not find is listed, so the user can see what is missing before
anything is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from code_check.assessment.model import AuthorityType
from code_check.errors import InputError
from code_check.statistics.model import (
    COLUMN_LABELS,
    OmbudsmanStats,
    financial_year,
    stored_fields,
    validated,
)

# At most 15 digits (more than any real figure has): a longer run of digits is no figure.
_COUNT = r"(?<![\d.,/-])(\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?![\d.]|,\d)"  # not part of 2023-24
_RATE = r"(?<![\d.])(\d{1,15}(?:\.\d{1,15})?)"

# (column, pattern, value for a sentence that carries no number); for each column the forms
# are tried in order and the first that matches is used.
_SENTENCES: list[tuple[str, str, int | None]] = [
    ("dealt_with", rf"we dealt with {_COUNT} complaints", None),
    ("dealt_with", rf"complaints (?:and enquiries )?dealt with:? {_COUNT}", None),
    ("not_for_us", rf"{_COUNT} (?:(?:complaints|enquiries|of these|of them|were|was) )*"
                   r"not for us", None),
    ("not_for_us", rf"not for us:? {_COUNT}(?! ?%)", None),
    ("assessed_and_closed", rf"{_COUNT} (?:(?:complaints|enquiries|of these|were|was) )*"
                            r"assessed and closed", None),
    ("assessed_and_closed", rf"assessed and closed:? {_COUNT}(?! ?%)", None),
    ("investigated", rf"based on a total of {_COUNT} (?:detailed )?investigations?\b", None),
    ("investigated", rf"{_COUNT} (?:(?:complaints|of these|were|was) )*investigated\b", None),
    ("investigated", rf"\binvestigated:? {_COUNT}(?! ?%)", None),
    ("investigated", r"did not (?:carry out|complete) any (?:detailed )?investigations"
                     r"|did not investigate any complaints", 0),
    ("published_upheld_pct", rf"{_RATE} ?% of (?:the )?complaints we investigated were upheld",
     None),
    ("upheld", rf"{_COUNT} upheld decisions?\b(?! per)", None),
    ("upheld", r"did not uphold any complaints", 0),
    ("upheld_per_100k", rf"this is {_RATE} ?%? upheld decisions? per 100,?000", None),
    ("average_upheld_per_100k", rf"average for (?:authorities|councils|organisations) of this "
                                rf"type is {_RATE} ?%? upheld decisions? per 100,?000", None),
    ("compliance_pct", rf"{_RATE} ?% of cases,? we were satisfied", None),  # "In " or not
    ("compliance_outcomes", rf"based on a total of {_COUNT} compliance outcomes?", None),
    ("compliance_outcomes", r"no recommendations were due", 0),
    ("published_satisfactory_remedy_pct", rf"{_RATE} ?% of upheld cases,? we found", None),
    ("satisfactory_remedy", rf"{_COUNT} satisfactory remedy decisions?", None),
]

# Headings and sentences that open each part of the page; "This compares to an average of
# Y% in similar authorities" belongs to the part it appears in.
_PARTS = {
    "average_upheld_pct": r"complaints upheld|complaints we investigated were upheld",
    "average_compliance_pct": r"compliance with (?:ombudsman )?recommendations"
                              r"|recommendations were due|implemented our recommendations",
    "average_satisfactory_remedy_pct": r"satisfactory remed(?:y|ies)",
}
_AVERAGE = rf"compares? (?:to|with) an average of {_RATE} ?%"

_LINE_BREAK = re.compile(r"\r\n?|\n")  # as an editor numbers lines (a form feed is no break)
_PERIOD = r"1 april (\d{4}) (?:to|and|until) 31 march (\d{4})"
_YEAR_NAMED = r"\b(20\d\d) ?[-/–] ?(\d\d)\b"

_NEW_FORMAT = ("dealt_with", "not_for_us", "assessed_and_closed")
_EXPECTED = (
    "investigated", "upheld", "published_upheld_pct", "average_upheld_pct", "upheld_per_100k",
    "average_upheld_per_100k", "compliance_outcomes", "compliance_pct",
    "average_compliance_pct", "satisfactory_remedy", "published_satisfactory_remedy_pct",
    "average_satisfactory_remedy_pct",
)


@dataclass(frozen=True)
class Found:
    """A figure, the words it was read from and their line, so the user can check it."""

    column: str
    value: int | float
    words: str
    line: int

    @property
    def label(self) -> str:
        return COLUMN_LABELS[self.column]


@dataclass(frozen=True)
class PastedFigures:
    found: list[Found]
    missing: list[str]                 # columns looked for and not found
    year: str | None
    notes: list[str] = field(default_factory=list)
    source: str = "pasted text"        # what errors name: the file, or the paste box

    @property
    def values(self) -> dict[str, Any]:
        return {f.column: f.value for f in self.found}

    @property
    def missing_labels(self) -> list[str]:
        return [COLUMN_LABELS[column] for column in self.missing]

    def year_for(self, year: str | None = None) -> str:
        """The year given, else the one found in the text."""
        chosen = year or self.year
        if chosen is None:
            raise InputError("could not tell which year the figures are for; give the year "
                             "(for example --year 2023-24)", source=self.source, field="year")
        return chosen

    def require_figures(self) -> None:
        """Refuse a text that gives no figure at all, with what was noticed in it (an average
        that belongs to no figure, two years), which would otherwise be lost."""
        if self.found:
            return
        raise InputError("found none of the Ombudsman's figures in the text; paste the whole "
                         "of the council's page or annual letter"
                         + "".join(f". Check: {note}" for note in self.notes),
                         source=self.source)

    def to_statistics(self, council: str, authority_type: AuthorityType | str,
                      year: str | None = None,
                      held: OmbudsmanStats | None = None) -> OmbudsmanStats:
        """The figures as one council's year; ``year`` overrides the one found in the text.

        ``held`` is the same year as already saved: the columns the text does not give (the
        population, say) are kept from it rather than blanked.
        """
        chosen = self.year_for(year)
        kept = stored_fields(held) if held is not None and held.year == chosen else {}
        data = {**kept, "council": council, "authority_type": authority_type, "year": chosen,
                **self.values}
        try:
            return validated(data, source=self.source)
        except InputError as error:  # point at the line the faulty figure was read from
            lines: dict[str | None, int] = {f.column: f.line for f in self.found}
            raise InputError(error.problem, source=self.source, line=lines.get(error.field),
                             field=error.field) from None


def parse_statistics_text(text: str, source: str = "pasted text") -> PastedFigures:
    """Every figure the text gives, what it does not give, and any contradictions.

    ``source`` names the text in errors: the file it came from, or the paste box.
    """
    flat, lines = _flatten(text)
    found: dict[str, Found] = {}
    notes: list[str] = []
    matched: set[str] = set()
    for column, pattern, fixed in _SENTENCES:
        if column in matched:  # a later, looser form is only a fallback
            continue
        for match in re.finditer(pattern, flat, re.IGNORECASE):
            matched.add(column)
            value = fixed if fixed is not None else _number(match[1])
            _keep(found, notes, _figure(column, value, flat, lines, match))
    for match in re.finditer(_AVERAGE, flat, re.IGNORECASE):
        part = _part_at(flat, match.start())
        if part is None:
            notes.append(f"Found an average ({match[1]}%) on line {_line_at(lines, match)} but "
                         f"not which figure it belongs to: \u201c{_words(flat, lines, match)}"
                         "\u201d")
            continue
        _keep(found, notes, _figure(part, _number(match[1]), flat, lines, match))
    year = _year(flat, notes)
    ordered = sorted(found.values(), key=lambda f: list(COLUMN_LABELS).index(f.column))
    return PastedFigures(ordered, _missing(found, year), year, notes, source)


def _figure(column: str, value: int | float, flat: str, lines: list[tuple[int, int, int]],
            match: re.Match[str]) -> Found:
    return Found(column, value, _words(flat, lines, match), _line_at(lines, match))


def _number(text: str) -> int | float:
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def _keep(found: dict[str, Found], notes: list[str], figure: Found) -> None:
    """The first figure for a column wins; a different one later is reported, not hidden."""
    earlier = found.get(figure.column)
    if earlier is None:
        found[figure.column] = figure
    elif earlier.value != figure.value:
        notes.append(f"{figure.label}: the text gives both {earlier.value} and {figure.value}; "
                     f"using {earlier.value}. Check the figure before saving.")


def _line_at(lines: list[tuple[int, int, int]], match: re.Match[str]) -> int:
    """The number of the text's line where a match starts."""
    return max((start, number) for start, _, number in lines if start <= match.start())[1]


def _words(flat: str, lines: list[tuple[int, int, int]], match: re.Match[str],
           reach: int = 70) -> str:
    """The words around a match: its sentence within its lines, cut at whole words."""
    first = max(start for start, _, _ in lines if start <= match.start())
    last = min((end for _, end, _ in lines if end >= match.end()), default=len(flat))
    stop = flat.rfind(". ", first, match.start())
    start = first if stop == -1 else stop + 2
    prefix = suffix = ""
    if match.start() - start > reach:
        cut = flat.find(" ", match.start() - reach, match.start())
        start, prefix = (match.start() - reach if cut == -1 else cut + 1), "…"
    stop = flat.find(". ", match.end(), last)
    end = last if stop == -1 else stop + 1
    if end - match.end() > reach:
        cut = flat.rfind(" ", match.end(), match.end() + reach)
        end, suffix = (match.end() + reach if cut == -1 else cut), "…"
    return f"{prefix}{flat[start:end].strip()}{suffix}"


def _flatten(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The text on one line with single spaces, and where each original line lies in it.

    Pasted pages break figures across lines ("53" then "upheld decisions"), so sentences are
    matched on the flat text; the line spans (start, end, line number) let us quote a figure's
    own line back and say where it is.
    """
    flat, spans = "", []
    for number, line in enumerate(_LINE_BREAK.split(text.replace("\u00a0", " ")), start=1):
        words = " ".join(line.split())
        if not words:
            continue
        if flat:
            flat += " "
        spans.append((len(flat), len(flat) + len(words), number))
        flat += words
    return flat, spans


def _part_at(flat: str, position: int) -> str | None:
    best, best_at = None, -1
    for column, pattern in _PARTS.items():
        for match in re.finditer(pattern, flat[:position], re.IGNORECASE):
            if match.start() > best_at:
                best, best_at = column, match.start()
    return best


def _year(flat: str, notes: list[str]) -> str | None:
    years = {f"{m[1]}-{m[2][-2:]}" for m in re.finditer(_PERIOD, flat, re.IGNORECASE)
             if int(m[2]) == int(m[1]) + 1}
    if not years:
        years = set()
        for match in re.finditer(_YEAR_NAMED, flat):
            try:
                years.add(financial_year(f"{match[1]}-{match[2]}"))
            except ValueError:
                continue
    if len(years) > 1:
        notes.append(f"The text mentions more than one year ({', '.join(sorted(years))}); "
                     "say which year the figures are for.")
        return None
    return next(iter(years), None)


def _missing(found: dict[str, Found], year: str | None) -> list[str]:
    expected = list(_EXPECTED)
    if (year and year >= "2024-25") or any(column in found for column in _NEW_FORMAT):
        expected = [*_NEW_FORMAT, *expected]
    if found.get("compliance_outcomes") and found["compliance_outcomes"].value == 0:
        expected = [c for c in expected if c not in ("compliance_pct", "average_compliance_pct")]
    if found.get("upheld") and found["upheld"].value == 0:
        expected = [c for c in expected if c not in (
            "satisfactory_remedy", "published_satisfactory_remedy_pct",
            "average_satisfactory_remedy_pct")]
    return [column for column in expected if column not in found]
