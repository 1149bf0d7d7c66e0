function parseHeader(buf, offset) {
  return {
    // ruleid: buffer-noassert
    port: buf.readUInt16BE(offset + 2, true),
    // ruleid: buffer-noassert
    len: buf.readUInt32LE(offset + 4, true),
  };
}

function writeFrame(buf, value, offset) {
  // ruleid: buffer-noassert
  buf.writeInt32BE(value, offset, true);
  // ruleid: buffer-noassert
  buf.writeDoubleLE(value / 2, offset + 4, true);
}

function parseHeaderSafely(buf, offset) {
  if (offset + 8 > buf.length) throw new RangeError("truncated header");
  // ok: buffer-noassert
  const port = buf.readUInt16BE(offset + 2);
  // ok: buffer-noassert
  const len = buf.readUInt32LE(offset + 4);
  return { port, len };
}

function toggle(map, key) {
  // ok: buffer-noassert
  map.set(key, true);
  // ok: buffer-noassert
  return stream.read(16, true);
}

module.exports = { parseHeader, writeFrame, parseHeaderSafely, toggle };
