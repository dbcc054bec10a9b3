"""Imported once by the server that forks batch workers: load the text path before any fork."""

from .worker import warm_up

warm_up()
