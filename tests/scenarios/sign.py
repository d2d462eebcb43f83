#!/usr/bin/env python3
"""Re-signs the scenario fixtures, independently of omg-payment's own code.

CheckMacValue (protocol.md §3) is computed here from scratch: hashlib's SHA-256 and the .NET
HttpUtility.UrlEncode table written out by hand below. Nothing is imported from the project, so a
fixture signed here checks the project instead of repeating it.

Usage: python3 tests/scenarios/sign.py            # rewrite the fixtures' bodies in place
       python3 tests/scenarios/sign.py --check    # exit 1 if any fixture is out of date

Every case whose input has a `build` object is (re)built: `build.fields` is the ordered list of
[name, value] pairs; `build.sign` says how:
  - "notification": body = form-encoded fields + CheckMacValue (as the gateway POSTs them);
  - "raw": body = k=v joined with &, values as they are (QueryTradeInfo, CreditCardPeriodAction);
  - "raw_form_encoded": signed over the decoded values, then written form-encoded (the
    percent-encoded CreditCardPeriodAction reply);
  - "none": body = k=v joined, no CheckMacValue;
  - "tamper": like "notification", then the first character of the last field's value changes.
`build.keys` (optional) overrides the keys, as `input.keys` does. `build.pad_to` (optional) adds
a last field `Padding` of "x"s, signed like the others, so that the body is exactly that many bytes.
"""

import hashlib
import json
import pathlib
import sys

STAGE = {"merchant_id": "1000031", "hash_key": "265flDjIvesceXWM", "hash_iv": "pOOvhGd1V2pJbjfX"}

# .NET HttpUtility.UrlEncode, byte by byte: these ASCII bytes stay as they are, a space becomes
# "+", every other byte becomes "%xx" (lowercase hex, as the whole string is lowercased anyway).
UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*()")


def dotnet_url_encode(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        if byte in UNRESERVED:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02x}")
    return "".join(out)


def check_mac_value(fields, hash_key, hash_iv):
    pairs = sorted(((k, v) for k, v in fields if k != "CheckMacValue"), key=lambda kv: kv[0].lower())
    joined = "&".join(f"{k}={v}" for k, v in pairs)
    raw = f"HashKey={hash_key}&{joined}&HashIV={hash_iv}"
    return hashlib.sha256(dotnet_url_encode(raw).lower().encode("ascii")).hexdigest().upper()


# Form encoding of a body (what a browser or the gateway POSTs): the same rule as above except
# that the case of the hex is upper, as HTML forms write it.
def form_encode(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        if byte in UNRESERVED:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def build_body(build, keys):
    fields = [(k, v) for k, v in build["fields"]]
    if build.get("pad_to") is not None:
        # An "x" is one byte in the body whatever the encoding, and the CheckMacValue's length
        # is fixed: the body grows one byte per "x".
        without = len(build_body({**build, "fields": fields + [["Padding", ""]], "pad_to": None}, keys))
        fields.append(("Padding", "x" * (build["pad_to"] - without)))
    keys = {**STAGE, **keys, **build.get("keys", {})}
    how = build["sign"]
    if how == "none":
        return "&".join(f"{k}={v}" for k, v in fields)
    mac = check_mac_value(fields, keys["hash_key"], keys["hash_iv"])
    signed = fields + [("CheckMacValue", mac)]
    if how == "raw":
        return "&".join(f"{k}={v}" for k, v in signed)
    body = "&".join(f"{form_encode(k)}={form_encode(v)}" for k, v in signed)
    if how in ("notification", "raw_form_encoded"):
        return body
    if how == "tamper":
        k, v = fields[-1]
        forged = fields[:-1] + [(k, ("X" if not v.startswith("X") else "Y") + v[1:])] + [("CheckMacValue", mac)]
        return "&".join(f"{form_encode(a)}={form_encode(b)}" for a, b in forged)
    raise SystemExit(f"unknown build.sign {how!r}")


def main():
    check = "--check" in sys.argv
    stale = []
    for path in sorted(pathlib.Path(__file__).parent.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for case in doc["cases"]:
            build = case["input"].get("build")
            if build is None:
                continue
            body = build_body(build, case["input"].get("keys", {}))
            if case["input"].get("body") != body:
                stale.append(f"{path.name}: {case['name']}")
                case["input"]["body"] = body
                changed = True
        if changed and not check:
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if check and stale:
        print("out of date:\n  " + "\n  ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
