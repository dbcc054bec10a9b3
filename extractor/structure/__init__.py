"""Article structure: blocks from lines, then title, lede, byline, sections and furniture."""
