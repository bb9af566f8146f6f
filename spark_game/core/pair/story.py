"""Our story: what the pair has done together, told from the history (for screens and the shell)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .history import PLAN_DONE, LovedCard, PairHistory
from .ritual import WEEKDAYS, best_streak, calendar, ritual_message, weekly_streak


@dataclass(frozen=True)
class Milestone:
    """A milestone of the story and whether the pair has reached it."""

    name: str
    reached: bool


def milestones(history: PairHistory, deck_ids: list[str], today: date) -> list[Milestone]:
    days = history.played_days()
    tried = set(history.cards_by_deck())
    return [
        Milestone("Your first round", len(days) >= 1),
        Milestone("Four weeks in a row", best_streak(days) >= 4),
        Milestone("Every deck tried", bool(deck_ids) and set(deck_ids) <= tried),
        Milestone("Ten rounds together", len(days) >= 10),
        Milestone("100 cards together", history.total_cards() >= 100),
        Milestone("A whole season of Fridays (12 weeks in a row)", best_streak(days) >= 12),
    ]


HEAT = " ░▒▓█"


def heatmap(weeks: list[int]) -> str:
    """One character a week: blank for none, darker for more rounds."""
    return "".join(HEAT[min(count, len(HEAT) - 1)] if count else "·" for count in weeks)


@dataclass(frozen=True)
class Story:
    """The pair's story, told from the history: streaks, the calendar, decks, milestones, loved cards."""

    streak: int
    best_streak: int
    ritual: str
    ritual_day: str
    weeks: list[int]
    rounds: int
    cards: int
    cards_by_deck: list[tuple[str, int]]
    milestones: list[Milestone]
    loved: list[LovedCard]
    plans_done: int = 0

    def lines(self) -> list[str]:
        """The story as plain text lines (what `spark-game stats` prints)."""
        out = [
            f"Weekly streak: {self.streak} (best {self.best_streak}). Ritual day: {self.ritual_day}. {self.ritual}",
            f"Rounds: {self.rounds}   Cards done together: {self.cards}   Plans kept: {self.plans_done}",
            "",
            f"Last {len(self.weeks)} weeks (oldest first, one mark a week):",
            f"  {heatmap(self.weeks)}",
            "",
            "Cards per deck:",
        ]
        out += [f"  {name:<28} {count:>5}" for name, count in self.cards_by_deck] or ["  none yet"]
        out += ["", "Milestones:"]
        out += [f"  [{'x' if m.reached else ' '}] {m.name}" for m in self.milestones]
        out += ["", "Cards you loved (latest first):"]
        out += [f"  {card.text}  ({card.deck_name})" for card in self.loved[:10]] or ["  none yet"]
        return out


def story(history: PairHistory, deck_names: dict[str, str], today: date) -> Story:
    days = history.played_days()
    by_deck = sorted(history.cards_by_deck().items(), key=lambda item: (-item[1], item[0]))
    return Story(
        streak=weekly_streak(days, today),
        best_streak=best_streak(days),
        ritual=ritual_message(history.ritual_day, today),
        ritual_day=WEEKDAYS[history.ritual_day],
        weeks=calendar(days, today),
        rounds=len(days),
        cards=history.total_cards(),
        plans_done=sum(plan.status == PLAN_DONE for plan in history.plans),
        cards_by_deck=[(deck_names.get(deck_id, deck_id), count) for deck_id, count in by_deck],
        milestones=milestones(history, list(deck_names), today),
        loved=list(reversed(history.loved)),
    )
