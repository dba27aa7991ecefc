"""The run: settings validation, the deferred writer, atomic output, the up-to-date check, preview, summary."""
