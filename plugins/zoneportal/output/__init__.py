"""Write: staging and atomic swap, sitemap, feeds, SEO head, search index."""
