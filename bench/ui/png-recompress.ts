/**
 * Lossless PNG size reduction without native tools: Chromium writes its screenshots with fast
 * zlib settings; the same pixels deflated again at level 9 in one IDAT chunk, and without the
 * ancillary chunks a picture in a README does not need, take noticeably less room.
 */
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that change how the pixels look: kept. Everything else ancillary (text, time, pHYs) goes. */
const KEEP = new Set(['IHDR', 'PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT']);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function recompressPng(png: Buffer): Buffer {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const kept: Buffer[] = [];
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(data);
    else if (KEEP.has(type)) kept.push(chunk(type, data));
    at += 12 + length;
  }
  const pixels = zlib.inflateSync(Buffer.concat(idat));
  const packed = zlib.deflateSync(pixels, { level: 9, memLevel: 9, strategy: zlib.constants.Z_FILTERED });
  const smaller = packed.length < Buffer.concat(idat).length ? packed : Buffer.concat(idat);
  return Buffer.concat([SIGNATURE, ...kept, chunk('IDAT', smaller), chunk('IEND', Buffer.alloc(0))]);
}
