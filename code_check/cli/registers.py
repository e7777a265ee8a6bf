"""``code-check learning`` and ``code-check decisions``: the two registers the annual complaints
report rests on, kept in the workspace (add, list, import, export).

Both hold references and roles, never names: the options say so, and the registers refuse
text that is plainly an email address or a telephone number.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from code_check.cli.options import add_as_of, add_format, add_rules, add_workspace, command, group

NOT_A_NAME = "a reference, not a name"
DATE_FORMS = "31/03/2026 or 2026-03-31"
# The Ombudsmen's decisions in their own terms (code_check.registers.model.Decision; spelt out
# so that building the parser never loads pydantic, and a test keeps the two the same).
DECISIONS_IN_WORDS = (
    "for the LGSCO: upheld: fault and injustice; upheld: fault, no injustice; upheld: fault, "
    "already remedied; not upheld: no fault; closed after initial enquiries. For the Housing "
    "Ombudsman: severe maladministration; maladministration; service failure; reasonable "
    "redress; no maladministration. For either: premature; outside jurisdiction; withdrawn")


@dataclass(frozen=True)
class Option:
    """One field of an entry as an option of ``add``, and as a column of its files."""

    field: str
    metavar: str | None
    help: str
    repeated: bool = False  # given once per item (--complaint A --complaint B)
    choices: tuple[str, ...] | None = None

    @property
    def flag(self) -> str:
        name = self.field.removesuffix("s") if self.repeated else self.field
        return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class Register:
    command: str
    model: str  # the class in code_check.registers.model, imported when a command runs
    entry_words: str
    entries_words: str
    purpose: str
    options: tuple[Option, ...]


COUNCIL = Option("council", "NAME", "the council's name")
LEARNING = Register("learning", "LearningEntry", "learning entry", "learning entries", (
    "the learning register: service improvements made from what complaints showed (Code 9.1 "
    "to 9.3), for the annual complaints report"), (
    COUNCIL,
    Option("learned", "TEXT", "what the complaints showed"),
    Option("complaints", "REF", f"a complaint it came from: {NOT_A_NAME} (repeat for each)",
           repeated=True),
    Option("service", "NAME", "the service concerned, such as Housing repairs"),
    Option("changed", "TEXT", "what changed as a result"),
    Option("changed_on", "DATE", f"when the change was made ({DATE_FORMS})"),
    Option("owner", "ROLE", "who owns the change: a role, not a person's name"),
    Option("provisions", "ID", "a provision of the Code it is evidence for, such as 9.1 "
           "(repeat for each)", repeated=True),
))
DECISIONS = Register("decisions", "OmbudsmanDecision", "Ombudsman decision",
                     "Ombudsman decisions", (
    "the register of Ombudsman decisions and reports: findings, remedies and whether they "
    "were complied with, for the annual complaints report"), (
    COUNCIL,
    Option("ombudsman", None, "which Ombudsman decided: lgsco (Local Government and Social "
           "Care) or hos (Housing)", choices=("lgsco", "hos")),
    Option("reference", "REF", f"the Ombudsman's case reference: {NOT_A_NAME}"),
    Option("decided_on", "DATE", f"when the Ombudsman decided ({DATE_FORMS})"),
    Option("decision", "WORDS", f"what it decided, in its own terms: {DECISIONS_IN_WORDS}"),
    Option("complaint_handling_fault", None, "it found fault in how the complaint was handled "
           "(a finding of non-compliance with the Code)"),
    Option("remedy", "TEXT", "what the council agreed to do to put things right"),
    Option("remedy_due", "DATE", f"when the remedy is due ({DATE_FORMS})"),
    Option("remedy_complied", None, "whether the remedy was carried out (default with a "
           "remedy: pending)", choices=("yes", "no", "pending")),
    Option("report", "KIND", "a report the Ombudsman issued on the case: none (the default), "
           "public interest report, special report or other report"),
    Option("note", "TEXT", "anything else worth knowing"),
))
REQUIRED = {"council", "learned", "service", "changed", "changed_on", "owner", "ombudsman",
            "reference", "decided_on", "decision"}


def register(subparsers) -> None:
    for kind in (LEARNING, DECISIONS):
        _register(subparsers, kind)


def _register(subparsers, kind: Register) -> None:
    commands = group(subparsers, kind.command, kind.purpose)
    adding = command(commands, "add", run_add, f"add {_a(kind.entry_words)} to the workspace")
    for option in kind.options:
        _add_option(adding, option)
    add_workspace(adding)
    add_format(adding)

    listing = command(commands, "list", run_list,
                      f"the {kind.command} register, year by year (financial years, April "
                      "to March)")
    _add_filters(listing)
    if kind is DECISIONS:
        add_as_of(listing, "mark remedies overdue")
    add_workspace(listing)
    add_format(listing)

    importing = command(commands, "import", run_import,
                        f"bring a CSV or YAML file of {kind.entries_words} into the "
                        "workspace", epilog=_columns_help(kind),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    importing.add_argument("file", type=Path, metavar="FILE", help="a .csv, .yaml or .yml file")
    add_rules(importing)
    add_workspace(importing)
    add_format(importing)

    exporting = command(commands, "export", run_export,
                        f"write the {kind.command} register to a CSV or YAML file (with no "
                        "entries, the columns alone: a form to fill in)")
    exporting.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                           help="the file to write: .csv, .yaml or .yml")
    _add_filters(exporting)
    add_workspace(exporting)
    for parser in (adding, listing, importing, exporting):
        parser.set_defaults(kind=kind)


def _a(words: str) -> str:
    return f"{'an' if words[0] in 'aeiouAEIOU' else 'a'} {words}"


def _add_option(parser: argparse.ArgumentParser, option: Option) -> None:
    if option.metavar is None and option.choices is None:
        parser.add_argument(option.flag, dest=option.field, action="store_true",
                            default=None, help=option.help)
        return
    parser.add_argument(option.flag, dest=option.field, metavar=option.metavar,
                        choices=option.choices, help=option.help,
                        required=option.field in REQUIRED,
                        action="append" if option.repeated else "store")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--council", metavar="NAME", help="only this council's entries")
    parser.add_argument("--year", metavar="YEAR",
                        help="only this financial year, such as 2025-26")


def _columns_help(kind: Register) -> str:
    """The file's columns, as its --help explains them (the header row names them)."""
    lines = ["columns (the header row names them; year may be given and is checked):"]
    for option in kind.options:
        many = "; several between semicolons" if option.repeated else ""
        choices = f" ({', '.join(option.choices)})" if option.choices else ""
        lines.append(f"  {option.field}: {option.help.removesuffix(' (repeat for each)')}"
                     f"{choices}{many}")
    return "\n".join(lines)


