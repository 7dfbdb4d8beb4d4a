"""Bodies (行政机关), their hierarchy, members and roles; the permission policy of the platform."""
