/**
 * Min-cost flow by successive shortest paths with Johnson potentials (Bellman-Ford once, then
 * Dijkstra). Each augmentation is a cheapest path, so stopping after k units gives the cheapest
 * flow of k units, and running to the end the cheapest among maximum flows. Deterministic: ties
 * go to the lower node index and the earlier edge.
 */
interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

export class MinCostFlow {
  private readonly graph: Edge[][];

  constructor(readonly size: number) {
    this.graph = Array.from({ length: size }, () => []);
  }

  /** Adds an edge; returns a handle to read its flow afterwards. */
  addEdge(from: number, to: number, cap: number, cost: number): { from: number; index: number } {
    this.graph[from].push({ to, cap, cost, rev: this.graph[to].length });
    this.graph[to].push({ to: from, cap: 0, cost: -cost, rev: this.graph[from].length - 1 });
    return { from, index: this.graph[from].length - 1 };
  }

  flowOn(handle: { from: number; index: number }): number {
    const edge = this.graph[handle.from][handle.index];
    return this.graph[edge.to][edge.rev].cap;
  }

  /** Sends up to `limit` units from source to sink, one cheapest path at a time. */
  run(source: number, sink: number, limit = Infinity): { flow: number; cost: number } {
    const n = this.size;
    const potential = new Array<number>(n).fill(0);
    // Bellman-Ford for the initial potentials (edges may cost less than zero).
    const dist0 = new Array<number>(n).fill(Infinity);
    dist0[source] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist0[u] === Infinity) continue;
        for (const e of this.graph[u]) {
          if (e.cap > 0 && dist0[u] + e.cost < dist0[e.to]) {
            dist0[e.to] = dist0[u] + e.cost;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    for (let i = 0; i < n; i++) potential[i] = dist0[i] === Infinity ? 0 : dist0[i];

    let flow = 0;
    let cost = 0;
    const dist = new Array<number>(n);
    const prevNode = new Array<number>(n);
    const prevEdge = new Array<number>(n);
    while (flow < limit) {
      dist.fill(Infinity);
      prevNode.fill(-1);
      dist[source] = 0;
      const heap = new MinHeap();
      heap.push(0, source);
      while (heap.size > 0) {
        const [d, u] = heap.pop();
        if (d > dist[u]) continue;
        this.graph[u].forEach((e, i) => {
          if (e.cap <= 0) return;
          const nd = d + e.cost + potential[u] - potential[e.to];
          if (nd < dist[e.to] - 1e-9) {
            dist[e.to] = nd;
            prevNode[e.to] = u;
            prevEdge[e.to] = i;
            heap.push(nd, e.to);
          }
        });
      }
      if (dist[sink] === Infinity) break;
      for (let i = 0; i < n; i++) if (dist[i] !== Infinity) potential[i] += dist[i];
      let push = limit - flow;
      for (let v = sink; v !== source; v = prevNode[v]) push = Math.min(push, this.graph[prevNode[v]][prevEdge[v]].cap);
      for (let v = sink; v !== source; v = prevNode[v]) {
        const e = this.graph[prevNode[v]][prevEdge[v]];
        e.cap -= push;
        this.graph[v][e.rev].cap += push;
        cost += push * e.cost;
      }
      flow += push;
    }
    return { flow, cost };
  }
}

/** A binary heap of [priority, node], ties by node index. */
class MinHeap {
  private readonly items: Array<[number, number]> = [];

  get size(): number {
    return this.items.length;
  }

  push(priority: number, node: number): void {
    const items = this.items;
    items.push([priority, node]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): [number, number] {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && less(items[l], items[smallest])) smallest = l;
        if (r < items.length && less(items[r], items[smallest])) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function less(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}
