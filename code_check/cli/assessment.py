"""``code-check assessment``: start, list, show, import, export and delete assessments."""

from __future__ import annotations

import argparse
from pathlib import Path

from code_check.cli.options import (
    AUTHORITY_TYPES,
    CODES,
    add_format,
    add_rules,
    add_workspace,
    command,
    group,
    iso_date,
)
from code_check.errors import InputError


def register(subparsers) -> None:
    assessment = group(subparsers, "assessment",
                       "start, list, show, import, export and delete assessments")

    new = command(assessment, "new", run_new,
                  "start an assessment: blank, or from the council's latest one")
    _add_council(new, required=True)
    new.add_argument("--assessor", metavar="NAME", help="who is carrying out the assessment")
    new.add_argument("--date", type=iso_date, metavar="DATE",
                     help="date of the assessment (YYYY-MM-DD; default: today)")
    new.add_argument("--from-previous", action="store_true",
                     help="carry over the answers of the council's latest assessment, marked "
                     "until someone confirms them")
    new.add_argument("--codes", choices=(*CODES, "both"),
                     help="the Codes to answer: lgsco (the LGSCO's, the default), hos (the "
                     "Housing Ombudsman's) or both, answered once where they agree")
    _add_catalogue(new)
    add_workspace(new)
    add_format(new)

    listing = command(assessment, "list", run_list,
                      "list the assessments in the workspace, newest first")
    listing.add_argument("--council", metavar="NAME", help="only this council's assessments")
    add_workspace(listing)
    add_format(listing)

    show = command(assessment, "show", run_show, "show one assessment's details and readiness")
    show.add_argument("id", type=int, metavar="ID", help="the assessment's number")
    add_workspace(show)
    add_format(show)

    importing = command(
        assessment, "import", run_import,
        "import a published self-assessment (CSV) or an assessment file (YAML)",
    )
    importing.add_argument("file", type=Path, metavar="FILE",
                           help="the council's published form as .csv, or an assessment .yaml")
    _add_council(importing, required=False)
    importing.add_argument("--assessor", metavar="NAME", help="who made the assessment")
    importing.add_argument("--date", type=iso_date, metavar="DATE",
                           help="date of the assessment (YYYY-MM-DD; default: today)")
    importing.add_argument("-o", "--output", type=Path, metavar="OUT.yaml",
                           help="write an assessment file instead of adding it to the workspace")
    _add_catalogue(importing)
    add_workspace(importing)
    add_format(importing)

    extend = command(assessment, "extend", run_extend,
                     "answer a second Code in the same assessment: the Housing Ombudsman's "
                     "beside the LGSCO's, started from the answers it shares")
    extend.add_argument("id", type=int, metavar="ID", help="the assessment's number")
    extend.add_argument("--with", dest="second", metavar="ID", required=True,
                        help=f"the second Code's catalogue id ({CODES['hos']})")
    extend.add_argument("--homes", type=int, metavar="N",
                        help="homes the council owns: it decides when the Housing "
                        "Ombudsman's self-assessment is due")
    add_rules(extend)
    add_workspace(extend)
    add_format(extend)

    export = command(assessment, "export", run_export,
                     "write an assessment from the workspace to a YAML file")
    export.add_argument("id", type=int, metavar="ID", help="the assessment's number")
    export.add_argument("-o", "--output", type=Path, metavar="OUT.yaml", required=True,
                        help="the file to write")
    add_rules(export)
    add_workspace(export)

    delete = command(assessment, "delete", run_delete,
                     "delete an assessment and its history from the workspace")
    delete.add_argument("id", type=int, metavar="ID", help="the assessment's number")
    delete.add_argument("--yes", action="store_true",
                        help="do not ask for confirmation (for scripts)")
    add_workspace(delete)


def _add_council(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--council", metavar="NAME", required=required,
                        help="the council's name" + ("" if required else
                                                     " (needed for a CSV file)"))
    parser.add_argument("--authority-type", metavar="TYPE",
                        help=f"one of {', '.join(AUTHORITY_TYPES)} (needed for a new council)")
    parser.add_argument("--population", type=int, metavar="N", help="population served")
    parser.add_argument("--landlord", action="store_true", default=None,
                        help="the council owns housing stock")
    parser.add_argument("--homes", type=int, metavar="N",
                        help="homes the council owns: it decides when the Housing "
                        "Ombudsman's self-assessment is due (asked once, kept for the council)")


