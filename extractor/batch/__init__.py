"""Batch runs: inputs found, extracted by workers, recorded in a manifest, shown as progress."""
