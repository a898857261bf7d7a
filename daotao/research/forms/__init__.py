"""Forms of the research pages, one module per area (topics, conferences, papers),
parsing input that the research services check as a whole and save."""
