"""codetamer's proxy: the HTTP gateway, the gate loop, provenance and the command line."""

__version__ = "0.1.0"
