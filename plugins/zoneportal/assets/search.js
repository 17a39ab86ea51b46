// zoneportal search page: Pagefind's JS API behind a small Vietnamese form.
// Filters and sort are read from the form (and the address bar, so a search can be shared);
// results show the title, date and summary of each post with the query's words marked.
// Nothing here depends on the network beyond this site: Pagefind's files are served beside it.

const PAGE_SIZE = 10;
const FILTERS = ["category", "committee", "term", "year"];
const WORD = /[\p{L}\p{N}]+/gu;

/** The same folding as zoneportal.vi.fold: "Đảng ủy" → "dang uy" (tone marks, vowel marks and đ). */
export function fold(text) {
  return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Folded words of a query, for marking matches: "Hội  nghị" → ["hoi", "nghi"]. */
export function queryTerms(query) {
  return (fold(query).match(WORD) || []);
}

/** Split `text` into [piece, marked] pairs: a word (a Vietnamese syllable) is marked when it is a query
 * term as a whole, folded — "nghi" marks "nghị", never the "nghi" inside "nghiệp". */
export function markedPieces(text, terms) {
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const folded = fold(match[0]);
    if (terms.includes(folded)) {
      if (match.index > last) pieces.push([text.slice(last, match.index), false]);
      pieces.push([match[0], true]);
      last = match.index + match[0].length;
    }
  }
  if (last < text.length) pieces.push([text.slice(last), false]);
  return pieces;
}

/** "26/06/2025" (the date label results carry) → "20250626", for ordering; "" when absent. */
export function dateKey(label) {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(label || "");
  return match ? `${match[3]}${match[2].padStart(2, "0")}${match[1].padStart(2, "0")}` : "";
}

/** Pagefind's order, but among results of equal score the newer first (Pagefind leaves ties in
 * index order). `items` are {score, date} objects; returns a new array. */
export function newerFirstOnTies(items) {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const byScore = b.item.score - a.item.score;
      if (Math.abs(byScore) > 1e-9) return byScore;
      if (a.item.date !== b.item.date) return a.item.date < b.item.date ? 1 : -1;
      return a.index - b.index;
    })
    .map(({ item }) => item);
}

/** Words of a query as Pagefind splits it (on spaces); a quoted query is one exact phrase. */
export function queryWords(query) {
  return /^\s*".+"\s*$/.test(query) ? [] : query.split(/\s+/).filter(Boolean);
}

/** Ids found by every one of `sets` (null where a word found nothing anywhere, as Pagefind drops it). */
export function foundByEvery(sets) {
  const present = sets.filter((set) => set !== null);
  if (!present.length) return null;
  return present.reduce((kept, set) => new Set([...kept].filter((id) => set.has(id))));
}

/** Results of one search, shown a page at a time. */
export class ResultList {
  constructor(items) {
    this.items = items;
    this.length = items.length;
  }

  async slice(from, to) {
    return this.items.slice(from, to);
  }
}

/** Newest first over shards. Pagefind scores a date-sorted result by its rank inside its own index,
 * so merged results would interleave the shards; shards are date ranges, so each is asked on its own
 * (the filter naming it), newest first, when the list reaches it. `merged`: the search over every
 * shard, for the count and for skipping shards without results; `allowed`: see wordsEverywhere. */
export class ShardsByDate {
  constructor(api, state, shards, merged, allowed) {
    this.api = api;
    this.state = state;
    this.filter = shards.filter;
    const counts = (merged.filters && merged.filters[shards.filter]) || {};
    this.pending = shards.names.filter((name) => counts[name] === undefined || counts[name] > 0);
    this.allowed = allowed;
    this.items = [];
    this.length = merged.results.length;
  }

  async slice(from, to) {
    while (this.items.length < Math.min(to, this.length) && this.pending.length) {
      const name = this.pending.shift();
      const filters = { ...this.state.filters, [this.filter]: name };
      const found = await this.api.search(this.state.q, { filters, sort: { date: "desc" } });
      this.items.push(...(this.allowed ? found.results.filter((r) => this.allowed.has(r.id)) : found.results));
    }
    return this.items.slice(from, to);
  }
}

