"""Reading English: the parsed sentence (spaCy), calendar names, and the facts a text states."""
