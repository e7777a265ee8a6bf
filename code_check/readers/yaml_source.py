"""Read YAML into pydantic models, reporting every problem as ``file:line: field: what``.

YAML is composed first (so every node keeps its line), then built with the safe
constructor only: a ``!!python/...`` tag is refused, never constructed. Validation errors
are mapped back from pydantic's ``loc`` to the node they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from code_check.errors import InputError, Loc, LocatedValueError, plain_problem, quoted
from code_check.readers.files import read_bytes

Model = TypeVar("Model", bound=BaseModel)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path) -> str:
    """The file's text, or an InputError naming what is wrong with it."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            source=path,
            line=line,
        ) from None


def compose(text: str, source: str | Path) -> tuple[Any, yaml.Node]:
    """Parse YAML safely, returning the plain data and its node tree."""
    loader = _Loader(text)
    try:
        _refuse_anchors(text, source)
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", source=source, line=1)
        _refuse_duplicate_keys(node, source)
        return _construct(loader, node, source), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(_yaml_problem(exc), source=source, line=line) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(
            f"contains a control character (code {exc.character}), which YAML does not allow; "
            "delete it", source=source, line=_line_of_control_character(text),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML ({exc})", source=source) from None
    finally:
        loader.dispose()


def _refuse_anchors(text: str, source: str | Path) -> None:
    """No file code-check reads needs anchors or aliases, and a few hundred bytes of nested
    aliases expand to billions of values (an alias bomb): refuse them before anything expands.
    Scanning the events is linear in the text; a file without ``&`` or ``*`` needs no scan."""
    if "&" not in text and "*" not in text:
        return
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                written = f"*{anchor}" if isinstance(event, yaml.AliasEvent) else f"&{anchor}"
                raise InputError(
                    f"uses the YAML anchor or alias {quoted(written)}: they are not allowed "
                    "here, so write each value out in full",
                    source=source, line=event.start_mark.line + 1,
                )
    finally:
        loader.dispose()


def _line_of_control_character(text: str) -> int | None:
    """PyYAML gives the character's position (in bytes, from libyaml), not its line."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


# What the safe constructor raises on a scalar its tag cannot hold (2026-02-30, !!float "x",
# an integer of more than 4,300 digits, !!bool maybe).
_UNREADABLE_SCALAR = (ValueError, LookupError, AttributeError, ArithmeticError)
_PLAIN_DIGITS = re.compile(r"[-+]?[0-9_]+")  # an int tag's digits fail only when too many
_NOT_A = {
    "tag:yaml.org,2002:timestamp": "is not a real date",
    "tag:yaml.org,2002:int": "is not a whole number",
    "tag:yaml.org,2002:float": "is not a number",
    "tag:yaml.org,2002:bool": "is not true or false",
}


def _construct(loader: yaml.constructor.BaseConstructor, node: yaml.Node,
               source: str | Path) -> Any:
    try:
        return loader.construct_document(node)
    except _UNREADABLE_SCALAR:
        raise _unreadable_scalar(node, source) from None


def _unreadable_scalar(root: yaml.Node, source: str | Path) -> InputError:
    """Find the first scalar that cannot be built, for its line and field."""
    constructor = yaml.constructor.SafeConstructor()
    for scalar, loc in _scalars_in_order(root):
        try:
            constructor.construct_object(scalar)
        except _UNREADABLE_SCALAR as exc:
            return InputError(_unreadable_problem(scalar, exc), source=source,
                              line=scalar.start_mark.line + 1, field=_field_name(loc))
    return InputError("has a value that cannot be read", source=source)


def _scalars_in_order(root: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, Loc]]:
    """Every scalar (keys too) in the order written, with the field path that leads to it."""
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node, loc
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, (*loc, name)))
                stack.append((key, loc))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(item, (*loc, index)) for index, item in enumerate(node.value)]))


def _unreadable_problem(scalar: yaml.ScalarNode, exc: Exception) -> str:
    value = quoted(scalar.value)
    if scalar.tag.endswith(":int") and _PLAIN_DIGITS.fullmatch(scalar.value):
        return f"{value} is too long to be a number (more than 4,300 digits)"
    problem = f"{value} {_NOT_A.get(scalar.tag, 'cannot be read as its tag ' + scalar.tag)}"
    if scalar.tag.endswith(":timestamp") and isinstance(exc, ValueError):
        return f"{problem} ({exc})"  # "day is out of range for month"
    return problem


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '")
        return f"the tag {tag} is not allowed (only plain YAML data is read)"
    return f"YAML syntax error: {problem}"


def _refuse_duplicate_keys(node: yaml.Node, source: str | Path) -> None:
    """PyYAML silently keeps the last of two equal keys; an answer could vanish that way."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise InputError(
                            "appears twice in the same mapping",
                            source=source,
                            line=key.start_mark.line + 1,
                            field=key.value,
                        )
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def validate(
    data: Any, node: yaml.Node, model: type[Model], source: str | Path,
    context: dict[str, Any] | None = None,
) -> Model:
    """Validate plain data against ``model``; the first problem becomes an InputError."""
    if not isinstance(data, dict):
        raise InputError(
            f"expected a mapping of fields at the top level, found {_kind(data)}",
            source=source,
            line=node.start_mark.line + 1,
        )
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise located_error(exc, node, source) from None


def load_model(path: Path, model: type[Model]) -> Model:
    """Read, parse and validate one YAML file."""
    data, node = compose(read_text(path), path)
    return validate(data, node, model, path)


def located_error(exc: ValidationError, root: yaml.Node | None, source: str | Path) -> InputError:
    """The first validation problem, located at its line in the YAML."""
    errors = exc.errors(include_url=False)
    located = []
    for error in errors:
        loc = tuple(error["loc"])
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedValueError):
            loc = loc + cause.loc
        line = _line_of(root, loc) if root is not None else None
        located.append((line or 0, loc, error))
    line, loc, error = min(located, key=lambda item: item[0])
    return InputError(_plain(error), source=source, line=line or None, field=_field_name(loc))


def _line_of(root: yaml.Node, loc: Loc) -> int:
    """Line of the deepest key in ``loc`` that exists (a missing field: its parent's key)."""
    node, line = root, root.start_mark.line + 1
    for part in loc:
        found = _entry(node, part)
        if found is None:
            break
        key, node = found
        line = (key or node).start_mark.line + 1
    return line


def _entry(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def _field_name(loc: Loc) -> str | None:
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part}]"
        elif not part.startswith(("function-", "literal[")):
            name += f".{part}" if name else part
    return name or None


_PLAIN_MESSAGES = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known field (check the spelling)",
    "date_parsing": "is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31",
    "date_from_datetime_parsing": "is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31",
    "date_type": "is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31",
}


def _plain(error: ErrorDetails) -> str:
    if error["type"] == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        if pattern == r"\S":
            return "must not be blank"
        return f"{quoted(error['input'])} is not in the expected form (pattern {pattern})"
    return plain_problem(error, _PLAIN_MESSAGES)


def _kind(data: Any) -> str:
    if data is None:
        return "nothing"
    if isinstance(data, list):
        return "a list"
    return f"a single value ({quoted(data)})"
