"""Cut a FIT file down to its session messages, for fitdecode to read.

A watch writes a record message every second or so and one session message (the run's
summary) at the end. fitdecode decodes every field of every message in Python, which
takes about 150 ms for an hour's run; a 90-day export would keep the runner waiting ten
seconds. The FIT protocol gives each message's size in its definition, so this walks the
file by those sizes, keeps the session definitions and messages as they are, and writes
them into a small FIT file of their own (header and CRC as the protocol asks). fitdecode
then decodes that: it stays the reader of every value.

Developer fields are dropped from the session (they need their own descriptions, and
nothing we read is one). Structure is checked as the file is walked; the checksum of the
original is not (a byte-by-byte CRC in Python costs as much as the decoding saved).
"""

import struct

SESSION = 18
FIT_SIGNATURE = b".FIT"
# FIT's CRC-16, four bits at a time, as the protocol specifies.
CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


class DamagedFit(ValueError):
    """The bytes do not follow the FIT protocol's layout."""


def fit_crc(data: bytes, crc: int = 0) -> int:
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            crc = ((crc >> 4) & 0x0FFF) ^ CRC_TABLE[crc & 0xF] ^ CRC_TABLE[nibble]
    return crc


def session_messages(data: bytes) -> bytes:
    """A FIT file holding only the session definitions and messages of ``data``.

    Chained FIT files (several in one) are walked one after the other. Raises
    :class:`DamagedFit` when a size runs past the end or a message has no definition.
    """
    kept = bytearray()
    start = 0
    while start < len(data):
        if len(data) - start < 12 or data[start + 8 : start + 12] != FIT_SIGNATURE:
            if start and not data[start:].strip(b"\0"):
                break  # padding after the last file
            raise DamagedFit("not a FIT header")
        header_size = data[start]
        body_size = int.from_bytes(data[start + 4 : start + 8], "little")
        end = start + header_size + body_size
        if header_size < 12 or end + 2 > len(data):
            raise DamagedFit("sizes run past the end")
        kept += _sessions_in(data, start + header_size, end)
        start = end + 2
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(kept), FIT_SIGNATURE)
    header += struct.pack("<H", fit_crc(header))
    return header + bytes(kept) + struct.pack("<H", fit_crc(header + kept))


def _sessions_in(data: bytes, position: int, end: int) -> bytearray:
    # local message type -> (global number, size of the fields we keep, size of the rest)
    layouts: dict[int, tuple[int, int, int]] = {}
    kept = bytearray()
    while position < end:
        header = data[position]
        if header & 0x80:  # a compressed timestamp header: a data message of local type 0-3
            local, definition = (header >> 5) & 0x03, False
        else:
            local, definition = header & 0x0F, bool(header & 0x40)
        if definition:
            fields_at = position + 6
            if fields_at > end:
                raise DamagedFit("a definition runs past the end")
            big_endian = data[position + 2] == 1
            number = int.from_bytes(
                data[position + 3 : position + 5], "big" if big_endian else "little"
            )
            count = data[position + 5]
            fields_end = fields_at + 3 * count
            if fields_end > end:
                raise DamagedFit("a definition runs past the end")
            size = sum(data[fields_at + 3 * n + 1] for n in range(count))
            developer, after = 0, fields_end
            if header & 0x20:
                if fields_end >= end:
                    raise DamagedFit("a definition runs past the end")
                developer_count = data[fields_end]
                after = fields_end + 1 + 3 * developer_count
                if after > end:
                    raise DamagedFit("a definition runs past the end")
                developer = sum(data[fields_end + 2 + 3 * n] for n in range(developer_count))
            if after > end:
                raise DamagedFit("a definition runs past the end")
            layouts[local] = (number, size, developer)
            if number == SESSION:
                kept.append(0x40 | local)
                kept += data[position + 1 : fields_end]
            position = after
            continue
        if local not in layouts:
            raise DamagedFit("a message without a definition")
        number, size, developer = layouts[local]
        if position + 1 + size + developer > end:
            raise DamagedFit("a message runs past the end")
        if number == SESSION:
            kept.append(local)
            kept += data[position + 1 : position + 1 + size]
        position += 1 + size + developer
    return kept
