#!/usr/bin/python3
"""Writes the tiny PNG and dataset fixtures the ResearchKit tests decode, plus their expected values.

Run once with /usr/bin/python3 (needs python3-pil); NOT run in CI, the outputs are committed:
  tests/ResearchKit.Tests/Fixtures/Png/*.png          decoder fixtures (PIL's encoder, and a small raw
                                                      writer below for what PIL cannot write: 16-bit RGB,
                                                      2-bit gray, Adam7 interlace, every filter type,
                                                      IDAT split over several chunks)
  tests/ResearchKit.Tests/Fixtures/Png/expected.json  width, height, colour type, bit depth, channels and
                                                      every sample value (palette indices as indices)
  tests/ResearchKit.Tests/Fixtures/Datasets/...       Cityscapes and Pascal VOC layouts in miniature
Every PIL-written file is read back with PIL and compared with the intended samples before it is kept.
"""
import json
import os
import random
import struct
import zlib

from PIL import Image

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(REPO, "tests", "ResearchKit.Tests", "Fixtures")
PNG_DIR = os.path.join(FIX, "Png")
DATA_DIR = os.path.join(FIX, "Datasets")
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


# ---------- raw PNG writer (independent of the C# encoder) ----------
def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    per = 8 // depth
    out = bytearray()
    for i in range(0, len(samples), per):
        byte = 0
        group = samples[i:i + per]
        for j, s in enumerate(group):
            byte |= s << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(ftype, row, prior, bpp):
    out = bytearray([ftype])
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i] if prior else 0
        c = prior[i - bpp] if prior and i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
        out.append((x - pred) & 0xFF)
    return bytes(out)


def scanlines(pixels, w, h, ch, depth, filters):
    """pixels[y][x] is a tuple of channel samples; filters cycle 0..4 row by row."""
    bpp = max(1, ch * depth // 8)
    out, prior, n = bytearray(), None, 0
    for y in range(h):
        row = pack_row([s for x in range(w) for s in pixels[y][x]], depth)
        out += filter_row(filters[n % len(filters)], row, prior, bpp)
        prior, n = row, n + 1
    return bytes(out)


def write_raw(name, pixels, w, h, ctype, depth, interlace=False, plte=None, trns=None,
              filters=(0, 1, 2, 3, 4), idat_size=None):
    ch = CHANNELS[ctype]
    if interlace:
        raw = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, w, dx)), list(range(y0, h, dy))
            if xs and ys:
                sub = [[pixels[y][x] for x in xs] for y in ys]
                raw += scanlines(sub, len(xs), len(ys), ch, depth, filters)
    else:
        raw = scanlines(pixels, w, h, ch, depth, filters)
    z = zlib.compress(raw, 9)
    parts = [z[i:i + idat_size] for i in range(0, len(z), idat_size)] if idat_size else [z]
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, int(interlace)))
    if plte:
        png += chunk(b"PLTE", bytes(plte))
    if trns is not None:
        png += chunk(b"tRNS", trns)
    png += b"".join(chunk(b"IDAT", p) for p in parts) + chunk(b"IEND", b"")
    with open(os.path.join(PNG_DIR, name), "wb") as f:
        f.write(png)
    return png


def expect(name, w, h, ctype, depth, pixels, plte=None, trns=None):
    e = {"width": w, "height": h, "colorType": ctype, "bitDepth": depth, "channels": CHANNELS[ctype],
         "samples": [s for row in pixels for px in row for s in px]}
    if plte:
        e["palette"] = list(plte)
    if trns is not None:
        e["transparency"] = list(trns)
    return name, e


def rand_pixels(rng, w, h, ch, maxval):
    return [[tuple(rng.randint(0, maxval) for _ in range(ch)) for _ in range(w)] for _ in range(h)]


# ---------- PIL-written fixtures ----------
def save_pil(name, img, pixels, ctype, depth, expected_pil, **opts):
    img.save(os.path.join(PNG_DIR, name), **opts)
    back = Image.open(os.path.join(PNG_DIR, name))
    assert list(back.getdata()) == expected_pil, name
    w, h = img.size
    return expect(name, w, h, ctype, depth, pixels, opts.get("plte"))


