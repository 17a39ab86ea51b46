"""The image pipeline: photos of posts become resized, metadata-free WebP and JPEG variants.

    probe.py     read a photo's header: size, orientation, problems (Pillow, no decoding)
    variants.py  pure: which sizes and formats a photo gets, and what templates show of it
    encode.py    decode, orient, convert, resize and save one photo (runs in worker processes)
    cache.py     content-hash cache outside site/: unchanged photos are never encoded again
    pool.py      a process pool across every core, started early and collected late
    pipeline.py  ties them together for a build; the MkDocs plugin only calls into it
    markup.py    pure: <picture>/srcset markup, lightbox links, body <img> rewriting

Nothing here imports MkDocs.
"""
