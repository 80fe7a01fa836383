"""Reports: the same findings as JSON, Markdown and (later) one self-contained HTML file."""
