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

// Bytes one step of a sharded search may fetch in index chunks and older shards' metadata
// (estimated from the manifest; the build sets it as `step_bytes`): the first step shows results at
// once, each "Tìm tiếp" goes this much further back. The rest of issue 18's 300 KB is for fragments.
export const STEP_BYTES = 250 * 1024;

/** "2021-03" → "03/2021", for telling the reader how far back a search went. */
export function monthLabel(month) {
  const match = /^(\d{4})-(\d{2})/.exec(month || "");
  return match ? `${match[2]}/${match[1]}` : month;
}

/** Older shards (newest first) a search with `filters` can find anything in: a year filter keeps
 * only the shards whose months reach into that year. */
export function shardsFor(manifest, filters) {
  const year = filters.year;
  if (!year) return manifest.shards;
  return manifest.shards.filter(
    (shard) => shard.name.slice(0, 4) <= year && year <= (shard.last || shard.name).slice(0, 4),
  );
}

// Pagefind's metadata of a shard (page hashes, sort values), fetched by mergeIndex: ~9 bytes a page
// at 10 000 posts (18 KB for 2 000 pages).
const META_BYTES_PER_PAGE = 10;

/** What searching one shard may cost for `words` words: a chunk each (the shard's largest), and for
 * a shard not merged yet its metadata (`pages` of them). */
export function shardCost(chunk, words, pages = 0) {
  return (chunk || 0) * Math.max(1, words) + (pages || 0) * META_BYTES_PER_PAGE;
}

/** The next older shards to search (a prefix of `waiting`), within `budget` bytes after `spent`;
 * at least one, so a reader who asks always gets further. */
