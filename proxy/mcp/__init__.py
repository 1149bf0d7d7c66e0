"""codetamer over the Model Context Protocol: its own server, and a gateway for others."""