# add ----------------------------------------------------------------------------------------

def run_add(args) -> int:
    from code_check.store.author import author_name
    from code_check.store.registers import RegistersStore
    from code_check.store.workspace import Workspace

    kind: Register = args.kind
    entry = _entry_from_options(args, kind)
    with Workspace(getattr(args, "workspace", None)) as workspace:
        number = RegistersStore(workspace).add(entry, author=author_name())
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(_as_json(number, entry))
        return 0
    from code_check.cli.output import console, escape

    console().print(f"Added {kind.entry_words} No. {number} for {escape(entry.council)} "
                    f"({entry.year}).", soft_wrap=True)
    return 0


def _entry_from_options(args, kind: Register):
    """The entry the options give, checked against the bundled Codes; a problem names the
    option at fault."""
    from pydantic import ValidationError

    from code_check.catalogue.files import load_catalogues
    from code_check.errors import InputError
    from code_check.registers import model

    given = {o.field: getattr(args, o.field) for o in kind.options
             if getattr(args, o.field) is not None}
    try:
        return getattr(model, kind.model).model_validate(
            given, context={"catalogues": load_catalogues().values()})
    except ValidationError as exc:
        field, problem = model.first_problem(exc)
        flag = next((o.flag for o in kind.options if o.field == field), field)
        raise InputError(problem, field=flag) from None


# list ---------------------------------------------------------------------------------------

def _held(args, kind: Register, *, by_year: bool = True):
    """The entries asked for, as ``Held`` (number and entry), and the workspace's path."""
    from code_check.statistics.model import typed_financial_year
    from code_check.store.registers import RegistersStore
    from code_check.store.workspace import Workspace

    year = typed_financial_year(args.year, "--year") if args.year and by_year else None
    with Workspace(getattr(args, "workspace", None)) as workspace:
        store = RegistersStore(workspace)
        held = (store.learning if kind is LEARNING else store.decisions)(args.council, year)
        return held, workspace.path


def run_list(args) -> int:
    kind: Register = args.kind
    held, path = _held(args, kind)
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json([_as_json(h.id, h.entry) for h in held])
        return 0
    from code_check.cli.output import console, escape

    out = console()
    if not held:
        out.print(f"No {kind.entries_words}{_filtered(args)} in {escape(str(path))}; add them "
                  f"with code-check {kind.command} add, or import a file.", soft_wrap=True)
        return 0
    for year in sorted({h.entry.year for h in held}):
        in_year = [h for h in held if h.entry.year == year]
        if kind is LEARNING:
            _print_learning(out, year, in_year)
        else:
            _print_decisions(out, year, in_year, args.as_of)
    if kind is DECISIONS:
        _print_remedy_figures(out, args, sorted({h.entry.year for h in held}))
    return 0


def _filtered(args) -> str:
    return (f" for {args.council}" if args.council else "") + \
        (f" in {args.year}" if args.year else "")


def _print_learning(out, year: str, held) -> None:
    from code_check.cli.output import escape, table

    grid = table(f"Learning in {year} ({len(held)})", "No.", "Council", "Changed on",
                 "Service", "What changed", "Owner", "From", "Code")
    for number, entry in ((h.id, h.entry) for h in held):
        grid.add_row(str(number), escape(entry.council), entry.changed_on.isoformat(),
                     escape(entry.service), escape(entry.changed), escape(entry.owner),
                     escape(", ".join(entry.complaints) or "-"),
                     ", ".join(entry.provisions) or "-")
    out.print(grid)