def pil_fixtures(rng):
    out = []
    w, h = 7, 5
    gray = rand_pixels(rng, w, h, 1, 255)
    img = Image.new("L", (w, h)); img.putdata([p[0] for r in gray for p in r])
    out.append(save_pil("gray8.png", img, gray, 0, 8, [p[0] for r in gray for p in r]))

    g16 = rand_pixels(rng, w, h, 1, 65535)
    img = Image.frombytes("I;16", (w, h), b"".join(struct.pack("<H", p[0]) for r in g16 for p in r))
    out.append(save_pil("gray16.png", img, g16, 0, 16, [p[0] for r in g16 for p in r]))

    bits = rand_pixels(rng, 11, 3, 1, 1)
    img = Image.new("1", (11, 3)); img.putdata([p[0] * 255 for r in bits for p in r])
    out.append(save_pil("gray1.png", img, bits, 0, 1, [p[0] * 255 for r in bits for p in r]))

    for nbits, ncol, pw in ((1, 2, 13), (2, 4, 9), (4, 16, 7), (8, 200, 6)):
        idx = rand_pixels(rng, pw, 4, 1, ncol - 1)
        pal = [rng.randint(0, 255) for _ in range(3 * ncol)]
        img = Image.new("P", (pw, 4)); img.putpalette(pal); img.putdata([p[0] for r in idx for p in r])
        name, e = save_pil(f"palette{nbits}.png", img, idx, 3, nbits, [p[0] for r in idx for p in r])
        e["palette"] = pal
        out.append((name, e))

    for mode, ctype in (("RGB", 2), ("RGBA", 6), ("LA", 4)):
        px = rand_pixels(rng, w, h, len(mode), 255)
        img = Image.new(mode, (w, h)); img.putdata([p for r in px for p in r])
        expected = [p for r in px for p in r]
        out.append(save_pil(f"{mode.lower()}8.png", img, px, ctype, 8, expected))

    # Palette with transparency (tRNS holds one alpha per palette entry).
    idx = rand_pixels(rng, 5, 3, 1, 3)
    pal = [10, 20, 30, 40, 50, 60, 70, 80, 90, 200, 210, 220]
    img = Image.new("P", (5, 3)); img.putpalette(pal); img.putdata([p[0] for r in idx for p in r])
    name, e = save_pil("palette_trns.png", img, idx, 3, 2, [p[0] for r in idx for p in r],
                       transparency=bytes([0, 128, 255, 64]))
    e["palette"], e["transparency"] = pal, [0, 128, 255, 64]
    out.append((name, e))
    return out


# ---------- raw-written fixtures ----------
def raw_fixtures(rng):
    out = []
    px = rand_pixels(rng, 6, 5, 3, 65535)
    write_raw("rgb16.png", px, 6, 5, 2, 16)
    out.append(expect("rgb16.png", 6, 5, 2, 16, px))

    px = rand_pixels(rng, 5, 5, 4, 65535)
    write_raw("rgba16.png", px, 5, 5, 6, 16)
    out.append(expect("rgba16.png", 5, 5, 6, 16, px))

    px = rand_pixels(rng, 9, 6, 1, 3)
    write_raw("gray2_filters.png", px, 9, 6, 0, 2)
    out.append(expect("gray2_filters.png", 9, 6, 0, 2, px))

    px = rand_pixels(rng, 5, 5, 1, 15)
    trns = struct.pack(">H", 7)
    write_raw("gray4_trns.png", px, 5, 5, 0, 4, trns=trns)
    out.append(expect("gray4_trns.png", 5, 5, 0, 4, px, trns=trns))

    px = rand_pixels(rng, 9, 7, 3, 255)
    write_raw("rgb8_adam7.png", px, 9, 7, 2, 8, interlace=True)
    out.append(expect("rgb8_adam7.png", 9, 7, 2, 8, px))

    px = rand_pixels(rng, 3, 2, 1, 3)
    pal = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
    write_raw("palette2_adam7_tiny.png", px, 3, 2, 3, 2, interlace=True, plte=pal)
    out.append(expect("palette2_adam7_tiny.png", 3, 2, 3, 2, px, plte=pal))

    px = rand_pixels(rng, 8, 6, 2, 65535)
    write_raw("graya16_adam7.png", px, 8, 6, 4, 16, interlace=True, filters=(4, 3, 1, 2, 0))
    out.append(expect("graya16_adam7.png", 8, 6, 4, 16, px))

    px = rand_pixels(rng, 10, 8, 1, 255)
    write_raw("gray8_multi_idat.png", px, 10, 8, 0, 8, idat_size=16)
    out.append(expect("gray8_multi_idat.png", 10, 8, 0, 8, px))
    return out


