"""The forecast ledger: every forecast tracked to its outcome, every source scored.

* :mod:`watchfloor.ledger.forecast`: a forecast fact as a ledger forecast (the rules);
* :mod:`watchfloor.ledger.resolve`: resolutions proposed from later reporting;
* :mod:`watchfloor.ledger.scores`: Brier score, bootstrap interval, calibration;
* :mod:`watchfloor.ledger.report`: the JSON items;
* :mod:`watchfloor.ledger.plot`: the calibration picture (SVG);
* :mod:`watchfloor.ledger.service`: what the CLI, the API, the brief and the web call.
"""
