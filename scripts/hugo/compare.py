#!/usr/bin/env python3
"""Compare our output with Hugo's for scripts/bench-vs-hugo.sh: which pages
exist on one side only, and for pages on both, whether the head tags, the
links and block ids in <main>, the number of cards and the JSON-LD types
match. URLs are compared without hyphens and slashes, since Hugo slugs
apostrophes differently.

    python3 scripts/hugo/compare.py OUR_OUTPUT HUGO_OUTPUT
"""
import os, re, sys, html, collections
A, B = sys.argv[1], sys.argv[2]
def norm(u): return re.sub(r"[-/]", "", html.unescape(u))
def files(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            if f.endswith(('.html', '.xml')):
                rel = os.path.relpath(os.path.join(d, f), root)
                out[norm(rel)] = rel
    return out
fa, fb = files(A), files(B)
skip = re.compile(r'^(search|api)/')
missing = [fa[k] for k in fa if k not in fb and not skip.match(fa[k])]
extra = [fb[k] for k in fb if k not in fa]
groups = collections.Counter(re.sub(r'^(\w+)/[^/]+/(\w+)/.*', r'\1/*/\2/...', m) for m in missing)
print("ours:", len(fa), "hugo:", len(fb), "missing in hugo:", len(missing), "extra in hugo:", len(extra))
print(" missing kinds:", groups.most_common(8))
print(" extra kinds:", collections.Counter(re.sub(r'^(\w+)/[^/]+/(.*)', r'\1/*/\2', e) for e in extra).most_common(8))
def parts(path):
    s = open(path, encoding='utf-8').read()
    head = s.split('</head>')[0]
    main = s.split('<main', 1)[-1].split('</main>')[0]
    hrefs = [norm(h) for h in re.findall(r'href="([^"]*)"', main)]
    metas = sorted(re.sub(r'content="[^"]*"', '', m) for m in re.findall(r'<(?:meta|link)[^>]*>', head))
    ids = re.findall(r' id="([^"]*)"', main)
    cards = len(re.findall(r'class="card card-', main))
    ld = re.findall(r'"@type":"(\w+)"', head)
    return dict(hrefs=hrefs, metas=metas, ids=[norm(i) for i in ids], cards=cards, ld=ld, title=re.findall(r'<title>(.*?)</title>', head))
diffs = collections.Counter(); examples = {}
for k, ra in fa.items():
    if k not in fb or not ra.endswith('.html'): continue
    pa, pb = parts(os.path.join(A, ra)), parts(os.path.join(B, fb[k]))
    for key in pa:
        va, vb = pa[key], pb[key]
        if key == 'hrefs' and re.match(r'^(entreprises|formations|reussites)/(page/\d+/)?index.html$', ra):
            continue  # section pages: order differs, compared globally below
        if va != vb:
            kind = re.sub(r'^([^/]+)/.*', r'\1', ra)
            diffs[(kind, key)] += 1
            examples.setdefault((kind, key), ra)
print("pages differing, by (top folder, field):")
for (k, f), n in sorted(diffs.items()): print(f"  {k:12} {f:7} {n:5}  e.g. {examples[(k, f)]}")
# section lists: all cards over all pages
for sec in ('entreprises', 'formations', 'reussites'):
    def allcards(root):
        out = []
        for d, _, fs in os.walk(os.path.join(root, sec)):
            rel = os.path.relpath(d, root)
            if re.match(rf'^{sec}(/page/\d+)?$', rel) and 'index.html' in fs:
                s = open(os.path.join(d, 'index.html'), encoding='utf-8').read()
                if 'http-equiv="refresh"' in s: continue
                out += [norm(h) for h in re.findall(r'card-title"><a href="([^"]*)"', s)]
        return out
    ca, cb = allcards(A), allcards(B)
    print(f"section {sec}: cards ours {len(ca)} hugo {len(cb)} same set: {sorted(ca) == sorted(cb)}")