def _add_catalogue(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalogue", metavar="ID",
                        help=f"the Code's catalogue id: {' or '.join(CODES.values())} "
                        f"(default: {CODES['lgsco']})")
    add_rules(parser)


# new ---------------------------------------------------------------------------------------

def run_new(args) -> int:
    from datetime import date

    from code_check.assessment.model import Assessment
    from code_check.catalogue.files import load_catalogue
    from code_check.store.workspace import Workspace

    first, second = _codes(args)
    catalogue = load_catalogue(first, args.rules)
    assessed_on = args.date or date.today()
    known = _known_council_in_workspace(args)
    council = _council(args, known)
    with Workspace(args.workspace) as workspace:
        previous = workspace.assessments(council.name)[:1] if args.from_previous else []
        if args.from_previous and not previous:
            raise InputError(f"{council.name} has no earlier assessment to start from; "
                             "leave out --from-previous to start a blank one")
        if args.codes and previous and previous[0].catalogue != catalogue.id:
            raise InputError(f"{council.name}'s latest assessment ({previous[0].id}) answers "
                             f"{previous[0].catalogue} first, so its answers cannot start "
                             f"one of {catalogue.id}: leave out --from-previous",
                             field="--codes")
        if known is not None and known != council:
            workspace.save_council(council)
        if previous:
            new_id = workspace.start_from_previous(
                previous[0].id, catalogue, assessed_on=assessed_on, assessor=args.assessor)
        else:
            blank = Assessment(council=council, catalogue=catalogue.id,
                               assessed_on=assessed_on, assessor=args.assessor)
            new_id = workspace.add_assessment(blank, catalogue, author=_author(args))
        if second and workspace.record(new_id).also_catalogue is None:
            workspace.extend(new_id, _second_code(args, catalogue, second),
                             author=_author(args))
        carried = _carried_count(workspace.load(new_id))
    summary = {"id": new_id, "council": council.name, "assessed_on": assessed_on.isoformat(),
               "based_on": previous[0].id if previous else None, "carried_over": carried}
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(summary)
        return 0
    from code_check.cli.output import console, escape

    message = (f"Started assessment {new_id} for {escape(council.name)}, "
               f"dated {assessed_on:%d %B %Y}")
    if previous:
        message += (f", with {carried} answers carried over from assessment {previous[0].id}. "
                    "They are marked as carried over until someone confirms each one.")
    else:
        message += ", with no answers yet."
    if second:
        message += (f" It answers {catalogue.id} and {second}: a provision the two Codes share "
                    "is answered once.")
    console().print(message + _homes_wanted(council, first, second))
    return 0


def _codes(args) -> tuple[str | None, str | None]:
    """The first Code's catalogue id (None: the default) and the second's, if any."""
    if args.codes is None:
        return args.catalogue, None
    if args.catalogue:
        raise InputError("give --codes or --catalogue, not both", field="--codes")
    if args.codes == "both":
        return CODES["lgsco"], CODES["hos"]
    return CODES[args.codes], None


def _second_code(args, first, second_id: str):
    """The second Code's catalogue with the map from the first, or why not, in words."""
    from code_check.assessment.codes import SecondCode
    from code_check.catalogue.files import load_catalogue
    from code_check.cli.sources import map_finder

    second = load_catalogue(second_id, args.rules)
    equivalence = map_finder(args.rules, {first.id: first, second.id: second})(
        first.id, second.id)
    if equivalence is None:
        raise InputError(f"code-check has no map from {first.id} to {second.id}, so it "
                         "cannot tell which answers serve both Codes", field="--with")
    return SecondCode(second, equivalence)


def _carried_count(assessment) -> int:
    from code_check.assessment.codes import stored_answers

    return sum(answer.carried_over for answer in stored_answers(assessment).values())


def _homes_wanted(council, *catalogue_ids) -> str:
    """Ask once for the homes a council owns, where the Housing Ombudsman's Code needs it."""
    if council.homes is not None or CODES["hos"] not in catalogue_ids:
        return ""
    from code_check.cli.output import escape

    return (f" How many homes does {escape(council.name)} own? It decides when the "
            "Housing Ombudsman's self-assessment is due: give it once with --homes N.")


