"""Article -> annotated document: the NLP stage (spaCy stays in here and in facts).

Later layers see :class:`AnnotatedDoc`, plain dataclasses with character
offsets into ``Article.text``; the spaCy ``Doc`` rides along in ``spacy_doc``
for the facts stage only.
"""

from watchfloor.nlp.annotate import Annotator, load_annotator
from watchfloor.nlp.types import AnnotatedDoc, EntitySpan, Sentence, Token

__all__ = ["AnnotatedDoc", "Annotator", "EntitySpan", "Sentence", "Token", "load_annotator"]
