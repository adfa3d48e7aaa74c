#!/usr/bin/env python3
"""The spaCy baseline for BENCHMARKS.md: what a user would otherwise run over a corpus.

It reads the same files recap reads (HTML and Markdown as raw text: spaCy has no
reader for them, which only flatters spaCy), builds recap's own gazetteer (every project
name and alias in rules/projects.tsv) into a PhraseMatcher and an EntityRuler, and
times three passes over the corpus, each with a blank English pipeline:

  tokenizer      nlp.pipe over the texts, tokens only;
  phrasematcher  the tokenizer plus a PhraseMatcher over the gazetteer;
  entityruler    the tokenizer plus an EntityRuler with the same phrases.

Each line of output is "name<TAB>MB/s<TAB>seconds<TAB>matches". spaCy is an optional
dependency of the benchmark only: pip install spacy (no model download is needed).

    python3 bench/spacy_baseline.py CORPUS_DIR [--rules rules] [--only phrasematcher]
"""

import argparse
import os
import sys
import time


def read_corpus(root):
    texts = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                texts.append(f.read().decode("utf-8", errors="replace"))
    return texts


def gazetteer(rules_dir):
    names = set()
    with open(os.path.join(rules_dir, "projects.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            names.add(cols[0])
            if len(cols) > 2 and cols[2]:
                names.update(a for a in cols[2].split("|") if a)
    return sorted(names)


def timed(name, nlp, texts, megabytes, count):
    start = time.perf_counter()
    found = 0
    for doc in nlp.pipe(texts, batch_size=64):
        found += count(doc)
    seconds = time.perf_counter() - start
    print(f"{name}\t{megabytes / seconds:.2f}\t{seconds:.2f}\t{found}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--rules", default=os.path.join(os.path.dirname(__file__), "..", "rules"))
    parser.add_argument("--only", choices=["tokenizer", "phrasematcher", "entityruler"])
    args = parser.parse_args()
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
    except ImportError:
        sys.exit("spacy_baseline: spaCy is not installed; run `pip install spacy` first")

    texts = read_corpus(args.corpus)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    names = gazetteer(args.rules)
    print(f"# {len(texts)} files, {megabytes:.1f} MB, {len(names)} phrases, spaCy {spacy.__version__}",
          flush=True)
    nlp = spacy.blank("en")
    nlp.max_length = max(nlp.max_length, max((len(t) for t in texts), default=0) + 1)

    if args.only in (None, "tokenizer"):
        timed("tokenizer", nlp, texts, megabytes, len)

    if args.only in (None, "phrasematcher"):
        matcher = PhraseMatcher(nlp.vocab)
        matcher.add("PROJECT", list(nlp.tokenizer.pipe(names)))
        timed("phrasematcher", nlp, texts, megabytes, lambda doc: len(matcher(doc)))

    if args.only in (None, "entityruler"):
        ruler_nlp = spacy.blank("en")
        ruler_nlp.max_length = nlp.max_length
        ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns([{"label": "PROJECT", "pattern": n} for n in names])
        timed("entityruler", ruler_nlp, texts, megabytes, lambda doc: len(doc.ents))


if __name__ == "__main__":
    main()
