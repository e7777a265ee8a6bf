"""Opening the terminal app from the command line (the only place the CLI meets Textual)."""

from __future__ import annotations


def open_app(args, **options) -> int:
    """Run the app on ``--workspace`` (or the default); ``options`` as ``create_app`` takes
    them (``demo=True`` opens on the demo council)."""
    from code_check.tui.app import create_app

    app = create_app(getattr(args, "workspace", None), **options)
    app.run()
    return app.return_code or 0
