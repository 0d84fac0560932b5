""""Run it yourself": the checklist a coach reads before facilitating a notebook for real.

Timings and facilitator notes already live in each notebook (its **Time** line and its cells
tagged ``facilitator``); they are read from there, not copied, so the checklist cannot drift
from the session.  What a notebook does not say -- what to prepare and the questions a room
usually asks, with an answer a coach can give -- is kept here, one :class:`Rehearsal` per
workshop notebook.  In the ``practice`` training mode the capture widgets start filled with
the sample team's last session (:func:`datadriver_utils.workshop.sessions.resumable`), so
the learner sees a finished workshop before running one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from datadriver_utils.core.safe_text import escape_text
from datadriver_utils.errors import DataDriverError
from datadriver_utils.notebook.results import Fragment, Result
from datadriver_utils.stats.benchmarks import AHEAD_POINTS
from datadriver_utils.stats.feedback import BITE_SIZE_WORDS

__all__ = ["REHEARSALS", "Rehearsal", "checklist", "notebook_minutes", "notebooks_folder"]


@dataclass(frozen=True)
class Rehearsal:
    """What to prepare and what the room will ask, for one notebook."""

    notebook: str
    prepare: tuple[str, ...]
    questions: tuple[tuple[str, str], ...]


REHEARSALS: dict[str, Rehearsal] = {r.notebook: r for r in (
    Rehearsal("00_orientation", (
        "Run `datadriver check` on the team's folder the day before, so nobody meets a data error in the room.",
        "Make sure team.yml lists every member: the self-assessment grid has one column per member.",
        "Decide who presses Save: one person, once, after everyone has rated.",
    ), (
        ("Is the self-assessment graded?", "No. It is a starting point the team rates again at the end of the "
         "year; the spread between members matters more than the mean."),
        ("Who sees our ratings?", "The team. District and public reports show team-level results only, and only "
         "when enough members answered."),
        ("Why start with the cycle and not our data?", "So everyone knows which notebook answers which question "
         "before a number is on the screen."),
    )),
    Rehearsal("01_vision", (
        "Choose the two listening segments (a recording, a visiting colleague or a written case): one about "
        "trust, one about the purpose of data use.",
        "Print the district mission: the vision draft is read against it.",
        "Bring last meeting's minutes with their open actions.",
    ), (
        ("Nobody covers a function: did we fail?", "No. It is a decision to make: who could take it on, or which "
         "adjunct member (a coach, a principal) should join for it."),
        ("Can we fix the top barrier today?", "First ask what you would see if it were gone; a barrier is often a "
         "symptom of another."),
        ("Whose vision is it?", "The team drafts; the staff workshop tests the draft against what teachers need."),
    )),
    Rehearsal("02_inventory", (
        "Ask the owner of inventory.csv to bring the list of systems and who exports from them.",
        "Print the coverage heatmap for each school's representative.",
    ), (
        ("A hatched cell: is that bad?", "It is a gap, not a failure: decide whether the question it closes off "
         "matters to the goal."),
        ("We collect it but nobody reads it: stop?", "Either name the meeting where it will be read, or stop "
         "collecting it; both are good outcomes."),
        ("Which copy is right when two systems hold it?", "Agree on the copy of record and write it in the "
         "inventory's source column."),
    )),
    Rehearsal("03_collection", (
        "Invite whoever enters or exports the data (clerk, data office): they explain the blanks.",
        "Run the notebook once beforehand and read the flagged rows in the team view.",
    ), (
        ("The audit flags our file: is the data wrong?", "It flags what the file shows (blank, implausible, "
         "repeated, out of the cycle); most causes are ordinary, such as a late export."),
        ("Our rating is high but the audit is poor.", "That disagreement is the conversation: what does each "
         "one see that the other does not?"),
        ("Can the district see the flagged students?", "No: rows that name people stay in the team view."),
    )),
    Rehearsal("04_dissemination", (
        "Bring the district's privacy policy: it, not the room, decides what each audience may receive.",
        "Print the release calendar for the year.",
    ), (
        ("A ⚠ cell: are we breaking the law?", "It marks a student-level release to an audience that should get "
         "aggregates; the fix is usually to send an aggregate or each family only its own child's report."),
        ("Why does the calendar matter?", "Releases bunched in one month compete for attention; long gaps mean "
         "decisions on stale data."),
        ("Who keeps the schedule up to date?", "Agree an owner and a review date before the session ends."),
    )),
    Rehearsal("05_change", (
        "Ask the team to update the action tracker's statuses before the session: overdue is judged as of "
        "the report's date.",
        "Check that both culture survey administrations are in surveys.csv.",
    ), (
        ("Are our concerns scores good or bad?", "Neither: they show where people are. Early stages call for "
         "information and listening, later ones for evidence and shared work."),
        ("Why is one survey administration hidden?", "Too few people answered: a small survey lets readers guess "
         "who said what."),
        ("Trust went down: did we do harm?", "Maybe it is honesty growing. Read the items that moved and ask "
         "the staff, before concluding."),
    )),
    Rehearsal("06_assessment_literacy", (
        "Read the glossary on the team's own data beforehand and pick the two or three terms the team uses most "
        "loosely (percent proficient and growth are common): start there.",
        "Ask whoever keeps trainings.csv to bring it up to date (who needs what, due dates, completions), and set "
        "`as_of` in the parameters cell to the session's date.",
        "Bring one vendor score report (MAP, Star or i-Ready) if the team has one: its percentile and scale score "
        "are the terms people ask about.",
    ), (
        ("The vendor's percentile and ours differ for the same student: which is right?", "Both: ours ranks the "
         "student among this team's students, the vendor's against its national norm group. Name the group before "
         "quoting a percentile."),
        ("A student went from 14 to 15 points: did she improve?", "This test cannot say: a difference smaller than "
         "the standard error of measurement is within its own noise. Look at the group, or at several measures."),
        ("Is an effect size of 0.4 good?", "Small by the rough reading, and it says how consistently students grew, "
         "not how much: read it beside the gain in points and the number of matched students."),
        ("She finished the training last week, so why is it overdue?", "The catalog has no completion date for it: "
         "add the row live with the date completed, and it reads done."),
        ("Can the district see who is overdue?", "No: people are named in the team view only; shared reports "
         "count per training."),
    )),
    Rehearsal("11_assessor", (
        "Have the assessment and its answer key on paper: negative items are read aloud against the key.",
        "Make sure assessments.csv has item_id (and response and key for the distractor table).",
    ), (
        ("An item has negative discrimination: what now?", "Check the key first. If the key is right, read the "
         "item for a second defensible answer; record a rescore if the key was wrong."),
        ("Alpha is 0.65: is the test useless?", "No, but read standard-level results as rough signals; alpha "
         "rises with more items."),
        ("Should we drop the too-easy items?", "Not necessarily: they may be the basics everyone must show. They "
         "tell you little about who is ready for more."),
    )),
    Rehearsal("12_data_analyst", (
        "Bring processes.csv (completion, grades, attendance) if the team has it: the discrepancy check needs it.",
        "Decide in advance how the bubble list will be used: planning support, kept in the room.",
    ), (
        ("The grades say A, the test says not proficient: who is right?", "Both measure something; ask what each "
         "is built from and what each would need to see to change."),
        ("A small group looks far behind.", "With fewer than about 20 students, a few students move the "
         "percentage a lot: treat it as a question."),
        ("Can we share the bubble list with families?", "No: it stays in the team view, for planning support."),
    )),
    Rehearsal("13_goal_setter", (
        "Agree, before the session, who presses Save on the goal builder: it rewrites team.yml (the old one "
        "is kept).",
        "Bring last year's growth if you have it: it tells whether a target is realistic.",
    ), (
        ("'Ambitious': should we lower the target?", "Not necessarily: ask what support the extra students would "
         "need to cross the cut."),
        ("Why only the goal's standards?", "The baseline has to measure what the goal measures, or progress cannot "
         "be read from it."),
        ("The SMART check says no to time-bound.", "Name a date or a window; 'by the end of' is not yet a time."),
    )),
    Rehearsal("14_researcher", (
        "Ask for the run chart's data points up to this week, and the PDSA cycle dates.",
        "Print the chart: people should say what they see before seeing the signal table.",
    ), (
        ("The line went up: did our change work?", "Only a rule-based signal says so; with fewer than 15 points the "
         "honest answer is 'not known yet'."),
        ("Why the median, not the mean?", "The run-chart rules count runs around the median; an outlier does not "
         "move it."),
        ("Adopt, adapt or abandon?", "Decide from the study notes and the chart together, then name the next "
         "cycle's test."),
    )),
    Rehearsal("15_surveys", (
        "Check that each administration has enough respondents (peer feedback needs at least four).",
        "Read the item wording: a change can come from who answered rather than from what changed.",
    ), (
        ("Can we see who answered what?", "No: respondent ids never appear, and small administrations are hidden."),
        ("Which change do we believe?", "One that shows on several items of a construct, with similar respondents "
         "both times."),
        ("The neutral answers: good or bad?", "Neither: the chart splits them across the middle so they are seen."),
    )),
    Rehearsal("20_data_driver_snapshot", (
        "Make sure team.yml has the overview, next steps and actions of each strand: the snapshot reads them.",
        "Print the pre/post table for silent reading.",
    ), (
        ("Our rating differs from the suggestion.", "Record the team's judgement in team.yml "
         "(goal: progress_rating) and say why in the overview; the report shows both."),
        ("Students are missing from the gains.", "Name who and why by section; if they differ from the rest, the "
         "gains may not speak for them."),
        ("Is the overview too long?", "The credential allows 300 words; the word check counts them."),
    )),
    Rehearsal("21_leadership_moves", (
        "Ask each teacher with a link in benchmark_links.csv for the micro-change in one sentence and when they "
        "tried it: the check reads the next window for the same students.",
        "Check that the belonging micro-survey was given in the months of the walkthroughs (survey 'belonging', "
        "administration YYYY-MM).",
        "Agree who reads the feedback notes aloud, and say at the start that the session is about practice, not "
        "evaluation.",
        "Run the notebook once: know which links cannot be checked yet and when the next window will answer them.",
    ), (
        ("The standard rose 11 points: why isn't the micro-change credited?", "The same students rose on the "
         "grade's other standards too; only the difference belongs to the micro-change, and the one-pager asks for "
         f"at least {AHEAD_POINTS:g} points ahead."),
        ("Belonging rose when the look-fors did: did the walkthroughs cause it?", "A few months side by side "
         "cannot show cause; they show whether students felt what the observers saw. Look for months where one "
         "moved without the other."),
        ("Which teacher did worst?", "Not a question this session answers: return to what students did "
         "differently after the micro-change."),
        ("Why is my feedback note flagged?", f"Bite-size feedback is {BITE_SIZE_WORDS} words or fewer: one next "
         "step the teacher can act on tomorrow. Which step did the long note mean?"),
        ("Will the principal's report show our notes?", "No: teachers, classrooms and the notes' words stay in the "
         "team view; shared reports show counts."),
    )),
    Rehearsal("30_student_learning_cycles", (
        "Check that slrc_cycles.csv names each teacher and visitor exactly as team.yml does: a misspelt name "
        "becomes a second teacher.",
        "Ask each visitor to bring the tally sheet, seating map or script of her visit, or to enter it in the live "
        "tools before the session.",
        "Have every teacher write whether cycle 1 satisfied her: without it the rule for cycle 2 reads 'cannot tell "
        "yet'.",
    ), (
        ("The data were disappointing: should I change my question?", "Not yet satisfied means keep the question "
         "and change something in the classroom; that way the second cycle shows whether the change helped."),
        ("Why is my cycle incomplete when the data are there?", "A cycle also needs the considerations and next "
         "steps: what the teacher makes of the data is part of the evidence."),
        ("Can the visitor tell me how the lesson went?", "She reports what the tool recorded about students, not a "
         "judgement of the teaching; the conversation starts from the data."),
    )),
    Rehearsal("31_peer_classrooms", (
        "Make sure the visitor column of slrc_cycles.csv names the visiting teacher for every cycle in a peer's "
        "room: a set counts for the visitor.",
        "Queue the two facilitation videos and note a minute in each worth watching together.",
        "Check the peer survey has at least four answers before showing it; with fewer, ask another colleague.",
    ), (
        ("Why don't the cycles in my room count for me here?", "These credentials are about working in peers' "
         "rooms: the sets count for whoever visited; your own cycles count in notebook 30."),
        ("Why is the peer survey blank?", "Fewer than four peers answered; every view hides it so nobody can guess "
         "who said what. One more answer shows it."),
        ("What makes the second video better?", "Usually the host talks more and the facilitator asks instead of "
         "advising; count who speaks, not how smooth it felt."),
    )),
    Rehearsal("32_scaling", (
        "Bring visits.csv up to date with every visit and its date: the blue and yellow dots are worked out from "
        "it.",
        "Check both culture survey administrations are in surveys.csv, about six months apart, and note how many "
        "answered each time.",
        "Print the network chart for the group to annotate.",
    ), (
        ("A yellow dot visited another yellow dot: does that count?", "It is the cycle spreading, marked 'other'; "
         "the credential counts the eight colleagues the first four brought it to."),
        ("Trust rose: is the culture better?", "Read it beside who answered: if fewer answered the second "
         "time, say so first, and look at the items that moved."),
        ("Why do the names disappear in the district report?", "Beyond the team the network shows 'Blue 1', "
         "'Yellow 3': the visits name colleagues and stay in the team view."),
    )),
    Rehearsal("33_classroom_improvement", (
        "Check each voice plan's dates: first results received, the action's start and end, and the second "
        "administration.",
        "Have the student work and the protocol used ready for the Looking at Student Work discussion.",
        "Run the share package check once: know which files will stay out and why before the room sees it.",
    ), (
        ("My action ran until the week after the second survey: is that a problem?", "Yes: the second survey then "
         "measures a plan still under way. End the action before students answer again, or move the survey."),
        ("Why is my grouping list not in the package?", "It has a column that identifies students; remove it and "
         "export again. Nothing that names a student leaves the school."),
        ("The run chart has a dozen points: can we read it?", "Not yet: below 15 points 'no signal' means 'not known "
         "yet'. Keep measuring on the same schedule."),
    )),
)}


def notebooks_folder() -> Path:
    """The workbook's notebooks, as the batch finds them (installed package data)."""
    import datadriver_utils.notebooks as bundled

    return Path(bundled.__file__).resolve().parent


