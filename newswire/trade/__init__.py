"""Trade intelligence: classify stories about trade and extract their key fields (no Beam)."""
