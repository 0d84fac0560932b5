"""The rows of the sample teacher-leadership files, written out by hand (see .teacher_leadership).

Columns follow :data:`datadriver_utils.contract.schemas.TABLES`.  Names of peers outside a
team's roster are fictional colleagues in the same school; no row names a student.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "ARTIFACTS", "ARTIFACT_FILES", "CYCLES", "LIVE_CYCLES", "MEETINGS", "REFLECTIONS", "SCRIPTS", "SEATS",
    "STUDENT_WORK", "TALLIES", "VISITS", "VOICE_PLANS",
]

MAPLE, RIVER, CEDAR = "maple-elementary-g3", "river-middle-g7-math", "cedar-elementary-k2"
JASMINE, BEN, MEI, TARIQ, LUCIA = "Jasmine Ortiz", "Ben Carter", "Mei Chen", "Tariq Haddad", "Lucia Flores"
YELLOW = ("Ada Brennan", "Caleb Moore", "Dana Okoro", "Eli Sandoval", "Farah Iqbal", "Gwen Tate", "Hugo Lin",
          "Iris Novak")
DANIEL, AISHA, GRACE = "Daniel Brooks", "Aisha Rahman", "Grace Kim"

_Q_JASMINE = "When students answer a question about the text aloud, how many point to the words that back them up?"
_Q_BEN = "Which students take part in partner talk about the story's problem?"
_Q_MEI = "How often do students ask about a word they do not know during small-group reading?"
_Q_TARIQ = "How many students check their answer against the problem before handing it in?"
_Q_LUCIA = "Which students share a strategy during the number talk?"
_Q_DANIEL = "How many students explain their reasoning, not just the answer, when they share a rate problem?"
_Q_AISHA = "Which students use a table or a double number line before writing an equation?"

# teacher, cycle, question, tool, focus, visitor, date, measure, result_pct, data, considerations,
# next steps, satisfied, changes
CYCLES: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (JASMINE, 1, _Q_JASMINE, "tally", "answers citing the text / answers from memory, every 10 minutes", MEI,
         "2025-09-30", "% of spoken answers that cite the text", 42,
         "11 of 26 spoken answers pointed to the text; most came in the first ten minutes.",
         "Students cite when the question names a page; they answer from memory when it does not.",
         "Teach a routine for marking evidence before discussion.", "no", None),
        (JASMINE, 2, _Q_JASMINE, "tally", "answers citing the text / answers from memory, every 10 minutes", MEI,
         "2025-11-20", "% of spoken answers that cite the text", 71,
         "24 of 34 spoken answers pointed to the text, spread across the lesson.",
         "The underline-and-number routine carried over into talk, not only writing.",
         "Keep the routine; next cycle looks at written answers in informational text.", "yes",
         "Underline-and-number routine before every discussion, with a sentence starter for citing."),
        (BEN, 1, _Q_BEN, "seating map", "students who speak in partner talk, mapped by seat", JASMINE, "2025-09-23",
         "% of students who join partner talk", 55, "11 of 20 students spoke at least once; the back row was quiet.",
         "Pairs at the back waited for the teacher to come by before starting.",
         "Give every pair a talk stem on the table.", "no", None),
        (BEN, 2, _Q_BEN, "seating map", "students who speak in partner talk, mapped by seat", JASMINE, "2025-11-18",
         "% of students who join partner talk", 80, "16 of 20 students spoke at least once.",
         "Talk stems helped the quiet pairs start; two seats are still silent.",
         "Check in with the two students who stayed silent.", "yes", "Talk stems on table tents for every pair."),
        (MEI, 1, _Q_MEI, "scripting", "what students and the teacher say about unknown words", BEN, "2025-10-01",
         "% of scripted talk that comes from students", 30,
         "3 of 10 scripted moves came from students; nobody asked about a word.",
         "Students skip unknown words rather than ask.", "Model asking about a word with a think-aloud.", "no",
         None),
        (MEI, 2, _Q_MEI, "scripting", "what students and the teacher say about unknown words", BEN, "2025-11-25",
         "% of scripted talk that comes from students", 44,
         "4 of 9 scripted moves came from students, two of them questions about words.",
         "The think-aloud gave students words for asking.", "Keep the think-aloud; add a word wall check.", "yes",
         "A think-aloud about one unknown word at the start of each group."),
        (TARIQ, 1, _Q_TARIQ, "tally", "checked / handed in unchecked, every 10 minutes", JASMINE, "2025-10-07",
         "% of hand-ins checked against the problem", 35, "7 of 20 hand-ins were checked.",
         "Students who finish early hand in fastest and check least.", "Add a checking step to the task card.",
         "no", None),
        (TARIQ, 2, _Q_TARIQ, "tally", "checked / handed in unchecked, every 10 minutes", LUCIA, "2025-12-02",
         "% of hand-ins checked against the problem", 60, "12 of 20 hand-ins were checked.",
         "The task card step worked for most; early finishers still rush.", "Pair early finishers to check.",
         "yes", "A 'does it answer the question?' step on every task card."),
        (LUCIA, 1, _Q_LUCIA, "seating map", "students who share a strategy, mapped by seat", JASMINE, "2025-10-14",
         "% of students who share a strategy", 48, "12 of 25 students shared a strategy.",
         "The same confident students share every day.", "Try turn-and-talk before sharing.", "no", None),
        (LUCIA, 2, _Q_LUCIA, "seating map", "students who share a strategy, mapped by seat", TARIQ, "2025-12-10",
         "% of students who share a strategy", 60, "15 of 25 students shared a strategy.",
         "Rehearsing with a partner brought in new voices.", "Keep turn-and-talk; record strategies on a chart.",
         "yes", "Turn-and-talk before every share."),
    ],
    RIVER: [
        (DANIEL, 1, _Q_DANIEL, "tally", "explains reasoning / answer only, every 12 minutes", AISHA, "2025-10-15",
         "% of shared answers with reasoning", 25, "6 of 24 shared answers included reasoning.",
         "Students give the number and stop; nobody asks them why.",
         "Ask for one sentence of reasoning before any answer is shared.", "no", None),
        (AISHA, 1, _Q_AISHA, "tally", "students who draw a table or line first", DANIEL, "2025-10-22",
         "% of students who draw a model first", 30, "9 of 30 students drew a model before the equation.",
         "Students who drew a model got the equation right more often.", "Model the double number line daily.",
         "no", None),
        (AISHA, 2, _Q_AISHA, "tally", "students who draw a table or line first", DANIEL, None, None, None, None, None,
         None, None, "A daily double-number-line warm-up."),
    ],
    CEDAR: [
        (GRACE, 1, "How many students blend a new word instead of guessing from the picture?", "tally",
         "blends / guesses, every 5 minutes", "Luis Romero", "2025-10-08", "% of attempts that blend", 40,
         "10 of 25 attempts blended the sounds.", "Students guess when a picture is on the page.",
         "Cover the pictures during first reads.", "no", None),
        (GRACE, 2, "Which students reread a sentence after fixing a word?", "scripting",
         "what students do after a miscue", "Luis Romero", "2025-11-19", "% of miscues followed by a reread", 50,
         "Half of the fixed miscues were followed by a reread.", "Rereading happens when the teacher prompts it.",
         "Teach a self-check prompt.", "no", "Pictures covered on first reads."),
    ],
}

LIVE_CYCLES: dict[str, list[tuple[dt.datetime, tuple[object, ...]]]] = {
    RIVER: [(dt.datetime(2025, 11, 12, 16, 5, tzinfo=dt.UTC),
             (DANIEL, 2, _Q_DANIEL, "tally", "explains reasoning / answer only, every 12 minutes", AISHA, None, None,
              None, None, None, None, None, "Every student writes one sentence of reasoning before pairs share."))],
}
"""Cycles planned in a workshop and saved by the live form (newer than the CSV's rows)."""


def _tally(teacher: str, cycle: int, minutes: tuple[int, ...], counts: dict[str, tuple[int, ...]]
           ) -> list[tuple[object, ...]]:
    return [(teacher, cycle, m, category, n) for category, ns in counts.items() for m, n in zip(minutes, ns)]


_TENS = (0, 10, 20, 30, 40)
TALLIES: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        *_tally(JASMINE, 1, _TENS, {"cites the text": (2, 3, 2, 3, 1), "answers from memory": (4, 3, 4, 2, 2)}),
        *_tally(JASMINE, 2, _TENS, {"cites the text": (5, 6, 5, 4, 4), "answers from memory": (2, 2, 2, 2, 2)}),
        *_tally(TARIQ, 1, _TENS, {"checks the answer": (1, 2, 1, 2, 1), "hands in unchecked": (3, 2, 3, 3, 2)}),
        *_tally(TARIQ, 2, _TENS, {"checks the answer": (2, 3, 2, 3, 2), "hands in unchecked": (2, 2, 2, 1, 1)}),
    ],
    RIVER: _tally(DANIEL, 1, (0, 12, 24, 36), {"explains reasoning": (1, 2, 2, 1), "answer only": (5, 4, 4, 5)}),
    CEDAR: _tally(GRACE, 1, (0, 5, 10), {"blends the word": (3, 4, 3), "guesses from the picture": (5, 5, 5)}),
}


