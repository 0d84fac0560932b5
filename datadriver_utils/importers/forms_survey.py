"""Surveys from Google Forms (CSV) and Microsoft Forms (.xlsx) into surveys.csv and survey_items.csv.

Layouts (IMPORT_FORMATS.md, "Surveys"): Google -- Timestamp, Email Address (when collected),
then one column per question; Microsoft -- ID, Start time, Completion time, Email, Name (and
Last modified time), then the questions; quizzes add score, points and feedback columns, which
are dropped. Grid and checkbox questions are not verified.

* **No email or name is ever written.** A respondent with an email gets the id
  ``r-`` + the first 12 hex digits of HMAC-SHA256(team key, the email in lower case): the same
  person gets the same id in every administration (so pre/post can be matched), and the id
  cannot be turned back into the email without the key. The key is 32 random bytes kept in the
  team folder (``.respondent_key``; written by the first survey import, never shared in reports).
  Anonymous responses (no email, or "anonymous") are numbered by their order in the file:
  ``<administration>-001`` ... -- one respondent each, never matched across administrations.
* A respondent who answered twice in one administration: the latest submission is kept.
* Answers in words are scored on a scale: per question from ``questions:``, else ``scale:``,
  else the one built-in scale (4- or 5-point agreement or frequency) that holds every answer;
  when two fit (a 5-point form where nobody chose the middle), the question is reported and
  left out until the mapping names its scale. Numeric answers (a linear scale) are kept as
  numbers. Questions answered in free text are not imported (surveys.csv holds numbers).
* administration = ``administration:``, else the season and year of the file's middle timestamp
  ("fall 2025"); survey = ``survey:``, else the file name.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import statistics
from pathlib import Path
from typing import ClassVar

import pandas as pd

from datadriver_utils.errors import ImportRefusedError, Problem
from datadriver_utils.importers.headers import header_key
from datadriver_utils.importers.inputs import InputTable, read_inputs
from datadriver_utils.importers.mapping import MappingFile, Question
from datadriver_utils.importers.plan import ImportPlan, PlanBuilder
from datadriver_utils.importers.registry import ImportContext, Source, register
from datadriver_utils.importers.scales import answer_key, fitting_scales, scale_range
from datadriver_utils.importers.values import parse_date, parse_number

__all__ = ["FormsSurvey", "RESPONDENT_KEY_FILE", "respondent_id", "season_of"]

RESPONDENT_KEY_FILE = ".respondent_key"
_EMAIL = {header_key(h) for h in ("Email Address", "Email", "E-mail", "Username")}
_NAME = {header_key(h) for h in ("Name", "Full name", "Respondent")}
_TIME = {header_key(h) for h in ("Timestamp", "Completion time", "Start time", "Last modified time")}
_OTHER = {header_key(h) for h in ("ID", "Score", "Total points", "Quiz feedback")}
_QUIZ_PREFIX = re.compile(r"^(points|feedback)\s*-\s*", re.IGNORECASE)
_NO_EMAIL = {"", "anonymous"}


def respondent_id(email: str, key: bytes) -> str:
    """The stable anonymous id of an email address (see the module docstring)."""
    digest = hmac.new(key, email.strip().lower().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"r-{digest[:12]}"


def season_of(day: str) -> str:
    """"2025-09-15" → "fall 2025" (Aug-Nov fall, Dec-Feb winter, Mar-May spring, Jun-Jul summer)."""
    year, month = int(day[:4]), int(day[5:7])
    season = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
              7: "summer"}.get(month, "fall")
    return f"{season} {year}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "survey"


def _team_key(context: ImportContext, builder: PlanBuilder) -> bytes:
    path = context.team_dir / RESPONDENT_KEY_FILE
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    key = secrets.token_bytes(32)
    builder.secret_files[RESPONDENT_KEY_FILE] = key.hex().encode("ascii") + b"\n"
    return key


@register
class FormsSurvey(Source):
    """Google Forms and Microsoft Forms survey exports (docs/importing.md)."""

    name: ClassVar[str] = "forms-survey"
    title: ClassVar[str] = "Google or Microsoft Forms survey"
    tables: ClassVar[tuple[str, ...]] = ("surveys", "survey_items")
    mapping_keys: ClassVar[frozenset[str]] = frozenset(
        {"survey", "administration", "scale", "scales", "questions", "date_format"})

    def build(self, files: list[Path], mapping: MappingFile, context: ImportContext) -> ImportPlan:
        inputs = read_inputs(files)
        builder = PlanBuilder(self.name, self.title, [t.label for t in inputs])
        key = _team_key(context, builder)
        answers, items = [], []
        for table in inputs:
            builder.rows_read[table.label] = len(table.frame)
            builder.unusable += table.problems
            found_answers, found_items = self._file(table, builder, mapping, key)
            answers += found_answers
            items += found_items
        builder.extra_tables["surveys"] = pd.DataFrame(answers, columns=["survey", "administration", "respondent", "item",
                                                                         "response"])
        item_frame = pd.DataFrame(items, columns=["survey", "item", "construct", "item_text", "scale_min", "scale_max",
                                                  "reverse_scored"])
        builder.extra_tables["survey_items"] = item_frame.drop_duplicates(["survey", "item"], keep="last")
        return builder.finish(context.team_windows, context.known_students)

    def _file(self, table: InputTable, builder: PlanBuilder, mapping: MappingFile,
              key: bytes) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        kinds = {c: header_key(table.typed(c)) for c in table.frame.columns}
        email = next((c for c, k in kinds.items() if k in _EMAIL), None)
        times = [c for c, k in kinds.items() if k in _TIME]
        if not times:
            raise ImportRefusedError(f"{table.label} does not look like a Forms export:", [Problem(
                table.label, "no Timestamp (Google) or Completion time (Microsoft) column.", row=1)])
        stamp = next((c for c in times if kinds[c] in {header_key("Timestamp"), header_key("Completion time")}), times[0])
        questions = [c for c, k in kinds.items() if k not in _EMAIL | _NAME | _TIME | _OTHER
                     and not _QUIZ_PREFIX.match(table.typed(c))]
        frame = table.frame.assign(_day=table.frame[stamp].map(lambda v: parse_date(v, mapping.date_format)[0]))
        admin = mapping.administration or self._administration(frame["_day"], table)
        survey = mapping.survey or _slug(table.path.stem)
        frame = self._respondents(frame, builder, table, email, key, admin)
        answers, items = [], []
        for number, column in enumerate(questions, start=1):
            title = table.typed(column)
            question = mapping.questions.get(title) or Question()
            if question.skip:
                continue
            scored = self._score(frame[column], title, question, mapping, builder, table, column)
            if scored is None:
                continue
            values, (low, high) = scored
            if all(v is None for v in values):
                continue
            item = question.item or f"q{number}"
            items.append({"survey": survey, "item": item, "construct": question.construct_name or survey,
                          "item_text": title, "scale_min": low, "scale_max": high,
                          "reverse_scored": "yes" if question.reverse else "no"})
            answers += [{"survey": survey, "administration": admin, "respondent": who, "item": item, "response": v}
                        for who, v in zip(frame["_respondent"], values, strict=True) if v is not None]
        return answers, items

    @staticmethod
    def _administration(days: pd.Series, table: InputTable) -> str:
        known = sorted(d for d in days.dropna())
        if not known:
            raise ImportRefusedError(f"{table.label}: the timestamps cannot be read, so the administration is unknown.", [
                Problem(table.label, "add administration: (for example  administration: fall 2025) to the mapping, or "
                        "date_format: if the timestamps are day/month/year.")])
        return season_of(statistics.median_low(known))

    @staticmethod
    def _respondents(frame: pd.DataFrame, builder: PlanBuilder, table: InputTable, email: str | None, key: bytes,
                     admin: str) -> pd.DataFrame:
        """``_respondent`` for each row; a repeated respondent keeps the latest submission."""
        addresses = frame[email].fillna("").astype(str).str.strip() if email else pd.Series("", index=frame.index)
        anonymous = addresses.str.lower().isin(_NO_EMAIL)
        numbers = anonymous.cumsum()
        ids = [f"{_slug(admin)}-{int(n):03d}" if anon else respondent_id(a, key)
               for a, anon, n in zip(addresses, anonymous, numbers, strict=True)]
        frame = frame.assign(_respondent=ids, _when=pd.to_datetime(frame["_day"], errors="coerce"), _row=frame.index)
        latest = frame.sort_values(["_when", "_row"], kind="stable").duplicated("_respondent", keep="last")
        for row in frame.index[latest.reindex(frame.index)]:
            builder.skip_at(table, int(row), "this respondent answered again later in the same administration: only "
                            "the latest answers are kept.", column=email)
        return frame[~latest.reindex(frame.index)]

    @staticmethod
    def _score(column: pd.Series, title: str, question: Question, mapping: MappingFile, builder: PlanBuilder,
               table: InputTable, name: str) -> tuple[list[float | None], tuple[float, float]] | None:
        """Numbers for one question's answers and the scale's range; None when it is not imported."""
        answers = column.dropna().astype(str).str.strip()
        if answers.empty:
            return None
        numbers = [parse_number(a)[0] for a in answers]
        scales = mapping.all_scales()
        wanted = question.scale or mapping.scale
        if wanted is None and all(n is not None for n in numbers):
            low, high = min(1.0, min(n for n in numbers if n is not None)), max(n for n in numbers if n is not None)
            builder.note(f"'{title}': numeric answers kept as numbers; scale taken as {low:g}-{high:g} from the answers "
                         "(set scale: if it runs wider).")
            return [parse_number(v)[0] for v in column], (low, high)
        if wanted is None:
            fits = fitting_scales(answers, scales)
            if not fits:
                builder.note(f"'{title}': free-text answers, not imported (surveys.csv holds numbers; set scale: if "
                             "this is a rating question with labels of your own).")
                return None
            if len(fits) > 1:
                builder.skip_at(table, 1, f"these answers fit the scales {', '.join(fits)}, which score them "
                                "differently: name one under questions: (scale:) or as scale: in the mapping. The "
                                "question was left out.", column=name)
                return None
            wanted = fits[0]
        scale = scales[wanted]
        if question.scale is None and not any(answer_key(a) in scale for a in answers):
            builder.note(f"'{title}': no answer is on the {wanted} scale (free text?), so it was not imported.")
            return None
        values: list[float | None] = []
        for row, value in column.items():
            if value is None or pd.isna(value):
                values.append(None)
                continue
            number = scale.get(answer_key(value))
            if number is None:
                number = parse_number(value)[0]
                if number is None:
                    builder.skip_at(table, int(row), f"this answer is not on the {wanted} scale; left out.",  # type: ignore[call-overload]
                                    column=name, value=value)
            values.append(number)
        return values, scale_range(scale)
