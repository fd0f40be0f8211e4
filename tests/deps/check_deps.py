#!/usr/bin/env python3
"""The deps test: everything ptbrief uses from the system comes from a listed Debian package.

usage: check_deps.py ROOT BINARY

Checks, with `dpkg -S`, that each of these is installed and owned by a package that
.ci/packages.txt lists, or that one of them pulls in (Depends/Pre-Depends, as apt installs them),
or an Essential package (bash, coreutils: on every Debian system):
  - every font file fonts/manifest.json can select (any face of any role) and every file it pins;
    the owner must also be the package the manifest names;
  - every shared library the built BINARY links (ldd);
  - every tool the tests run: the commands in run_shell("…") calls under tests/, and the tools
    ../shared/tools/*.py call (shutil.which / subprocess).
A missing item fails loudly with the package to add, so .ci/deps.sh cannot fall behind again.
"""
import json
import os
import re
import shutil
import subprocess
import sys


def listed_packages(root):
    """Package names of .ci/packages.txt (first word of each non-comment line)."""
    names = []
    with open(os.path.join(root, ".ci", "packages.txt"), encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                names.append(words[0])
    return names


def installed_packages():
    """{package: [dependency alternatives]}, {virtual name: [providers]} and the Essential
    packages (on every Debian system, e.g. bash, coreutils) from dpkg."""
    fmt = "${Package}\t${db:Status-Status}\t${Provides}\t${Essential}\t${Pre-Depends}, ${Depends}\n"
    out = subprocess.run(["dpkg-query", "-W", "-f", fmt], capture_output=True, text=True,
                         check=True).stdout
    deps, provides, essential = {}, {}, []
    for line in out.splitlines():
        name, status, prov, ess, dep = line.split("\t")
        if status != "installed":
            continue
        if ess == "yes":
            essential.append(name)
        deps[name] = [[re.split(r"[\s:(]", alt.strip())[0] for alt in group.split("|")]
                      for group in dep.split(",") if group.strip()]
        for p in prov.split(","):
            if p.strip():
                provides.setdefault(re.split(r"[\s(]", p.strip())[0], []).append(name)
    return deps, provides, essential


def closure(roots, deps, provides):
    """The installed packages that installing `roots` brings in."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        for real in [name] + provides.get(name, []):
            if real in deps and real not in seen:
                seen.add(real)
                todo.extend(alt for group in deps[real] for alt in group)
    return seen


def owner(path):
    """The package owning `path` (tried as given, resolved, and across the /usr merge)."""
    real = os.path.realpath(path)
    candidates = []
    for p in (path, real):
        candidates += [p, p[4:] if p.startswith("/usr/") else "/usr" + p]
    for p in candidates:
        r = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        for line in r.stdout.splitlines():
            if not line.startswith("diversion by") and ": " in line:
                return line.split(": ", 1)[0].split(":")[0].split(",")[0]
    return None


def manifest_fonts(root):
    """(what, path or None, package the manifest names) for each font file the manifest uses."""
    with open(os.path.join(root, "fonts", "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    selectable = {m["faces"][face]["file"] for chain in m["roles"].values() for face in chain}
    dirs = [d if os.path.isabs(d) else os.path.join(root, d) for d in m["search_paths"]]
    for rel in sorted(selectable | set(m["files"])):
        found = next((os.path.join(d, rel) for d in dirs if os.path.isfile(os.path.join(d, rel))),
                     None)
        yield "font " + rel, found, m["files"].get(rel, {}).get("package")


def linked_libraries(binary):
    """(what, path) for every shared library `binary` loads."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        match = re.search(r"=>\s*(/\S+)", line) or re.match(r"\s*(/\S+)", line)
        if match:
            yield "library " + os.path.basename(match.group(1)), match.group(1)


SHELL_BUILTINS = {"cd", "printf", "echo", "test", "[", "exit", "export", "true", "false", "set",
                  # reserved words of the shell grammar (for f in …; do …; done), not programs
                  "for", "do", "done", "if", "then", "else", "elif", "fi", "while", "until"}


def command_name(part):
    """The program a shell command runs: its first word after VAR=value assignments."""
    for word in part.replace("(", " ").replace(")", " ").split():
        if "=" not in word.split("/")[0]:
            word = word.strip("'\"")
            return None if word in SHELL_BUILTINS else word
    return None


def test_tools(root):
    """Names of the programs the tests and the shared scoring tools run."""
    tools = set()
    for folder, _, files in os.walk(os.path.join(root, "tests")):
        for name in files:
            if name.endswith((".cpp", ".h")):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    for cmd in re.findall(r'run_shell\(\s*"([^"]*)"', f.read()):
                        tools.update(filter(None, (command_name(part)
                                                   for part in re.split(r"\||&&|;", cmd))))
    shared_tools = os.path.join(root, "..", "shared", "tools")
    if os.path.isdir(shared_tools):
        for name in sorted(os.listdir(shared_tools)):
            if name.endswith(".py"):
                with open(os.path.join(shared_tools, name), encoding="utf-8") as f:
                    tools.update(re.findall(r'(?:shutil\.which\(|subprocess\.\w+\(\[)\s*"([\w.+-]+)"',
                                            f.read()))
    return sorted(tools)


def packaged_tool(name):
    """Where `name` is on PATH; if that copy is not from a package (a pyenv python3, a
    /usr/local build), the packaged copy in /usr/bin or /bin, which a fresh machine would run."""
    found = shutil.which(name)
    if found and owner(found) is None:
        for d in ("/usr/bin", "/bin"):
            if os.path.isfile(os.path.join(d, name)):
                print(f"note: {name} on PATH is {found} (no package); checking {d}/{name}")
                return os.path.join(d, name)
    return found


def main():
    root, binary = sys.argv[1], sys.argv[2]
    listed = listed_packages(root)
    deps, provides, essential = installed_packages()
    not_installed = [p for p in listed if p not in deps and p not in provides]
    allowed = closure(listed + essential, deps, provides)
    failures = [f"package {p} is listed but not installed (run `make deps`)" for p in not_installed]

    items = [(what, path, pinned) for what, path, pinned in manifest_fonts(root)]
    items += [(what, path, None) for what, path in linked_libraries(binary)]
    tools = test_tools(root)
    if not {"qpdf", "pdftotext", "python3"} <= set(tools):
        failures.append(f"the scan of the tests found only these tools: {tools}; fix the scan")
    items += [("tool " + t, packaged_tool(t), None) for t in tools]

    for what, path, pinned in items:
        if path is None:
            hint = f" (from {pinned})" if pinned else ""
            failures.append(f"{what}: not installed{hint}; add its package to .ci/packages.txt")
            continue
        pkg = owner(path)
        if pkg is None:
            failures.append(f"{what}: {path} belongs to no Debian package; install it from one")
        elif pkg not in allowed:
            failures.append(f"{what}: {path} comes from {pkg}, which .ci/packages.txt neither "
                            f"lists nor pulls in; add {pkg}")
        elif pinned and pinned != pkg:
            failures.append(f"{what}: fonts/manifest.json says {pinned}, dpkg says {pkg}")
        else:
            print(f"ok  {what:48} {pkg}")
    for f in failures:
        print("FAIL " + f)
    print(f"{len(items)} files and tools checked against {len(listed)} listed packages "
          f"({len(allowed)} with what they pull in); {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