function appendMarked(node, text, terms) {
  for (const [piece, marked] of markedPieces(text, terms)) {
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      node.append(mark);
    } else {
      node.append(document.createTextNode(piece));
    }
  }
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function start(root) {
  const form = root.querySelector("form");
  const input = form.elements.q;
  const status = root.querySelector("[data-zp-status]");
  const list = root.querySelector("[data-zp-results]");
  const more = root.querySelector("[data-zp-more]");
  const names = JSON.parse(root.querySelector("[data-zp-names]").textContent);
  const siteRoot = new URL(root.dataset.root, window.location.href);
  let pagefind = null; // the loading (a promise) of Pagefind and every shard
  let shards = null; // {filter, names: newest first} when the index is in shards
  let results = new ResultList([]);
  let shown = 0;
  let terms = [];
  let generation = 0;
  let timer = null;

  // A large site is indexed in shards of consecutive months (output/search/shards.py): the primary
  // bundle's entry file lists the older ones, newest first. Each shard's pages get a synthetic filter
  // naming their shard, so a date-sorted search can ask one shard at a time.
  async function readShards(bundle) {
    try {
      const response = await fetch(new URL("pagefind-entry.json", bundle), { cache: "no-cache" });
      const manifest = response.ok ? (await response.json()).zoneportal : null;
      return manifest && manifest.shards && manifest.shards.length ? manifest : null;
    } catch {
      return null; // Pagefind reports a missing index itself
    }
  }

  // One loading for every search: two searches typed quickly must not merge the shards twice.
  function loadPagefind() {
    if (!pagefind) {
      pagefind = openIndex().catch((error) => {
        pagefind = null; // a later search tries again
        throw error;
      });
    }
    return pagefind;
  }

  async function openIndex() {
    const bundle = new URL(root.dataset.bundle, window.location.href);
    const [api, manifest] = await Promise.all([import(new URL("pagefind.js", bundle).href), readShards(bundle)]);
    // Pagefind decodes its index in a worker: on a phone, decoding on the page's own thread blocked
    // taps for 300-600 ms (Lighthouse total blocking time); the worker script is 5 KB more.
    const options = { noWorker: false };
    if (manifest) options.mergeFilter = { [manifest.filter]: manifest.primary };
    await api.options(options);
    if (manifest) {
      // Merged indexes use the primary's WebAssembly; each loads its own metadata.
      await Promise.all(
        manifest.shards.map((shard) =>
          api.mergeIndex(new URL(shard.path, bundle).href, { mergeFilter: { [manifest.filter]: shard.name } }),
        ),
      );
      shards = { filter: manifest.filter, names: [manifest.primary, ...manifest.shards.map((shard) => shard.name)] };
    }
    return api;
  }

  function readForm() {
    // NFKC, not NFC: full-width letters and digits typed by an IME (０５-ＣＴ/ＴＷ) are the index's ASCII.
    const state = { q: input.value.normalize("NFKC").trim(), sort: form.elements.sort.value, filters: {} };
    for (const name of FILTERS) {
      const value = form.elements[name].value;
      if (value) state.filters[name] = value;
    }
    return state;
  }

  function writeAddress(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [name, value] of Object.entries(state.filters)) params.set(name, value);
    if (state.sort) params.set("sort", state.sort);
    const query = params.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    for (const name of [...FILTERS, "sort"]) {
      const select = form.elements[name];
      const value = params.get(name) || "";
      if ([...select.options].some((option) => option.value === value)) select.value = value;
    }
  }

  function renderResult(data) {
    const item = element("li", "zp-search__result");
    const heading = element("h2", "zp-search__title");
    const link = element("a");
    link.href = new URL((data.raw_url || data.url).replace(/^\//, ""), siteRoot).href;
    appendMarked(link, data.meta.title || link.href, terms);
    heading.append(link);
    item.append(heading);
    const details = [];
    if (data.meta.date) details.push(data.meta.date);
    const committee = data.filters.committee && data.filters.committee[0];
    if (committee && names.committee[committee]) details.push(names.committee[committee].name);
    for (const key of data.filters.category || []) if (names.category[key]) details.push(names.category[key].name);
    if (details.length) {
      const meta = element("p", "zp-meta");
      meta.textContent = details.join(" · ");
      item.append(meta);
    }
    if (data.meta.summary) {
      const summary = element("p", "zp-search__excerpt");
      appendMarked(summary, data.meta.summary, terms);
      item.append(summary);
    }
    return item;
  }

  function listingLinks(filters) {
    const items = [];
    for (const [name, value] of Object.entries(filters)) {
      const entry = names[name] && names[name][value];
      if (!entry || !entry.url) continue;
      const item = element("li", "zp-search__result");
      const link = element("a");
      link.href = new URL(entry.url, siteRoot).href;
      link.textContent = entry.name;
      item.append(link);
      items.push(item);
    }
    return items;
  }

  // Pagefind leaves out of a query the words its index does not hold, so a shard without "lân" would
  // answer "kỳ lân" with every page saying "kỳ". As with one index, a word counts when any shard holds
  // it: the pages of each word are found over all shards (the chunks are loaded already) and only
  // pages holding every such word are kept. null: nothing to narrow (one word, or a phrase).
  async function wordsEverywhere(api, state) {
    const words = queryWords(state.q);
    if (words.length < 2) return null;
    const found = await Promise.all(words.map((word) => api.search(word, { filters: state.filters })));
    return foundByEvery(found.map((f) => (f.results.length ? new Set(f.results.map((r) => r.id)) : null)));
  }

  // Ties are broken by date among the results shown first; fragments are loaded only for results
  // whose score another one shares (most queries have none), so the first result paints sooner.
  async function breakTies(found) {
    if (found.length < 2) return found;
    let end = Math.min(found.length, PAGE_SIZE);
    while (end < found.length && Math.abs(found[end].score - found[end - 1].score) < 1e-9) end += 1;
    const head = found.slice(0, end);
    const tied = (i) =>
      (i > 0 && Math.abs(head[i].score - head[i - 1].score) < 1e-9) ||
      (i + 1 < head.length && Math.abs(head[i].score - head[i + 1].score) < 1e-9);
    if (!head.some((_, i) => tied(i))) return found;
    const dated = await Promise.all(
      head.map(async (result, i) => ({
        score: result.score,
        date: tied(i) ? dateKey((await result.data()).meta.date) : "",
        result,
      })),
    );
    return [...newerFirstOnTies(dated).map((entry) => entry.result), ...found.slice(end)];
  }

  // Every fragment is requested at once; each result is shown as soon as it and those above it are in.
  async function showMore(mine, moveFocus) {
    const batch = await results.slice(shown, shown + PAGE_SIZE);
    if (mine !== generation) return;
    const pending = batch.map((result) => result.data());
    const items = [];
    for (const request of pending) {
      const data = await request;
      if (mine !== generation) return;
      const item = renderResult(data);
      list.append(item);
      items.push(item);
    }
    shown += batch.length;
    more.hidden = results.length === 0 || shown >= results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  async function run() {
    const mine = ++generation;
    const state = readForm();
    writeAddress(state);
    if (!state.q) {
      // Without words, Pagefind 1.5 would download the whole index: point to the pages that
      // already list every post of the chosen category, organisation or year instead.
      list.replaceChildren(...listingLinks(state.filters));
      more.hidden = true;
      status.textContent = list.children.length
        ? "Nhập từ khóa để tìm trong các bài đã lọc, hoặc xem mọi bài tại:"
        : "Nhập từ khóa để tìm bài viết.";
      return;
    }
    status.textContent = "Đang tìm…";
    let search;
    let api;
    try {
      api = await loadPagefind();
      const options = { filters: state.filters };
      if (state.sort === "date") options.sort = { date: "desc" };
      search = await api.search(state.q || null, options);
    } catch (error) {
      if (mine === generation) status.textContent = "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.";
      throw error;
    }
    if (mine !== generation) return;
    terms = queryTerms(state.q);
    const allowed = shards ? await wordsEverywhere(api, state) : null;
    if (mine !== generation) return;
    if (allowed) search = { ...search, results: search.results.filter((result) => allowed.has(result.id)) };
    if (state.sort === "date" && shards) {
      results = new ShardsByDate(api, state, shards, search, allowed);
    } else {
      results = new ResultList(state.sort === "date" ? search.results : await breakTies(search.results));
    }
    if (mine !== generation) return;
    shown = 0;
    list.replaceChildren();
    await showMore(mine, false);
    if (mine !== generation) return;
    status.textContent = results.length
      ? `Tìm thấy ${results.length} kết quả${state.q ? ` cho “${state.q}”` : ""}.`
      : "Không tìm thấy bài viết nào phù hợp. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.";
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  for (const name of [...FILTERS, "sort"]) form.elements[name].addEventListener("change", () => run());
  let loadingMore = false; // a second click while the next shard loads must not show a page twice
  more.addEventListener("click", async () => {
    if (loadingMore) return;
    loadingMore = true;
    try {
      await showMore(generation, true);
    } finally {
      loadingMore = false;
    }
  });

  readAddress();
  // Filters from the address bar are shown open, so what narrows the results is visible.
  const options = root.querySelector("[data-zp-options]");
  if (options && (FILTERS.some((name) => form.elements[name].value) || form.elements.sort.value)) options.open = true;
  if (!input.value) input.focus();
  run();
}

const root = typeof document !== "undefined" && document.querySelector("[data-zp-search]");
if (root) start(root);
