"""`zoneportal publish`: releases on a web root (a local folder or `user@host:/path` over SSH).

Layout on the target: `releases/<date>-<commit>/` (one folder per publish, unchanged files hard-linked
to the previous release), `releases/<id>.manifest.json` (what each release holds), and `current`, a
symlink switched with one rename; the web server serves `current/`.
"""
