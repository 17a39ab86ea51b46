"""`zoneportal serve` (`make serve`): the live preview, planned once and rendered on request.

- session.py: the portal of one preview in memory (MkDocs' files, navigation and templates of one
  build), brought in line with the posts after each save, each page rendered when a browser asks.
- changes.py: which saved files matter, and whether a save can be previewed without a build.
- server.py: MkDocs' live-reload server around the session (inotify, pages on request, the
  Vietnamese problem page of mkdocs/preview.py).
- search.py: search documents kept for posts a save did not change.
"""
