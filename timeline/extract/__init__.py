"""Extractors: from a sentence and its dates to events with actors and places."""
