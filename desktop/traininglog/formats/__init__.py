"""What the importers and exporters share: the CSV table's columns and cells, and how
markdown notes write dates, names and numbers so that they read back exactly.

Below both, so that neither reaches into the other. May import `domain` only.
"""
