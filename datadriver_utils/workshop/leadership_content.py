"""The fixed content of the teacher-leadership notebooks (30-33, 40), in our own words.

Structure from the teacher-leadership micro-credentials (Teaching Matters; shared/seeds 003);
no sentence is copied.  Where the seed names a tool we do not have, we say so and offer our
own instead:

* the *Student Learning Rubric* -- :data:`QUESTION_CRITERIA` are our own five criteria for a
  Student Learning Question, not the rubric;
* the *Student Learning Reflection Cycle protocol* -- :data:`CYCLE_STEPS` retells its five parts;
* a *Looking at Student Work protocol* -- the team records the protocol's name (for example the
  Collaborative Assessment Conference or the Tuning Protocol); the workbook supplies none;
* the *Inquiry Cycle Snapshot worksheet* -- notebook 20 lays out its content itself.

Every self-check question explains the rule it checks, so a facilitator learning alone gets
the reason, not only the answer.
"""

from __future__ import annotations

from datadriver_utils.workshop.content import QuizQuestion

__all__ = [
    "CLASSROOM_QUIZ", "CYCLE_STEPS", "CYCLES_QUIZ", "PEERS_QUIZ", "PORTFOLIO_QUIZ", "PROMPTS", "QUESTION_CRITERIA",
    "SCALING_QUIZ",
]

CYCLE_STEPS: tuple[tuple[str, str], ...] = (
    ("Student Learning Question", "The host teacher names the one thing about her students' learning she most "
     "wants to understand, as a question the next lesson can answer."),
    ("Data collection tool", "A way to record only what the question asks about: tally marks by category and "
     "time, marks on a seating chart, or a script of what was said."),
    ("Student learning data", "What the tool recorded during the lesson: counts, a map, notes. The collector "
     "records; she does not judge the teaching."),
    ("Considerations", "Host and colleague read the data together: what they show, what surprises, what they "
     "cannot show."),
    ("Next steps", "What the host will do next, and whether she is satisfied: if not yet, she changes something "
     "in class and asks the same question again; if so, she moves to a new question."),
)
"""The five parts of a Student Learning Reflection Cycle, retold."""

QUESTION_CRITERIA: tuple[tuple[str, str], ...] = (
    ("About students", "It asks what students do, say or produce, not how the teacher performs."),
    ("Seen in one lesson", "A colleague can watch it happen during one visit."),
    ("One tool can answer it", "Tally, map or script: the question says what to record."),
    ("Chosen by the host", "It is the question the host teacher most wants answered."),
    ("Can change tomorrow's lesson", "Whatever the data show, the host could act on it."),
)
"""Our own criteria for a Student Learning Question (we do not have the seed's Student Learning Rubric)."""

PROMPTS: dict[str, str] = {
    "facilitation_easier": "Which parts of facilitating the reflection protocol were hard at first and are "
                           "easier now?",
    "facilitation_tricky": "Which parts are still tricky?",
    "facilitation_strikes": "Watching both videos, what strikes you about the process, and about your role as "
                            "the facilitator?",
    "culture_themes": "Which trends and themes in the two culture surveys does the group find significant?",
    "lessons_learned": "What would another teacher need to know to try this change in their room?",
    "presentation_synopsis": "A synopsis of the presentation: the audience, what the group shared, what "
                             "listeners asked.",
}
"""The question behind each reflection prompt id of ``reflections.csv``."""

CYCLES_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "After cycle 1 only 40% of Ms. Lee's students explained their reasoning, and she is not satisfied. "
        "What does cycle 2 ask?",
        ("A new question about another area", "The same question, after a change in her classroom",
         "No question: she repeats the lesson", "The question her visiting colleague prefers"),
        1, "Not yet satisfied means the question is still open. Asking it again, with the same tool, after one "
           "classroom change is what makes the two cycles comparable: the same evidence before and after the "
           "change. A new question would leave the first unanswered and the change untested."),
    QuizQuestion(
        "After cycle 1 Mr. Diaz is satisfied with what the data showed. What comes next?",
        ("The same question again, to be sure", "A new area of interest and a new question",
         "Stop the cycles for this year", "A survey of his students"),
        1, "Satisfied means the question has done its work for now. Inquiry moves on: he chooses a new area of "
           "interest and writes a new Student Learning Question for cycle 2."),
    QuizQuestion(
        "Which Student Learning Question can a colleague answer in one visit with one tool?",
        ("Is my lesson engaging?", "How many students at each table explain a strategy in their own words "
         "during the launch?", "Why don't my students like fractions?", "Am I asking good questions?"),
        1, "It is about what students do, it can be seen in one lesson, and a tally by table answers it. The "
           "others ask about the teacher, or about feelings no tool records in a lesson."),
    QuizQuestion(
        "A cycle has a question, a tool and a seating map of who spoke. What is still missing before it counts "
        "as complete?",
        ("Nothing: the data are there", "The considerations and the next steps",
         "A rating of the lesson", "The students' names on the map"),
        1, "A cycle has five parts: question, tool, data, considerations and next steps. Data alone are not a "
           "cycle until host and colleague have made sense of them and decided what comes next. A rating of "
           "the teacher is never part of it, and a map holds seats, never names."),
)

