"""Fitting the learned parts of the engine on marked (gold) articles.

Nothing here runs at analysis time: ``make models`` calls it to build the
weights that ship inside the package, and ``watchfloor eval --folds`` calls it
to score each article with a model that never saw it.
"""
