#!/usr/bin/env python3
# Copyright 2026 The Ebbflow developers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of fuzz-ecp-decoder: the ECP-1 §6 test vectors,
one file each, and a few streams made of them (back to back, split by
junk, with an over-long frame). Run it from this directory; its output is
committed so a build needs no Python."""

import pathlib

VECTORS = {
    "hello": "04 e1 01 01 02 01 07 78 56 34 12 f5 18 00",
    "heartbeat": "04 e1 02 02 03 9c 7e 00",
    "stream": "04 e1 03 03 02 64 03 68 72 00",
    "set-target": "04 e1 04 04 09 2b eb ff ff d0 07 84 72 00",
    "vent": "03 e1 05 04 01 4f 8d 00",
    "clear-faults": "04 e1 06 06 03 98 6e 00",
    "get-status": "04 e1 07 05 03 fb 0c 00",
    "bye": "04 e1 08 09 03 a7 65 00",
    "ack-ok": "04 e1 80 07 02 04 02 04 03 59 63 00",
    "ack-out-of-range": "04 e1 80 07 02 04 05 04 02 1b 43 00",
    "ident": "04 e1 81 01 02 01 26 78 56 34 12 09 45 42 42 2d 49 4e 50 2d 31 09 53 4e 2d 30 30 30"
             " 31 32 33 05 31 2e 34 2e 32 56 d6 ff ff e8 03 c8 02 0f 01 01 03 62 eb 00",
    "telemetry": "04 e1 82 0a 04 40 e2 01 0a 4b eb ff ff 2b eb ff ff 25 02 69 01 01 03 df c9 00",
    "event": "04 e1 83 0b 04 6c e2 01 09 01 01 78 d3 ff ff f1 34 00",
}

here = pathlib.Path(__file__).parent
frames = {name: bytes.fromhex(text) for name, text in VECTORS.items()}
for name, frame in frames.items():
    (here / f"vector-{name}.bin").write_bytes(frame)

everything = b"".join(frames.values())
(here / "stream-all.bin").write_bytes(everything)
(here / "stream-junk.bin").write_bytes(b"\x5a\xff\x13" + everything[5:] + b"\x00\x00\x00" + frames["telemetry"])
(here / "stream-overlong.bin").write_bytes(b"\xff" * 300 + b"\x00" + frames["ack-ok"])
(here / "cobs-254.bin").write_bytes(b"\xff" + bytes(range(1, 255)) + b"\x00")
