"""Tests of the deployment scripts (local broker, demo data, runners)."""
