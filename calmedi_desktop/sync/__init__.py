"""The sync core: sources, targets, the pure planner and the run that ties them together."""
