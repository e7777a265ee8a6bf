"""Input plumbing shared by every file reader: safe file access, YAML with line numbers, CSV text.

This is the I/O layer under the readers of each concept (``catalogue.files``,
``assessment.files``, ``statistics.files``, ``complaint_log.reader``); the core never imports it.
"""
