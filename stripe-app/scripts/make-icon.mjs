// Draws the app's 300×300 icon (a 3×3 mosaic of tesserae, one of them lit) and writes icon.png.
// Run again after changing the drawing: node scripts/make-icon.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZE = 300;
const BACKGROUND = [0x1f, 0x2a, 0x44];
const TILE = [0x63, 0x5b, 0xff];
const LIT = [0xf5, 0xb9, 0x42];

function colourAt(x, y) {
  const margin = 42, cell = 72, gap = 9;
  const cx = Math.floor((x - margin) / cell), cy = Math.floor((y - margin) / cell);
  if (x < margin || y < margin || cx > 2 || cy > 2) return BACKGROUND;
  const inTile = (x - margin) % cell < cell - gap && (y - margin) % cell < cell - gap;
  if (!inTile) return BACKGROUND;
  return cx === 2 && cy === 0 ? LIT : TILE;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 3); // filter byte 0, then RGB
  for (let x = 0; x < SIZE; x++) row.set(colourAt(x, y), 1 + x * 3);
  rows.push(row);
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(Buffer.concat(rows))),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(new URL("../icon.png", import.meta.url), png);
