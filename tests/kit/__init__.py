"""Test helpers shared by unit, integration and end-to-end tests (on pytest's pythonpath)."""
