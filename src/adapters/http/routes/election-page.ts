import type { Context } from 'koa';
import type { Standing } from '../../../application/voting/voter-standing.js';
import type { Render } from '../views.js';

export interface ElectionPageExtras {
  /** A problem with the passphrase form, shown next to it (wrong passphrase, too many attempts). */
  readonly passphraseError?: string;
}

export function electionCrumbs(election: { key: string; name: string }, ...more: Array<{ label: string; href?: string }>) {
  return [
    { label: 'Dashboard', href: '/app' },
    { label: 'Elections', href: '/app/elections' },
    { label: election.name, href: `/app/elections/${election.key}` },
    ...more,
  ];
}

/** The signed-in election page: the person's standing decides which actions it offers. */
export function renderElectionPage(render: Render, ctx: Context, standing: Standing, extras: ElectionPageExtras = {}, status = 200): void {
  const { election } = standing;
  render(
    ctx,
    'pages/election.njk',
    {
      title: election.name,
      breadcrumbs: electionCrumbs(election),
      s: standing,
      election,
      passphraseError: extras.passphraseError ?? null,
    },
    status,
  );
}
