"""Who may see what: the three audiences and a district's disclosure settings.

A report goes to one of three audiences.  The data team itself may see student rows and groups
of any size; a district or public report shows aggregates only, with small groups hidden.  The
methods are the ones NCES 2011-603 (SLDS Technical Brief 3) lists for published education
data -- suppression, complementary suppression, top/bottom coding -- with the defaults most
states use (see /work/shared/FIELD_NOTES.md, "Disclosure avoidance in published education
data" and "More disclosure rules seen in practice").  How each is applied is in
:mod:`~datadriver_utils.privacy.suppression`; what a report may then show, in
:mod:`~datadriver_utils.privacy.release`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from datadriver_utils.errors import PrivacySettingError

#: Columns that name or identify a student or respondent; never shown beyond the team.
IDENTIFIER_COLUMNS = frozenset(
    {"student_id", "student_name", "name", "respondent", "respondent_id",
     "first_name", "last_name", "email"}
)

#: Columns that identify a survey respondent: never shown to anyone, the team included -- a
#: survey is answered on the promise that no one will see who said what (docs/analysis.md).
RESPONDENT_COLUMNS = frozenset({"respondent", "respondent_id"})


REASON_UNKNOWN = "number of students not known"


REASON_COMPLEMENT = "hidden so that a smaller group cannot be worked out from the totals"


class Audience(str, Enum):
    """Who will read a report: ``team`` sees students, ``district``/``public`` aggregates only."""

    TEAM = "team"
    DISTRICT = "district"
    PUBLIC = "public"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def parse(cls, value: object) -> Audience:
        """Turn ``"Public"``, ``" team "`` or an ``Audience`` into an ``Audience``.

        Raises
        ------
        PrivacySettingError
            For anything else, naming the three allowed words.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            for member in cls:
                if member.value == value.strip().lower():
                    return member
        raise PrivacySettingError(
            f"Unknown audience {value!r}: use 'team' (the data team, may see student rows), "
            "'district' or 'public' (groups only, small groups hidden)."
        )

    @property
    def allows_student_rows(self) -> bool:
        """Only the data team may see individual students and groups of any size."""
        return self is Audience.TEAM


@dataclass(frozen=True)
class PrivacyRules:
    """The disclosure settings of one district (the ``privacy`` block of ``district.yml``).

    The defaults follow common state practice.  NCES 2011-603 (SLDS Technical Brief 3) found
    state minimum group sizes from 5 to 30, 10 being the most common; Tennessee hides results
    below 10 valid tests with ``"*"``; Delaware reports percentages as below 5% / above 95%,
    and Tennessee codes school percentages outside 5-95 the same way.

    Parameters
    ----------
    min_group_size:
        Groups with fewer students than this are hidden outside the team.
    bottom_code_pct, top_code_pct:
        In public reports a percentage at or below ``bottom_code_pct`` (at or above
        ``top_code_pct``) is shown as ``"≤5%"`` (``"≥95%"``): near 0 or 100 a percentage says
        what (nearly) every student in the group scored.  Both ends are inclusive, so the text
        uses ≤ and ≥ to stay true at exactly 5.0 and 95.0.
    marker:
        What a hidden value shows in a formatted table.
    min_staff_group_size:
        Staff rating their own team's practice (the Module 1 self-assessments) are shown beyond
        the team when at least this many rated (default 3; docs/privacy.md gives the reasoning).
    sections_for_district:
        Whether district reports may show results by section (classroom).  Off by default;
        public reports never do: a section points at one teacher and a handful of students.
    """

    min_group_size: int = 10
    bottom_code_pct: float = 5.0
    top_code_pct: float = 95.0
    marker: str = "*"
    min_staff_group_size: int = 3
    sections_for_district: bool = False

    def __post_init__(self) -> None:
        n = self.min_group_size
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise PrivacySettingError(
                f"privacy.min_group_size must be a whole number of at least 1 (found {n!r}); "
                "10 is the most common choice."
            )
        staff = self.min_staff_group_size
        if isinstance(staff, bool) or not isinstance(staff, int) or staff < 3:
            raise PrivacySettingError(
                f"privacy.min_staff_group_size must be a whole number of at least 3 (found {staff!r}): "
                "with two raters, each one can work out the other's answers."
            )
        if not 0 <= self.bottom_code_pct < self.top_code_pct <= 100:
            raise PrivacySettingError(
                "privacy.bottom_code_pct and privacy.top_code_pct must satisfy "
                f"0 ≤ bottom < top ≤ 100 (found {self.bottom_code_pct!r} and "
                f"{self.top_code_pct!r}); the usual values are 5 and 95."
            )
        if not isinstance(self.marker, str) or not self.marker.strip():
            raise PrivacySettingError("privacy.marker must be some visible text, such as '*'.")

    @property
    def small_count_text(self) -> str:
        """How the count of a small, hidden group is shown, e.g. ``"<10"``."""
        return f"<{self.min_group_size}"

    @property
    def bottom_text(self) -> str:
        """How a bottom-coded percentage is shown, e.g. ``"≤5%"``."""
        return f"≤{self.bottom_code_pct:g}%"

    @property
    def top_text(self) -> str:
        """How a top-coded percentage is shown, e.g. ``"≥95%"``."""
        return f"≥{self.top_code_pct:g}%"

    def describe(self, audience: Audience | str = Audience.PUBLIC) -> str:
        """The rules in plain words, for a report footnote and ``docs/privacy.md``."""
        audience = Audience.parse(audience)
        if audience.allows_student_rows:
            return ("This report is for the data team: it may show individual students and "
                    "groups of any size, so keep it inside the team.")
        text = (
            f"Groups of fewer than {self.min_group_size} students are hidden: their count "
            f'shows as "{self.small_count_text}" and their results as "{self.marker}". '
            "Where a hidden number could be worked out from a total, the next smallest group "
            f'is hidden too (its count shows as "{self.marker}"; where only a percentage could be '
            f'worked out, only that percentage shows as "{self.marker}").'
        )
        if audience is Audience.PUBLIC:
            text += (f" Percentages of {self.bottom_code_pct:g}% or less show as "
                     f'"{self.bottom_text}" and of {self.top_code_pct:g}% or more as '
                     f'"{self.top_text}", and the next smallest group\'s percentage is hidden '
                     "so they cannot be worked out from the totals; in a group too small for "
                     "that range to hold more than one number of students, such a percentage "
                     f'shows as "{self.marker}".')
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain values, for JSON."""
        return asdict(self)


# ----------------------------------------------------------------------------- suppression


def rules_for(district: Any) -> PrivacyRules:
    """The :class:`PrivacyRules` a ``district.yml`` (a ``DistrictConfig``) sets."""
    return PrivacyRules(
        min_group_size=district.min_group_size,
        bottom_code_pct=district.bottom_code_pct,
        top_code_pct=district.top_code_pct,
        marker=district.suppression_marker,
        min_staff_group_size=district.min_staff_group_size,
        sections_for_district=district.show_sections_to_district,
    )
