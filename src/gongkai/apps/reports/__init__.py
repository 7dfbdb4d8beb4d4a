"""Annual reports (年报): upload, parse and check published reports; later generation."""
