"""Turning article files into cleaned, chunked, embedded passages in the index."""