PEERS_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "You visit a colleague's class to collect data on her question. What do you record?",
        ("Everything you notice about the lesson", "Only the evidence her question asks for",
         "Your suggestions for her teaching", "Which students misbehave"),
        1, "The host decides what she wants to understand; the visitor collects exactly that evidence. "
           "Recording everything, or advice, turns a visit into an evaluation and costs the trust the cycle "
           "depends on."),
    QuizQuestion(
        "Three colleagues answered your survey about the cycle's impact in their rooms. Can you report it?",
        ("Yes, three is enough", "No: at least four answers are needed, so nobody's answer can be picked out",
         "Yes, if you show names", "Only the averages"),
        1, "The credential asks for at least four respondents, and four is also where a colleague can no longer "
           "guess who gave which answer. With three, every view hides the results: follow up for a fourth."),
    QuizQuestion(
        "Why does Facilitating Peer Reflection ask for two videos?",
        ("To have a spare", "To compare your facilitation after more practice",
         "So two colleagues can appear", "Because one is too short"),
        1, "The second video, made after more practice, lets you see what changed in how you facilitate; the "
           "reflection questions ask exactly that."),
    QuizQuestion(
        "Crafting a common aim, who decides the Student Learning Question?",
        ("The visiting teacher", "The host teacher, helped by the visitor", "The principal",
         "The data coach"),
        1, "It is the host's classroom and her curiosity: the visitor helps her sharpen the question and build "
           "a tool that fits it."),
)

SCALING_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "In the second round of Building Will, who visits whom?",
        ("The leader visits eight new peers", "The first four peers visit eight more peers",
         "The eight new peers visit the leader", "Everyone visits everyone"),
        1, "The leader first runs cycles with four peers (blue dots); then those four each bring the cycle to "
           "two more colleagues (yellow dots). The work spreads through the people who learned it first."),
    QuizQuestion(
        "The learning group took the culture survey in September and again in November. What is the problem?",
        ("None", "Too soon: about six months are needed between the two", "November is a holiday month",
         "It should be given once"),
        1, "Trust and shared learning change slowly; two months rarely show it, and the credential asks for "
           "the second survey about six months after the first."),
    QuizQuestion(
        "How many reflection sheets does Measuring Impact ask for?",
        ("Four", "Eight: two cycles for each of the four first peers", "Twelve", "Two"),
        1, "Two cycles for each of four peers make eight sheets; two cycles per peer are needed to see whether "
           "student learning rose from one to the next."),
    QuizQuestion(
        "Twelve peers answered in September, seven in March. What should you say about the change?",
        ("Trust rose", "Nothing reliable: a smaller, different group answered, and seven is below the minimum "
         "we report", "Trust fell", "Average the two"),
        1, "When many fewer answer, a change can simply reflect who answered. Below the district's minimum "
           "group size the March results are hidden anyway: follow up before comparing."),
)

CLASSROOM_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "Survey results arrive on October 20; students answer again on January 15. Which action timeline fits?",
        ("October 1 to December 15", "October 27 to January 9", "November 3 to January 30",
         "January 16 to March 1"),
        1, "An action can only answer results you have, so it starts after October 20; and the second survey "
           "can only show what the action did if the action happened before students answer again, so it ends "
           "before January 15."),
    QuizQuestion(
        "Presenting student work at a Looking at Student Work session, what do you hope to get?",
        ("Advice on fixing the student", "New perspectives on what the work shows",
         "A grade for the work", "Agreement that the task was good"),
        1, "The conversation is for seeing the work through other eyes, not for solving the presenter's "
           "problem; the presenter then decides her own next steps."),
    QuizQuestion(
        "What makes a PDSA test complete?",
        ("A change idea", "A question, a prediction, a measure and the results", "A run chart",
         "Three cycles"),
        1, "Predicting before the test is what turns Study into a comparison: did the results match what we "
           "expected? Without a measure there is nothing to compare."),
    QuizQuestion(
        "Which file must stay out of a share package posted for other teachers?",
        ("The PDSA tracker", "The run chart", "A grouping list with student ids", "The lessons learned"),
        2, "A share package leaves the school. Student ids, names or class lists never go with it; the export "
           "checks every file it can read and leaves out any that holds one."),
)

PORTFOLIO_QUIZ: tuple[QuizQuestion, ...] = (
    QuizQuestion(
        "A teacher has two cycles, but cycle 2 has no considerations yet. What is Focusing on Student Learning?",
        ("Complete", "Partial: one part of one cycle is missing", "Not started", "Complete if cycle 1 is"),
        1, "A piece of evidence is complete only when every part the credential asks for is there; the "
           "portfolio says which part is missing so the teacher knows what to add."),
    QuizQuestion(
        "Why does the PDSA tracker count for every teacher in the team?",
        ("It does not", "pdsa.csv has no teacher column: it is the team's, so it counts for each candidate",
         "Because PDSA is optional", "Because the principal signs it"),
        1, "Files without a teacher column belong to the team. A teacher applying on her own keeps her own "
           "tracker in a team folder of her own."),
)
