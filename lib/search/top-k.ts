/**
 * A bounded min-heap of the best `k` (entry, score) pairs, so a query never sorts or keeps
 * more than `limit` candidates. Ties go to the lower entry index (pack order), which keeps
 * results stable however the candidates were found.
 */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(capacity + 1);
    this.scores = new Float64Array(capacity + 1);
  }

  /** A newcomer needs a score above this to get in (-Infinity while there is room). */
  get floor(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0]!;
  }

  push(id: number, score: number): void {
    if (this.size < this.capacity) {
      this.put(this.size, id, score);
      this.up(this.size++);
    } else if (this.capacity > 0) {
      // Slot `capacity` is scratch: compare the newcomer with the root in place.
      this.put(this.capacity, id, score);
      if (!this.worse(0, this.capacity)) return;
      this.put(0, id, score);
      this.down(0);
    }
  }

  /** Entries best first. */
  sorted(): { id: number; score: number }[] {
    const out = Array.from(this.ids.subarray(0, this.size), (id, i) => ({ id, score: this.scores[i]! }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Slot a ranks below slot b. */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }

  private put(i: number, id: number, score: number): void {
    this.ids[i] = id;
    this.scores[i] = score;
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i]!;
    const score = this.scores[i]!;
    this.put(i, this.ids[j]!, this.scores[j]!);
    this.put(j, id, score);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (l + 1 < this.size && this.worse(l + 1, m)) m = l + 1;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
