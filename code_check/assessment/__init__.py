"""A council's self-assessment against a Code.

The pure core: ``model`` (the answers), ``scoring`` (readiness and gaps), ``lint`` (answers
that need a second look) and ``progress`` (what changed between two assessments). The
readers: ``files`` (the assessment YAML file) and ``published_form`` (the published form's CSV).
"""
