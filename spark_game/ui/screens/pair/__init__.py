"""The pair's screens: Our story, private limits, the check-in, the spice deck's consent, Settings."""