def _seats(teacher: str, cycle: int, grid: tuple[tuple[int, ...], ...]) -> list[tuple[object, ...]]:
    return [(teacher, cycle, r, c, n) for r, row in enumerate(grid, 1) for c, n in enumerate(row, 1)]


SEATS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        *_seats(BEN, 1, ((2, 0, 1, 3, 0), (1, 0, 2, 0, 1), (0, 1, 0, 2, 0), (1, 1, 0, 0, 1))),
        *_seats(BEN, 2, ((2, 1, 1, 3, 1), (1, 0, 2, 1, 1), (1, 1, 0, 2, 1), (0, 1, 1, 0, 1))),
        *_seats(LUCIA, 1, ((1, 0, 2, 0, 1), (0, 1, 0, 1, 0), (2, 0, 0, 1, 1), (0, 0, 1, 0, 1), (1, 0, 0, 1, 0))),
        *_seats(LUCIA, 2, ((1, 1, 2, 0, 1), (0, 1, 1, 1, 0), (2, 0, 1, 1, 1), (0, 0, 1, 0, 1), (1, 0, 0, 1, 0))),
    ],
}

SCRIPTS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (MEI, 1, 0, "teacher", "Reads the title and asks what the book might be about."),
        (MEI, 1, 2, "student", "Says it is about a storm."),
        (MEI, 1, 4, "teacher", "Asks students to read page 3 quietly."),
        (MEI, 1, 7, "teacher", "Prompts a student who stopped at 'gust' to keep going."),
        (MEI, 1, 9, "teacher", "Explains what 'gust' means."),
        (MEI, 1, 11, "student", "Reads the next sentence aloud."),
        (MEI, 1, 13, "teacher", "Asks who the main character is."),
        (MEI, 1, 14, "student", "Names the character."),
        (MEI, 1, 16, "teacher", "Asks what the character wants."),
        (MEI, 1, 18, "teacher", "Sums up the page."),
        (MEI, 2, 0, "teacher", "Thinks aloud about the word 'shelter' and how she could find out."),
        (MEI, 2, 3, "student", "Asks what 'drifted' means."),
        (MEI, 2, 5, "teacher", "Sends the group back to the sentence to work it out."),
        (MEI, 2, 6, "group", "Talk about the boat moving slowly with the wind."),
        (MEI, 2, 9, "teacher", "Asks the group to read on."),
        (MEI, 2, 11, "student", "Asks whether 'harbor' is a place."),
        (MEI, 2, 12, "teacher", "Points to the picture and the caption."),
        (MEI, 2, 14, "student", "Explains the harbor keeps the boats safe."),
        (MEI, 2, 16, "teacher", "Adds 'drifted' and 'harbor' to the word wall."),
    ],
    CEDAR: [
        (GRACE, 2, 0, "teacher", "Prompts: does that sound right?"),
        (GRACE, 2, 2, "student", "Fixes 'hop' to 'hope' and rereads the sentence."),
        (GRACE, 2, 4, "student", "Fixes 'cap' to 'cape' and reads on without rereading."),
        (GRACE, 2, 6, "teacher", "Asks the student to go back to the start of the sentence."),
    ],
}

