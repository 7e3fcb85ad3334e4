"""Subjects, criteria sets, registrations with their evaluations, and recognition lists."""

from .criteria import CriteriaGroup, CriteriaSet, Indicator
from .declared import DECLARABLE, DeclaredCount
from .registrations import (
    Evaluation,
    RecognitionList,
    Registration,
    Score,
    Transition,
)
from .selfservice import HouseholdCode, SelfEvidence, SelfRegistration
from .subjects import (
    SUBJECT_ELSEWHERE,
    SUBJECT_MODELS,
    VILLAGE_ELSEWHERE,
    Citizen,
    Clan,
    Household,
    Unit,
    require_in_commune,
)

__all__ = [
    "Citizen",
    "Clan",
    "CriteriaGroup",
    "CriteriaSet",
    "DECLARABLE",
    "DeclaredCount",
    "Evaluation",
    "Household",
    "HouseholdCode",
    "Indicator",
    "RecognitionList",
    "Registration",
    "SUBJECT_ELSEWHERE",
    "SUBJECT_MODELS",
    "Score",
    "SelfEvidence",
    "SelfRegistration",
    "Transition",
    "Unit",
    "VILLAGE_ELSEWHERE",
    "require_in_commune",
]
