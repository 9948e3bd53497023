import { describe, expect, it } from 'vitest';

import { AspectRollupDeltas } from '../../../src/voice/tagging/aspect-rollups.js';

const S1 = '00000000-0000-7000-8000-000000000001';
const S2 = '00000000-0000-7000-8000-000000000002';

describe('aspect roll-up deltas (supplier, day) → {aspect: [mentions, negative at rating 1..5]}', () => {
  it('counts each tag as a mention, and a NEGATIVE one also under its review rating', () => {
    const deltas = new AspectRollupDeltas();
    deltas.addTags({ supplierId: S1, day: '2026-10-01', rating: 2 }, [
      { key: 'room', polarity: 'NEGATIVE' },
      { key: 'staff', polarity: 'POSITIVE' },
    ]);
    deltas.addTags({ supplierId: S1, day: '2026-10-01', rating: 5 }, [{ key: 'room', polarity: 'NEGATIVE' }]);
    deltas.addTags({ supplierId: S1, day: '2026-10-01', rating: 3 }, [{ key: 'room', polarity: 'NEUTRAL' }]);
    expect(deltas.entries()).toEqual([
      { supplierId: S1, day: '2026-10-01', counts: { room: [3, 0, 1, 0, 0, 1], staff: [1, 0, 0, 0, 0, 0] } },
    ]);
  });

  it('nets a retag out: what cancels is left out, rows in key order', () => {
    const deltas = new AspectRollupDeltas();
    deltas.addTags({ supplierId: S2, day: '2026-10-02', rating: 1 }, [{ key: 'noise', polarity: 'NEGATIVE' }], -1);
    deltas.addTags({ supplierId: S2, day: '2026-10-02', rating: 1 }, [{ key: 'noise', polarity: 'NEGATIVE' }], +1);
    deltas.addTags({ supplierId: S1, day: '2026-10-03', rating: 1 }, [{ key: 'noise', polarity: 'NEGATIVE' }], -1);
    deltas.addTags({ supplierId: S1, day: '2026-10-03', rating: 4 }, [{ key: 'noise', polarity: 'NEGATIVE' }], +1);
    deltas.addTags({ supplierId: S1, day: '2026-10-01', rating: 4 }, [{ key: 'wifi', polarity: 'POSITIVE' }], +1);
    deltas.addTags({ supplierId: S1, day: '2026-10-04', rating: 4 }, [], +1);
    expect(deltas.entries()).toEqual([
      { supplierId: S1, day: '2026-10-01', counts: { wifi: [1, 0, 0, 0, 0, 0] } },
      { supplierId: S1, day: '2026-10-03', counts: { noise: [0, -1, 0, 0, 1, 0] } },
    ]);
  });
});
