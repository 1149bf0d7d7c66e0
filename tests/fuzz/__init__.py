"""Property and fuzz tests for every parser the proxy owns, and ReDoS checks of its regexes."""
