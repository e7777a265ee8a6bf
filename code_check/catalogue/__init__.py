"""A Code of practice as data: ``model`` is the pure core (the pydantic models, the single
source of truth for ``code_rules/*.yaml``); ``files`` finds, reads, caches and describes them.

Importing this package loads nothing: ``rules list`` answers from the cache without pydantic.
"""
