"""A council's complaint log as evidence: timeliness in working days against the Code.

``columns`` and ``timeliness`` are the pure core (no I/O); ``reader`` is the shell that streams
a CSV file into them; ``crosscheck`` compares a self-assessment's answers with the figures.
"""
