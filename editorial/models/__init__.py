from .answers import QuickAnswer
from .contact import ContactMessage
from .content_version import ContentVersion
from .errors import ErrorCategory, ErrorEntry, ErrorFeedback
from .guides import Guide, GuideFormat, GuidePick
from .kits import KitTask, PromptingKit
from .learn import Chapter, Course, Level
from .pages import Page
from .people import Person
from .pulse import PulseEntry, PulseKind, attach_links
from .revisions import Revision, RevisionState
from .sources import Correction, Source
from .troubleshooting import TroubleshootingCause, TroubleshootingGuide
from .workflow import (
    FourEyesError,
    Publishable,
    PublishableQuerySet,
    Status,
    TransitionError,
    publishable_models,
)

__all__ = [
    "QuickAnswer",
    "ErrorCategory",
    "ErrorEntry",
    "ErrorFeedback",
    "Guide",
    "GuideFormat",
    "GuidePick",
    "KitTask",
    "PromptingKit",
    "TroubleshootingCause",
    "TroubleshootingGuide",
    "Chapter",
    "ContactMessage",
    "ContentVersion",
    "Course",
    "Level",
    "PulseEntry",
    "PulseKind",
    "attach_links",
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
