"""MCP servers for tests: downstream servers the gateway wraps, run in-process or over stdio."""
