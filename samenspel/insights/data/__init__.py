"""The labelled evaluation set of the topic finder and what measures it (see README.md)."""
