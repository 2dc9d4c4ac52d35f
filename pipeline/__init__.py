"""khabar: Arabic news articles to an open, versioned dataset of entities, events and quotes."""

__version__ = "0.1.0"
