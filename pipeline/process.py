"""ProcessRawItems: the processing stages between the pipeline's sources and its sinks.

RawMessage -> ParseRawItems -> NormaliseItems -> DeduplicateStories -> EnrichStories (classify,
extract) -> ValidateStories. Returns the stories, every stage's dead letters, and
the dedup state records to persist after the sinks have written the run's outputs.
"""

from __future__ import annotations

import apache_beam as beam

from newswire.fingerprint import NEAR_DUPLICATE_MAX_DISTANCE
from pipeline.dedup import STATE_UPDATES, DeduplicateStories
from pipeline.enrich import DEAD_LETTERS, EnrichStories, ValidateStories
from pipeline.normalise import NormaliseItems
from pipeline.parse import ParseRawItems


class ProcessRawItems(beam.PTransform):
    """PCollection[RawMessage] -> {"stories", "dead_letters", "state_updates"}.

    ``near_dup_max_distance``: how many of the 64 MinHash slots of two copies may differ
    (default 19, an estimated Jaccard similarity of word 3-shingles >= 0.70).
    ``stories``: every deduplicated story version (trade or not) as a schema-valid dict;
    ``dead_letters``: newswire.dlq dead letters as dicts; ``state_updates``: (key, bytes)
    records for the compacted state topic (``b""`` = delete the key, write a tombstone).
    """

    def __init__(
        self,
        prior_state: beam.PCollection | None = None,
        ttl_days: float = 7.0,
        near_dup_max_distance: int = NEAR_DUPLICATE_MAX_DISTANCE,
    ) -> None:
        super().__init__()
        self.prior_state = prior_state
        self.ttl_days = ttl_days
        self.near_dup_max_distance = near_dup_max_distance

    def expand(self, raw: beam.PCollection) -> dict[str, beam.PCollection]:
        parsed = raw | "ParseRawItems" >> ParseRawItems()
        normalised = parsed.items | "NormaliseItems" >> NormaliseItems()
        deduped = normalised.items | "DeduplicateStories" >> DeduplicateStories(
            self.prior_state, self.ttl_days, self.near_dup_max_distance)
        enriched = deduped["stories"] | "EnrichStories" >> EnrichStories()
        validated = enriched["stories"] | "ValidateStories" >> ValidateStories()
        dead_letters = (
            parsed[DEAD_LETTERS], normalised[DEAD_LETTERS], enriched[DEAD_LETTERS], validated[DEAD_LETTERS],
        ) | "AllDeadLetters" >> beam.Flatten()
        return {"stories": validated.stories, "dead_letters": dead_letters,
                "state_updates": deduped[STATE_UPDATES]}
