"""Spark in a browser: `serve` (textual-serve for the terminal game), its page's template and static files."""
