"""Readers: each turns one input format into a Document and never renders."""