def _known_council(workspace, name: str):
    for council in workspace.councils():
        if council.name.casefold() == name.strip().casefold():
            return council
    return None


def _council(args, known):
    """The council as given on the command line, filling gaps from what the workspace knows."""
    from code_check.assessment.model import Council

    authority_type = args.authority_type or (known.authority_type if known else None)
    if authority_type is None:
        raise InputError(f"{args.council} is not in the workspace yet: give --authority-type "
                         f"({', '.join(AUTHORITY_TYPES)})", field="--authority-type")
    if authority_type not in AUTHORITY_TYPES:
        raise InputError(f"{authority_type!r} is not an authority type (use one of "
                         f"{', '.join(AUTHORITY_TYPES)})", field="--authority-type")
    if args.population is not None and args.population < 1:
        raise InputError("must be a whole number above 0", field="--population")
    homes = _checked_homes(args.homes)
    return Council(
        name=known.name if known else args.council,
        authority_type=authority_type,
        population=args.population if args.population is not None
        else (known.population if known else None),
        landlord=_landlord(args.landlord, homes, known),
        homes=homes if homes is not None else (known.homes if known else None),
    )


def _checked_homes(homes: int | None) -> int | None:
    from code_check.assessment.model import MAX_HOMES

    if homes is not None and not 0 <= homes <= MAX_HOMES:
        raise InputError(f"must be a whole number from 0 to {MAX_HOMES:,}", field="--homes")
    return homes


def _landlord(said: bool | None, homes: int | None, known) -> bool:
    """--landlord where given; else a council given homes owns housing; else as held."""
    if said is not None:
        return said
    if homes:
        return True
    return known.landlord if known else False


def _author(args) -> str | None:
    from code_check.store.author import author_name

    return author_name(getattr(args, "assessor", None))


# list and show -----------------------------------------------------------------------------

def run_list(args) -> int:
    from code_check.store.workspace import Workspace

    with Workspace(args.workspace) as workspace:
        records = workspace.assessments(args.council)
        path = workspace.path
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json([_record_json(record) for record in records])
        return 0
    from code_check.cli.output import console, escape, table

    if not records:
        whose = f" for {escape(args.council)}" if args.council else ""
        console().print(f"No assessments{whose} in the workspace {escape(str(path))}. "
                        "Start one with: code-check assessment new, or try: code-check demo")
        return 0
    from code_check.wording import percent

    grid = table(f"Assessments, newest first ({len(records)})", "No.", "Council", "Date",
                 "Readiness", "Coverage")
    for record in records:
        readiness = f"{percent(record.score)} {escape(record.band)}" if record.band else "-"
        grid.add_row(str(record.id), escape(record.council), record.assessed_on.isoformat(),
                     readiness, percent(record.coverage))
    console().print(grid)
    return 0


def _record_json(record) -> dict:
    return {
        "id": record.id, "council": record.council, "catalogue": record.catalogue,
        "catalogues": record.catalogues,
        "assessed_on": record.assessed_on.isoformat(), "assessor": record.assessor,
        "based_on": record.based_on, "score": record.score, "band": record.band,
        "coverage": record.coverage,
    }


def run_show(args) -> int:
    from code_check.store.workspace import Workspace

    with Workspace(args.workspace) as workspace:
        record = workspace.record(args.id)
        assessment = workspace.load(args.id)
    answers = assessment.answers.values()
    details = {
        **_record_json(record),
        "council_details": assessment.council.model_dump(mode="json"),
        "answers": sum(answer.status is not None for answer in answers),
        "carried_over": sum(answer.carried_over for answer in answers),
        "open_actions": sum(bool(answer.action and not answer.action.done) for answer in answers),
    }
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json(details)
        return 0
    from code_check.cli.output import console, escape, table
    from code_check.wording import percent

    council = assessment.council
    grid = table(f"Assessment {record.id}", "", "", show_header=False)
    rows = [
        ("Council", escape(council.name)),
        ("Authority type", council.authority_type.label),
        ("Population", f"{council.population:,}" if council.population else "-"),
        ("Owns housing", "yes" if council.landlord else "no"),
        *([("Homes owned", f"{council.homes:,}" if council.homes is not None else "-")]
          if council.landlord else []),
        ("Assessed on", f"{record.assessed_on:%d %B %Y}"),
        ("Assessor", escape(record.assessor or "-")),
        ("Catalogue", " and ".join(record.catalogues)),
        ("Readiness", f"{percent(record.score)} ({escape(record.band or '-')})"),
        ("Coverage", percent(record.coverage)),
        ("Answers given", str(details["answers"])),
        ("Carried over, to confirm", str(details["carried_over"])),
        ("Open actions", str(details["open_actions"])),
        ("Started from", f"assessment {record.based_on}" if record.based_on else "-"),
    ]
    for label, value in rows:
        grid.add_row(label, value)
    console().print(grid)
    return 0


