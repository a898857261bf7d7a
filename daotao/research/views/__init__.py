"""Research pages, one module per area: topics, conferences, delegates, papers,
the programme (with the conference's documents), and the public registration."""
