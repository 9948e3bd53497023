import { date, pct } from '../format';
import { href } from '../router';
import type { Supplier } from '../types';
import { Badge, Empty } from './ui';

export function SupplierTable({ suppliers, caption }: { suppliers: Supplier[]; caption: string }) {
  if (suppliers.length === 0) return <Empty>No supplier.</Empty>;
  const nextRun = suppliers.some((s) => s.wouldDecide !== undefined);
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Tier</th>
            <th scope="col" class="num">
              Rate
            </th>
            {nextRun && <th scope="col">Next run would</th>}
            <th scope="col">Probation ends</th>
            <th scope="col">Hold until</th>
            <th scope="col">City</th>
          </tr>
        </thead>
        <tbody>
          {suppliers.map((s) => (
            <tr key={s.id}>
              <td data-label="Name">
                <a href={href(`/suppliers/${s.id}`)}>{s.name}</a> <span class="muted">{s.externalRef}</span>
              </td>
              <td data-label="Status">
                <Badge value={s.status} />
              </td>
              <td data-label="Tier">
                <Badge value={s.tier} />
              </td>
              <td data-label="Rate" class="num">
                {s.rate === undefined ? '—' : pct(s.rate)}
              </td>
              {nextRun && <td data-label="Next run would">{s.wouldDecide ? <Badge value={s.wouldDecide} /> : '—'}</td>}
              <td data-label="Probation ends">{date(s.probationEndsAt)}</td>
              <td data-label="Hold until">{date(s.holdUntil)}</td>
              <td data-label="City">{s.city ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
