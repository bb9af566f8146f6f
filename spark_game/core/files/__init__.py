"""Helpers every other room may use, and which import nothing of Spark's.

Atomic writes and keeping a damaged file aside (`atomic`), checksummed caches that are
trusted only when they check out (`verified_cache`), cleaning text for the screen and for
file names (`text`), and days in words (`when`).
"""
