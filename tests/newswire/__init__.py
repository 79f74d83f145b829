"""Tests of the newswire core package."""
