"""Reading sessions from elsewhere: session files, other apps' exports, notes. Qt-free.

Each reader turns a file into sessions and problems that name the line; nothing is stored
here (the save service stores what the lifter accepts). May import `domain`, `formats`,
`sessionfiles` and `exercises`; never `exporters`.
"""
