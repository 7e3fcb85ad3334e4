"""Subjects, criteria sets, registrations with their evaluations, and recognition lists."""

from .criteria import CriteriaGroup, CriteriaSet, Indicator
from .registrations import (
    Evaluation,
    RecognitionList,
    Registration,
    Score,
    Transition,
)
from .subjects import SUBJECT_MODELS, Citizen, Clan, Household, Unit

__all__ = [
    "Citizen",
    "Clan",
    "CriteriaGroup",
    "CriteriaSet",
    "Evaluation",
    "Household",
    "Indicator",
    "RecognitionList",
    "Registration",
    "SUBJECT_MODELS",
    "Score",
    "Transition",
    "Unit",
]