VOICE_PLANS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [(JASMINE, "student_voice", "feedback",
             "Write one next step on every exit ticket and open the next lesson with two minutes to act on it.",
             "All students in section 3A", "2025-10-06", "2025-10-13", "2026-01-16", "2026-01-26",
             "More students said they know what to practise next; acting on the note daily mattered more than "
             "the note itself. Next year the two minutes stay, and students will write the next step themselves.")],
    RIVER: [(DANIEL, "student_voice", "challenge",
             "Ask every student to explain one answer in writing each lesson.", "Sections 7-1 and 7-3",
             "2025-10-09", "2025-10-20", "2026-01-09", "2026-01-23", None)],
    CEDAR: [(GRACE, "student_voice", "challenge", "A daily 'stretch word' in small-group reading.",
             "Kindergarten room 1", "2025-10-10", "2025-10-20", "2026-02-13", "2026-01-30",
             "Students liked the stretch word; the second survey came before the plan had finished.")],
}

STUDENT_WORK: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (JASMINE, "presenting", "2025-11-05", "Collaborative Assessment Conference",
         "What does this student understand about using evidence?",
         "A grade 3 written answer about a character's choice (name removed)",
         "Colleagues saw reasoning I had marked as wrong: the student used evidence from the wrong page.",
         "Teach students to check that the evidence they mark answers the question asked."),
        (JASMINE, "facilitating", "2026-01-21", "Tuning Protocol",
         "Does this task ask students for the reasoning we want?", "Ben Carter's grade 3 story-map task",
         "Holding the group to describing before judging was the hardest part; the timer helped.", None),
    ],
    RIVER: [(DANIEL, "presenting", "2025-12-03", "Looking at Student Work (ATLAS)", None,
             "A grade 7 rate problem solved without any reasoning written (name removed)",
             "The group noticed the student set up the ratio correctly but never said why.",
             "Ask for the 'why' sentence before checking answers.")],
}

