"""Queries, one module per feature. Repositories flush; the unit of work around an update commits."""
