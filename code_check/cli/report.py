"""``code-check report``: the gap report and its exports, for one council or a cohort."""

from __future__ import annotations

import argparse
from pathlib import Path

from code_check.cli.options import (
    add_catalogue_view,
    add_log_as_of,
    add_paper,
    add_rules,
    add_workspace,
    command,
)
from code_check.cli.sources import add_assessment_source, load_source
from code_check.errors import InputError

FORMAT_NAMES = ("md", "html", "docx", "xlsx", "csv", "json", "template")
COHORT_FORMATS = ("html", "md", "xlsx")


def register(subparsers) -> None:
    parser = command(
        subparsers, "report", run_report,
        "export the gap report: web page, committee paper, published form, action plan, data",
    )
    add_assessment_source(parser)
    parser.add_argument("--format", choices=FORMAT_NAMES, required=True,
                        help="html, docx (committee paper), template (the published LGSCO "
                        "form: HTML, or .docx/.csv by the file name), xlsx (action plan), "
                        "md, csv or json")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help="the file to write")
    parser.add_argument("--previous", metavar="ASSESSMENT",
                        help="an earlier assessment (YAML file or workspace number) to show "
                        "progress against (default for a workspace assessment: the council's "
                        "previous one)")
    parser.add_argument("--stats", type=Path, metavar="FILE",
                        help="the Ombudsman's statistics (.csv or .yaml) to set beside the "
                        "assessment (default for a workspace assessment: the figures held in "
                        "the workspace for the council)")
    parser.add_argument("--log", type=Path, metavar="COMPLAINTS.csv",
                        help="the council's complaint log: timeliness against the Code's limits, "
                        "and the answers it contradicts")
    add_log_as_of(parser, "overdue actions")
    add_paper(parser, "docx, html, md: ")
    parser.add_argument("--provision-level", action="store_true",
                        help="template: one row per provision instead of one per section")
    parser.add_argument("--cohort", action="store_true",
                        help="several councils side by side from the workspace (html, md, xlsx)")
    parser.add_argument("--councils", nargs="+", metavar="NAME",
                        help="with --cohort: only these councils (default: all)")
    add_catalogue_view(parser, "the assessment's first Code; page 1 gives its readiness "
                       "under the other")
    add_rules(parser)
    add_workspace(parser)


def run_report(args) -> int:
    from datetime import UTC, date, datetime

    from code_check.cli.output import one_line

    generated_at = datetime.now(UTC).replace(microsecond=0)
    as_of = args.as_of or date.today()
    written = _cohort(args, generated_at) if args.cohort else _single(args, generated_at, as_of)
    print(f"Wrote {one_line(str(written))}")
    return 0


def _single(args, generated_at, as_of) -> Path:
    from code_check.gather import previous_under, with_other_codes
    from code_check.report.formats import export
    from code_check.report.model import build_report

    if args.councils:
        raise InputError("--councils goes with --cohort", field="--councils")
    stored = load_source(args)
    loaded = stored.under(args.catalogue)
    held = previous_under(_held(args, loaded), loaded.catalogue.id, stored.catalogues,
                          stored.map_for)
    previous, previous_catalogue = held.previous, held.previous_catalogue
    if args.previous:
        chosen = load_source(argparse.Namespace(**{
            **vars(args), "assessment": args.previous, "assessment_id": None,
        })).under(args.catalogue)
        previous, previous_catalogue = chosen.assessment, chosen.catalogue
    report = build_report(
        loaded.catalogue, loaded.assessment,
        previous=previous, previous_catalogue=previous_catalogue,
        statistics=_statistics(args, loaded) if args.stats is not None else held.statistics,
        complaint_log=_complaint_log(args, as_of),
        generated_at=generated_at, as_of=as_of, as_of_asked=args.as_of is not None,
        paper=_paper(args),
    )
    report = with_other_codes(report, stored.assessment, stored.catalogues, stored.map_for)
    return export(report, args.format, args.output, provision_level=args.provision_level)


def _held(args, loaded):
    """For a workspace assessment: its previous assessment and the council's figures."""
    from code_check.gather import HeldBeside

    if loaded.workspace_id is None:
        return HeldBeside()
    from code_check.catalogue.files import load_catalogues
    from code_check.gather import held_beside
    from code_check.store.workspace import Workspace

    with Workspace(getattr(args, "workspace", None)) as workspace:
        return held_beside(workspace, loaded.workspace_id,
                           load_catalogues(getattr(args, "rules", None)))


def _paper(args):
    if args.paper is None:
        return None
    from code_check.readers.yaml_source import load_model
    from code_check.report.paper import PaperDetails

    return load_model(args.paper, PaperDetails)


def _complaint_log(args, as_of):
    if args.log is None:
        return None
    from code_check.gather import complaint_log_for_report

    return complaint_log_for_report(args.log, as_of, as_of_asked=args.as_of is not None)


def _statistics(args, loaded) -> list:
    """The council's figures from ``--stats``."""
    from code_check.statistics.files import read_statistics

    council = loaded.assessment.council.name
    rows = read_statistics(args.stats)
    if not any(row.council.casefold() == council.casefold() for row in rows):
        held = ", ".join(sorted({row.council for row in rows}))
        raise InputError(f"no figures for {council} (the file has: {held})",
                         source=args.stats, field="council")
    return rows


def _cohort(args, generated_at) -> Path:
    from code_check.readers.files import write_atomically
    from code_check.report.cohort import build_cohort
    from code_check.report.cohort_export import COHORT_FORMATS as RENDERERS

    if args.format not in COHORT_FORMATS:
        raise InputError(f"the cohort report comes as {', '.join(COHORT_FORMATS)}, not "
                         f"{args.format}", field="--format")
    if args.assessment or args.assessment_id:
        raise InputError("--cohort reads every council's latest assessment from the "
                         "workspace; leave out ASSESSMENT", field="--cohort")
    from code_check.catalogue.files import load_catalogues
    from code_check.gather import cohort_entries
    from code_check.store.workspace import Workspace

    catalogues = load_catalogues(getattr(args, "rules", None))
    with Workspace(getattr(args, "workspace", None)) as workspace:
        entries = cohort_entries(workspace, catalogues, args.councils)
    cohort = build_cohort(entries, generated_at=generated_at)
    write_atomically(args.output, RENDERERS[args.format](cohort))
    return args.output