def _print_decisions(out, year: str, held, as_of) -> None:
    from datetime import date

    from code_check.cli.output import escape, table

    as_of = as_of or date.today()
    grid = table(f"Ombudsman decisions in {year} ({len(held)})", "No.", "Council",
                 "Decided", "Ombudsman", "Reference", "Decision", "Remedy due", "Complied",
                 "Report")
    for number, entry in ((h.id, h.entry) for h in held):
        fault = "; fault in complaint handling" if entry.complaint_handling_fault else ""
        overdue = " (overdue)" if entry.remedy_overdue(as_of) else ""
        grid.add_row(str(number), escape(entry.council), entry.decided_on.isoformat(),
                     entry.ombudsman.value.upper(), escape(entry.reference),
                     entry.decision.label + fault,
                     entry.remedy_due.isoformat() if entry.remedy_due else "-",
                     (entry.remedy_complied.label if entry.remedy_complied else "-") + overdue,
                     "-" if entry.report.value == "none" else entry.report.label)
    out.print(grid)


def _print_remedy_figures(out, args, years: list[str]) -> None:
    """Each council's remedies due in each year shown, from all its decisions (a remedy may
    fall due in the year after the decision), as the Ombudsman's annual letter counts them."""
    from code_check.cli.output import escape
    from code_check.registers.model import non_compliance_findings, remedy_figures
    from code_check.wording import percent

    held, _ = _held(args, DECISIONS, by_year=False)
    for council in sorted({h.entry.council for h in held}):
        decisions = [h.entry for h in held if h.entry.council == council]
        for year in years:
            figures = remedy_figures(decisions, year)
            findings = len(non_compliance_findings(decisions, year))
            out.print(f"{escape(council)}, {year}: remedies due {figures.due}, complied with "
                      f"{figures.complied} ({percent(figures.percent)}), {figures.pending} "
                      f"pending; findings of fault in complaint handling: {findings}.",
                      soft_wrap=True)


def _as_json(number: int, entry) -> dict:
    """An entry for scripts: its number, its financial year, and its fields as held."""
    return {"id": number, "year": entry.year, **entry.model_dump(mode="json")}


# import and export ----------------------------------------------------------------------------

def run_import(args) -> int:
    from code_check.catalogue.files import load_catalogues
    from code_check.registers import model
    from code_check.registers.files import read_register
    from code_check.store.author import author_name
    from code_check.store.registers import RegistersStore
    from code_check.store.workspace import Workspace

    kind: Register = args.kind
    entries = read_register(args.file, getattr(model, kind.model),
                            load_catalogues(args.rules).values())
    with Workspace(getattr(args, "workspace", None)) as workspace:
        result = RegistersStore(workspace).import_entries(entries, author=author_name())
        path = workspace.path
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json({"workspace": str(path), "added": result.added, "changed": result.changed,
                    "unchanged": result.unchanged})
        return 0
    from code_check.cli.output import console, escape

    changed = " (cases held under the same reference)" if kind is DECISIONS else ""
    console().print(f"Read {len(entries)} {kind.entries_words} from {escape(str(args.file))} "
                    f"into {escape(str(path))}: {result.added} added, {result.changed} "
                    f"changed{changed}, {result.unchanged} already held.", soft_wrap=True)
    return 0


def run_export(args) -> int:
    from code_check.registers import model
    from code_check.registers.files import write_register

    kind: Register = args.kind
    held, _ = _held(args, kind)
    write_register(args.output, [h.entry for h in held], getattr(model, kind.model))
    from code_check.cli.output import console, escape

    what = f"{len(held)} {kind.entries_words}" if held else \
        "no entries: the columns alone, to fill in"
    console().print(f"Wrote {what} to {escape(str(args.output))}.", soft_wrap=True)
    return 0


# lint ---------------------------------------------------------------------------------------

def register_findings_for(args, council: str, as_of):
    """``lint``'s findings on what the workspace holds of a council beside its assessments:
    its registers (``code_check.registers.checks``) and the governing body's response to the
    latest annual report due (``code_check.registers.response``), read in one opening."""
    from code_check.registers.checks import register_findings
    from code_check.registers.model import financial_year_of
    from code_check.registers.response import response_findings
    from code_check.store.annual_responses import ResponsesStore
    from code_check.store.registers import RegistersStore
    from code_check.store.workspace import Workspace

    with Workspace(getattr(args, "workspace", None)) as workspace:
        store = RegistersStore(workspace)
        learning = [h.entry for h in store.learning(council)]
        decisions = [h.entry for h in store.decisions(council)]
        assessed = [record.assessed_on for record in workspace.assessments(council)]
        responded = ResponsesStore(workspace).years(council)
    # the years code-check holds anything of the council's for: a year it knows nothing of
    # has no report of code-check's to respond to
    active = {financial_year_of(day) for day in assessed} | {e.year for e in learning} \
        | {e.year for e in decisions}
    return register_findings(learning, decisions, as_of=as_of) + response_findings(
        responded, active, council=council, as_of=as_of)
