"""Capture at the event, without Qt: typed rankings, match grids, prompt responses, autosave."""