def corrupt_fixtures(rng):
    px = rand_pixels(rng, 8, 8, 1, 255)
    good = write_raw("corrupt_base.png", px, 8, 8, 0, 8)
    os.remove(os.path.join(PNG_DIR, "corrupt_base.png"))
    idat = good.index(b"IDAT")
    files = {
        "corrupt_bad_crc.png": good[:idat + 6] + bytes([good[idat + 6] ^ 0x01]) + good[idat + 7:],
        "corrupt_truncated.png": good[:idat + 12],
        "corrupt_signature.png": b"\x89PNX" + good[4:],
        "corrupt_no_iend.png": good[:-12],
        "corrupt_bad_ihdr.png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 3, 2, 0, 0, 0))
                                + good[33:],
        "corrupt_zlib.png": None,
    }
    # A zlib stream that ends early but whose chunk CRC is right: only the inflater can notice.
    z = zlib.compress(b"\x00" + bytes(8), 9)
    files["corrupt_zlib.png"] = good[:33] + chunk(b"IDAT", z) + chunk(b"IEND", b"")
    for name, data in files.items():
        with open(os.path.join(PNG_DIR, name), "wb") as f:
            f.write(data)


# ---------- dataset layouts ----------
CITY_TRAIN = {7: 0, 8: 1, 11: 2, 12: 3, 13: 4, 17: 5, 19: 6, 20: 7, 21: 8, 22: 9, 23: 10, 24: 11, 25: 12,
              26: 13, 27: 14, 28: 15, 31: 16, 32: 17, 33: 18}


def save_gray(path, w, h, values):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img = Image.new("L", (w, h)); img.putdata(values); img.save(path)


def dataset_fixtures(rng):
    expected = {"cityscapes": {}, "voc": {}}
    root = os.path.join(DATA_DIR, "cityscapes")
    w, h = 8, 4
    for city, frame in (("frankfurt", "frankfurt_000000_000294"), ("lindau", "lindau_000001_000019")):
        ids = [rng.randint(0, 33) for _ in range(w * h)]
        train = [CITY_TRAIN.get(i, 255) for i in ids]
        gt = os.path.join(root, "gtFine", "val", city)
        save_gray(os.path.join(gt, f"{frame}_gtFine_labelIds.png"), w, h, ids)
        save_gray(os.path.join(gt, f"{frame}_gtFine_labelTrainIds.png"), w, h, train)
        rgb = [tuple(rng.randint(0, 255) for _ in range(3)) for _ in range(w * h)]
        img_dir = os.path.join(root, "leftImg8bit", "val", city)
        os.makedirs(img_dir, exist_ok=True)
        img = Image.new("RGB", (w, h)); img.putdata(rgb); img.save(os.path.join(img_dir, f"{frame}_leftImg8bit.png"))
        expected["cityscapes"][frame] = {"width": w, "height": h, "labelIds": ids, "trainIds": train,
                                         "rgb": [c for p in rgb for c in p]}

    root = os.path.join(DATA_DIR, "voc", "VOC2012")
    cmap = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j); g |= ((c >> 1) & 1) << (7 - j); b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        cmap += [r, g, b]
    ids = ["2007_000032", "2007_000039"]
    os.makedirs(os.path.join(root, "SegmentationClass"), exist_ok=True)
    os.makedirs(os.path.join(root, "ImageSets", "Segmentation"), exist_ok=True)
    for k, stem in enumerate(ids):
        vals = [rng.choice([0, 0, 1, 15, 20, 255]) for _ in range(6 * 5)]
        img = Image.new("P", (6, 5)); img.putpalette(cmap); img.putdata(vals)
        img.save(os.path.join(root, "SegmentationClass", stem + ".png"))
        expected["voc"][stem] = {"width": 6, "height": 5, "labels": vals}
    with open(os.path.join(root, "ImageSets", "Segmentation", "val.txt"), "w") as f:
        f.write("\n".join(ids) + "\n")
    expected["voc"]["colormap"] = cmap[:21 * 3] + cmap[255 * 3:]
    with open(os.path.join(DATA_DIR, "expected.json"), "w") as f:
        json.dump(expected, f, separators=(",", ":"))


def main():
    os.makedirs(PNG_DIR, exist_ok=True)
    rng = random.Random(20240607)
    fixtures = dict(pil_fixtures(rng) + raw_fixtures(rng))
    corrupt_fixtures(rng)
    with open(os.path.join(PNG_DIR, "expected.json"), "w") as f:
        json.dump(fixtures, f, separators=(",", ":"), sort_keys=True)
    dataset_fixtures(rng)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(FIX) for f in fs
                if d.startswith(PNG_DIR) or d.startswith(DATA_DIR))
    print(f"wrote {len(fixtures)} decodable fixtures; {total} bytes in total")


if __name__ == "__main__":
    main()
