"""Annual reports (年报): the workspace of a body's report (built from the records, reviewed,
published, corrected) and the supervisor's overview."""
