"""The terminal app (Textual): screens over the same core functions the command line uses."""
