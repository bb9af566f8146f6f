"""The small modal screens every part asks with: confirm, choose, a line of text, and the privacy blank."""

from .choice import ChoiceScreen
from .confirm import ConfirmScreen
from .privacy import PrivacyScreen
from .text_prompt import TextPromptScreen

__all__ = ["ChoiceScreen", "ConfirmScreen", "PrivacyScreen", "TextPromptScreen"]
