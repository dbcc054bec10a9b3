"""Text repair with offset maps back to the input: normalisation, line-break hyphenation."""
