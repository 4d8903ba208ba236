"""What every part of the window shares: the worker thread, the theme, the lifter's window
settings, how numbers and dates are shown, the exercise picker and the paged item views.

May import the layers below the controller; never another `ui` package.
"""
