"""Team rosters: pull them from the course's shared sheet (or its CSV export).

Data flows one way: a source (CSV file or Google Sheet) gives a grid of text
cells; `grid.read_grid` turns it into a `Roster` plus findings; `store` renders
and writes `teams/roster.yaml` and reads it back for the other commands.

Nothing here imports gspread or google-auth at import time: only
`sheetsource` and `credentials` do, inside their functions.
"""
