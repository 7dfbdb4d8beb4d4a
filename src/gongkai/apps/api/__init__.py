"""The open API ``/api/v1/`` (django-ninja): public read-only data, and per-body tokens that let
another system register catalog items through the catalog's own actions (docs/api.md)."""
