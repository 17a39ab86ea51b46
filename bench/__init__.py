"""Benchmarks: a seeded synthetic corpus built by zoneportal, plain MkDocs and Material's blog plugin."""
