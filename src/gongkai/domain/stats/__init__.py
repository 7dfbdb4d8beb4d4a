"""Statistics of proactive disclosure and administrative matters: table 二 counted from records."""
