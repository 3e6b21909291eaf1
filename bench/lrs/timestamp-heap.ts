/** A binary min-heap of items by timestamp (ms), equal times in insertion order. */
export class TimestampHeap<T> {
  private readonly items: { at: number; n: number; item: T }[] = [];
  private count = 0;

  get size(): number {
    return this.items.length;
  }

  peekTime(): number | undefined {
    return this.items[0]?.at;
  }

  push(at: number, item: T): void {
    const items = this.items;
    items.push({ at, n: this.count++, item });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top?.item;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && this.before(items[l]!, items[m]!)) m = l;
      if (r < items.length && this.before(items[r]!, items[m]!)) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
    return top.item;
  }

  private before(a: { at: number; n: number }, b: { at: number; n: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.n < b.n);
  }
}
