"""The published self-assessment form: the table councils put on their website.

The catalogue says the form's shape, title and headings. The LGSCO's has ten rows (section 6
split into 6a, stage 1, and 6b, stage 2) answered Yes, No or Partly, or one row per provision on
request; the Housing Ombudsman's has one row per provision, answered Yes or No. As HTML for the
website, DOCX to edit, or CSV. The answers come from the report model; the commentary says, for
the public, what is not yet in place and what the council will do by when. What is internal
stays off the form: placeholder catalogue ids such as "4.x-authority", which stand for a
provision the Code does not number where we have seen it (a row or a mention shows its section
instead; a real-looking paragraph number not yet seen quoted, as many of the Housing
Ombudsman's are, is the Code's own numbering and is shown), and the names of action owners
(their role, written in brackets after the name, is shown, else "the council").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from code_check.report import html as page_html
from code_check.report import word
from code_check.report.inert import html_text as e
from code_check.report.inert import neutralise, visible
from code_check.report.model import ActionItem, ProvisionRow, Report

APPROVAL_FIELDS = ("Approved by", "Date approved")
TO_COMPLETE = "____________________"

_GAP_LEADS = {"partly_met": "Partly in place", "not_met": "Not yet in place",
              "not_assessed": "Not yet assessed"}
_ROLE = re.compile(r"\(([^()]+)\)\s*$")
_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


@dataclass(frozen=True)
class FormRow:
    """One row of the form as the public reads it."""

    section: str
    expects: str
    answer: str
    evidence: list[str]
    commentary: list[str]


# what the form says ------------------------------------------------------------------------

def form_rows(report: Report, *, provision_level: bool) -> list[FormRow]:
    public = _PublicText(report)
    by_provision = provision_level or report.form.one_row_per_provision
    rows = report.template_provisions if by_provision else report.template
    by_id = {p.id: p for p in report.appendix}
    return [FormRow(
        section=public.row_name(by_id[row.id]) if by_provision else row.section,
        expects=row.expects, answer=row.answer,
        evidence=[public.text(item) for item in row.evidence],
        commentary=[public.text(line) for line in _commentary(
            [by_id[id] for id in row.provisions], public, in_own_row=by_provision)],
    ) for row in rows]


def title_of(report: Report) -> str:
    return f"{report.title.council}: {report.form.title}"


def intro_of(report: Report) -> str:
    t = report.title
    reading = (
        "Each provision is answered Yes or No: where one is not fully met, the commentary says "
        "what is in place, what is not, and what we will do by when."
        if report.form.one_row_per_provision else
        "“Partly” means some, but not all, of the Code's provisions in that row are met.")
    return (f"Self-assessment against the {t.catalogue_publisher}'s {t.catalogue_title} "
            f"({t.catalogue_version}), completed on {t.assessed_on_text}. {reading}")


def details_of(report: Report) -> list[tuple[str, str]]:
    """The lines a published form carries above its table; approval is left to complete."""
    t = report.title
    return [("Council", t.council),
            ("Code", f"{t.catalogue_title}, {t.catalogue_publisher}, version "
                     f"{t.catalogue_version}"),
            ("Assessment date", t.assessed_on_text),
            *[(field, TO_COMPLETE) for field in APPROVAL_FIELDS]]


def _commentary(provisions: list[ProvisionRow], public: _PublicText, *,
                in_own_row: bool) -> list[str]:
    """One line per provision with something to say: what is in place, in the council's
    words; what is not, and what the council will do about it by when. A provision in a row
    of its own is not named again, nor its text repeated (the row already shows both)."""
    lines = []
    for provision in provisions:
        ref = "" if in_own_row else public.reference(provision)
        if provision.status in _GAP_LEADS:
            lead = _GAP_LEADS[provision.status]
            lines.append(" ".join(filter(None, (
                f"{lead}." if in_own_row else
                f"{lead}{f' ({ref})' if ref else ''}: {_sentence(provision.text)}",
                _sentence(provision.commentary or ""), _plan(provision.action)))))
        elif provision.commentary:
            lines.append(f"{f'{ref}: ' if ref else ''}{_sentence(provision.commentary)}")
    return lines


def _plan(action: ActionItem | None) -> str:
    if action is None:
        return "No action agreed yet."
    if action.done:
        return f"Done: {_sentence(action.description)}"
    when = f"by {action.due_text}" if action.due else "no date set yet"
    return (f"What we will do: {_sentence(action.description)} Who and by when: "
            f"{public_owner(action.owner)}, {when}.")


def public_owner(owner: str) -> str:
    """The role in brackets after a name ("Tom Reed (Customer Services Manager)"), never the
    name itself: a bare name or role cannot be told apart, so it becomes "the council"."""
    role = _ROLE.search(owner)
    return f"the {role.group(1).strip()}" if role else "the council"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


class _PublicText:
    """Free text with each placeholder id replaced by its section ("see 4.x-authority" becomes
    "see section 4"), and provisions referred to by their Code paragraph only. An id is
    matched whole, so a placeholder "5.7" would leave "v5.7" and "5.75" alone."""

    def __init__(self, report: Report) -> None:
        provisional = sorted((p for p in report.appendix if _placeholder(p)),
                             key=lambda p: -len(p.id))
        self._sections = {p.id: p.section for p in provisional}
        ids = "|".join(re.escape(p.id) for p in provisional)
        self._pattern = (re.compile(rf"(?<![\w.])(?:{ids})(?![\w-]|\.\d)", re.I)
                         if provisional else None)

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(
            lambda m: f"section {self._sections[m.group(0).lower()]}", text)

    def reference(self, provision: ProvisionRow) -> str:
        return "" if _placeholder(provision) else provision.id

    def row_name(self, provision: ProvisionRow) -> str:
        """A provision's row on the form: its number, or its section where the id is a
        placeholder (``assessment import`` finds it again by its requirement text)."""
        return f"Section {provision.section}" if _placeholder(provision) else provision.id


_PARAGRAPH_NUMBER = re.compile(r"\d+\.\d+")


def _placeholder(provision: ProvisionRow) -> bool:
    """An unconfirmed id that is not a paragraph number: ours, never the Code's."""
    return provision.provisional and not _PARAGRAPH_NUMBER.fullmatch(provision.id)


