"""Reading and writing files safely: plain-words errors, and never a half-written file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from code_check.errors import InputError


def read_bytes(path: Path) -> bytes:
    with open_to_read(path) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise _unreadable(path, exc) from None


def open_to_read(path: Path) -> BinaryIO:
    """The file opened (the caller closes it), or a plain-words error saying why it will not
    open; for files too large to read whole, such as complaint logs (wrap it in
    ``io.TextIOWrapper`` to read text)."""
    try:
        return open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise InputError("file not found", source=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", source=path) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(f"cannot be read ({exc.strerror or exc})", source=path)


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, then rename over it."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_through_temporary(path, payload)
    except OSError as exc:
        raise InputError(f"cannot be written ({_why(exc)})", source=path) from None


def _replace_through_temporary(path: Path, payload: bytes) -> None:
    """The temporary file goes whatever fails (a full disk, an interrupt): no hidden
    half-written file is left beside the target."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _why(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: free some space, or write it somewhere else"
    return exc.strerror or str(exc)


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets the usual ones (umask applied),
    not the temporary file's owner-only mode, so an export for the website stays readable."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
