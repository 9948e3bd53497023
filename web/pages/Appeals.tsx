import { useState } from 'preact/hooks';

import { get, isMissingRoute, type Page, post, query } from '../api';
import { AppealList } from '../components/supplier/Appeals';
import { Empty, PageTitle, Problem, Section, useAction, useLoad, View } from '../components/ui';
import { dateTime } from '../format';
import { href } from '../router';
import type { Appeal, ExclusionProposal } from '../types';

function ProposalItem({ proposal, name, onDecided }: { proposal: ExclusionProposal; name: string; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const decide = useAction(
    (accept: boolean) =>
      post(`/v1/exclusion-proposals/${proposal.id}/${accept ? 'accept' : 'reject'}`, reason || !accept ? { reason } : {}),
    onDecided,
  );
  const id = `proposal-${proposal.id}`;
  return (
    <li>
      <a href={href(`/suppliers/${proposal.supplierId}#reviews`)}>{name}</a>: exclude review {proposal.reviewId.slice(0, 8)}? (proposed{' '}
      {dateTime(proposal.createdAt)})
      <div class="inline-form">
        <label for={id}>Reason</label>
        <input id={id} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        <button type="button" onClick={() => void decide.run(true)} disabled={decide.busy}>
          Accept
        </button>
        <button type="button" class="secondary" onClick={() => void decide.run(false)} disabled={decide.busy}>
          Reject
        </button>
      </div>
      <Problem error={decide.error} />
    </li>
  );
}

/** What waits for a manager's ruling in a category: open appeals, and the tagger's exclusion proposals when the server makes them. */
export function AppealsPage({ category }: { category: string }) {
  const appeals = useLoad(async () => {
    const page = await get<Page<Appeal>>(`/v1/appeals${query({ category, status: 'OPEN', limit: 200 })}`);
    return { items: page.items };
  }, [category]);
  const proposals = useLoad(async () => {
    try {
      const page = await get<Page<ExclusionProposal>>(`/v1/exclusion-proposals${query({ category, status: 'PENDING' })}`);
      return { items: page.items };
    } catch (error) {
      if (isMissingRoute(error)) return null;
      throw error;
    }
  }, [category]);
  return (
    <>
      <PageTitle>Waiting for a ruling: {category}</PageTitle>
      <Section title="Open appeals" id="open-appeals">
        <View loaded={appeals}>{(a) => <AppealList appeals={a.items} named onRuled={appeals.reload} />}</View>
      </Section>
      {proposals.data !== null && (
        <Section title="Exclusion proposals" id="proposals">
          <View loaded={proposals}>
            {(p) =>
              !p || p.items.length === 0 ? (
                <Empty>No proposal waits.</Empty>
              ) : (
                <ul class="plain">
                  {p.items.map((x) => (
                    <ProposalItem key={x.id} proposal={x} name={x.supplierName} onDecided={proposals.reload} />
                  ))}
                </ul>
              )
            }
          </View>
        </Section>
      )}
    </>
  );
}
