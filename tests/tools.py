"""The outside tools some tests drive (Chromium, axe-core, LibreOffice), and the one rule for
when they are missing: a developer's machine skips those tests, but CI (``CI`` set), whose
``.ci/run`` installs the tools, runs them and fails, so CI can never pass them by accident."""

from __future__ import annotations

import os

import pytest


def unless_installed(missing: list[str], how: str) -> pytest.MarkDecorator:
    """Skip without the tools in ``missing`` (``how``: the commands that install them),
    except under CI."""
    return pytest.mark.skipif(bool(missing) and not os.environ.get("CI"),
                              reason=f"not installed: {', '.join(missing)} ({how})")
