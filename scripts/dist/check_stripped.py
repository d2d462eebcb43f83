#!/usr/bin/env python3
"""Is a native library stripped? ELF, Mach-O and PE, read from the file itself.

    python3 scripts/dist/check_stripped.py FILE...

Stripped means no symbol table beyond what the loader needs:
  ELF     no .symtab section (.dynsym, the exported symbols, stays);
  Mach-O  no local and no debugging (stab) symbols in LC_SYMTAB (exported ones stay);
  PE      no COFF symbol table (PointerToSymbolTable and NumberOfSymbols are 0).
Prints one line per file; exits 1 when any is not stripped.
"""

import struct
import sys


def elf(data):
    is64 = data[4] == 2
    endian = "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(endian + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(endian + "HHH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(endian + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(endian + "HHH", data, 0x2E)

    def section(index):
        base = shoff + index * shentsize
        name, kind = struct.unpack_from(endian + "II", data, base)
        if is64:
            offset, = struct.unpack_from(endian + "Q", data, base + 0x18)
        else:
            offset, = struct.unpack_from(endian + "I", data, base + 0x10)
        return name, kind, offset

    _, _, strtab = section(shstrndx)
    names = []
    for i in range(shnum):
        name, kind, _ = section(i)
        end = data.index(b"\0", strtab + name)
        names.append(data[strtab + name:end].decode())
    symtab = [n for n in names if n == ".symtab"]
    debug = [n for n in names if n.startswith(".debug_")]
    return not symtab and not debug, f"ELF, sections {'with' if symtab else 'without'} .symtab, {len(debug)} .debug_*"


def macho(data):
    ncmds, = struct.unpack_from("<I", data, 16)
    offset = 32
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, offset)
        if cmd == 0x2:  # LC_SYMTAB
            symoff, nsyms = struct.unpack_from("<II", data, offset + 8)
            local = stabs = 0
            for i in range(nsyms):
                n_type = data[symoff + i * 16 + 4]
                if n_type & 0xE0:
                    stabs += 1
                elif not n_type & 0x01:
                    local += 1
            return local == 0 and stabs == 0, f"Mach-O, {nsyms} symbols, {local} local, {stabs} debugging"
        offset += size
    return True, "Mach-O, no LC_SYMTAB"


def pe(data):
    pe_offset, = struct.unpack_from("<I", data, 0x3C)
    pointer, count = struct.unpack_from("<II", data, pe_offset + 4 + 8)
    return pointer == 0 and count == 0, f"PE, COFF symbol table of {count} symbols"


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x7fELF":
        return elf(data)
    if data[:4] == b"\xcf\xfa\xed\xfe":
        return macho(data)
    if data[:2] == b"MZ":
        return pe(data)
    return False, "not an ELF, Mach-O or PE file"


def main():
    bad = 0
    for path in sys.argv[1:]:
        stripped, what = check(path)
        print(f"{path}: {'stripped' if stripped else 'NOT STRIPPED'} ({what})")
        bad += not stripped
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
