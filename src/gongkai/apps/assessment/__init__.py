"""考核: a supervisor's assessment of the bodies below it (issue 14)."""