# import and export -------------------------------------------------------------------------

def run_import(args) -> int:
    """Read and check the whole file first: a failed import writes nothing anywhere."""
    assessment, catalogue = _read_import(args)
    changed = []
    if args.output is not None:
        from code_check.assessment.files import save_assessment_file

        save_assessment_file(assessment, args.output, catalogue,
                             _second_catalogue(assessment, args.rules))
        where, new_id = str(args.output), None
    else:
        from code_check.store.workspace import Workspace

        with Workspace(args.workspace) as workspace:
            held = _known_council(workspace, assessment.council.name)
            new_id = workspace.add_assessment(assessment, catalogue, author=_author(args))
            where = f"assessment {new_id}"
        changed = _council_changes(held, assessment.council)
    from code_check.assessment.scoring import score

    overall = score(catalogue, assessment).overall
    answered = sum(answer.status is not None for answer in assessment.answers.values())
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json({"id": new_id, "file": None if new_id else where,
                    "council": assessment.council.name, "answers": answered,
                    "score": overall.score, "band": overall.band,
                    "council_changes": [{"field": field, "was": was, "now": now}
                                        for field, was, now in changed]})
        return 0
    from code_check.cli.output import console, escape
    from code_check.wording import percent

    if changed:
        console().print(escape(
            f"Changed the details held for {assessment.council.name}: "
            + "; ".join(f"{field} was {was}, now {now}" for field, was, now in changed)
            + " (all its assessments share them)."), soft_wrap=True)
    console().print(
        f"Imported {answered} answers for {escape(assessment.council.name)} "
        f"(assessed {assessment.assessed_on:%d %B %Y}) as {escape(where)}: readiness "
        f"{percent(overall.score)}, {escape(overall.band)}.")
    return 0


def _council_changes(held, imported) -> list[tuple[str, str, str]]:
    """Which of a held council's details an import replaces, as (field, was, now) to show."""
    if held is None:
        return []
    shown = {
        "authority type": lambda council: council.authority_type.label,
        "population": lambda council: f"{council.population:,}" if council.population
        else "not given",
        "owns housing": lambda council: "yes" if council.landlord else "no",
        "homes": lambda council: "not given" if council.homes is None
        else f"{council.homes:,}",
    }
    return [(field, show(held), show(imported)) for field, show in shown.items()
            if show(held) != show(imported)]


def _read_import(args):
    """The file as ``code_check.importing`` reads it for both shells; what the command line
    gives (council, date, assessor) wins over what an assessment file says."""
    from code_check.catalogue.files import load_catalogues
    from code_check.cli.sources import map_finder
    from code_check.importing import is_published_form, read_import

    catalogues = load_catalogues(args.rules)
    assessment, catalogue = read_import(args.file, catalogues, lambda: _form_details(args),
                                        map_finder(args.rules, catalogues))
    if is_published_form(args.file):
        return assessment, catalogue
    return _with_command_line_details(args, assessment), catalogue


def _form_details(args):
    """Whose a published form is, which the command line must say."""
    from datetime import date

    from code_check.catalogue.files import load_catalogue
    from code_check.importing import FormDetails

    if not args.council:
        raise InputError("say whose self-assessment this is with --council NAME",
                         field="--council")
    council = _council(args, _known_council_in_workspace(args) if args.output is None else None)
    return FormDetails(catalogue=load_catalogue(args.catalogue, args.rules), council=council,
                       assessed_on=args.date or date.today(), assessor=args.assessor)


