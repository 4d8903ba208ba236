"""Exercises by name: the catalogue that ships with the app, how other apps spell a lift, the
matching of their names to the catalogue, and the lifter's own answers kept for next time.

May import `domain` and `files`.
"""
