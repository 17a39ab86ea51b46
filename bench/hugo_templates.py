# ruff: noqa: E501  (HTML templates: a line is one element, wrapping them would change the output)
"""The Hugo site's templates, written with every `hugo` project of the benchmark (no theme download).

Comparable in weight to zoneportal's pages: a base with header, nav, a side column of the latest
posts and a footer; a post page with its metadata, table of contents, older/newer links and related
posts; paginated term pages per taxonomy (categories, authors, tags, committees); year archives
grouped by month; a home page with the latest posts and the newest of each category. Hugo's own RSS
stays on (home, sections, taxonomies and terms). File layout of Hugo >= 0.146 (layouts/*.html,
layouts/_partials/).
"""

from __future__ import annotations

BASEOF = """<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<header class="site-header">
  <a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
  <nav class="site-nav" aria-label="Chính">
    <ul>
    {{- $current := . }}
    {{- range site.Menus.main }}
      <li><a href="{{ .URL | relURL }}"{{ if $current.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
    {{- end }}
    </ul>
  </nav>
</header>
<div class="site-body">
  <main class="site-main">
  {{- with .Ancestors.Reverse }}
    <nav class="breadcrumbs" aria-label="Đường dẫn">{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> › {{ end }}</nav>
  {{- end }}
  {{ block "main" . }}{{ end }}
  </main>
  {{ if not .IsHome }}{{ partialCached "latest.html" . "latest" }}{{ end }}
</div>
<footer class="site-footer">
  <p>{{ site.Title }}</p>
  <p>Số 18 đường Hùng Vương, thành phố Thanh Vân. Điện thoại: 0200 3 812 345.</p>
  <p><a href="{{ "gioi-thieu/" | relURL }}">Giới thiệu</a> · <a href="{{ "lien-he/" | relURL }}">Liên hệ</a> · <a href="{{ "index.xml" | relURL }}">RSS</a></p>
</footer>
</body>
</html>
"""

LATEST = """<aside class="site-side" aria-label="Tin mới">
  <h2>Tin mới</h2>
  <ul>
  {{- range first 6 (where site.RegularPages "Section" "tin-tuc") }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></li>
  {{- end }}
  </ul>
</aside>
"""

POST_META = """<p class="post-meta">
  <time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "02/01/2006 15:04" }}</time>
  {{- range .GetTerms "authors" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
  {{- range .GetTerms "categories" }} · <a class="category" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
</p>
"""

SUMMARY = """<article class="post-summary">
  <h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  {{ partial "post-meta.html" . }}
  <div class="summary">{{ .Summary }}</div>
</article>
"""

PAGER = """{{ $pager := .Paginator }}
{{ if gt $pager.TotalPages 1 }}
<nav class="pager" aria-label="Phân trang">
  {{ with $pager.Prev }}<a rel="prev" href="{{ .URL }}">‹ Trang trước</a>{{ end }}
  {{ range $pager.Pagers }}{{ if eq . $pager }}<span aria-current="page">{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }} {{ end }}
  {{ with $pager.Next }}<a rel="next" href="{{ .URL }}">Trang sau ›</a>{{ end }}
</nav>
{{ end }}
"""

HOME = """{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ $posts := where site.RegularPages "Section" "tin-tuc" }}
<section class="latest">
  <h2>Tin mới nhất</h2>
  {{ range first 10 $posts }}{{ partial "summary.html" . }}{{ end }}
</section>
{{ range site.Taxonomies.categories.ByCount }}
<section class="category-block">
  <h2><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h2>
  <ul>{{ range first 4 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"""

PAGE = """{{ define "main" }}
<article class="post">
  <h1>{{ .Title }}</h1>
  {{ if eq .Section "tin-tuc" }}
  {{ partial "post-meta.html" . }}
  {{ with .GetTerms "committees" }}<p class="committee">{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ with $.Params.term }} · nhiệm kỳ {{ . }}{{ end }}</p>{{ end }}
  {{ with .TableOfContents }}<nav class="toc" aria-label="Mục lục">{{ . }}</nav>{{ end }}
  {{ end }}
  <div class="post-body">{{ .Content }}</div>
  {{ with .GetTerms "tags" }}<p class="tags">{{ range . }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</article>
{{ if eq .Section "tin-tuc" }}
<nav class="post-nav" aria-label="Bài khác">
  {{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">‹ {{ .Title }}</a>{{ end }}
  {{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} ›</a>{{ end }}
</nav>
{{ with site.RegularPages.Related . | first 5 }}
<section class="related"><h2>Tin liên quan</h2>
  <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Date.Format "02/01/2006" }})</li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
{{ end }}
"""

SECTION = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range first 20 .RegularPagesRecursive }}{{ partial "summary.html" . }}{{ end }}
{{ end }}
"""

# Year archives: content/luu-tru/<year>/_index.md with `layout: year` and params.year.
YEAR = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $year := .Params.year }}
{{ $posts := where (where site.RegularPages "Section" "tin-tuc") "Date.Year" $year }}
<p>{{ len $posts }} bài viết</p>
{{ range $posts.GroupByDate "01/2006" }}
<section class="month"><h2>Tháng {{ .Key }}</h2>
  <ul>{{ range .Pages }}<li><time>{{ .Date.Format "02/01" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"""

ARCHIVE = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="years">
{{ range .Sections.ByTitle.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"""

TERM = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="description">{{ . }}</p>{{ end }}
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
"""

STYLESHEET = """body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1a1a1a}
.site-header{background:#0b4f8a;color:#fff;padding:.75rem 1rem}
.site-header a{color:#fff;text-decoration:none}
.site-nav ul{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:.5rem 0 0;padding:0}
.site-body{display:grid;grid-template-columns:minmax(0,1fr) 18rem;gap:2rem;max-width:72rem;margin:0 auto;padding:1rem}
.post-meta,.breadcrumbs{color:#555;font-size:.9rem}
.pager a,.pager span{padding:.25rem .5rem}
.site-footer{background:#f2f2f2;padding:1rem;text-align:center;font-size:.9rem}
@media (max-width:48rem){.site-body{grid-template-columns:1fr}}
"""

# path under the project's layouts/ (or static/) → text
TEMPLATES: dict[str, str] = {
    "baseof.html": BASEOF,
    "home.html": HOME,
    "page.html": PAGE,
    "section.html": SECTION,
    "year.html": YEAR,
    "archive.html": ARCHIVE,
    "taxonomy.html": TAXONOMY,
    "term.html": TERM,
    "_partials/latest.html": LATEST,
    "_partials/post-meta.html": POST_META,
    "_partials/summary.html": SUMMARY,
    "_partials/pager.html": PAGER,
}
