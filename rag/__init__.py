"""Answering questions from the indexed articles: retrieval, prompting, citations."""
