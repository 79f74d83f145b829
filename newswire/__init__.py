"""newswire: wire feeds -> Kafka -> Beam -> deduplicated, classified trade stories."""

__version__ = "0.1.0"
