#!/usr/bin/env python3
"""Test-time oracle for the 事例集 (a static site): reads it with Python's own html.parser and json,
which we did not write, and reports what it finds. Never used at run time.

Usage: check_site.py SITE_DIR
Prints JSON:
  {"files": [...relative paths...],
   "problems": [...],            # each a sentence: unbalanced tags, duplicate ids, unlabelled controls,
                                 # external or absolute URLs, inline scripts or handlers, bad data.js
   "pages": {"projects/2024-001.html#R6-…": {"title", "lang", "h1", "text", "scripts", "ids"}},
                                 # one per project article (<article class="project-page" id=事業ID>)
                                 # of the files in projects/; title, lang and scripts are its file's
   "index": {"lang", "text", "scripts", "labels": {id: label text}},
   "data": {"projects": N, "docs": N, "index_keys": N, "raw_lt": bool, "raw_u2028": bool}}
The Swift tests assert on it.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.text = [], [], [], []
        self.scripts, self.labels, self.controls = [], {}, []
        self.lang, self.title, self.h1 = None, "", ""
        self._in, self._label_for = [], None
        self.articles, self._article = [], None  # project articles: {"id", "h1", "text", "ids"}
        self.links = []  # every href, as written

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.append(a["id"])
            if self._article is not None:
                self._article["ids"].append(a["id"])
        if tag == "article" and "project-page" in (a.get("class") or "").split():
            self._article = {"id": a.get("id"), "h1": "", "text": [], "ids": [], "depth": len(self.stack)}
            self.articles.append(self._article)
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith("/") or value.startswith("//"):
                    self.problems.append(f"non-relative URL {value!r} on <{tag}>")
        if tag == "script":
            if "src" not in a:
                self.problems.append("inline <script> element")
            self.scripts.append(a.get("src"))
        if tag == "label":
            self._label_for = a.get("for")
            self.labels[self._label_for] = ""
        if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit", "button"):
            self.controls.append(a.get("id"))
        if tag not in VOID:
            self.stack.append(tag)
        self._in.append(tag)
        if tag in VOID:
            self._in.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()
        if self._in and self._in[-1] == tag:
            self._in.pop()
        if tag == "label":
            self._label_for = None
        if tag == "article" and self._article is not None and len(self.stack) == self._article["depth"]:
            self._article = None

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        if "h1" in self._in:
            self.h1 += data
        if self._label_for is not None:
            self.labels[self._label_for] += data
        if "script" not in self._in and "style" not in self._in:
            self.text.append(data)
        if self._article is not None:
            if "h1" in self._in:
                self._article["h1"] += data
            self._article["text"].append(data)

    def finish(self):
        self.close()
        if self.stack:
            self.problems.append(f"unclosed elements: {self.stack}")
        seen = set()
        for i in self.ids:
            if i in seen:
                self.problems.append(f"duplicate id {i!r}")
            seen.add(i)
        for c in self.controls:
            if c not in self.labels:
                self.problems.append(f"control {c!r} has no <label for>")


def main():
    root = sys.argv[1]
    files, problems, pages, index, data, links = [], [], {}, {}, {}, []
    for folder, _, names in os.walk(root):
        for name in names:
            files.append(os.path.relpath(os.path.join(folder, name), root))
    files.sort()
    for rel in files:
        path = os.path.join(root, rel)
        raw = open(path, "rb").read()
        text = raw.decode("utf-8")
        if re.search(r"https?:", text, re.IGNORECASE):
            problems.append(f"{rel}: holds an http(s) URL")
        if rel.endswith(".html"):
            page = Page()
            page.feed(text)
            page.finish()
            problems += [f"{rel}: {p}" for p in page.problems]
            facts = {"title": page.title, "lang": page.lang, "h1": page.h1, "text": "".join(page.text),
                     "scripts": page.scripts, "ids": page.ids}
            if rel == "index.html":
                facts["labels"] = page.labels
                index = facts
            elif page.articles:
                for article in page.articles:
                    pages[f"{rel}#{article['id']}"] = {"title": page.title, "lang": page.lang, "h1": article["h1"],
                                                       "text": "".join(article["text"]), "scripts": page.scripts,
                                                       "ids": article["ids"]}
            else:
                problems.append(f"{rel}: holds no project article")
            links += [(rel, href) for href in page.links]
        if rel == "data.js":
            match = re.match(r"^window\.FURIKAERI_CASES = (.*);\n$", text, re.S)
            if not match:
                problems.append("data.js does not assign window.FURIKAERI_CASES")
                continue
            try:
                value = json.loads(match.group(1))
            except ValueError as e:
                problems.append(f"data.js is not JSON: {e}")
                continue
            data = {"projects": len(value["projects"]), "docs": len(value["docs"]), "index_keys": len(value["index"]),
                    "raw_lt": "<" in match.group(1), "raw_u2028": "\u2028" in text or "\u2029" in text,
                    "texts": [d[2] for d in value["docs"]], "ids": [p["id"] for p in value["projects"]],
                    "doc_ids": [value["projects"][d[0]]["id"] for d in value["docs"]],
                    "pages": [p["page"] for p in value["projects"]]}
    # Every link between pages leads to a file of the site, and a #fragment to an article of it.
    for rel, href in links:
        target, _, fragment = href.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(rel), target)) if target else rel
        if target not in files:
            problems.append(f"{rel}: link {href!r} leads to no file of the site")
        elif fragment and target.startswith("projects/") and f"{target}#{fragment}" not in pages:
            problems.append(f"{rel}: link {href!r} names no project of {target}")
    for page_link in data.get("pages", []):
        if page_link not in pages:
            problems.append(f"data.js: page {page_link!r} is no project article")
    print(json.dumps({"files": files, "problems": problems, "pages": pages, "index": index, "data": data},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
