"""What Pelican reads and templates see: the reader, listings, related items, template globals."""
