"""Diagram geometry in pure Python (no drawing library): computed once, drawn by each renderer."""
