"""Find, read and cache catalogue files (``code_rules/*.yaml``).

The cache is keyed by a hash of the file's bytes, so it can never serve a stale catalogue:
an edited file simply misses and is validated afresh. Each entry holds the validated
catalogue and its requirement listing, so ``rules list --format json`` can answer from the
cache without loading pydantic at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from code_check import __version__
from code_check.errors import InputError
from code_check.readers.files import read_bytes, write_atomically

if TYPE_CHECKING:
    from code_check.catalogue.equivalence import Equivalence
    from code_check.catalogue.model import Catalogue

DEFAULT_CATALOGUE = "lgsco-2024"
DEFAULT_MAP = "lgsco-2024--hos-2024"
_CACHE_ENV = "CODE_CHECK_CACHE_DIR"


def bundled_rules_dir() -> Path:
    """The catalogues shipped with code-check."""
    import code_rules

    return Path(code_rules.__file__).parent


def rules_paths(path: Path | None = None) -> list[Path]:
    """The catalogue and map files in a folder (or the one file named)."""
    path = path or bundled_rules_dir()
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not found:
            raise InputError("no catalogue files (*.yaml) in this folder", source=path)
        return found
    return [path]


def is_map_file(path: Path) -> bool:
    """Maps are named FROM--TO.yaml; a catalogue id never holds '--'."""
    return "--" in path.stem


def catalogue_paths(path: Path | None = None) -> list[Path]:
    """The catalogue files in a folder (or the one file named), maps left out."""
    return [p for p in rules_paths(path) if not is_map_file(p)]


def map_paths(path: Path | None = None) -> list[Path]:
    """The equivalence map files in a folder (or the one file named)."""
    return [p for p in rules_paths(path) if is_map_file(p)]


def load_equivalence(
    path: Path, catalogues: Mapping[str, Catalogue] | None = None
) -> Equivalence:
    """One equivalence map, validated; given the catalogues, every id in it must be theirs."""
    from code_check.catalogue.equivalence import Equivalence
    from code_check.readers.yaml_source import compose, read_text, validate

    data, node = compose(read_text(path), path)
    context = None if catalogues is None else {"catalogues": catalogues}
    return validate(data, node, Equivalence, path, context)


def known_catalogues(path: Path | None = None) -> dict[str, Catalogue]:
    """The catalogues a map may name: the bundled ones, overridden by those under ``path``."""
    bundled = load_catalogues()
    return bundled if path is None else {**bundled, **load_catalogues(path)}


@functools.cache
def bundled_equivalence(from_id: str, to_id: str) -> Equivalence | None:
    """The bundled map from one Code's catalogue to another's, if code-check has one."""
    path = bundled_rules_dir() / f"{from_id}--{to_id}.yaml"
    return load_equivalence(path) if path.is_file() else None


def load_catalogue_file(path: Path) -> Catalogue:
    """One catalogue, validated (from the cache when the same bytes were seen before)."""
    from code_check.catalogue.model import Catalogue, requirement_summary

    raw = read_bytes(path)
    entry = _cached_entry(raw)
    if entry is not None:
        try:
            return Catalogue.model_validate(entry["catalogue"])
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is rebuilt below
    from code_check.readers.yaml_source import load_model

    catalogue = load_model(path, Catalogue)
    cache_file = _cache_file(raw)
    if cache_file:
        entry = {
            "catalogue": catalogue.model_dump(mode="json", by_alias=True),
            "requirements": [requirement_summary(catalogue, r) for r in catalogue.requirements],
        }
        _write_quietly(cache_file, json.dumps(entry).encode())
    return catalogue


def cached_requirement_listing(
    rules: Path | None = None, catalogue_id: str | None = None
) -> list[dict[str, Any]] | None:
    """``rules list`` rows straight from the cache; None unless every file is cached and the
    choice of catalogue is unambiguous (then the caller validates the ordinary way)."""
    listings: dict[str, object] = {}  # as cached: checked before use
    named = _bundled_named(catalogue_id) if rules is None else None
    for file in [named] if named else catalogue_paths(rules):
        entry = _cached_entry(read_bytes(file))
        if entry is None or not isinstance(entry.get("catalogue"), dict):
            return None
        found_id = entry["catalogue"].get("id")
        if found_id in listings:
            return None
        listings[found_id] = entry.get("requirements")
    if catalogue_id is None:
        catalogue_id = next(iter(listings)) if len(listings) == 1 else DEFAULT_CATALOGUE
    listing = listings.get(catalogue_id)
    return listing if isinstance(listing, list) else None


def _cached_entry(raw: bytes) -> dict[str, Any] | None:
    cache_file = _cache_file(raw)
    if cache_file is None:
        return None
    try:
        entry = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def load_catalogues(path: Path | None = None) -> dict[str, Catalogue]:
    """Every catalogue under ``path`` (default: the bundled ones), by id."""
    catalogues: dict[str, Catalogue] = {}
    origins: dict[str, Path] = {}
    for file in catalogue_paths(path):
        catalogue = load_catalogue_file(file)
        if catalogue.id in catalogues:
            raise InputError(
                f"catalogue id {catalogue.id!r} is also used by {origins[catalogue.id]}",
                source=file,
                field="id",
            )
        catalogues[catalogue.id] = catalogue
        origins[catalogue.id] = file
    return catalogues


def load_catalogue(catalogue_id: str | None = None, rules: Path | None = None) -> Catalogue:
    """The catalogue with this id (default: the bundled LGSCO Code, or the only one given)."""
    named = _bundled_named(catalogue_id) if rules is None else None
    if named:
        return load_catalogue_file(named)
    catalogues = load_catalogues(rules)
    if catalogue_id is None:
        if len(catalogues) == 1:
            return next(iter(catalogues.values()))
        catalogue_id = DEFAULT_CATALOGUE
    try:
        return catalogues[catalogue_id]
    except KeyError:
        known = ", ".join(sorted(catalogues)) or "none"
        raise InputError(f"no catalogue with id {catalogue_id!r} (known: {known})") from None


def _bundled_named(catalogue_id: str | None) -> Path | None:
    """The bundled catalogue file named after the id (each is), to read alone."""
    wanted = f"{catalogue_id or DEFAULT_CATALOGUE}.yaml"
    return next((path for path in catalogue_paths() if path.name == wanted), None)


def _cache_file(raw: bytes) -> Path | None:
    root = os.environ.get(_CACHE_ENV)
    if root == "":
        return None
    if root is None:
        from platformdirs import user_cache_dir

        root = user_cache_dir("code-check", appauthor=False)
    digest = hashlib.sha256(raw + __version__.encode()).hexdigest()
    return Path(root) / "catalogues" / f"{digest}.json"


def _write_quietly(target: Path, data: bytes) -> None:
    """A cache that cannot be written is no error, just slower next time."""
    with contextlib.suppress(InputError):
        write_atomically(target, data)
