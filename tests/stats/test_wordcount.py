"""Words counted as a reviewer counts them, against the 300-word limit of Part 1."""

from __future__ import annotations

from datadriver_utils.stats.wordcount import count_words, word_limit_check


def test_count_words_counts_what_a_reader_counts() -> None:
    # By / January, / 70% / of / grade-7 / students / (7.RP.A.2) / will / pass.
    assert count_words("By January, 70% of grade-7 students (7.RP.A.2) will pass.") == 9
    assert count_words("It's 5.5 points — up") == 4  # the dash alone is no word
    assert count_words("") == 0


def test_word_limit_check() -> None:
    over = word_limit_check("one two three", 2)
    assert (over.words, over.limit, over.within_limit, over.words_over) == (3, 2, False, 1)
    exact = word_limit_check("one two", 2)
    assert exact.within_limit and exact.words_over == 0
