"""The shared kernel of the Django layer: what every app uses and none owns.

Errors of actions, the action machinery (lock, version check, permission re-check, one audit
entry), the audit log and its viewer, the permission-policy protocol, form widgets, the ledger
page, the generic views (list, detail, edit, action) with their templates, tables and filter
sets, the base layout. It imports nothing from ``gongkai.apps``: layers are domain < kernel <
orgs < workcal < feature apps < reports < web/cli (checked by import-linter, see
``pyproject.toml``).
"""
