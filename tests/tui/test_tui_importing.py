"""One import path for both shells (issue 11): the command line and the app choose between an
assessment file and the published form by the same rule, ``code_check.importing``."""

from __future__ import annotations

import pytest

from code_check.importing import is_published_form
from tests.tui.helpers import import_from_home, notifications

# A published form, which is no assessment file: read as YAML it is refused in these words.
FORM = "Code section,Do we follow the Code\n1,Yes\n"
READ_AS_YAML = ":1: expected a mapping of fields at the top level, found a single value"
SUFFIXES = {".yaml": False, ".yml": False, ".csv": True, ".CSV": True, ".txt": True}


@pytest.mark.parametrize(("suffix", "form"), SUFFIXES.items())
def test_the_rule(tmp_path, suffix, form):
    assert is_published_form(tmp_path / f"file{suffix}") is form


@pytest.mark.parametrize(("suffix", "form"), SUFFIXES.items())
async def test_the_command_line_and_the_app_choose_alike(make_app, run_cli, tmp_path, suffix,
                                                         form):
    path = tmp_path / f"published{suffix}"
    path.write_text(FORM, encoding="utf-8")
    status, _, err = run_cli("assessment", "import", path, "--council", "Northtown",
                             "--authority-type", "district_council", "-o", tmp_path / "out.yaml")
    cli_read_a_form = status == 0
    assert cli_read_a_form or err.startswith(f"code-check: {path}{READ_AS_YAML}")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await import_from_home(pilot, path)
        app_read_a_form = bool(app.screen.query(".question")) and "reads well" in str(
            app.screen.query_one(".question").render())
        assert app_read_a_form or notifications(app)[0].startswith(f"{path}{READ_AS_YAML}")
    assert cli_read_a_form is app_read_a_form is form
