// A compact set of seen messageIds for ten-million-event batch runs.
//
// Written by hand: a JS Set<string> of 10M ids costs over 1 GB and V8 caps a Set at 2^24
// entries. Here each id is a 64-bit hash in two Uint32Arrays (open addressing, linear probing):
// 16 bytes a slot at load <= 0.5. Two ids share a hash with probability ~n^2 / 2^65 (about
// 3e-6 for 10M ids), the price of not keeping every id in memory; the service's store keeps
// the ids themselves.

export class MessageIdSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = fmix(h1 ^ id.length);
    // Zero marks an empty slot, so the low word is never zero.
    h2 = fmix(h2) | 1;
    if (this.count * 2 >= this.hi.length) this.grow();
    return this.insert(h1 >>> 0, h2 >>> 0);
  }

  private insert(hi: number, lo: number): boolean {
    const mask = this.hi.length - 1;
    let slot = (hi ^ lo) & mask;
    for (;;) {
      const l = this.lo[slot] as number;
      if (l === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.count++;
        return true;
      }
      if (l === lo && this.hi[slot] === hi) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldHi = this.hi;
    const oldLo = this.lo;
    this.hi = new Uint32Array(oldHi.length * 2);
    this.lo = new Uint32Array(oldLo.length * 2);
    this.count = 0;
    for (let i = 0; i < oldLo.length; i++) {
      const lo = oldLo[i] as number;
      if (lo !== 0) this.insert(oldHi[i] as number, lo);
    }
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
