"""The bundled Code catalogues (data only: the YAML files beside this one)."""
