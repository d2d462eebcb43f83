#!/usr/bin/env python3
"""Completes the .nuspec inside a .nupkg packed by Debian's NuGet 2.8.7.

    python3 scripts/dist/nupkg_metadata.py PACKAGE.nupkg Omg.Payment.csproj COMMIT

NuGet 2.8.7 refuses <license>, <repository> and <readme> and writes the netstandard2.0 dependency
group as "Unsupported0.0". This rewrites the packed .nuspec the way a current `nuget pack` or
`dotnet pack` writes it, with the values of the SDK project (PackageLicenseExpression,
RepositoryUrl, RepositoryType, PackageReadmeFile) and the commit packed. Every entry of the
archive gets the time of SOURCE_DATE_EPOCH, so the same commit packs to the same bytes.
"""

import os
import sys
import time
import xml.etree.ElementTree as ET
import zipfile

NUSPEC_NS = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"


def csproj_property(csproj, name):
    root = ET.parse(csproj).getroot()
    for element in root.iter():
        if element.tag.split("}")[-1] == name and element.text:
            return element.text.strip()
    raise SystemExit(f"{csproj}: no <{name}>")


def complete(nuspec_xml, csproj, commit):
    ET.register_namespace("", NUSPEC_NS)
    root = ET.fromstring(nuspec_xml)
    for element in root.iter():  # one namespace, the one that knows the new elements
        element.tag = "{%s}%s" % (NUSPEC_NS, element.tag.split("}")[-1])
    metadata = root.find(f"{{{NUSPEC_NS}}}metadata")

    def child(name):
        return metadata.find(f"{{{NUSPEC_NS}}}{name}")

    def put_after(anchor, name, text=None, **attributes):
        element = ET.Element(f"{{{NUSPEC_NS}}}{name}", attributes)
        element.text = text
        index = list(metadata).index(child(anchor)) + 1
        metadata.insert(index, element)

    license_expression = csproj_property(csproj, "PackageLicenseExpression")
    put_after("requireLicenseAcceptance", "license", license_expression, type="expression")
    child("licenseUrl").text = f"https://licenses.nuget.org/{license_expression}"
    put_after("projectUrl", "repository", type=csproj_property(csproj, "RepositoryType"),
              url=csproj_property(csproj, "RepositoryUrl"), commit=commit)
    put_after("description", "readme", csproj_property(csproj, "PackageReadmeFile"))
    for group in child("dependencies"):
        group.set("targetFramework", ".NETStandard2.0")
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8")


def main():
    package, csproj, commit = sys.argv[1:4]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "946684800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot go before 1980
    with zipfile.ZipFile(package) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    readme = csproj_property(csproj, "PackageReadmeFile")
    if readme not in [info.filename for info, _ in entries]:
        raise SystemExit(f"{package}: the readme {readme} is not in the package")
    rewritten = package + ".tmp"
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename.endswith(".nuspec") and "/" not in info.filename:
                data = complete(data, csproj, commit)
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    os.replace(rewritten, package)


if __name__ == "__main__":
    main()
