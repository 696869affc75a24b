from .pages import Page
from .people import Person
from .revisions import Revision, RevisionState
from .sources import Correction, Source
from .workflow import (
    FourEyesError,
    Publishable,
    PublishableQuerySet,
    Status,
    TransitionError,
    publishable_models,
)

__all__ = [
    "Correction",
    "FourEyesError",
    "Page",
    "Person",
    "Publishable",
    "PublishableQuerySet",
    "Revision",
    "RevisionState",
    "Source",
    "Status",
    "TransitionError",
    "publishable_models",
]