def _read(notebook: str) -> nbformat.NotebookNode:
    path = notebooks_folder() / f"{notebook.removesuffix('.ipynb')}.ipynb"
    if not path.is_file():
        raise DataDriverError(f"There is no notebook {path.name} in {path.parent}.")
    return nbformat.read(path, as_version=4)


def notebook_minutes(notebook: str) -> int | None:
    """The session length the notebook states (``**Time:** about 45 minutes``)."""
    for cell in _read(notebook).cells:
        found = re.search(r"\*\*Time:?\*\*:?\s*about\s+(\d+)\s*min", cell.source)
        if found:
            return int(found.group(1))
    return None


def _facilitator_notes(notebook: str) -> list[str]:
    notes: list[str] = []
    for cell in _read(notebook).cells:
        if "facilitator" in cell.get("metadata", {}).get("tags", []):
            text = re.sub(r"^>\s?", "", cell.source, flags=re.MULTILINE)
            notes += [" ".join(b.split()) for b in re.split(r"\n\s*\*\s+", "\n" + text)[1:]]
    return notes


def checklist(notebook: str) -> Result:
    """The "run it yourself" checklist: length, timings and notes, what to prepare, likely questions."""
    name = notebook.removesuffix(".ipynb")
    rehearsal = REHEARSALS.get(name)
    if rehearsal is None:
        raise DataDriverError(f"No rehearsal checklist is written for {name}.")
    minutes = notebook_minutes(name)
    items = "".join(f"<li>{escape_text(n)}</li>" for n in _facilitator_notes(name))
    prepare = "".join(f"<li>☐ {escape_text(p)}</li>" for p in rehearsal.prepare)
    questions = "".join(f"<dt>{escape_text(q)}</dt><dd>{escape_text(a)}</dd>" for q, a in rehearsal.questions)
    markup = (f'<section class="rehearsal"><h3>Run it yourself: {escape_text(name)}</h3>'
              + (f"<p><b>Session length:</b> about {minutes} minutes.</p>" if minutes else "")
              + f"<h4>Prepare</h4><ul>{prepare}</ul><h4>Timings and notes</h4><ul>{items}</ul>"
              f"<h4>Questions the room usually asks</h4><dl>{questions}</dl></section>")
    return Result([Fragment(markup, label=f"rehearsal checklist for {name}")], value=rehearsal)
