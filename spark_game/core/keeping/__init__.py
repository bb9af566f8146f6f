"""What the pair takes out of the game: the keepsake page (HTML or Markdown, from Jinja2
templates), the calendar file (iCalendar), and the export target that both are written to.

Reads the pair's history and saves; nothing imports it but the CLI and the screens.
"""
