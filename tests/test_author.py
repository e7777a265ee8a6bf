"""One rule names the author of a change, for the command line and the app alike."""

from __future__ import annotations

import getpass

from code_check.store.author import author_name


def test_a_given_name_wins(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "jofficer")
    assert author_name("Jane Officer") == "Jane Officer"


def test_without_a_name_the_login_name_is_used(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "jofficer")
    assert author_name(None) == "jofficer"
    assert author_name("") == "jofficer"


def test_no_login_name_is_no_author_not_a_failure(monkeypatch):
    def unknown() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", unknown)
    assert author_name() is None
