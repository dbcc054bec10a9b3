"""Imported once by the server that forks batch workers: load the text path before any fork."""

from .batch_worker import warm_up

warm_up()
