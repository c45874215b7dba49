"""Writes a generated section of a document, between '<!-- name:begin -->' and '<!-- name:end -->', from standard
input; with --check it writes nothing and fails when the section differs (the figures changed), with --print it
only prints the section.
   python3 build/doc-section.py <document> <name> [--check | --print] < section"""
import sys

path, name = sys.argv[1:3]
mode = sys.argv[3] if len(sys.argv) > 3 else "--write"
section = sys.stdin.read().rstrip("\n")
text = open(path, encoding="utf-8").read()
begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->"
head, found, rest = text.partition(begin)
if not found or end not in rest:
    sys.exit(f"{path}: no section '{name}' (the markers {begin.strip()} and {end})")
new = head + begin + section + "\n" + end + rest.partition(end)[2]
print(section)
if mode == "--print":
    pass
elif mode == "--check":
    if new != text:
        sys.exit(f"{path}: the figures of section '{name}' are not this run's (above)")
    print(f"{path}: section '{name}' shows this run's figures")
else:
    open(path, "w", encoding="utf-8").write(new)
    print(f"{path}: section '{name}' written")
