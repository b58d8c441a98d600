#!/usr/bin/env python3
"""Generates src/net/oui.tsv, netkit's embedded offline copy of the IEEE MAC registries.

Usage: python3 src/net/gen_oui.py DIR > src/net/oui.tsv
DIR holds the IEEE registry CSVs (Registry,Assignment,Organization Name,Organization Address):
oui.csv (MA-L, 24-bit), oui28.csv or mam.csv (MA-M, 28-bit), oui36.csv (MA-S, 36-bit), cid.csv, iab.csv.
They are published by the IEEE Registration Authority; the copies used for the committed table
come from the oui-data crate (data/*.csv). Output: one line per assignment, "HEX<TAB>REGISTRY<TAB>NAME",
sorted by HEX, so netkit finds a prefix by binary search without parsing or relocating anything at start-up.
"""
import csv
import os
import sys

FILES = [("oui.csv", "MA-L"), ("oui28.csv", "MA-M"), ("mam.csv", "MA-M"), ("oui36.csv", "MA-S"),
         ("cid.csv", "CID"), ("iab.csv", "IAB")]


def main(src):
    seen = {}
    for name, registry in FILES:
        path = os.path.join(src, name)
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = row["Assignment"].strip().upper()
                org = " ".join(row["Organization Name"].split())
                if not key or not all(c in "0123456789ABCDEF" for c in key) or len(key) not in (6, 7, 9):
                    continue
                if key in seen or not org:
                    continue
                seen[key] = (row.get("Registry", registry).strip() or registry, org.replace("\t", " "))
    for key in sorted(seen):
        registry, org = seen[key]
        sys.stdout.write(f"{key}\t{registry}\t{org}\n")


if __name__ == "__main__":
    main(sys.argv[1])
