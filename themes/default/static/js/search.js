// Terre de talents: search over the prebuilt index in /search/.
// No framework, no dependency. Everything taken from the index is inserted
// as text (textContent), never as HTML. The format and the query rules are
// described in docs/recherche.md; the numbers (prefixes, typos, weights,
// pause) come from the manifest's "rules", which generator/index also
// applies in its reference Search: one definition for both.
(function () {
  "use strict";
  var root = document.getElementById("recherche");
  if (!root || !window.fetch || !window.Promise) return;
  var base = root.getAttribute("data-index"); // URL of /search/
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var filters = root.querySelector(".search-filters-box");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var help = root.querySelector(".search-help");
  var suggest = document.createElement("p");
  suggest.className = "search-suggest";
  suggest.hidden = true;
  status.parentNode.insertBefore(suggest, status.nextSibling);
  var PAGE = 10, FACETS = ["type", "sector", "town", "skill", "level", "hiring"];
  var manifest, rules, stop = {}, suffixes = [], minStem = 3;
  var cache = {}, loaded = {}, shown = 0, hits = [], run = 0, timer;
  var kindLabels = { entreprise: "Entreprise", formation: "Formation", reussite: "Réussite", evenement: "Événement", offre: "Offre d'emploi", page: "Page" };
  var MISSING = {}; // thrown when answering without downloading is not possible

  // get downloads a file of the index once; loaded keeps what arrived.
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + " : " + r.status);
        return r.json();
      }).then(function (data) { loaded[path] = data; return data; });
    }
    return cache[path];
  }
  // need resolves to the files, downloading them unless offline, where a
  // missing file throws MISSING.
  function need(paths, offline) {
    if (offline) {
      return paths.map(function (p) {
        if (!(p in loaded)) throw MISSING;
        return loaded[p];
      });
    }
    return Promise.all(paths.map(get));
  }

  // fold lowercases and removes accents, as the generator does.
  var special = { "œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ı": "i" };
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæßøłđı]/g, function (c) { return special[c]; });
  }
  function singular(w) {
    if (/[0-9]/.test(w)) return w;
    for (var i = 0; i < suffixes.length; i++) {
      var from = suffixes[i][0], to = suffixes[i][1], rest = w.length - from.length;
      if (w.slice(-from.length) === from && rest >= 2 && rest + to.length >= minStem) return w.slice(0, rest) + to;
    }
    return w;
  }
  function len(w) { return Array.from(w).length; }
  function words(text) {
    var out = [], parts = fold(text).split(/[^\p{L}\p{N}]+/u);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i] || stop[parts[i]]) continue;
      var w = singular(parts[i]);
      if (len(w) >= rules.minWord || /[0-9]/.test(w)) out.push(w);
    }
    return out;
  }

  // lexiconFile names a lexicon shard like generator/index/write.go does.
  function lexiconFile(key) {
    if (key === "") return "d/_.json";
    if (/^[a-z0-9]+$/.test(key)) return "d/" + key + ".json";
    var hex = "", bytes = new TextEncoder().encode(key);
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return "d/x" + hex + ".json";
  }
  // lexiconFor lists the shards that may hold w (the longest key that
  // begins it) and, when prefixes count, the words it begins.
  function lexiconFor(w, prefix) {
    var best = null, out = [];
    manifest.lexicon.forEach(function (k) {
      if (w.indexOf(k) === 0 && (best === null || k.length > best.length)) best = k;
      else if (prefix && k.indexOf(w) === 0) out.push(k);
    });
    if (best !== null) out.push(best);
    return out.map(lexiconFile);
  }
  // merge joins lexicon shards into one word -> [stem, df, file] lookup.
  function merge(shards) {
    var lex = {};
    shards.forEach(function (s) { for (var k in s) lex[k] = s[k]; });
    return lex;
  }
  function byFrequency(lex) {
    return function (a, b) { return lex[b][1] - lex[a][1] || (a < b ? -1 : a > b ? 1 : 0); };
  }

  // distance is the optimal string alignment distance, in characters,
  // cut at max + 1, as in generator/index/rules.go.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        best = Math.min(best, cur[j]);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // matches resolves to the indexed words w reaches: [word, weight, lex].
  function matches(w, offline) {
    var n = len(w), prefix = n >= rules.minPrefix;
    var found = function (shards) {
      var lex = merge(shards), out = [];
      if (lex[w]) out.push([w, rules.exact, lex]);
      if (prefix) {
        Object.keys(lex).filter(function (x) { return x.length > w.length && x.indexOf(w) === 0; })
          .sort(byFrequency(lex)).slice(0, Math.max(0, rules.expand - out.length))
          .forEach(function (x) { out.push([x, rules.prefix, lex]); });
      }
      return out;
    };
    var first = need(lexiconFor(w, prefix), offline);
    var typos = function (out) {
      if (out.length > 0 || n < rules.typoLen[0]) return out;
      // Corrections keep the first letter: read every shard of that letter.
      var q = Array.from(w), c = q[0];
      var paths = manifest.lexicon.filter(function (k) { return k.indexOf(c) === 0 || c.indexOf(k) === 0; }).map(lexiconFile);
      var correct = function (shards) {
        var lex = merge(shards), most = q.length >= rules.typoLen[1] ? 2 : 1, byDist = [];
        for (var d = 0; d <= most; d++) byDist.push([]);
        Object.keys(lex).forEach(function (x) {
          if (x.indexOf(c) !== 0) return;
          var d = distance(q, Array.from(x), most);
          if (d >= 1 && d <= most) byDist[d].push(x);
        });
        var res = [];
        for (d = 1; d <= most; d++) {
          byDist[d].sort(byFrequency(lex)).forEach(function (x) {
            if (res.length < rules.typoMax) res.push([x, rules.typo[d - 1], lex]);
          });
        }
        return res;
      };
      return offline ? correct(need(paths, true)) : need(paths).then(correct);
    };
    return offline ? typos(found(first)) : first.then(found).then(typos);
  }

  // wordScores resolves to the best score of each document for w, and the
  // word it was corrected to (null when not corrected).
  function wordScores(w, offline) {
    var scored = function (ms) {
      var files = ms.map(function (m) { return "p/" + m[2][m[0]][2] + ".json"; });
      var score = function (postings) {
        var scores = new Map();
        ms.forEach(function (m, i) {
          var flat = postings[i][m[2][m[0]][0]] || [], doc = 0;
          for (var j = 0; j < flat.length; j += 2) {
            doc += flat[j];
            var sc = flat[j + 1] * m[1];
            if (!(scores.get(doc) >= sc)) scores.set(doc, sc);
          }
        });
        var fixed = ms.length > 0 && ms[0][1] < rules.prefix ? ms[0][0] : null;
        return { scores: scores, fixed: fixed };
      };
      return offline ? score(need(files, true)) : need(files).then(score);
    };
    return offline ? scored(matches(w, true)) : matches(w).then(scored);
  }

  function undelta(d) {
    var out = [], last = 0;
    for (var i = 0; i < d.length; i++) { last += d[i]; out.push(last); }
    return out;
  }

  // keepFn builds the facet filter from the form state; null when no
  // filter is set.
  function keepFn(state, fa, sk) {
    if (!fa && !sk) return null;
    var sets = [];
    if (fa && state.sector) sets.push(new Set(undelta(fa.sector[manifest.facets.sector.indexOf(state.sector)] || [])));
    if (sk) sets.push(new Set(undelta(sk[manifest.facets.skill.indexOf(state.skill)] || [])));
    var kind = manifest.facets.kind.indexOf(state.type), town = manifest.facets.town.indexOf(state.town);
    return function (doc) {
      if (fa) {
        if (state.type && fa.kind[doc] !== kind) return false;
        if (state.town && fa.town[doc] !== town) return false;
        if (state.hiring && fa.hiring[doc] !== 1) return false;
        if (state.level && String(fa.level[doc]) !== state.level) return false;
      }
      for (var i = 0; i < sets.length; i++) if (!sets[i].has(doc)) return false;
      return true;
    };
  }
  function filtered(state) {
    return !!(state.type || state.town || state.sector || state.hiring || state.level);
  }

  // search answers a form state: {hits: [[doc, score]…], suggest} or null
  // when nothing is asked. Offline, it answers at once from the files at
  // hand, or throws MISSING.
  function search(state, offline) {
    var qs = words(state.q);
    var files = [filtered(state) ? "facets.json" : null, state.skill ? "skills.json" : null].filter(Boolean);
    var answer = function (facetFiles, per) {
      var fa = filtered(state) ? facetFiles[0] : null, sk = state.skill ? facetFiles[facetFiles.length - 1] : null;
      var keep = keepFn(state, fa, sk), out = [];
      if (qs.length === 0) {
        if (!keep) return null; // nothing asked
        for (var d = 0; d < manifest.docs; d++) if (keep(d)) out.push([d, 0]);
        return { hits: out, suggest: "" };
      }
      var total = per[0].scores, fixed = false;
      for (var i = 1; i < per.length; i++) {
        var next = new Map(), other = per[i].scores;
        total.forEach(function (s, doc) { if (other.has(doc)) next.set(doc, s + other.get(doc)); });
        total = next;
      }
      total.forEach(function (s, doc) { if (!keep || keep(doc)) out.push([doc, s]); });
      out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var corrected = per.map(function (p, i) { if (p.fixed) fixed = true; return p.fixed || qs[i]; });
      return { hits: out, suggest: fixed ? corrected.join(" ") : "" };
    };
    if (offline) return answer(need(files, true), qs.map(function (w) { return wordScores(w, true); }));
    return Promise.all([need(files), Promise.all(qs.map(function (w) { return wordScores(w); }))])
      .then(function (r) { return answer(r[0], r[1]); });
  }

  function record(doc) {
    return get("r/" + Math.floor(doc / manifest.chunk) + ".json").then(function (chunk) {
      return chunk[doc % manifest.chunk];
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function showMore() {
    var batch = hits.slice(shown, shown + PAGE), id = run;
    shown += batch.length;
    return Promise.all(batch.map(function (h) { return record(h[0]); })).then(function (recs) {
      if (id !== run) return;
      recs.forEach(function (r, i) {
        var li = el("li"), card = el("article", "card card-" + r.k), h = el("h2", "card-title"), a = el("a", null, r.t);
        a.href = root.getAttribute("data-base") + r.u.replace(/^\//, "");
        h.appendChild(a);
        card.appendChild(el("p", "kicker", kindLabels[r.k] || r.k));
        card.appendChild(h);
        if (r.m) card.appendChild(el("p", "card-meta", r.m));
        if (r.s) card.appendChild(el("p", "card-summary", r.s));
        li.appendChild(card);
        list.appendChild(li);
        if (i === 0 && shown > PAGE) a.focus();
      });
      more.hidden = shown >= hits.length;
    });
  }

  // counts follow the results: each facet option shows how many of them
  // carry its value (as generator/index Count does). The facet file comes
  // after the results; the skill counts once the skill file is there.
  function label(o) {
    if (!o.hasAttribute("data-label")) o.setAttribute("data-label", o.textContent);
    return o.getAttribute("data-label");
  }
  function showCounts(found, id) {
    var fa = get("facets.json");
    Promise.all([fa, "skills.json" in loaded ? get("skills.json") : null]).then(function (f) {
      if (id !== run) return;
      var fa = f[0], sk = f[1], m = manifest.facets, docs = new Set();
      var c = { type: m.kind.map(zero), town: m.town.map(zero), sector: m.sector.map(zero), skill: m.skill.map(zero), level: [0, 0, 0, 0, 0, 0, 0, 0, 0], hiring: 0 };
      found.forEach(function (h) {
        var d = h[0];
        docs.add(d);
        c.type[fa.kind[d]]++;
        if (fa.town[d] >= 0) c.town[fa.town[d]]++;
        c.level[fa.level[d]]++;
        c.hiring += fa.hiring[d];
      });
      var inside = function (lists, into) {
        lists.forEach(function (l, code) { undelta(l).forEach(function (d) { if (docs.has(d)) into[code]++; }); });
      };
      inside(fa.sector, c.sector);
      if (sk) inside(sk, c.skill);
      var codes = { type: m.kind, town: m.town, sector: m.sector, skill: m.skill };
      ["type", "town", "sector", "skill", "level"].forEach(function (k) {
        if (k === "skill" && !sk) return;
        Array.prototype.forEach.call(form.elements[k].options, function (o) {
          if (!o.value) return;
          var i = k === "level" ? +o.value : codes[k].indexOf(o.value);
          o.textContent = label(o) + " (" + (c[k][i] || 0) + ")";
        });
      });
      var h = form.querySelector("label[for=" + form.elements.hiring.id + "]");
      h.textContent = label(h) + " (" + c.hiring + ")";
    }).catch(function () {});
  }
  function zero() { return 0; }
  function clearCounts() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-label]"), function (o) { o.textContent = o.getAttribute("data-label"); });
  }

  function readState() {
    var p = new URLSearchParams(location.search), s = {};
    ["q"].concat(FACETS).forEach(function (k) { s[k] = p.get(k) || ""; });
    return s;
  }
  function formState() {
    var s = { q: input.value.trim() };
    ["type", "sector", "town", "skill", "level"].forEach(function (k) { s[k] = form.elements[k].value; });
    s.hiring = form.elements.hiring.checked ? "1" : "";
    return s;
  }
  function fillForm(s) {
    input.value = s.q;
    ["type", "sector", "town", "skill", "level"].forEach(function (k) { form.elements[k].value = s[k]; });
    form.elements.hiring.checked = s.hiring === "1";
  }
  function toURL(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    var q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  function show(s, found, id) {
    list.textContent = "";
    shown = 0;
    hits = found ? found.hits : [];
    help.hidden = true;
    more.hidden = true;
    suggest.hidden = true;
    suggest.textContent = "";
    if (found === null) { status.textContent = ""; clearCounts(); return; }
    var n = hits.length, what = s.q ? " pour « " + s.q + " »" : "";
    var text = n === 0 ? "Aucun résultat" + what + "." : n + (n > 1 ? " résultats" : " résultat") + what + ".";
    if (found.suggest) {
      // The results come from corrected words: say so, and offer the
      // corrected query as a link.
      text += " Vouliez-vous dire « " + found.suggest + " » ?";
      var a = el("a", null, found.suggest), fixed = Object.assign({}, s, { q: found.suggest });
      a.href = toURL(fixed);
      a.addEventListener("click", function (e) {
        e.preventDefault();
        fillForm(fixed);
        history.pushState(null, "", toURL(fixed));
        update(fixed);
        input.focus();
      });
      suggest.appendChild(document.createTextNode("Vouliez-vous dire "));
      suggest.appendChild(a);
      suggest.appendChild(document.createTextNode(" ?"));
      suggest.hidden = false;
    }
    status.textContent = text;
    // Counts need the facet file: it comes after the results, and not at
    // all for an empty list.
    if (n === 0) { clearCounts(); help.hidden = false; return; }
    return showMore().then(function () { showCounts(hits, id); });
  }
  function failed(id) {
    if (id === run) status.textContent = "La recherche est indisponible pour le moment. Parcourez les listes ci-dessous.";
  }

  // update answers s, downloading what it needs.
  function update(s) {
    var id = ++run;
    return search(s).then(function (found) { if (id === run) return show(s, found, id); }).catch(function () { failed(id); });
  }
  // typed answers at once when the files at hand suffice, else waits for
  // a pause in typing before downloading: a word typed key by key
  // downloads what its last form needs, not what each prefix needed.
  function typed(s) {
    var found;
    try {
      found = search(s, true);
    } catch (e) {
      if (e !== MISSING) throw e;
      timer = setTimeout(function () { update(s); }, rules.pause);
      return;
    }
    var id = ++run;
    show(s, found, id);
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  get("index.json").then(function (m) {
    manifest = m;
    rules = m.rules;
    m.normalize.stop.forEach(function (w) { stop[w] = true; });
    suffixes = m.normalize.suffixes;
    minStem = m.normalize.minStem;
    [["sector", m.facets.sector], ["town", m.facets.town], ["skill", m.facets.skill]].forEach(function (f) {
      f[1].forEach(function (v) { option(form.elements[f[0]], v, v); });
    });
    filters.hidden = false;
    var start = readState();
    // Open on wide screens, or when the address already holds a filter; on
    // a phone the filters would push the results below the fold.
    filters.open = window.matchMedia("(min-width: 48em)").matches || FACETS.some(function (k) { return start[k]; });
    fillForm(start);
    update(readState());
    // The skill counts need the skill file: load it when the list is used.
    form.elements.skill.addEventListener("focus", function () {
      get("skills.json").then(function () { showCounts(hits, run); });
    }, { once: true });
  }).catch(function () {
    status.textContent = "La recherche est indisponible pour le moment. Parcourez les listes ci-dessous.";
  });

  input.addEventListener("input", function () {
    if (!manifest) return;
    clearTimeout(timer);
    var s = formState();
    history.replaceState(null, "", toURL(s));
    typed(s);
  });
  form.addEventListener("change", function (e) {
    if (e.target === input) return;
    var s = formState();
    history.pushState(null, "", toURL(s));
    update(s);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    var s = formState();
    history.pushState(null, "", toURL(s));
    update(s);
  });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", function () {
    var s = readState();
    fillForm(s);
    update(s);
  });
  // For tests: the script's own answer to a query, with the same files.
  root.searchForTests = function (q) {
    return search({ q: q, type: "", sector: "", town: "", skill: "", level: "", hiring: "" }).then(function (f) {
      return f ? { docs: f.hits.map(function (h) { return h[0]; }), scores: f.hits.map(function (h) { return h[1]; }), suggest: f.suggest } : null;
    });
  };
})();