def _with_command_line_details(args, assessment):
    council = _council(argparse.Namespace(**{**vars(args), "council": assessment.council.name}),
                       assessment.council)
    if args.council:
        council = council.model_copy(update={"name": args.council.strip()})
    changes = {"council": council}
    if args.date:
        changes["assessed_on"] = args.date
    if args.assessor:
        changes["assessor"] = args.assessor
    return assessment.model_copy(update=changes)


def _known_council_in_workspace(args):
    """What the workspace knows of the council, read without creating a workspace file."""
    from code_check.store.workspace import Workspace, default_workspace_path

    path = args.workspace or default_workspace_path()
    if not Path(path).exists():
        return None
    with Workspace(path) as workspace:
        return _known_council(workspace, args.council)


def run_export(args) -> int:
    from code_check.assessment.files import save_assessment_file
    from code_check.catalogue.files import load_catalogue
    from code_check.store.workspace import Workspace

    with Workspace(args.workspace) as workspace:
        assessment = workspace.load(args.id)
    catalogue = load_catalogue(assessment.catalogue, args.rules)
    save_assessment_file(assessment, args.output, catalogue,
                         _second_catalogue(assessment, args.rules))
    from code_check.cli.output import console, escape

    console().print(f"Wrote assessment {args.id} ({escape(assessment.council.name)}, "
                    f"{assessment.assessed_on:%d %B %Y}) to {escape(str(args.output))}.")
    return 0


def _second_catalogue(assessment, rules):
    """The catalogue of the second Code an assessment answers, to write it in Code order."""
    from code_check.catalogue.files import load_catalogue

    return assessment.also and load_catalogue(assessment.also.catalogue, rules)


# extend ------------------------------------------------------------------------------------

def run_extend(args) -> int:
    from code_check.catalogue.files import load_catalogue
    from code_check.store.workspace import Workspace

    with Workspace(args.workspace) as workspace:
        record = workspace.record(args.id)
        second = _second_code(args, load_catalogue(record.catalogue, args.rules), args.second)
        if args.homes is not None:
            held = workspace.council(record.council)
            workspace.save_council(held.model_copy(update={
                "homes": _checked_homes(args.homes), "landlord": True}))
        extended = workspace.extend(args.id, second, author=_author(args))
    shared = [r.id for r in second.catalogue.requirements
              if second.equivalence.same_as(r.id) is not None]
    assert extended.also is not None  # just extended
    carried = len(extended.also.answers)
    own = len(second.catalogue.requirements) - len(shared) - carried
    if args.format == "json":
        from code_check.cli.output import print_json

        print_json({"id": args.id, "catalogues": [record.catalogue, second.catalogue.id],
                    "answered_once": len(shared), "carried_over": carried,
                    "to_answer": own})
        return 0
    from code_check.cli.output import console, escape

    console().print(
        f"Assessment {args.id} ({escape(record.council)}, {record.assessed_on:%d %B %Y}) now "
        f"answers {second.catalogue.id} as well: {len(shared)} of its provisions are the "
        f"same as one of {record.catalogue}'s and are answered once, through it; {carried} "
        f"start from the answers of close {record.catalogue} provisions, marked as carried "
        f"over until someone confirms each one for housing; {own} are still to answer."
        + _homes_wanted(extended.council, second.catalogue.id))
    return 0


# delete ------------------------------------------------------------------------------------

def run_delete(args) -> int:
    from code_check.cli.output import one_line
    from code_check.store.workspace import Workspace

    with Workspace(args.workspace) as workspace:
        record = workspace.record(args.id)
        answers = len(workspace.load(args.id).answers)
        what = one_line(f"assessment {record.id} ({record.council}, "
                        f"{record.assessed_on:%d %B %Y}, {answers} answers and their history)")
        if not args.yes and not _confirmed(f"Delete {what}? This cannot be undone. [y/N] "):
            print(f"Kept {what}.")
            return 1
        workspace.delete_assessment(record.id)
    print(f"Deleted {what}.")
    return 0


def _confirmed(question: str) -> bool:
    import sys

    if not sys.stdin.isatty():
        raise InputError("deleting needs confirmation: run it in a terminal to be asked, "
                         "or add --yes")
    try:
        reply = input(question)
    except EOFError:
        return False
    return reply.strip().casefold() in ("y", "yes")
