#!/usr/bin/env python3
"""One version and one repository everywhere a package manifest names them.

    python3 scripts/check-versions.py [ROOT]

The workspace Cargo.toml ([workspace.package] version and repository) is the reference. Every
manifest a package registry reads must carry the same version and point at the same repository
(an https URL, never example.invalid):

    python/pyproject.toml            [project] version, [project.urls] Repository
    node/package.json                version, repository.url
    node/npm/<platform>/package.json version, repository.url (one per platform package)
    dotnet/Omg.Payment/Omg.Payment.nuspec   <version>, <projectUrl> (and <repository url> if any)
    dotnet/Omg.Payment/Omg.Payment.csproj   <Version>, <RepositoryUrl>, <PackageProjectUrl>
    composer.json                    version, support.source

The npm main package gets its optionalDependencies (one per platform package) when `make dist`
packs it; when ROOT/dist/node holds that tarball, its optionalDependencies are checked too.

Prints one line per manifest and exits 1 naming every one that differs.
"""

import glob
import json
import os
import sys
import tarfile
import xml.etree.ElementTree as ET

import tomllib

FORBIDDEN_HOSTS = ("example.invalid", "example.com", "example.org")


def normalise_repository(url):
    """git+https://github.com/o/r.git and https://github.com/o/r/ are the same repository."""
    url = url.strip()
    url = url.removeprefix("git+")
    url = url.removesuffix("/").removesuffix(".git")
    return url


def text_of(root, path):
    """The text of the first element at path in an XML tree, ignoring namespaces."""
    for element in root.iter():
        element.tag = element.tag.split("}")[-1]
    found = root.find(path)
    return None if found is None else (found.text or "").strip()


def read_cargo(root):
    with open(os.path.join(root, "Cargo.toml"), "rb") as f:
        package = tomllib.load(f)["workspace"]["package"]
    return package.get("version"), package.get("repository")


def read_pyproject(path):
    with open(path, "rb") as f:
        project = tomllib.load(f)["project"]
    urls = project.get("urls", {})
    return project.get("version"), urls.get("Repository")


def npm_repository(manifest):
    repository = manifest.get("repository")
    return repository.get("url") if isinstance(repository, dict) else repository


def read_package_json(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    return manifest.get("version"), npm_repository(manifest)


def read_nuspec(path):
    root = ET.parse(path).getroot()
    for element in root.iter():
        element.tag = element.tag.split("}")[-1]
    metadata = root.find("metadata")
    version = text_of(metadata, "version")
    repository = metadata.find("repository")
    url = None if repository is None else repository.get("url")
    project_url = text_of(metadata, "projectUrl")
    return version, url, project_url


def read_csproj(path):
    root = ET.parse(path).getroot()
    return text_of(root, ".//Version"), text_of(root, ".//RepositoryUrl"), text_of(root, ".//PackageProjectUrl")


def read_composer(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    return manifest.get("version"), manifest.get("support", {}).get("source")


def packed_optional_dependencies(root):
    """(tarball, {name: version}) of the npm main package `make dist` packed, or None."""
    tarballs = sorted(glob.glob(os.path.join(root, "dist", "node", "omg-payment-[0-9]*.tgz")))
    if not tarballs:
        return None
    with tarfile.open(tarballs[-1]) as archive:
        manifest = json.load(archive.extractfile("package/package.json"))
    return tarballs[-1], manifest.get("optionalDependencies", {})


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    version, repository = read_cargo(root)
    problems = []
    checked = 0

    def check(name, found_version, urls):
        nonlocal checked
        checked += 1
        wrong = []
        if found_version != version:
            wrong.append(f"version {found_version!r}, not {version!r}")
        for url in urls:
            if not url:
                wrong.append("no repository URL")
            elif any(host in url for host in FORBIDDEN_HOSTS) or not normalise_repository(url).startswith("https://"):
                wrong.append(f"repository {url!r} is not a real https URL")
            elif normalise_repository(url) != normalise_repository(repository):
                wrong.append(f"repository {url!r}, not {repository!r}")
        if wrong:
            problems.append(f"{name}: {'; '.join(wrong)}")
            print(f"check-versions: {name}: DIFFERS ({'; '.join(wrong)})")
        else:
            print(f"check-versions: {name}: {found_version}")

    if any(host in (repository or "") for host in FORBIDDEN_HOSTS) or not (repository or "").startswith("https://"):
        problems.append(f"Cargo.toml: repository {repository!r} is not a real https URL")
    print(f"check-versions: Cargo.toml: {version} {repository}")

    v, r = read_pyproject(os.path.join(root, "python", "pyproject.toml"))
    check("python/pyproject.toml", v, [r])

    node = os.path.join(root, "node", "package.json")
    v, r = read_package_json(node)
    check("node/package.json", v, [r])
    platforms = sorted(glob.glob(os.path.join(root, "node", "npm", "*", "package.json")))
    if not platforms:
        problems.append("node/npm/: no platform package")
    for path in platforms:
        v, r = read_package_json(path)
        check(os.path.relpath(path, root), v, [r])

    # NuGet 2.8.7 cannot read <repository>: the packed .nuspec gets it (scripts/dist/nupkg_metadata.py).
    v, url, project_url = read_nuspec(os.path.join(root, "dotnet", "Omg.Payment", "Omg.Payment.nuspec"))
    check("dotnet/Omg.Payment/Omg.Payment.nuspec", v, [project_url] + ([url] if url else []))
    v, url, project_url = read_csproj(os.path.join(root, "dotnet", "Omg.Payment", "Omg.Payment.csproj"))
    check("dotnet/Omg.Payment/Omg.Payment.csproj", v, [url, project_url])

    v, r = read_composer(os.path.join(root, "composer.json"))
    check("composer.json", v, [r])

    packed = packed_optional_dependencies(root)
    if packed is not None:
        tarball, optional = packed
        name = os.path.relpath(tarball, root)
        expected = {read_package_json_name(p) for p in platforms}
        missing = sorted(expected - set(optional))
        if missing:
            problems.append(f"{name}: optionalDependencies lack {', '.join(missing)}")
        for dependency, dependency_version in sorted(optional.items()):
            check(f"{name} optionalDependencies {dependency}", dependency_version, [])

    if problems:
        print(f"check-versions: FAILED: {len(problems)} of {checked} manifests differ from Cargo.toml:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print(f"check-versions: ok, {checked} manifests carry {version} and {repository}")
    return 0


def read_package_json_name(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["name"]


if __name__ == "__main__":
    sys.exit(main())
