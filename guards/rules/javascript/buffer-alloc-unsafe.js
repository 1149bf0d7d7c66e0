function pad(data, size) {
  // ruleid: buffer-alloc-unsafe
  const out = Buffer.allocUnsafe(size);
  data.copy(out);
  return out;
}

function readChunk(fd, length) {
  // ruleid: buffer-alloc-unsafe
  const chunk = Buffer.allocUnsafeSlow(length);
  require("fs").readSync(fd, chunk, 0, length, null);
  return chunk;
}

// ruleid: buffer-alloc-unsafe
const pool = Buffer.allocUnsafe(8192);

function padSafely(data, size) {
  // ok: buffer-alloc-unsafe
  const out = Buffer.alloc(size);
  data.copy(out);
  return out;
}

// ok: buffer-alloc-unsafe
const bytes = Buffer.from([1, 2, 3]);
// ok: buffer-alloc-unsafe
const filled = Buffer.alloc(32, 0xff);

module.exports = { pad, readChunk, pool, padSafely, bytes, filled };
