"""Statistics: the spaCy pipeline, number phrases, labels, statements and breakdowns."""
