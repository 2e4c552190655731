"""Stage 3 — dedupe: takes the batch's `Article`s; gives them back with `duplicate_of` set on every
syndicated copy or near-duplicate (MinHash + LSH over word shingles, and short texts contained in longer ones)."""

from .minhash import dates_from_groups, mark_duplicates, signature

__all__ = ["dates_from_groups", "mark_duplicates", "signature"]
