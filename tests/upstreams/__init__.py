"""Scriptable upstream servers for tests: they speak the model APIs, nothing more."""