export function nextStep(waiting, words, spent, budget) {
  const step = [];
  let total = spent;
  for (const shard of waiting) {
    const cost = shardCost(shard.chunk, words, shard.pages);
    if (step.length && total + cost > budget) break;
    if (!step.length && spent > 0 && total + cost > budget) break;
    step.push(shard);
    total += cost;
  }
  return step;
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
  const older = root.querySelector("[data-zp-older]");
  const names = JSON.parse(root.querySelector("[data-zp-names]").textContent);
  const siteRoot = new URL(root.dataset.root, window.location.href);
  const bundle = new URL(root.dataset.bundle, window.location.href);
  let pagefind = null; // the loading (a promise) of Pagefind and its primary index
  let manifest = null; // the shard list (pagefind.py's _write_manifest) when the index is in shards
  const merged = new Set(); // older shards merged so far (they stay merged for this visit)
  const merging = new Map(); // name → its merging: two searches typed quickly must not merge one twice
  let current = null; // the search on screen: {state, api}
  let results = new ResultList([]);
  let shown = 0;
  let shownIds = new Set(); // results on screen: a step into older shards shows only new ones
  let terms = [];
  let generation = 0;
  let timer = null;

  // A large site is indexed in shards of consecutive months (output/search/shards.py): the primary
  // bundle's entry file lists the older ones, newest first. Each shard's pages get a synthetic filter
  // naming their shard, so a date-sorted search can ask one shard at a time. Older shards are merged
  // only when a search reaches them: each costs an index chunk per word (Pagefind's chunks have a
  // fixed number of words), so searching all of a 10 000-post archive at once fetched 276-845 KiB a
  // query (bench/SEARCH.md).
  async function readShards() {
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
    const [api, shards] = await Promise.all([import(new URL("pagefind.js", bundle).href), readShards()]);
    manifest = shards;
    // Pagefind decodes its index in a worker: on a phone, decoding on the page's own thread blocked
    // taps for 300-600 ms (Lighthouse total blocking time); the worker script is 5 KB more.
    const options = { noWorker: false };
    if (manifest) options.mergeFilter = { [manifest.filter]: manifest.primary };
    await api.options(options);
    return api;
  }

  // Merged indexes use the primary's WebAssembly; each loads its own metadata, then its chunks.
  function mergeShard(api, shard) {
    if (!merging.has(shard.name)) {
      const options = { mergeFilter: { [manifest.filter]: shard.name } };
      merging.set(
        shard.name,
        api.mergeIndex(new URL(shard.path, bundle).href, options).then(() => merged.add(shard.name)),
      );
    }
    return merging.get(shard.name);
  }

  // Older shards a search with these filters could still find something in, newest first.
  function waitingShards(state) {
    return manifest ? shardsFor(manifest, state.filters).filter((shard) => !merged.has(shard.name)) : [];
  }

  // The first month of what was searched without a gap: the shard just newer than the newest waiting one.
  function searchedFrom(state) {
    const waiting = waitingShards(state);
    if (!waiting.length) return null;
    const at = manifest.shards.indexOf(waiting[0]);
    return at > 0 ? manifest.shards[at - 1].name : manifest.primary;
  }

  function searchedNames() {
    return [manifest.primary, ...manifest.shards.filter((shard) => merged.has(shard.name)).map((shard) => shard.name)];
  }

  // One search over the merged shards, narrowed to pages holding every word (see wordsEverywhere).
  async function searchMerged(api, state) {
    const options = { filters: state.filters };
    if (state.sort === "date") options.sort = { date: "desc" };
    const search = await api.search(state.q, options);
    const allowed = manifest ? await wordsEverywhere(api, state) : null;
    const narrowed = allowed ? { ...search, results: search.results.filter((r) => allowed.has(r.id)) } : search;
    return { search: narrowed, allowed };
  }

  // Results not on screen yet, as a list shown a page at a time.
  async function listOf(api, state, found) {
    const fresh = found.search.results.filter((result) => !shownIds.has(result.id));
    if (state.sort === "date" && manifest) {
      const allowed = new Set(fresh.map((result) => result.id));
      const names = { filter: manifest.filter, names: searchedNames() };
      return new ShardsByDate(api, state, names, { ...found.search, results: fresh }, allowed);
    }
    return new ResultList(state.sort === "date" ? fresh : await breakTies(fresh));
  }

  function stepBudget() {
    return (manifest && manifest.step_bytes) || STEP_BYTES;
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
  // it: the pages of each word are found over the merged shards (their chunks are loaded already) and only
  // pages holding every such word are kept. null: nothing to narrow (one word, or a phrase).
  // While older shards wait, a word the merged ones lack may be in them ("lân" only in 2015): it
  // still counts, so that the search goes on into them instead of answering with the other words.
  async function wordsEverywhere(api, state) {
    const words = queryWords(state.q);
    if (words.length < 2) return null;
    const complete = waitingShards(state).length === 0;
    const found = await Promise.all(words.map((word) => api.search(word, { filters: state.filters })));
    const absent = complete ? null : new Set();
    return foundByEvery(found.map((f) => (f.results.length ? new Set(f.results.map((r) => r.id)) : absent)));
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
    for (const result of batch) shownIds.add(result.id);
    const olderLeft = current && waitingShards(current.state).length > 0;
    // Past the last loaded result, "Xem thêm" goes on into older shards.
    more.hidden = (results.length === 0 || shown >= results.length) && !(olderLeft && shownIds.size > 0);
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  function describe(state) {
    const total = shownIds.size + Math.max(0, results.length - shown);
    const quoted = state.q ? ` cho “${state.q}”` : "";
    const from = searchedFrom(state);
    older.hidden = from === null;
    if (from === null) {
      return total
        ? `Tìm thấy ${total} kết quả${quoted}.`
        : "Không tìm thấy bài viết nào phù hợp. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.";
    }
    const where = `Đã tìm trong các bài từ ${monthLabel(from)} đến nay.`;
    return total ? `Tìm thấy ít nhất ${total} kết quả${quoted}. ${where}` : `Chưa có kết quả nào${quoted}. ${where}`;
  }

  // One step back in time: the next older shards within the step's budget, then the results they add.
  async function searchOlder(mine, moveFocus) {
    const { state, api } = current;
    const words = queryWords(state.q).length || 1;
    status.textContent = "Đang tìm trong các bài cũ hơn…";
    for (const shard of nextStep(waitingShards(state), words, 0, stepBudget())) {
      await mergeShard(api, shard);
      if (mine !== generation) return;
    }
    const found = await searchMerged(api, state);
    if (mine !== generation) return;
    results = await listOf(api, state, found);
    shown = 0;
    await showMore(mine, moveFocus);
    if (mine !== generation) return;
    status.textContent = describe(state);
  }

  async function run() {
    const mine = ++generation;
    const state = readForm();
    writeAddress(state);
    if (!state.q) {
      current = null;
      older.hidden = true;
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
    let found;
    let api;
    try {
      api = await loadPagefind();
      found = await searchMerged(api, state);
      if (manifest) {
        // Newest first: older shards join while a page is not filled, within the first step's budget.
        const words = queryWords(state.q).length || 1;
        let spent = shardCost(manifest.primary_chunk, words);
        // A year older than the newest shard: the primary cannot answer, so the first step reaches
        // at least the newest shard of that year, as a reader's "Tìm tiếp" would.
        let reach = Boolean(state.filters.year) && state.filters.year < manifest.primary.slice(0, 4);
        while (found.search.results.length < PAGE_SIZE && mine === generation) {
          const [shard] = reach ? waitingShards(state) : nextStep(waitingShards(state), words, spent, stepBudget());
          reach = false;
          if (!shard) break;
          await mergeShard(api, shard);
          spent += shardCost(shard.chunk, words, shard.pages);
          found = await searchMerged(api, state);
        }
      }
    } catch (error) {
      if (mine === generation) status.textContent = "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.";
      throw error;
    }
    if (mine !== generation) return;
    terms = queryTerms(state.q);
    current = { state, api };
    shownIds = new Set();
    results = await listOf(api, state, found);
    if (mine !== generation) return;
    shown = 0;
    list.replaceChildren();
    await showMore(mine, false);
    if (mine !== generation) return;
    status.textContent = describe(state);
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
  async function once(action) {
    if (loadingMore || !current) return;
    loadingMore = true;
    try {
      await action();
    } finally {
      loadingMore = false;
    }
  }
  more.addEventListener("click", () =>
    once(() => (shown < results.length ? showMore(generation, true) : searchOlder(generation, true))),
  );
  older.addEventListener("click", () => once(() => searchOlder(generation, true)));

  readAddress();
  // Filters from the address bar are shown open, so what narrows the results is visible.
  const options = root.querySelector("[data-zp-options]");
  if (options && (FILTERS.some((name) => form.elements[name].value) || form.elements.sort.value)) options.open = true;
  if (!input.value) input.focus();
  run();
}

const root = typeof document !== "undefined" && document.querySelector("[data-zp-search]");
if (root) start(root);
