"""watchfloor: a local-first news-intelligence engine.

Raw news pages flow through a line of small stages::

    Page -> Article -> (annotated document) -> facts -> stored rows

Each stage lives in its own subpackage: :mod:`watchfloor.sources` reads inputs
into :class:`~watchfloor.models.Page` objects, :mod:`watchfloor.extract` turns
a page into an :class:`~watchfloor.models.Article`, :mod:`watchfloor.store`
keeps articles, and :mod:`watchfloor.service` wires the line together for the
CLI and other front ends.
"""

__version__ = "0.1.0"
