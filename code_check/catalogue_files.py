"""Find, read and cache catalogue files (``code_rules/*.yaml``).

The cache is keyed by a hash of the file's bytes, so it can never serve a stale catalogue:
an edited file simply misses and is validated afresh.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib.resources import files
from pathlib import Path

from code_check import __version__
from code_check.catalogue import Catalogue
from code_check.errors import InputError

DEFAULT_CATALOGUE = "lgsco-2024"
_CACHE_ENV = "CODE_CHECK_CACHE_DIR"


def bundled_rules_dir() -> Path:
    """The catalogues shipped with code-check."""
    return Path(str(files("code_rules")))


def catalogue_paths(path: Path | None = None) -> list[Path]:
    """The catalogue files in a folder (or the one file named)."""
    path = path or bundled_rules_dir()
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        if not found:
            raise InputError("no catalogue files (*.yaml) in this folder", source=path)
        return found
    return [path]


def load_catalogue_file(path: Path) -> Catalogue:
    """One catalogue, validated (from the cache when the same bytes were seen before)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", source=path) from None
    cached = _cache_file(raw)
    if cached and cached.exists():
        try:
            return Catalogue.model_validate_json(cached.read_bytes())
        except ValueError:
            pass  # a damaged cache entry is rebuilt below
    from code_check.yaml_source import load_model

    catalogue = load_model(path, Catalogue)
    if cached:
        _write_quietly(cached, catalogue.model_dump_json(by_alias=True).encode())
    return catalogue


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
    """Atomic write; a cache that cannot be written is no error, just slower next time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, target)
    except OSError:
        pass