_BLUE_VISITS = [(JASMINE, BEN, "2025-09-23"), (MEI, JASMINE, "2025-09-30"), (JASMINE, TARIQ, "2025-10-07"),
                (JASMINE, LUCIA, "2025-10-14"), (JASMINE, BEN, "2025-11-18"), (MEI, JASMINE, "2025-11-20")]
_YELLOW_VISITS = [(BEN, YELLOW[0], "2025-12-03"), (BEN, YELLOW[1], "2025-12-05"), (MEI, YELLOW[2], "2025-12-09"),
                  (MEI, YELLOW[3], "2025-12-11"), (TARIQ, YELLOW[4], "2026-01-13"), (TARIQ, YELLOW[5], "2026-01-15"),
                  (LUCIA, YELLOW[6], "2026-01-20"), (LUCIA, YELLOW[7], "2026-01-22")]
VISITS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [(JASMINE, v, h, d, None) for v, h, d in _BLUE_VISITS + _YELLOW_VISITS]
    + [(JASMINE, YELLOW[0], YELLOW[1], "2026-02-10", "A yellow dot's own cycle, visited by another")],
}

MEETINGS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (JASMINE, "2025-10-21", "5", 5, "Why we visit: the cycle's five parts; practise scripting on a video clip."),
        (JASMINE, "2025-12-09", "5", 5, "What our first cycles showed; plan the visits to eight more colleagues."),
        (JASMINE, "2026-01-27", "13", 12, "Welcome the eight; a visit in pairs; norms for reflecting on data."),
        (JASMINE, "2026-03-17", "13", 13, "Culture survey results; what we share at the district conference."),
    ],
}

