"""Stories and merged events: articles about the same story grouped, one event reported
by several articles filed as one cluster with all its mentions and sources.

The decisions are pure functions (:mod:`.grouping`, :mod:`.merging`,
:mod:`.summary`); :mod:`.filing` reads and writes the store through the
portable :class:`~watchfloor.store.sql_stories.SQLStories` mixin.
"""

from __future__ import annotations

from watchfloor.stories.filing import file_article, file_pending, rebuild

__all__ = ["file_article", "file_pending", "rebuild"]
