"""The session that plays a round for the screens: `PlaySession` starts, resumes, acts, saves
and leaves a round, and makes the pair's choices between rounds.

It holds a round (`play`), its save (`saves`) and the pair's history (`pair`), so it sits above
all three; the engine decides what is allowed, the session decides what is written.
"""
