"""Read YAML into pydantic models, reporting every problem as ``file:line: field: what``.

YAML is composed first (so every node keeps its line), then built with the safe
constructor only: a ``!!python/...`` tag is refused, never constructed. Validation errors
are mapped back from pydantic's ``loc`` to the node they came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from code_check.errors import InputError, LocatedValueError
from code_check.files import read_bytes

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
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", source=source, line=1)
        _refuse_duplicate_keys(node, source)
        return loader.construct_document(node), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(_yaml_problem(exc), source=source, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML ({exc})", source=source) from None
    finally:
        loader.dispose()


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
    data: Any, node: yaml.Node, model: type[Model], source: str | Path, context: dict | None = None
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


def _line_of(root: yaml.Node, loc: tuple) -> int:
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


def _field_name(loc: tuple) -> str | None:
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


def _plain(error: dict) -> str:
    if error["type"] in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[error["type"]]
    if error["type"] == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        if pattern == r"\S":
            return "must not be blank"
        return f"{error['input']!r} is not in the expected form (pattern {pattern})"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[:1].lower() + message[1:]


def _kind(data: Any) -> str:
    if data is None:
        return "nothing"
    if isinstance(data, list):
        return "a list"
    return f"a single value ({data!r})"[:60]
