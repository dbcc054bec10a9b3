"""The dataset: article documents, their checks, tables, outputs and ids."""
