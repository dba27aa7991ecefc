"""One module per output: feeds, calendars, sitemaps, derived images, the search index."""
