/** A binary min-heap of (key, node) pairs with lazy deletion, the kernel's copy of server/planner/heap.ts (same order of ties). */
export class MinHeap {
  keys: Float64Array = new Float64Array(4);
  nodes: Int32Array = new Int32Array(4);
  size: i32 = 0;

  /**
   * A heap of the given pairs, built in linear time (Floyd) instead of one push each; it takes the arrays
   * as its storage. The order (key, then node) is total, so pops come out as if pushed one by one.
   */
  static of(keys: Float64Array, nodes: Int32Array, size: i32): MinHeap {
    const h = new MinHeap();
    h.keys = keys;
    h.nodes = nodes;
    h.size = size;
    for (let i = (size >> 1) - 1; i >= 0; i--) h.siftDown(i, keys[i], nodes[i], size);
    return h;
  }

  /** Adds a node with a key; the same node may be present more than once. */
  push(key: f64, node: i32): void {
    if (this.size == this.keys.length) this.grow();
    let i = this.size++;
    const keys = this.keys;
    const nodes = this.nodes;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p];
      const pn = nodes[p];
      // Ties go to the lower node index so that the order of settlement never depends on push order.
      if (pk < key || (pk == key && pn <= node)) break;
      keys[i] = pk;
      nodes[i] = pn;
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Key of the minimum entry (only when size > 0). */
  @inline topKey(): f64 {
    return this.keys[0];
  }

  /** Node of the minimum entry (only when size > 0). */
  @inline topNode(): i32 {
    return this.nodes[0];
  }

  /** Removes the minimum entry and returns its node (only when size > 0). */
  pop(): i32 {
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0];
    const n = --this.size;
    this.siftDown(0, keys[n], nodes[n], n);
    return top;
  }

  /** Replaces the minimum entry by (key, node): one sift instead of a pop and a push (only when size > 0). */
  @inline replaceTop(key: f64, node: i32): void {
    this.siftDown(0, key, node, this.size);
  }

  /** Puts (key, node) at slot i or below, in a heap of n entries. */
  private siftDown(start: i32, key: f64, node: i32, n: i32): void {
    const keys = this.keys;
    const nodes = this.nodes;
    let i = start;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ck = keys[c];
      let cn = nodes[c];
      const r = c + 1;
      if (r < n) {
        const rk = keys[r];
        const rn = nodes[r];
        if (rk < ck || (rk == ck && rn < cn)) {
          c = r;
          ck = rk;
          cn = rn;
        }
      }
      if (key < ck || (key == ck && node <= cn)) break;
      keys[i] = ck;
      nodes[i] = cn;
      i = c;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Empties the heap, keeping its storage. */
  @inline clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
