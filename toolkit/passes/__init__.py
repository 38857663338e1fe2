"""Enrichment passes over the tree, run in a fixed order after reading."""
