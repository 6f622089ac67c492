"""Evaluation harness for newsqa."""
