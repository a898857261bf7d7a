"""Writes on research, one module per area:
topics, conferences, delegates (papers, reviews and the programme are added by
their own modules). Callers use `services.<name>`."""

from daotao.research.services.conferences import (
    ConferenceData,
    conference_create,
    conference_update,
    part_add,
    speech_add,
    theme_add,
)
from daotao.research.services.delegates import (
    CheckIn,
    DelegateData,
    delegate_check_in,
    delegate_create,
    delegate_register_public,
    delegate_update,
    delegates_import,
    delegation_ensure,
    liaisons_set,
    organisation_ensure,
)
from daotao.research.services.topics import (
    OutputData,
    TopicData,
    output_add,
    topic_accept,
    topic_create,
    topic_transition,
    topic_update,
)

__all__ = [
    "CheckIn",
    "ConferenceData",
    "DelegateData",
    "OutputData",
    "TopicData",
    "conference_create",
    "conference_update",
    "delegate_check_in",
    "delegate_create",
    "delegate_register_public",
    "delegate_update",
    "delegates_import",
    "delegation_ensure",
    "liaisons_set",
    "organisation_ensure",
    "output_add",
    "part_add",
    "speech_add",
    "theme_add",
    "topic_accept",
    "topic_create",
    "topic_transition",
    "topic_update",
]
