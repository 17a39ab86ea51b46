// The portal's part of the web editor (Decap CMS): Vietnamese workflow names, the registries' YAML
// format, the term list of the chosen committee, front matter cleaned before saving, and a preview
// drawn with the portal's own styles. Loaded after decap-cms.js; starts the editor (zp-boot.js held it).
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var jsyaml = window.jsyaml;

  // Workflow columns and states as the board names them: Nháp → Chờ duyệt → Sẵn sàng đăng.
  // Also a few phrases Decap's Vietnamese locale lacks (it falls back to English there).
  var WORDS = {
    auth: {
      loginWithForgejo: "Đăng nhập bằng Forgejo",
      loginWithGitea: "Đăng nhập bằng Gitea",
      loginWithAzure: "Đăng nhập bằng Azure",
    },
    collection: { collectionTop: { newButton: "Tạo %{collectionLabel} mới" } },
    editor: {
      editorToolbar: { draft: "Nháp", inReview: "Chờ duyệt", ready: "Sẵn sàng đăng" },
      editorWidgets: { list: { add: "Thêm %{item}", addType: "Thêm %{item}" } },
    },
    workflow: {
      workflowList: { draftHeader: "Nháp", inReviewHeader: "Chờ duyệt", readyHeader: "Sẵn sàng đăng" },
    },
  };

  function merge(target, extra) {
    var out = Object.assign({}, target);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merge(out[key] || {}, value) : value;
    });
    return out;
  }
  CMS.registerLocale("vi", merge(CMS.getLocale("vi") || {}, WORDS));

  // Registries (posts/authors.yml …) map keys to entries; the editor edits them as a list of entries
  // with a `key` field, and writes the mapping back with the file's opening comments.
  var EMPTY = function (v) {
    return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  };

  function compact(value) {
    if (Array.isArray(value)) return value.map(compact);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        // Every yes/no key of a registry entry defaults to no (imported, review, highlight): leave it out.
        if (!EMPTY(value[k]) && value[k] !== false) out[k] = compact(value[k]);
      });
      return out;
    }
    return value;
  }

  CMS.registerCustomFormat("zp-registry", "yml", {
    fromFile: function (content) {
      var lines = content.split(/\r?\n/);
      var header = [];
      while (lines.length && /^\s*#/.test(lines[0])) header.push(lines.shift());
      var data = jsyaml.load(content, { schema: jsyaml.CORE_SCHEMA }) || {};
      var entries = Object.keys(data).map(function (key) {
        var entry = data[key];
        if (typeof entry === "string") entry = { name: entry };
        return Object.assign({ key: key }, entry || {});
      });
      // A file written one entry a line (`chi-thi: {name: Chỉ thị, abbr: CT}`, documents/types.yml) is
      // written back that way: adding one entry then adds one line.
      var entryLines = lines.filter(function (line) { return line.trim() && !/^\s*#/.test(line); });
      var flow = entryLines.length > 0 && entryLines.every(function (line) { return /^[^\s#][^:]*:\s*\{.*\}\s*$/.test(line); });
      return { entries: entries, header: header.join("\n"), flow: flow };
    },
    toFile: function (data) {
      var mapping = {};
      (data.entries || []).forEach(function (entry) {
        var rest = Object.assign({}, entry);
        delete rest.key;
        mapping[entry.key] = compact(rest);
      });
      var style = { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true };
      if (data.flow) style.flowLevel = 1;
      var body = jsyaml.dump(mapping, style);
      return (data.header ? data.header + "\n" : "") + body;
    },
  });

  // A front-matter key left empty is left out: `zoneportal check` reads `event: ''` as a wrong key.
  // A document's empty lists go too (`files: []` would say "no file" where the folder's files are meant,
  // and an edit of one field would add lines for every list the entry never had).
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      var collection = entry.get("collection");
      if (collection !== "posts" && collection !== "documents") return entry.get("data");
      return entry.get("data").filter(function (value) {
        var plain = value && value.toJS ? value.toJS() : value;
        return !EMPTY(plain) || (collection === "posts" && Array.isArray(plain));
      });
    },
  });

  var portal = { labels: { authors: {}, categories: {}, committees: {}, events: {} }, previewStyles: [] };

  // Term: the terms of the committee chosen above, or empty to derive it from the date.
  var TermControl = window.createClass({
    // Decap re-renders a control only when its own value changes, unless the control says otherwise:
    // the list must follow the committee field.
    shouldComponentUpdate: function () {
      return true;
    },
    render: function () {
      var props = this.props;
      var committee = props.entry.getIn(["data", "committee"]);
      var known = committee && portal.labels.committees[committee];
      var options = known
        ? known.terms.map(function (t) { return { value: t.key, label: t.label }; })
        : (props.field.get("options") ? props.field.get("options").toJS() : []);
      var value = props.value || "";
      if (value && !options.some(function (o) { return o.value === value; })) {
        options = options.concat([{ value: value, label: value + " (không thuộc tổ chức đã chọn)" }]);
      }
      return h(
        "select",
        {
          id: props.forID,
          className: props.classNameWrapper,
          value: value,
          onChange: function (event) { props.onChange(event.target.value); },
          onFocus: props.setActiveStyle,
          onBlur: props.setInactiveStyle,
        },
        [h("option", { key: "", value: "" }, "— Tự suy ra từ ngày đăng —")].concat(
          options.map(function (o) { return h("option", { key: o.value, value: o.value }, o.label); })
        )
      );
    },
  });
  CMS.registerWidget("zp-term", TermControl);

  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

  // "Thứ Tư, 26/04/2023 14:00", as the post page prints it (vi.format_post_datetime).
  function dateLine(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(String(text || ""));
    if (!m) return String(text || "");
    var day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    var out = WEEKDAYS[day.getDay()] + ", " + m[3] + "/" + m[2] + "/" + m[1];
    return m[4] ? out + " " + m[4] + ":" + m[5] : out;
  }

  function asList(value) {
    if (!value) return [];
    return value.toJS ? value.toJS() : [].concat(value);
  }

  var PostPreview = window.createClass({
    render: function () {
      var entry = this.props.entry;
      var data = function (key) { return entry.getIn(["data", key]); };
      var labels = portal.labels;
      var author = labels.authors[data("author")];
      var committee = labels.committees[data("committee")];
      var categories = asList(data("categories")).map(function (k) { return labels.categories[k] || k; });
      var eventName = labels.events[data("event")];
      var cover = data("cover");
      var gallery = asList(data("gallery")).filter(function (item) { return item && item.src; });
      var getAsset = this.props.getAsset;
      var meta = [
        ["Ngày đăng", h("time", { dateTime: String(data("date") || "") }, dateLine(data("date")))],
        ["Tác giả", author ? author.name + (author.role ? ", " + author.role : "") : data("author") || ""],
        ["Tổ chức", committee ? committee.name : data("committee") || ""],
      ];
      if (data("term")) meta.push(["Nhiệm kỳ", data("term")]);
      meta.push(["Chuyên mục", categories.join(", ")]);
      return h("div", { className: "md-typeset zp-preview" },
        h("article", { className: "zp-post", lang: "vi" },
          h("header", { className: "zp-post__header" },
            eventName ? h("p", { className: "zp-event zp-event--" + data("event") },
              eventName + (data("number") ? " lần thứ " + data("number") : "")) : null,
            h("h1", null, data("title") || h("span", { className: "zp-preview__empty" }, "(chưa có tiêu đề)")),
            h("dl", { className: "zp-post__meta" }, meta.map(function (row) {
              return h("div", { key: row[0] }, h("dt", null, row[0]), h("dd", null, row[1]));
            }))
          ),
          cover ? h("figure", { className: "zp-post__cover" },
            h("img", { src: getAsset(cover).toString(), alt: data("title") || "" })) : null,
          h("div", { className: "zp-post__body" }, this.props.widgetFor("body")),
          gallery.length ? h("section", { className: "zp-post-album" },
            h("h2", null, "Ảnh"),
            h("ul", { className: "zp-album" }, gallery.map(function (item, i) {
              return h("li", { key: i }, h("figure", null,
                h("img", { src: getAsset(item.src).toString(), alt: item.caption || "" }),
                item.caption ? h("figcaption", null, item.caption) : null));
            }))) : null
        )
      );
    },
  });

  // "15/07/2023", as the document page prints its dates.
  function dayLine(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(text || ""));
    return m ? m[3] + "/" + m[2] + "/" + m[1] : String(text || "");
  }

  // A văn bản as its page on the portal shows it (templates/zp/document.html): type, number and
  // summary, then the fields; status and relations are worked out by the build, so not shown here.
  var DocumentPreview = window.createClass({
    render: function () {
      var entry = this.props.entry;
      var data = function (key) { return entry.getIn(["data", key]); };
      var labels = portal.labels;
      var typeName = (labels.types || {})[data("type")] || data("type") || "";
      var issuer = (labels.issuers || {})[data("issuer")] || data("issuer") || "";
      var number = data("number") || "";
      var rows = [
        ["Số hiệu", number],
        ["Loại văn bản", typeName],
        ["Cơ quan ban hành", issuer],
        ["Người ký", data("signer")],
        ["Ngày ban hành", data("issued") && h("time", { dateTime: String(data("issued")) }, dayLine(data("issued")))],
        ["Ngày có hiệu lực", data("effective") && dayLine(data("effective"))],
        ["Ngày hết hiệu lực", data("expires") && dayLine(data("expires"))],
        ["Tình trạng hiệu lực", data("status")],
        ["Lĩnh vực", asList(data("field")).join(", ")],
      ].filter(function (row) { return row[1]; });
      var files = asList(data("files")).filter(Boolean);
      return h("div", { className: "md-typeset zp-preview" },
        h("article", { className: "zp-document", lang: "vi" },
          h("header", null,
            typeName ? h("p", { className: "zp-document__type" }, typeName) : null,
            h("h1", null, number ? (typeName ? typeName + " " : "") + number :
              h("span", { className: "zp-preview__empty" }, "(chưa có số hiệu)")),
            h("p", { className: "zp-document__summary" }, data("summary") || "")
          ),
          h("dl", { className: "zp-document__fields" }, rows.map(function (row) {
            return h("div", { key: row[0] }, h("dt", null, row[0]), h("dd", null, row[1]));
          })),
          h("div", { className: "zp-document__body" }, this.props.widgetFor("body")),
          files.length ? h("section", { className: "zp-attachments" },
            h("h2", null, "Tệp văn bản"),
            h("ul", { className: "zp-attachments__list" }, files.map(function (name) {
              return h("li", { key: name, className: "zp-attachments__item" }, String(name));
            }))) : null
        )
      );
    },
  });

  // Accessibility gaps of Decap's pages that the page itself can close: the preview frame has no name,
  // the "Ngay lúc này" buttons are named in English, a list item's icon buttons have no name at all.
  new MutationObserver(function () {
    var frame = document.getElementById("preview-pane");
    if (frame && !frame.title) frame.title = /\/collections\/documents\//.test(location.hash) ? "Xem trước văn bản" : "Xem trước bài viết";
    document.querySelectorAll('button[aria-label^="Set "][aria-label$=" to now"]').forEach(function (b) {
      b.setAttribute("aria-label", b.textContent.trim() || "Ngay lúc này");
    });
    // A list item's bar (registries, album, files) has two icon-only buttons: fold/unfold, then remove.
    document.querySelectorAll('[class*="-TopBar"]:not([class*="-TopBarButton"])').forEach(function (bar) {
      var buttons = bar.querySelectorAll(':scope > button[class*="-TopBarButton"]');
      buttons.forEach(function (b, i) {
        if (b.hasAttribute("aria-label")) return;
        var remove = buttons.length > 1 && i === buttons.length - 1;
        b.setAttribute("aria-label", remove ? "Xóa mục này" : "Thu gọn hoặc mở mục này");
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Going straight from one open entry to another (browser Back, a link, a typed address) leaves Decap's
  // form holding the first entry's data under the second one's name: saving then would overwrite the
  // second file (seen with the registries, whose files share their field names). A fresh page loads
  // the entry it names; the login is kept.
  var shownHash = location.hash;
  window.addEventListener("hashchange", function () {
    var entry = /\/entries\//;
    if (entry.test(shownHash) && entry.test(location.hash) && location.hash !== shownHash) {
      location.reload();
      return;
    }
    shownHash = location.hash;
  });

  function start() {
    portal.previewStyles.forEach(function (href) { CMS.registerPreviewStyle(href); });
    CMS.registerPreviewTemplate("posts", PostPreview);
    CMS.registerPreviewTemplate("documents", DocumentPreview);
    CMS.init();
  }

  fetch("portal.json", { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : portal; })
    .then(function (loaded) { portal = loaded; }, function () { /* names fall back to keys */ })
    .then(start);
})();
