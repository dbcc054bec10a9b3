"""Read inputs into a ``SourceText``: text decoding, file sniffing, PDF backends and layout."""
