"""Research (nghiên cứu khoa học): topics and their outputs; conferences with their
parts, themes, delegations, delegates and liaisons. Papers, reviews and the
programme live in `papers.py`."""

from daotao.research.models.conferences import (
    Conference,
    ConferencePart,
    Delegate,
    Delegation,
    GuestSpeech,
    InvitedOrganisation,
    Liaison,
    ThemeGroup,
)
from daotao.research.models.papers import (  # noqa: F401 (registers the models)
    ConferenceDocument,
    Paper,
    PaperAuthor,
    ProgrammeSession,
    Review,
    ReviewRule,
)
from daotao.research.models.topics import ResearchOutput, ResearchTopic

__all__ = [
    "Conference",
    "ConferencePart",
    "Delegate",
    "Delegation",
    "GuestSpeech",
    "InvitedOrganisation",
    "Liaison",
    "ResearchOutput",
    "ResearchTopic",
    "ThemeGroup",
]
