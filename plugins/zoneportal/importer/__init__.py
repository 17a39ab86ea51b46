"""Legacy portal exports → posts: `zoneportal import`.

The pipeline, one module per step: decode (bytes → text) → article (lines → title, date, body,
photos, with chrome.py, dates.py, titles.py, bylines.py, committees.py, fields.py) → registries
(authors and committees the posts name) → writer (front matter + Markdown body) → report.
Nothing here imports MkDocs.
"""
