"""The ways people use newsqa: the command line and the chat UI."""
