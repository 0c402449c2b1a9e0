"""Measuring the engine against hand-marked gold files."""
