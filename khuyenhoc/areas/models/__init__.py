"""The models of areas, for Django's loader: units, villages, denominators, summary
figures and staff scope (units.py), the groups of communes (groups.py) and the old
communes' reports (legacy.py). Each imports only units.py of its siblings."""

from .groups import CommuneGroup
from .legacy import LegacyReport
from .units import (
    Commune,
    Denominator,
    Figure,
    LegacyCommune,
    LegacyDistrict,
    LegacyFigure,
    LegacyMapping,
    LegacyProvince,
    Province,
    ProvinceFigure,
    StaffProfile,
    Village,
)

__all__ = [
    "Commune",
    "CommuneGroup",
    "Denominator",
    "Figure",
    "LegacyCommune",
    "LegacyDistrict",
    "LegacyFigure",
    "LegacyMapping",
    "LegacyProvince",
    "LegacyReport",
    "Province",
    "ProvinceFigure",
    "StaffProfile",
    "Village",
]