ARTIFACTS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (JASMINE, "facilitating_peer_reflection", "video", "Facilitating Ben's first reflection", "2025-09-25",
         "https://video.example.org/riverbend/maple/slrc-1", None),
        (JASMINE, "facilitating_peer_reflection", "video", "Facilitating Lucia's second reflection", "2025-12-12",
         "https://video.example.org/riverbend/maple/slrc-2", None),
        (JASMINE, "sharing_improvement_strategies", "instructions", "Underline-and-number routine",
         "2026-02-02", "artifacts/evidence-routine.txt", "How to teach it in a week."),
        (JASMINE, "sharing_improvement_strategies", "assignment", "Exit ticket with a text-evidence question",
         "2026-02-02", "artifacts/exit-ticket.txt", None),
        (JASMINE, "sharing_improvement_strategies", "student work", "Grouping list from the December exit tickets",
         "2026-02-02", "artifacts/grouping-list.csv", "Used to form reteaching groups."),
        (JASMINE, "sharing_learning", "session description", "Riverbend teaching conference session",
         "2026-04-18", "artifacts/conference-session.txt", None),
        (JASMINE, "sharing_learning", "agenda", "School board agenda item", "2026-05-12",
         "https://board.example.org/riverbend/2026-05-12", None),
    ],
    RIVER: [(DANIEL, "facilitating_peer_reflection", "video", "Facilitating Aisha's first reflection",
             "2025-10-24", "https://video.example.org/riverbend/river/slrc-1", None)],
}

ARTIFACT_FILES: dict[str, dict[str, str]] = {
    MAPLE: {
        "evidence-routine.txt": "Underline-and-number routine (grade 3)\n\n1. Read the question and circle its key "
                                "word.\n2. Underline the sentence that answers it and write 1 beside it.\n3. If a "
                                "second sentence helps, underline it and write 2.\n4. In your answer, say which "
                                "sentence you used: 'In sentence 1 it says...'.\nTeach one step a day; by Friday "
                                "students do all four before talking with a partner.\n",
        "exit-ticket.txt": "Exit ticket\n\nWhy did Mia give the lantern away? Underline the sentence that tells you "
                           "and number it. Then write your answer and say which sentence you used.\n",
        "grouping-list.csv": "student_id,group\n200004,reteach evidence\n200011,reteach evidence\n200017,extend\n",
        "conference-session.txt": "Riverbend teaching conference, April 18, 2026\n\nSession: 'Looking at learning "
                                  "together' - twelve Maple teachers on visiting each other's rooms with one "
                                  "student learning question at a time, and what changed for students.\n",
    },
}

REFLECTIONS: dict[str, list[tuple[object, ...]]] = {
    MAPLE: [
        (JASMINE, "facilitation_easier", "2026-01-10",
         "Keeping the talk on what the data show, not on how the lesson went, comes naturally now."),
        (JASMINE, "facilitation_tricky", "2026-01-10",
         "Waiting in silence when the host is thinking; I still jump in with a suggestion too soon."),
        (JASMINE, "facilitation_strikes", "2026-01-10",
         "In the second video the host talks twice as much as I do; in the first it was the other way round."),
        (JASMINE, "culture_themes", "2026-03-20",
         "Trust rose most on showing a lesson that went badly; the group now asks for visits instead of "
         "waiting to be asked. Learning from visits rose too, but two colleagues still see visits as extra work."),
        (JASMINE, "lessons_learned", "2026-02-02",
         "Teach the routine one step a day and practise it in talk before writing; the exit ticket shows "
         "within two weeks whether it is taking hold."),
    ],
    RIVER: [(DANIEL, "facilitation_easier", "2025-11-01",
             "Starting with the question the host chose keeps us from drifting into advice.")],
}
