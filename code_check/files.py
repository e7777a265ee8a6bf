"""Reading and writing files safely: plain-words errors, and never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from code_check.errors import InputError


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", source=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", source=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", source=path) from None


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename over it."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as handle:
            handle.write(payload)
        os.replace(handle.name, path)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror})", source=path) from None
