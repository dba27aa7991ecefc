"""The content contract: model, fields, inheritance, loader, links, Markdown and sanitizing, checks. No Pelican imports."""