# layouts -----------------------------------------------------------------------------------

def render_template_html(report: Report, *, provision_level: bool = False) -> str:
    t = report.title
    return page_html.page(
        title=title_of(report),
        header=f'<p class="subtitle">{e(report.form.title)}</p>'
               f"<h1>{e(t.council)}</h1>",
        nav="",
        main=form_html(report, provision_level=provision_level),
        footer=f"<p>Produced by code-check {e(t.code_check_version)} on "
               f"{e(t.generated_at_text)}.</p>",
        version=t.code_check_version,
    )


def form_html(report: Report, *, provision_level: bool = False) -> str:
    """The form's introduction, details and table (the annual report's appendix too)."""
    grid = page_html.table(
        f"Do we follow the {report.title.catalogue_title}?", report.form.columns,
        [[e(row.section), e(row.expects), _html_answer(row.answer),
          _html_list(row.evidence), _html_list(row.commentary)]
         for row in form_rows(report, provision_level=provision_level)], css_class="form")
    details = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in details_of(report))
    return f"<p>{e(intro_of(report))}</p><dl class=\"meta\">{details}</dl>" + grid


def render_template_docx(report: Report, *, provision_level: bool = False) -> bytes:
    doc = word.new_document(report, title_of(report), landscape=True)
    add_form_docx(doc, report, provision_level=provision_level)
    return word.save(doc)


def add_form_docx(doc, report: Report, *, provision_level: bool = False,
                  title: str | None = None) -> None:
    """The form's heading (``title``, else its own), introduction, details and table, on a
    landscape page (the annual report's appendix too)."""
    word.heading(doc, title or title_of(report), 1)
    word.paragraph(doc, intro_of(report))
    word.table(doc, None, [[k, v] for k, v in details_of(report)], widths=[4.5, 12])
    rows = form_rows(report, provision_level=provision_level)
    grid = word.table(doc, report.form.columns,
                      [[row.section, row.expects, row.answer, "", ""] for row in rows],
                      widths=[4, 6.5, 3, 6.5, 5.7])
    for cells, row in zip(grid.rows[1:], rows, strict=True):
        word.linked_lines(cells.cells[3], [links_in(item) for item in row.evidence])
        word.linked_lines(cells.cells[4], [links_in(line) for line in row.commentary],
                          bullets=False)
    word.keep_rows_whole(doc, grid)


def render_template_csv(report: Report, *, provision_level: bool = False) -> str:
    """The details above the table, then the table: ``assessment import`` finds the table by
    its header and reads the answers back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([neutralise(k), neutralise(v)] for k, v in details_of(report))
    writer.writerow(neutralise(heading) for heading in report.form.columns)
    for row in form_rows(report, provision_level=provision_level):
        writer.writerow(neutralise(cell) for cell in (
            row.section, row.expects, row.answer, "\n".join(row.evidence),
            "\n".join(row.commentary)))
    return out.getvalue()


def _html_answer(answer: str) -> str:
    """The answer in bold; none at all (a provision not yet assessed) is an empty cell."""
    return f"<strong>{e(answer)}</strong>" if answer else ""


def _html_list(items: list[str]) -> str:
    if not items:
        return "–"
    return ('<ul class="cell-list">' + "".join(f"<li>{_html_links(item)}</li>" for item in items)
            + "</ul>")


def _html_links(text: str) -> str:
    """Escaped text whose web addresses (http and https only) are links."""
    return "".join(f'<a href="{e(piece)}">{e(piece)}</a>' if is_link else e(piece)
                   for piece, is_link in links_in(text))


def links_in(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a web address) pieces, for formats that link them; control
    characters are made visible first, so no address carries one into a file."""
    text = visible(text)
    pieces, last = [], 0
    for link in _LINK.finditer(text):
        pieces += [(text[last:link.start()], False), (link.group(0), True)]
        last = link.end()
    return [(piece, is_link) for piece, is_link in [*pieces, (text[last:], False)] if piece]
