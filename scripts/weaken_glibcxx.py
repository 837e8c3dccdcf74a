#!/usr/bin/python3
"""Marks one ELF version need as weak, so a library built against a newer libstdc++ loads on Debian 12.

TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 for a single symbol, std::ios_base_library_init(),
which GCC 13's <iostream> references and never calls. Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the loader
refuses the whole library. Setting VER_FLG_WEAK (0x2) on that entry of .gnu.version_r makes the loader accept the
missing version (ldd then lists it as weak). Nothing else in the file changes.

Usage: /usr/bin/python3 scripts/weaken_glibcxx.py LIB.so [VERSION]   (VERSION defaults to GLIBCXX_3.4.32)
Exit 0 and one line: "patched", "already weak" or "not needed" (no such entry); exit 1 with the reason otherwise.
"""
import os
import struct
import sys
import tempfile

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def fail(path, why):
    print(f"{path}: {why}", file=sys.stderr)
    sys.exit(1)


def cstring(data, offset):
    return data[offset:data.index(b"\0", offset)].decode("ascii", "replace")


def find_entries(data, path, version):
    """Offsets of the vna_flags fields whose version name is `version`."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        fail(path, "not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    found = []
    for sec in sections:
        if sec[1] != SHT_GNU_VERNEED:
            continue
        strtab_offset = sections[sec[6]][4]
        count = sec[7]  # sh_info: number of Verneed entries
        vn = sec[4]
        for _ in range(count):
            _, vn_cnt, _, vn_aux, vn_next = struct.unpack_from("<HHIII", data, vn)
            aux = vn + vn_aux
            for _ in range(vn_cnt):
                _, _, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                if cstring(data, strtab_offset + vna_name) == version:
                    found.append(aux + 4)
                aux += vna_next
            vn += vn_next
    return found


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        sys.exit(2)
    path = sys.argv[1]
    version = sys.argv[2] if len(sys.argv) == 3 else "GLIBCXX_3.4.32"
    try:
        with open(path, "rb") as f:
            data = bytearray(f.read())
    except OSError as e:
        fail(path, e.strerror)
    offsets = find_entries(data, path, version)
    if not offsets:
        print(f"{path}: not needed (no {version} entry)")
        return
    if all(struct.unpack_from("<H", data, o)[0] & VER_FLG_WEAK for o in offsets):
        print(f"{path}: already weak ({version})")
        return
    for o in offsets:
        flags, = struct.unpack_from("<H", data, o)
        struct.pack_into("<H", data, o, flags | VER_FLG_WEAK)
    # Atomic: a half-written library would fail to load with a far worse message than the one we fix.
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".weaken-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(tmp, os.stat(path).st_mode)
    os.replace(tmp, path)
    print(f"{path}: patched ({version} is weak now)")


if __name__ == "__main__":
    main()
