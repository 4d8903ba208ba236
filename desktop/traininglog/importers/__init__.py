"""Reading sessions from elsewhere: session files, other apps' exports, notes. Qt-free."""
