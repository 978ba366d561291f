"""When the page a --login-script left counts as settled: a quiet run of the same loaded answer."""
from __future__ import annotations

from auditor.browsers.login_settle import QUIET_POLLS, Settling

LOADED = ("https://news.example/members", True)


def polls(answers) -> int | None:
    """The poll at which ``answers`` settle, or None."""
    settling = Settling(30)
    for number, answer in enumerate(answers, 1):
        if settling.settled(answer):
            return number
    return None


def test_a_loaded_page_settles_after_the_quiet_polls():
    assert polls([LOADED] * (QUIET_POLLS + 3)) == QUIET_POLLS


def test_a_page_being_left_or_between_documents_starts_the_quiet_again():
    leaving = ("https://news.example/login", False)
    answers = [LOADED] * (QUIET_POLLS - 1) + [leaving, None] + [LOADED] * QUIET_POLLS
    assert polls(answers) == len(answers)


def test_a_new_address_starts_the_quiet_again():
    other = ("https://news.example/members?welcome", True)
    answers = [LOADED] * (QUIET_POLLS - 1) + [other] * QUIET_POLLS
    assert polls(answers) == len(answers)
    assert polls([LOADED, other] * QUIET_POLLS) is None


def test_the_wait_is_bounded_by_the_page_timeout():
    assert not Settling(30).given_up
    assert Settling(0).given_up
